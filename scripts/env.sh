# Local defaults for every setting the project reads from the environment.
# Sourced by the Makefile's recipes; any variable already set wins.
project_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export RASA_PORT="${RASA_PORT:-5005}"
export ACTION_PORT="${ACTION_PORT:-5055}"
export WEB_PORT="${WEB_PORT:-8080}"
export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://localhost:${ACTION_PORT}/webhook}"
export TRACKER_DB_DIALECT="${TRACKER_DB_DIALECT:-sqlite}"
export TRACKER_DB_URL="${TRACKER_DB_URL:-sqlite:///${project_dir}/run/tracker.db}"
export TRACKER_DB_NAME="${TRACKER_DB_NAME:-rasa}"
export LOCK_STORE_TYPE="${LOCK_STORE_TYPE:-in_memory}"
export LOCK_STORE_URL="${LOCK_STORE_URL:-localhost}"
export LOCK_STORE_PORT="${LOCK_STORE_PORT:-6379}"
export LOCK_STORE_DB="${LOCK_STORE_DB:-1}"
export LOCK_STORE_PASSWORD="${LOCK_STORE_PASSWORD:-}"
# Production settings (docs/production.md). RASA_API_TOKEN has no default: when it is
# unset Rasa's HTTP API stays closed. Never commit a real token or password.
export ACTION_TIMEOUT_SECONDS="${ACTION_TIMEOUT_SECONDS:-5}"
export MAX_MESSAGE_CHARS="${MAX_MESSAGE_CHARS:-2000}"
# Personal data (docs/production.md): user messages are stored redacted; `make purge`
# deletes conversations idle for RETENTION_DAYS.
export REDACT_STORED_MESSAGES="${REDACT_STORED_MESSAGES:-1}"
export RETENTION_DAYS="${RETENTION_DAYS:-90}"
export RASA_CORS_ORIGINS="${RASA_CORS_ORIGINS:-http://localhost:${WEB_PORT} http://127.0.0.1:${WEB_PORT}}"
# Speed and fairness (docs/production.md "Running at scale"): trackers kept per Rasa
# process, events sent to the action server, message limits per conversation and client
# address, the proxies whose X-Forwarded-For counts (run-scaled sets 127.0.0.1).
export TRACKER_CACHE_CONVERSATIONS="${TRACKER_CACHE_CONVERSATIONS:-1000}"
export ACTION_EVENT_TURNS="${ACTION_EVENT_TURNS:-2}"
export ACTION_EVENTS_MAX="${ACTION_EVENTS_MAX:-100}"
export RATE_LIMIT_ENABLED="${RATE_LIMIT_ENABLED:-1}"
export RATE_LIMIT_CONVERSATION_BURST="${RATE_LIMIT_CONVERSATION_BURST:-20}"
export RATE_LIMIT_CONVERSATION_PER_MINUTE="${RATE_LIMIT_CONVERSATION_PER_MINUTE:-30}"
export RATE_LIMIT_ADDRESS_BURST="${RATE_LIMIT_ADDRESS_BURST:-20}"
export RATE_LIMIT_ADDRESS_PER_MINUTE="${RATE_LIMIT_ADDRESS_PER_MINUTE:-60}"
export RATE_LIMIT_DELAY_SECONDS="${RATE_LIMIT_DELAY_SECONDS:-1}"
export RATE_LIMIT_ADDRESS_CONCURRENCY="${RATE_LIMIT_ADDRESS_CONCURRENCY:-2}"
export RATE_LIMIT_EXEMPT="${RATE_LIMIT_EXEMPT:-}"
# Local clients share one address: only their conversations are limited (server/rate_limit.py).
export RATE_LIMIT_ADDRESS_EXEMPT="${RATE_LIMIT_ADDRESS_EXEMPT-127.0.0.1 ::1}"
export TRUSTED_PROXIES="${TRUSTED_PROXIES:-}"
# Keep TensorFlow quiet and off the (absent) GPU; no telemetry from a support bot.
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
export CUDA_VISIBLE_DEVICES="${CUDA_VISIBLE_DEVICES:-}"
export RASA_TELEMETRY_ENABLED=false
export SQLALCHEMY_SILENCE_UBER_WARNING=1
# Log level of both servers (server/cli.py passes it to the action server too); at WARNING
# Rasa also drops its progress bars. Third-party warnings are filtered in server/cli.py.
export LOG_LEVEL="${LOG_LEVEL:-INFO}"
mkdir -p "${project_dir}/run"
