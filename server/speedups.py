"""Rasa server speed-ups found by profiling (bench/profile_latency.sh, bench/README.md).

1. Rasa 3.6 checks every action-server response with ``jsonschema.validate(result, spec)``,
   which re-checks the *schema* against its meta-schema on every call: a third of the
   server's CPU per reply. Here the validator is built once; responses are checked exactly
   as before and an invalid one raises the same ValidationError.
2. ``EndpointConfig.request`` opens a new aiohttp ClientSession (connection pool, TCP
   connect) for every action call: 12 % of the CPU per reply. Here each endpoint keeps one
   session per event loop, so action calls reuse keep-alive connections. Per-call timeouts
   are passed with each request, as before.
3. The SQLite tracker store commits every turn with a full fsync in rollback-journal mode
   (18 % of the CPU per reply). SQLite connections get WAL mode with synchronous=NORMAL:
   still consistent after a crash of the process, far cheaper per commit. And SQLAlchemy
   opens and closes a new SQLite connection for every session (NullPool; 8 % of the CPU
   per reply): the tracker store keeps one per thread instead (Rasa uses it from the
   event-loop thread). PostgreSQL (production) is not touched.
4. ``Event.resolve_by_type`` walks every subclass of Event (with an ``inspect.isabstract``
   check each) to find the class of one stored or returned event: 14 % of the CPU at turn
   100 when reading a tracker. Here the class is looked up once per event type name.
5. The model's graph has two SpacyNLP nodes (one provides the language model, one runs
   it) and each loads the spaCy pipeline from disk at start-up, though the second uses
   the first one's. Here a pipeline is loaded once per name and shared (spaCy pipelines
   are used read-only to process messages).

``install()`` also installs the patches that make a turn cost the same at turn 1 and turn
100 (server/bounded_history.py, server/tracker_cache.py, server/action_payload.py) and the
one that answers a message retried by the load balancer once (server/idempotency.py).
"""
from __future__ import annotations

import asyncio
import functools
import sqlite3
from typing import Any, Dict, Text, Tuple

import aiohttp

from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core import tracker_store as rasa_tracker_store
from rasa.core.actions import action as rasa_action
from rasa.shared.core import events as rasa_events
from rasa.utils import endpoints as rasa_endpoints
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import SingletonThreadPool

from server import patching

PINS = {
    "rasa.shared.core.events.Event.resolve_by_type": "ffabe9999fc8f7f3",
    "rasa.core.actions.action.RemoteAction._validate_action_result": "24da0f6bdeb2d44f",
    "rasa.utils.endpoints.EndpointConfig.session": "f6136492eac7ede3",
    "rasa.nlu.utils.spacy_utils.SpacyNLP.load_model": "ade2f8f9e50ded87",
    "rasa.nlu.utils.spacy_utils.SpacyNLP.create": "12ff99a615d0764a",
    "rasa.core.tracker_store.create_engine_kwargs": "64e9eb72f600b7f3",
}


@functools.lru_cache(maxsize=1)
def _validator():
    spec = rasa_action.RemoteAction.action_response_format_spec()
    cls = validator_for(spec)
    cls.check_schema(spec)
    return cls(spec)


def _validate_action_result(self, result: Dict[Text, Any]) -> bool:
    try:
        _validator().validate(result)
        return True
    except ValidationError as error:
        error.message += (". Failed to validate Action server response from API, make sure your "
                          "response from the Action endpoint is valid.")
        raise


class _SharedSession:
    """`async with` over a long-lived ClientSession that leaves it open on exit."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self._session

    async def __aexit__(self, *exc_info: Any) -> None:
        return None


_sessions: Dict[Tuple[int, str], aiohttp.ClientSession] = {}
_new_session = rasa_endpoints.EndpointConfig.session


def _shared_session(self) -> _SharedSession:  # type: ignore[no-untyped-def]
    key = (id(asyncio.get_running_loop()), repr((self.url, self.headers, self.basic_auth)))
    session = _sessions.get(key)
    if session is None or session.closed:
        session = _sessions[key] = _new_session(self)
    return _SharedSession(session)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


_engine_kwargs = rasa_tracker_store.create_engine_kwargs


def _pooled_sqlite_engine_kwargs(url: Any) -> Dict[str, Any]:
    if str(url).startswith("sqlite"):
        return {"poolclass": SingletonThreadPool}
    return _engine_kwargs(url)


_resolve_by_type = rasa_events.Event.resolve_by_type
_event_classes: Dict[str, type] = {}


def _cached_resolve_by_type(type_name: str, default: Any = None) -> Any:
    cls = _event_classes.get(type_name)
    if cls is None:
        cls = _resolve_by_type(type_name, default)
        if cls is not None and cls is not default:
            _event_classes[type_name] = cls
    return cls


_spacy_models: Dict[str, Any] = {}


def _load_spacy_once(spacy_model_name: str) -> Any:
    model = _spacy_models.get(spacy_model_name)
    if model is None:
        model = _spacy_models[spacy_model_name] = _load_spacy(spacy_model_name)
    return model


_load_spacy = None  # type: ignore[assignment]


def install() -> None:
    from server import action_payload, bounded_history, idempotency, tracker_cache

    if patching.unchanged("the event class lookup (server/speedups.py)",
                          {k: v for k, v in PINS.items() if "resolve_by_type" in k}):
        rasa_events.Event.resolve_by_type = staticmethod(_cached_resolve_by_type)  # type: ignore[assignment]
    from rasa.nlu.utils.spacy_utils import SpacyNLP

    global _load_spacy
    if _load_spacy is None and patching.unchanged("one spaCy load (server/speedups.py)", PINS):
        _load_spacy = SpacyNLP.load_model
        SpacyNLP.load_model = staticmethod(_load_spacy_once)  # type: ignore[assignment]
    bounded_history.install()
    tracker_cache.install()
    action_payload.install()
    idempotency.install()
    rasa_action.RemoteAction._validate_action_result = _validate_action_result
    rasa_endpoints.EndpointConfig.session = _shared_session
    rasa_tracker_store.create_engine_kwargs = _pooled_sqlite_engine_kwargs
    if not event.contains(Engine, "connect", _sqlite_pragmas):
        event.listen(Engine, "connect", _sqlite_pragmas)
