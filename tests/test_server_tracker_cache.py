"""server/tracker_cache.py: the cached retrieval gives what Rasa's own retrieval gives,
follows what other servers write, notices deletions, and saves every event once."""
from __future__ import annotations

import asyncio
import random

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import EventVerbosity

from server import patching, tracker_cache

tracker_cache.install()

DOMAIN = Domain.from_yaml("""
version: "3.1"
intents: [greet, ask]
slots:
  country: {type: text, influence_conversation: false, mappings: [{type: custom}]}
responses:
  utter_greet: [{text: hoi}]
""")


def run(coro):
    return asyncio.run(coro)


def store(db):
    return SQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(db))


def turn(tracker, n):
    for event in (UserUttered(f"vraag {n}", {"name": "ask"}), SlotSet("country", f"land {n}"),
                  ActionExecuted("action_answer"), BotUttered(f"antwoord {n}"),
                  ActionExecuted("action_listen")):
        tracker.update(event)


def fresh(st, sender):
    """What Rasa's own retrieval reads from the store."""
    return run(tracker_cache._original_retrieve(st, sender))


def state(tracker):
    return tracker.current_state(EventVerbosity.ALL) if tracker else None


def test_turn_after_turn_equals_rasas_retrieval(tmp_path):
    st = store(tmp_path / "t.db")
    tracker = run(st.get_or_create_tracker("klant", append_action_listen=True))
    for n in range(12):
        turn(tracker, n)
        run(st.save(tracker))
        tracker = run(st.retrieve("klant"))
        assert state(tracker) == state(fresh(st, "klant"))
        assert tracker.get_slot("country") == f"land {n}"
    cache = tracker_cache.cache_of(st)
    assert cache.hits >= 11 and cache.misses <= 2


def test_another_server_writes_between_turns(tmp_path):
    a, b = store(tmp_path / "t.db"), store(tmp_path / "t.db")
    tracker = run(a.get_or_create_tracker("klant"))
    turn(tracker, 0)
    run(a.save(tracker))
    assert run(a.retrieve("klant")) is not None  # A keeps it
    for n in (1, 2):  # the next turns are answered by B
        other = run(b.retrieve("klant"))
        turn(other, n)
        run(b.save(other))
    tracker = run(a.retrieve("klant"))
    assert state(tracker) == state(fresh(a, "klant"))
    assert [e.text for e in tracker.events if isinstance(e, UserUttered)] == [
        "vraag 0", "vraag 1", "vraag 2"]
    assert tracker_cache.cache_of(a).hits == 1  # read incrementally, not afresh


def test_deleted_or_new_session_in_the_store_is_read_again(tmp_path):
    st, other = store(tmp_path / "t.db"), store(tmp_path / "t.db")
    tracker = run(st.get_or_create_tracker("klant"))
    turn(tracker, 0)
    run(st.save(tracker))
    run(st.retrieve("klant"))
    with st.engine.begin() as conn:  # e.g. scripts/forget.py
        conn.execute(sa.text("DELETE FROM events WHERE sender_id = 'klant'"))
    assert run(st.retrieve("klant")) is None
    tracker = run(st.get_or_create_tracker("klant"))
    turn(tracker, 1)
    run(st.save(tracker))
    run(st.retrieve("klant"))
    newer = run(other.retrieve("klant"))
    for event in (ActionExecuted("action_session_start"), SessionStarted(),
                  ActionExecuted("action_listen")):
        newer.update(event)
    turn(newer, 2)
    run(other.save(newer))
    tracker = run(st.retrieve("klant"))
    assert state(tracker) == state(fresh(st, "klant"))
    assert [e.text for e in tracker.events if isinstance(e, UserUttered)] == ["vraag 2"]


def test_every_event_stored_once_without_counting(tmp_path):
    st = store(tmp_path / "t.db")
    statements = []
    sa.event.listen(st.engine, "before_cursor_execute",
                    lambda conn, cursor, sql, *args: statements.append(sql.lower()))
    tracker = run(st.get_or_create_tracker("klant"))
    for n in range(5):
        turn(tracker, n)
        run(st.save(tracker))
        run(st.save(tracker))  # a second save of the same tracker adds nothing
        tracker = run(st.retrieve("klant"))
    counts = [s for s in statements if "count(" in s]
    with st.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT count(*) FROM events")).scalar()
    assert rows == len(tracker.events) == 1 + 5 * 5
    assert counts == []  # a new conversation starts with nothing stored: nothing to count


def test_a_tracker_made_without_retrieval_is_counted_once(tmp_path):
    """Only a tracker created after retrieve() found nothing is known to have nothing stored;
    one made otherwise (here: for a conversation with stored events) gets Rasa's count."""
    st = store(tmp_path / "t.db")
    first = run(st.get_or_create_tracker("klant"))
    turn(first, 0)
    run(st.save(first))
    statements = []
    sa.event.listen(st.engine, "before_cursor_execute",
                    lambda conn, cursor, sql, *args: statements.append(sql.lower()))
    again = run(st.create_tracker("klant"))  # no retrieve(): what is stored is unknown
    turn(again, 1)
    run(st.save(again))
    assert len([s for s in statements if "count(" in s]) == 1
    assert state(fresh(st, "klant"))["events"][-5:] == state(again)["events"][-5:]


def test_new_empty_tracker_is_not_saved(tmp_path):
    st = store(tmp_path / "t.db")
    statements = []
    sa.event.listen(st.engine, "before_cursor_execute",
                    lambda conn, cursor, sql, *args: statements.append(sql.lower()))
    tracker = run(st.get_or_create_tracker("nieuw", append_action_listen=False))
    assert not tracker.events and not [s for s in statements if "insert" in s or "count(" in s]
    tracker.update(UserUttered("hoi", {"name": "greet"}))
    run(st.save(tracker))
    assert [e.text for e in run(st.retrieve("nieuw")).events if isinstance(e, UserUttered)] == ["hoi"]


def test_copies_handed_out_are_independent(tmp_path):
    st = store(tmp_path / "t.db")
    tracker = run(st.get_or_create_tracker("klant"))
    turn(tracker, 0)
    run(st.save(tracker))
    first = run(st.retrieve("klant"))
    first.update(SlotSet("country", "gewijzigd"))  # a turn that fails before saving
    second = run(st.retrieve("klant"))
    assert second.get_slot("country") == "land 0" and len(second.events) + 1 == len(first.events)


def test_size_limit_and_off(tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_CACHE_CONVERSATIONS", "3")
    st = store(tmp_path / "t.db")
    for i in range(6):
        t = run(st.get_or_create_tracker(f"klant-{i}"))
        turn(t, i)
        run(st.save(t))
        run(st.retrieve(f"klant-{i}"))
    assert list(tracker_cache.cache_of(st).entries) == ["klant-3", "klant-4", "klant-5"]
    monkeypatch.setenv("TRACKER_CACHE_CONVERSATIONS", "0")
    off = store(tmp_path / "t.db")
    assert state(run(off.retrieve("klant-1"))) == state(fresh(off, "klant-1"))
    assert not tracker_cache.cache_of(off).entries


@pytest.mark.parametrize("seed", range(3))
def test_random_interleaving_of_two_servers(tmp_path, seed):
    rng = random.Random(seed)
    servers = [store(tmp_path / "t.db"), store(tmp_path / "t.db")]
    for n in range(30):
        st = rng.choice(servers)
        tracker = run(st.get_or_create_tracker("klant"))
        turn(tracker, n)
        run(st.save(tracker))
        for s in servers:
            assert state(run(s.retrieve("klant"))) == state(fresh(s, "klant"))


def test_pinned_rasa_sources_unchanged():
    assert patching.changed(tracker_cache.PINS) == []
