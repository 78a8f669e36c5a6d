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
   are used read-only to process messages). Our Dutch pipeline's tokenizer is spaCy's own,
   which its config.cfg builds at load; the saved copy is not read again (1.4 s).
6. Every graph run (the NLU pipeline, each policy prediction: three or four per turn) went
   through dask's scheduler and recomputed the minimal sub-graph for its targets. Here the
   nodes run in dependency order from a plan made once per set of targets, with the same
   node objects, inputs and results.
7. Rasa deep-copies events, parse data and policy states for its debug log lines
   (``structlogger.debug(..., x=copy.deepcopy(x))``) also when debug logging is off. In
   the modules where every ``copy.deepcopy`` is such a log argument, it copies only when
   debug logging is on.

10. ``SQLTrackerStore.save`` adds each new event as an ORM object and lets the session's
   unit of work flush them one by one: 9 % of the CPU per reply for the 5-8 events of a
   turn. Here the same rows (same columns, same JSON) go into the events table with one
   INSERT executed for all of them (its SQL compiled once, the rows handed to the
   database driver as they are), and the same commit.

11. ``RulePolicy._get_possible_keys`` filters every rule against the conversation's states,
   state by state, twice per turn (after the message, after the answer): 6 % of the CPU per
   reply. The result depends only on the rules and the states, so it is kept per policy for
   the states seen (LRU, 4,096 entries; the model's rules do not change while it serves).

12. spaCy builds the lemmatizer's lookup table (213,000 Dutch words) one ``Table.__setitem__``
   call at a time, each hashing an already hashed key and adding it to the Bloom filter
   from Python: 1.3 s of every start and of training. Here the same table (same items in
   the same order, the same Bloom filter) is filled with one loop over C-level calls
   (~0.05 s).

``install()`` (called when Rasa loads server/channels.py) applies all of them, unless
``SERVER_PATCHES=0`` (none: Rasa's own behaviour, or to rule the patches out when hunting a
problem) or ``SERVER_PATCHES=main`` (items 1-3 only, as before the per-turn work). It also installs the patches that make a turn cost the same at turn 1 and turn
100 (server/bounded_history.py, server/tracker_cache.py, server/action_payload.py) and the
one that answers a message retried by the load balancer once (server/idempotency.py).
8. scikit-learn multiplies a message's sparse features with ``coef_.T`` of the intent
   regression; with ``coef_`` in C order that transpose is copied for every message (all
   of it: features x intents) before the product: 7 % of the CPU per reply. The weights are
   put in Fortran order once, so the transpose is used in place (same numbers).
9. The action-server response is checked against Rasa's event schema, a ``oneOf`` over 23
   event types tried one by one for every event. Each event type's sub-schema requires
   its own ``event`` name, so an event can only match the one for its name: valid
   responses are checked against that one only; anything else goes to the full check,
   which raises exactly Rasa's error.
"""
from __future__ import annotations

import asyncio
import collections
import contextlib
import copy as copy_module
import functools
import importlib
import json
import logging
import sqlite3
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Text, Tuple

import aiohttp

from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core import tracker_store as rasa_tracker_store
from rasa.core.actions import action as rasa_action
from rasa.shared.core import events as rasa_events
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from rasa.utils import endpoints as rasa_endpoints
import sqlalchemy
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import SingletonThreadPool

from server import SPACY_DEFAULT_TOKENIZER, patching

PINS = {
    "rasa.nlu.classifiers.logistic_regression_classifier.LogisticRegressionClassifier.process": "74506e2f2b48506c",
    "rasa.shared.utils.schemas.events": "b7898d66fc1a53bf",
    "rasa.engine.runner.dask.DaskGraphRunner.run": "ce0438b9b8e79330",
    "rasa.engine.runner.dask.DaskGraphRunner._build_dask_graph": "0035c0b37188c4b1",
    "rasa.engine.runner.dask.DaskGraphRunner._add_inputs_to_graph": "b07006aa1a09bb5b",
    "rasa.engine.graph.GraphNode.__call__": "89e0bd700fc331a5",
    "rasa.core.processor": "f42dfbf26e2ffcb6",
    "rasa.core.policies.rule_policy": "952d1a13906511ac",
    "rasa.core.policies.memoization": "e4519f1a04ecdcce",
    "rasa.core.actions.forms": "7cb6c30550116597",
    "rasa.shared.core.events.Event.resolve_by_type": "ffabe9999fc8f7f3",
    "rasa.core.actions.action.RemoteAction._validate_action_result": "24da0f6bdeb2d44f",
    "rasa.utils.endpoints.EndpointConfig.session": "f6136492eac7ede3",
    "rasa.nlu.utils.spacy_utils.SpacyNLP.load_model": "ade2f8f9e50ded87",
    "rasa.nlu.utils.spacy_utils.SpacyNLP.create": "12ff99a615d0764a",
    "rasa.core.tracker_store.create_engine_kwargs": "64e9eb72f600b7f3",
    "rasa.core.tracker_store.SQLTrackerStore.save": "ded301e08f4c708e",
    "rasa.core.policies.rule_policy.RulePolicy._get_possible_keys": "ae2257980a444fb0",
    "spacy.lookups.Table.__init__": "1b65abf85b9b44ad",
    "spacy.lookups.Table.__setitem__": "d5e4900afb6758f6",
}


@functools.lru_cache(maxsize=1)
def _validator():
    spec = rasa_action.RemoteAction.action_response_format_spec()
    cls = validator_for(spec)
    cls.check_schema(spec)
    return cls(spec)


@functools.lru_cache(maxsize=1)
def _fast_validators() -> Tuple[Any, Dict[str, Any]]:
    """(validator of the response without its events, {event name: validator of one event
    of that type}), or None when the schema is not as expected (then: the full check)."""
    spec = rasa_action.RemoteAction.action_response_format_spec()
    events = spec["properties"]["events"]
    event = events.get("items") or {}
    options = event.get("oneOf") or []
    by_name: Dict[str, Any] = {}
    for option in options:
        const = ((option.get("properties") or {}).get("event") or {}).get("const")
        if not isinstance(const, str) or const in by_name:
            return None, {}  # the dispatch on the event name would not be exact
        single = {k: v for k, v in event.items() if k != "oneOf"}
        single = {"allOf": [single, option]}
        by_name[const] = validator_for(single)(single)
    rest = dict(spec, properties={k: v for k, v in spec["properties"].items() if k != "events"})
    return validator_for(rest)(rest), by_name


def _quickly_valid(result: Any) -> bool:
    top, by_name = _fast_validators()
    if top is None or not isinstance(result, dict) or not top.is_valid(result):
        return False
    events = result.get("events", [])
    if not isinstance(events, list):
        return False
    for event in events:
        if not isinstance(event, dict):
            return False
        check = by_name.get(event.get("event"))  # type: ignore[arg-type]
        if check is None or not check.is_valid(event):
            return False
    return True


def _validate_action_result(self, result: Dict[Text, Any]) -> bool:
    return _quickly_valid(result) or _validate_action_result_full(self, result)


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
        with _default_tokenizer_not_read(spacy_model_name):
            model = _spacy_models[spacy_model_name] = _load_spacy(spacy_model_name)
    return model


@contextlib.contextmanager
def _default_tokenizer_not_read(spacy_model_name: str) -> Iterator[None]:
    """For a pipeline whose meta.json says its tokenizer is spaCy's default for the language
    (scripts/build_spacy_nl.py), `spacy.load` skips the saved copy: config.cfg has already
    built the same tokenizer, and reading the copy rebuilds all its special cases again."""
    import spacy

    meta = Path(spacy_model_name) / "meta.json"
    try:
        default = json.loads(meta.read_text(encoding="utf-8")).get(SPACY_DEFAULT_TOKENIZER) is True
    except (OSError, ValueError):
        default = False
    if not default:
        yield
        return
    load = spacy.load
    spacy.load = functools.partial(load, exclude=["tokenizer"])  # type: ignore[assignment]
    try:
        yield
    finally:
        spacy.load = load  # type: ignore[assignment]


_load_spacy = None  # type: ignore[assignment]


# --- 6. graph runs without dask's scheduler --------------------------------------------------
def _plan(runner: Any, targets: Tuple[str, ...]) -> List[Tuple[str, Tuple[str, ...]]]:
    """(node, the keys it needs) for the targets' minimal graph, dependencies first."""
    plans = runner.__dict__.setdefault("_kpn_plans", {})
    plan = plans.get(targets)
    if plan is None:
        schema = runner._graph_schema.minimal_graph_schema(list(targets))
        order: List[Tuple[str, Tuple[str, ...]]] = []
        seen: set = set()

        def visit(name: str) -> None:
            if name in seen or name not in schema.nodes:
                return
            seen.add(name)
            needs = tuple(schema.nodes[name].needs.values())
            for dependency in needs:
                visit(dependency)
            order.append((name, needs))

        for target in targets:
            visit(target)
        plan = plans[targets] = order
    return plan


def _run_graph(self: Any, inputs: Optional[Dict[str, Any]] = None,
               targets: Optional[List[str]] = None) -> Dict[str, Any]:
    """DaskGraphRunner.run: the same nodes in dependency order, without dask.get."""
    from rasa.engine.exceptions import GraphRunError

    run_targets = tuple(targets if targets else self._graph_schema.target_names)
    plan = _plan(self, run_targets)
    values: Dict[str, Any] = {}
    for input_name, input_value in (inputs or {}).items():
        if isinstance(input_value, str) and any(input_value == name for name, _ in plan):
            raise GraphRunError(
                f"Input value '{input_value}' clashes with a node name. Make sure "
                f"that none of the input names passed to the `run` method are the "
                f"same as node names in the graph schema.")
        values[input_name] = (input_name, input_value)
    try:
        for name, needs in plan:
            # As in a dask graph, a needed key that is no node or input is passed as is.
            values[name] = self._instantiated_nodes[name](*(values.get(k, k) for k in needs))
        return dict(values[target] for target in run_targets)  # {node: output}, as dask's
    except RuntimeError as e:
        raise GraphRunError("Error running runner.") from e


# --- 8. the intent regression's weights in the order the product reads them -----------------
def _fortran_weights(clf: Any) -> None:
    estimator = clf.steps[-1][1] if hasattr(clf, "steps") else clf
    coef = getattr(estimator, "coef_", None)
    if coef is not None and getattr(coef, "ndim", 0) == 2 and not coef.flags.f_contiguous:
        import numpy as np

        estimator.coef_ = np.asfortranarray(coef)


_lr_process = None


def _lr_process_fortran(self: Any, messages: Any) -> Any:
    _fortran_weights(self.clf)
    return _lr_process(self, messages)  # type: ignore[misc]


# --- 10. a turn's events stored with one INSERT ------------------------------------------------
EVENT_COLUMNS = ("sender_id", "type_name", "timestamp", "intent_name", "action_name", "data")
_insert_sqls: Dict[Tuple[int, str], Tuple[str, Optional[Tuple[str, ...]]]] = {}


def _insert_sql(table: Any, dialect: Any) -> Tuple[str, Optional[Tuple[str, ...]]]:
    """The events INSERT in the database's own SQL, compiled once per table and dialect
    (building it for every save was a third of the save), and the column order of its
    parameters when the driver takes them by position (SQLite) instead of by name."""
    key = (id(table), dialect.name)
    found = _insert_sqls.get(key)
    if found is None:
        statement = table.insert().values({c: sqlalchemy.bindparam(c) for c in EVENT_COLUMNS})
        compiled = statement.compile(dialect=dialect)
        found = _insert_sqls[key] = (str(compiled), tuple(compiled.positiontup) if compiled.positional else None)
    return found


async def _save_with_one_insert(self: Any, tracker: Any) -> None:
    """SQLTrackerStore.save, the rows inserted at once instead of one ORM object each."""
    await self.stream_events(tracker)
    with self.session_scope() as session:
        rows = []
        for stored_event in self._additional_events(session, tracker):
            data = stored_event.as_dict()
            rows.append({"sender_id": tracker.sender_id, "type_name": stored_event.type_name,
                         "timestamp": data.get("timestamp"),
                         "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                         "action_name": data.get("name"), "data": json.dumps(data)})
        if rows:
            connection = session.connection()
            sql, order = _insert_sql(self.SQLEvent.__table__, connection.dialect)
            connection.exec_driver_sql(sql, [tuple(row[c] for c in order) for row in rows] if order else rows)
        session.commit()
    logging.getLogger(rasa_tracker_store.__name__).debug(
        f"Tracker with sender_id '{tracker.sender_id}' stored to database")


# --- 11. rule keys per conversation state ---------------------------------------------------------
POSSIBLE_KEYS_CACHE = 4096
_get_possible_keys = None


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((key, _frozen(item)) for key, item in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(item) for item in value)
    return value


def _cached_possible_keys(self: Any, lookup: Dict[Text, Text], states: List[Any]) -> Any:
    """RulePolicy._get_possible_keys, remembered per (rule table, states)."""
    cache = self.__dict__.get("_kpn_possible_keys")
    if cache is None:
        cache = self.__dict__["_kpn_possible_keys"] = collections.OrderedDict()
    key = (id(lookup), len(lookup), _frozen(states))
    found = cache.get(key)
    if found is None:
        found = frozenset(_get_possible_keys(self, lookup, states))  # type: ignore[misc]
        cache[key] = found
        if len(cache) > POSSIBLE_KEYS_CACHE:
            cache.popitem(last=False)
    else:
        cache.move_to_end(key)
    return set(found)  # a set of its own, as Rasa's returns


# --- 7. deep copies for debug log lines ---------------------------------------------------------
class _LogCopy:
    """Stands in for the `copy` module where deepcopy only feeds debug log lines."""

    copy = staticmethod(copy_module.copy)

    @staticmethod
    def deepcopy(x: Any, memo: Any = None) -> Any:
        if logging.getLogger().isEnabledFor(logging.DEBUG):
            return copy_module.deepcopy(x, memo)
        return x


LOG_COPY_MODULES = ("rasa.core.processor", "rasa.core.policies.rule_policy",
                    "rasa.core.policies.memoization", "rasa.core.actions.forms")


def _validate_action_result_full(self, result: Dict[Text, Any]) -> bool:
    """Item 1 alone: the cached validator, without the quick path of item 9."""
    try:
        _validator().validate(result)
        return True
    except ValidationError as error:
        error.message += (". Failed to validate Action server response from API, make sure your "
                          "response from the Action endpoint is valid.")
        raise


# --- 12. a lookup table filled at C speed -----------------------------------------------------
_table_init = None


def _filled_table_init(self: Any, name: Optional[str] = None, data: Optional[dict] = None) -> None:
    """spacy.lookups.Table.__init__: the same table, without a Python call per item."""
    from collections import OrderedDict

    from spacy.strings import get_string_id

    # name, default size, and a Bloom filter sized for the data as spaCy sizes it (an empty
    # dict: no items added one by one, and no filter for a million first)
    _table_init(self, name=name, data={} if data else data)  # type: ignore[misc]
    if data:
        from preshed.bloom import BloomFilter

        self.bloom = BloomFilter.from_error_rate(max(len(data), 1))
        keys = [key if isinstance(key, int) else get_string_id(key) for key in data]
        setitem, add = OrderedDict.__setitem__, self.bloom.add
        for key, value in zip(keys, data.values()):
            setitem(self, key, value)
            add(key)


def install_spacy_loader() -> None:
    """Items 5 and 12 (also used by `rasa train`, server/training_speedups.py)."""
    from rasa.nlu.utils.spacy_utils import SpacyNLP
    from spacy.lookups import Table

    global _load_spacy, _table_init
    if _load_spacy is None and patching.unchanged("one spaCy load (server/speedups.py)", PINS):
        _load_spacy = SpacyNLP.load_model
        SpacyNLP.load_model = staticmethod(_load_spacy_once)  # type: ignore[assignment]
        _table_init = Table.__init__
        Table.__init__ = _filled_table_init  # type: ignore[assignment]


def install() -> None:
    """All patches; SERVER_PATCHES=0: none, SERVER_PATCHES=main: only items 1-3 (what the
    project had before the per-turn work; for before/after measurements)."""
    import os

    level = os.environ.get("SERVER_PATCHES", "1")
    if level == "0":
        logging.getLogger(__name__).info("SERVER_PATCHES=0: Rasa runs without server/'s patches")
        return
    rasa_endpoints.EndpointConfig.session = _shared_session
    rasa_tracker_store.create_engine_kwargs = _pooled_sqlite_engine_kwargs
    if patching.unchanged("one INSERT per save (server/speedups.py)",
                          {k: v for k, v in PINS.items() if k.endswith("SQLTrackerStore.save")}):
        rasa_tracker_store.SQLTrackerStore.save = _save_with_one_insert  # type: ignore[assignment]
    if not event.contains(Engine, "connect", _sqlite_pragmas):
        event.listen(Engine, "connect", _sqlite_pragmas)
    if level == "main":
        rasa_action.RemoteAction._validate_action_result = _validate_action_result_full
        return
    rasa_action.RemoteAction._validate_action_result = _validate_action_result
    from server import action_payload, bounded_history, idempotency, tracker_cache

    if patching.unchanged("the event class lookup (server/speedups.py)",
                          {k: v for k, v in PINS.items() if "resolve_by_type" in k}):
        rasa_events.Event.resolve_by_type = staticmethod(_cached_resolve_by_type)  # type: ignore[assignment]
    install_spacy_loader()
    if patching.unchanged("graph runs without dask (server/speedups.py)", PINS):
        from rasa.engine.runner.dask import DaskGraphRunner

        DaskGraphRunner.run = _run_graph  # type: ignore[assignment]
        from rasa.nlu.classifiers.logistic_regression_classifier import (
            LogisticRegressionClassifier,
        )

        global _lr_process
        if _lr_process is None:
            _lr_process = LogisticRegressionClassifier.process
            LogisticRegressionClassifier.process = _lr_process_fortran  # type: ignore
        global _get_possible_keys
        from rasa.core.policies.rule_policy import RulePolicy

        if _get_possible_keys is None:
            _get_possible_keys = RulePolicy._get_possible_keys
            RulePolicy._get_possible_keys = _cached_possible_keys  # type: ignore[assignment]
        for name in LOG_COPY_MODULES:
            importlib.import_module(name).copy = _LogCopy  # type: ignore[attr-defined]
    bounded_history.install()
    tracker_cache.install()
    action_payload.install()
    idempotency.install()
