"""The cached action-response validator accepts and rejects exactly what Rasa's does."""
import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from server import speedups

speedups.install()


@pytest.mark.parametrize("response", [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "country", "value": "Japan"}], "responses": [{"text": "hoi"}]},
])
def test_valid_responses_pass(response):
    assert RemoteAction("action_answer", None)._validate_action_result(response)


@pytest.mark.parametrize("response", [
    {"events": "geen lijst"},
    {"events": [{"event": "slot"}], "responses": []},  # an event without its required fields
])
def test_invalid_responses_raise(response):
    with pytest.raises(ValidationError):
        RemoteAction("action_answer", None)._validate_action_result(response)


def test_action_calls_reuse_one_connection(tmp_path):
    """Two requests to the same endpoint go over one kept-alive connection and both answer."""
    import asyncio

    from aiohttp import web
    from rasa.utils.endpoints import EndpointConfig

    peers = []

    async def webhook(request):
        peers.append(request.transport.get_extra_info("peername"))
        return web.json_response({"events": [], "responses": []})

    async def scenario():
        app = web.Application()
        app.router.add_post("/webhook", webhook)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
        try:
            first = await endpoint.request(json={"n": 1}, method="post")
            second = await endpoint.request(json={"n": 2}, method="post")
        finally:
            await runner.cleanup()
        return first, second

    first, second = asyncio.run(scenario())
    assert first == second == {"events": [], "responses": []}
    assert len(peers) == 2 and peers[0] == peers[1]  # same client socket: the session was kept


def test_sqlite_tracker_store_uses_wal(tmp_path):
    import sqlite3

    from rasa.core.tracker_store import SQLTrackerStore

    db = tmp_path / "tracker.db"
    SQLTrackerStore(dialect="sqlite", db=str(db))
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_sqlite_tracker_store_keeps_its_connection_and_its_conversations(tmp_path):
    import asyncio

    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker
    from sqlalchemy.pool import SingletonThreadPool

    db = str(tmp_path / "tracker.db")
    store = SQLTrackerStore(domain=Domain.empty(), dialect="sqlite", db=db)
    assert isinstance(store.engine.pool, SingletonThreadPool)
    tracker = DialogueStateTracker.from_events("gebruiker", [UserUttered("hoi")])
    asyncio.run(store.save(tracker))
    tracker.update(UserUttered("wat kost bellen in Turkije"))
    asyncio.run(store.save(tracker))
    reopened = SQLTrackerStore(domain=Domain.empty(), dialect="sqlite", db=db)
    events = asyncio.run(reopened.retrieve("gebruiker")).events
    texts = [e.text for e in events if isinstance(e, UserUttered)]
    assert texts == ["hoi", "wat kost bellen in Turkije"]


def test_one_insert_stores_the_rows_rasas_save_stores(tmp_path):
    """The same rows (sender, type, timestamp, intent, action, JSON) as Rasa's own save, in
    the same order; a save without new events commits nothing new."""
    import asyncio
    import sqlite3

    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    events = [ActionExecuted("action_listen", timestamp=1.0),
              UserUttered("wat kost bellen in Turkije", {"name": "ask_foreign_rates", "confidence": 0.9},
                          timestamp=2.0),
              SlotSet("country", "Turkije", timestamp=3.0), BotUttered("€ 1,00 per minuut", timestamp=4.0),
              ActionExecuted("action_answer", timestamp=5.0)]
    rows = {}
    for name, save in (("rasa", _rasas_own_save()), ("ours", speedups._save_with_one_insert)):
        db = tmp_path / f"{name}.db"
        store = SQLTrackerStore(domain=Domain.empty(), dialect="sqlite", db=str(db))
        tracker = DialogueStateTracker.from_events("klant", events[:2])
        asyncio.run(save(store, tracker))
        for later in events[2:]:
            tracker.update(later)
        asyncio.run(save(store, tracker))
        asyncio.run(save(store, tracker))  # nothing new
        rows[name] = sqlite3.connect(db).execute(
            "SELECT sender_id, type_name, timestamp, intent_name, action_name, data FROM events ORDER BY id").fetchall()
    assert rows["ours"] == rows["rasa"] and len(rows["ours"]) == len(events)


def _rasas_own_save():
    from server.patching import _source_of

    namespace = dict(vars(speedups.rasa_tracker_store))
    first, *rest = _source_of("rasa.core.tracker_store.SQLTrackerStore.save").splitlines()  # a method's source
    source = "\n".join([first] + [line[4:] for line in rest])
    exec(compile(source, "rasa_save", "exec"), namespace)  # Rasa's save as installed, unpatched
    return namespace["save"]


def test_event_classes_resolved_as_rasa_does():
    from rasa.shared.core import events

    for name in ("user", "bot", "action", "slot", "session_started", "active_loop", "restart"):
        assert speedups._cached_resolve_by_type(name) is speedups._resolve_by_type(name)
    assert speedups._cached_resolve_by_type("onbekend", events.SlotSet) is events.SlotSet
    with pytest.raises(ValueError):
        speedups._cached_resolve_by_type("onbekend")


def test_pinned_rasa_sources_unchanged():
    """Every patch of Rasa internals in server/ pins the sources it relies on: when the
    pinned Rasa changes, this fails and names them (server/patching.py)."""
    from server import action_payload, bounded_history, patching, tracker_cache

    assert patching.changed(patching.all_pins(
        [speedups, action_payload, bounded_history, tracker_cache])) == []


def test_spacy_pipeline_loaded_once(monkeypatch):
    loads = []
    monkeypatch.setattr(speedups, "_load_spacy", lambda name: loads.append(name) or object())
    monkeypatch.setattr(speedups, "_spacy_models", {})
    first = speedups._load_spacy_once(".spacy/nl_kpn")
    assert speedups._load_spacy_once(".spacy/nl_kpn") is first and loads == [".spacy/nl_kpn"]


def test_our_spacy_pipeline_loads_with_the_same_tokenizer_without_reading_it(monkeypatch):
    """.spacy/nl_kpn (scripts/build_spacy_nl.py) says its tokenizer is spaCy's default: the
    loader skips the saved copy, and the tokenizer it gets is the same, byte for byte."""
    import spacy

    monkeypatch.setattr(speedups, "_spacy_models", {})
    fast = speedups._load_spacy_once(".spacy/nl_kpn").model
    assert spacy.load is not None and not hasattr(spacy.load, "keywords")  # put back after loading
    assert fast.tokenizer.to_bytes() == spacy.load(".spacy/nl_kpn").tokenizer.to_bytes()
    assert [t.lemma_ for t in fast("Bundels gekocht, o.a. abonnementen")] == [
        "bundel", "kopen", ",", "o.a.", "abonnement"]


def test_a_pipeline_without_the_default_tokenizer_mark_is_read_whole(monkeypatch, tmp_path):
    import spacy

    seen = []
    monkeypatch.setattr(speedups, "_spacy_models", {})
    monkeypatch.setattr(speedups, "_load_spacy", lambda name: seen.append(spacy.load) or object())
    (tmp_path / "meta.json").write_text('{"name": "other"}')
    speedups._load_spacy_once(str(tmp_path))
    assert not hasattr(seen[0], "keywords")  # spacy.load itself, no exclusion


def test_launcher_leaves_jax_out():
    """server/cli.py: TensorFlow starts without jax (its TFLite converter only)."""
    import subprocess
    import sys

    code = ("import sys; from server import cli; cli.leave_jax_out(); import tensorflow; "
            "print('jax' if sys.modules.get('jax', 0) is not None else 'no jax')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "no jax", out.stderr[-2000:]


def test_graph_runs_without_dask_give_the_same_results(tmp_path):
    from typing import Any, Dict, Text

    from rasa.engine.graph import ExecutionContext, GraphComponent, GraphSchema, SchemaNode
    from rasa.engine.runner.dask import DaskGraphRunner
    from rasa.engine.storage.local_model_storage import LocalModelStorage

    calls = []

    class Add(GraphComponent):
        @classmethod
        def create(cls, config: Dict[Text, Any], model_storage, resource, execution_context):
            return cls(config)

        def __init__(self, config: Dict[Text, Any]) -> None:
            self.n = config.get("n", 1)

        def add(self, i: int, j: int = 0) -> int:
            calls.append(self.n)
            return i + j + self.n

    def node(needs, n):
        return SchemaNode(needs=needs, uses=Add, fn="add", constructor_name="create", config={"n": n})

    schema = GraphSchema({
        "a": node({"i": "__x__"}, 1),
        "b": node({"i": "a"}, 10),
        "c": node({"i": "a", "j": "b"}, 100),
        "unused": node({"i": "__x__"}, 1000),
    })
    runner = DaskGraphRunner(schema, LocalModelStorage(tmp_path), ExecutionContext(schema, "t"))
    from rasa.engine.runner import dask as rasa_dask

    graph = runner._build_dask_graph(schema.minimal_graph_schema(["c"]))
    runner._add_inputs_to_graph({"__x__": 5}, graph)
    expected = dict(rasa_dask.dask.get(graph, ["c"]))  # what DaskGraphRunner.run returns
    calls.clear()
    got = speedups._run_graph(runner, inputs={"__x__": 5}, targets=["c"])
    assert got == expected == {"c": 5 + 1 + (5 + 1 + 10) + 100}
    assert sorted(calls) == [1, 10, 100]  # the unused node does not run
    with pytest.raises(Exception):
        speedups._run_graph(runner, inputs={"__x__": "a"}, targets=["c"])  # input clashes with a node


def test_log_copies_only_with_debug_logging(caplog):
    import logging

    value = {"a": [1, 2]}
    logging.getLogger().setLevel(logging.INFO)
    assert speedups._LogCopy.deepcopy(value) is value
    logging.getLogger().setLevel(logging.DEBUG)
    try:
        copied = speedups._LogCopy.deepcopy(value)
        assert copied == value and copied is not value
    finally:
        logging.getLogger().setLevel(logging.WARNING)


VALID_AND_INVALID = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "country", "value": "Japan"},
                {"event": "action", "name": "action_listen"},
                {"event": "bot", "text": "hoi", "data": {}},
                {"event": "active_loop", "name": None}, {"event": "followup", "name": "x"},
                {"event": "user", "text": "hoi", "parse_data": {"intent": {"name": "greet"}}}],
     "responses": [{"text": "hoi"}]},
    {"responses": [{"text": "alleen antwoorden"}]},
    {"events": [{"event": "slot"}]},                       # a slot event without its name
    {"events": [{"event": "slot", "name": 5, "value": 1}]},
    {"events": [{"event": "onbekend"}]},
    {"events": [{"timestamp": 1.0}]},                      # no event name
    {"events": [{"event": "bot", "timestamp": "gisteren"}]},
    {"events": "geen lijst"},
    {"events": [["lijst"]]},
    {"responses": "geen lijst"},
    {"responses": [{"text": 5}]},
    [],
    "tekst",
]


@pytest.mark.parametrize("response", VALID_AND_INVALID)
def test_quick_response_check_agrees_with_the_full_schema(response):
    full = speedups._validator().is_valid(response)
    assert speedups._quickly_valid(response) == full  # valid ones take the quick path
    assert speedups._validate_action_result(None, response) if full else True
    if not full:
        with pytest.raises(ValidationError):
            speedups._validate_action_result(None, response)


def test_fortran_weights_give_the_same_probabilities():
    import numpy as np
    from scipy.sparse import random as sparse_random
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(0)
    X = sparse_random(60, 400, density=0.05, format="csr", random_state=1)
    y = rng.integers(0, 5, 60)
    clf = LogisticRegression(max_iter=200).fit(X, y)
    clf.coef_ = np.ascontiguousarray(clf.coef_)
    before = clf.predict_proba(X[:7])
    speedups._fortran_weights(clf)
    assert clf.coef_.flags.f_contiguous and clf.coef_.T.flags.c_contiguous
    assert np.array_equal(clf.predict_proba(X[:7]), before)


def test_rule_keys_per_state_are_rasas_and_remembered(tmp_path):
    """The rules that apply to a conversation's states: as Rasa finds them, then from the cache."""
    from rasa.core.policies.rule_policy import RulePolicy
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource

    policy = RulePolicy.create(RulePolicy.get_default_config(), LocalModelStorage(tmp_path), Resource("rules"),
                               ExecutionContext(GraphSchema({}), "test"))
    listen = {"prev_action": {"action_name": "action_listen"}}

    def user(intent, **slots):
        state = {"user": {"intent": intent}, "prev_action": {"action_name": "action_listen"}}
        if slots:
            state["slots"] = {name: (1.0,) for name in slots}
        return state

    rules = {policy._create_feature_key([listen, user("ask_foreign_rates")]): "action_answer",
             policy._create_feature_key([user("greet")]): "utter_greet",
             policy._create_feature_key([user("ask_foreign_rates", country=1)]): "action_answer"}
    conversations = [[listen, user("ask_foreign_rates")], [user("greet")], [listen, user("ask_plan")],
                     [listen, user("ask_foreign_rates", country=1)], [user("greet"), user("greet")]]
    for states in conversations * 2:  # the second round comes from the cache
        assert speedups._cached_possible_keys(policy, rules, states) == speedups._get_possible_keys(policy, rules, states)
    assert len(policy.__dict__["_kpn_possible_keys"]) == len(conversations)
    found = speedups._cached_possible_keys(policy, rules, conversations[0])
    found.clear()  # the caller's own set: the remembered one stays
    assert speedups._cached_possible_keys(policy, rules, conversations[0])


def test_lookup_table_filled_at_c_speed_is_spacys_table():
    """Same items in the same order, the same Bloom filter (bytes), string keys hashed."""
    from spacy.lookups import Table

    data = {"gebeld": "bellen", "bundels": "bundel", 12345: "getal", "kosten": "kost"}
    ours, theirs = Table.__new__(Table), Table.__new__(Table)
    speedups._filled_table_init(ours, name="lemma_lookup", data=data)
    speedups._table_init(theirs, name="lemma_lookup", data=data)
    assert list(ours.items()) == list(theirs.items()) and ours.name == theirs.name
    assert ours.bloom.to_bytes() == theirs.bloom.to_bytes()
    assert ours["gebeld"] == "bellen" and "onbekend" not in ours
    empty_ours, empty_theirs = Table.__new__(Table), Table.__new__(Table)
    speedups._filled_table_init(empty_ours, name="x")
    speedups._table_init(empty_theirs, name="x")
    assert empty_ours.bloom.to_bytes() == empty_theirs.bloom.to_bytes() and not empty_ours


@pytest.mark.parametrize("dialect, placeholder, by_position", [
    ("sqlite", "?", True),
    ("postgresql", "%(sender_id)s", False),
])
def test_the_events_insert_in_each_databases_own_parameter_style(dialect, placeholder, by_position):
    """SQLite takes the row's values by position (in the order returned), psycopg2 by name."""
    from rasa.core.tracker_store import SQLTrackerStore
    from sqlalchemy.dialects import postgresql, sqlite

    dialects = {"sqlite": sqlite.dialect(), "postgresql": postgresql.psycopg2.dialect()}
    sql, order = speedups._insert_sql(SQLTrackerStore.SQLEvent.__table__, dialects[dialect])
    assert sql.startswith("INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data)")
    assert placeholder in sql
    assert (order == speedups.EVENT_COLUMNS) if by_position else order is None
