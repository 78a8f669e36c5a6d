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
# Keep TensorFlow quiet and off the (absent) GPU; no telemetry from a support bot.
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
export CUDA_VISIBLE_DEVICES="${CUDA_VISIBLE_DEVICES:-}"
export RASA_TELEMETRY_ENABLED=false
export SQLALCHEMY_SILENCE_UBER_WARNING=1
# Log level of both servers (server/cli.py passes it to the action server too); at WARNING
# Rasa also drops its progress bars. Third-party warnings are filtered in server/cli.py.
export LOG_LEVEL="${LOG_LEVEL:-INFO}"
mkdir -p "${project_dir}/run"
