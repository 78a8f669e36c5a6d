"""Intent groups the answers need; defined once in server.understanding.intents (NLU decides)."""
from server.understanding.intents import COUNTRY_AWARE, FALLBACK, FOLLOW_UP, SMALL_TALK, TOPIC_INTENTS  # noqa: F401
