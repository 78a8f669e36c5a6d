"""User messages are stored with personal data redacted, in the SQL tracker store and for an
event broker; the turn in memory keeps the original text (server/stored_privacy.py)."""
from __future__ import annotations

import asyncio
import inspect
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import server.channels  # noqa: F401  (installs every server patch, as `rasa run` does)
from server.stored_privacy import enabled, redact_event, redacted_copy

ROOT = Path(__file__).resolve().parents[1]
# Rasa 3.6 warns this for every domain with slots.
pytestmark = pytest.mark.filterwarnings("ignore:Slot auto-fill has been removed:UserWarning")
RAW = ("0612345678", "06-12345678", "612345678", "NL91", "0417", "jan@example.nl")
TEXT = "Wat kost bellen in Turkije? Mijn nummer is 06-12345678, iban NL91 ABNA 0417 1643 00"
MASKED = "Wat kost bellen in Turkije? Mijn nummer is <telefoonnummer>, iban <iban>"


def _entity(text: str, entity: str, value, needle: str) -> dict:
    start = text.index(needle)
    return {"entity": entity, "value": value, "start": start, "end": start + len(needle),
            "extractor": "CRFEntityExtractor", "confidence_entity": 0.99}


def _user_event(text: str = TEXT, entities=None) -> dict:
    entities = entities if entities is not None else [
        _entity(text, "country", "Turkije", "Turkije"),
        _entity(text, "number", 612345678, "06-12345678"),
    ]
    return {"event": "user", "timestamp": 1.0, "text": text, "input_channel": "rest",
            "message_id": "abc123", "metadata": {"note": "bel 0612345678"},
            "parse_data": {"text": text, "intent": {"name": "ask_foreign_rates", "confidence": 0.9},
                           "entities": entities,
                           "intent_ranking": [{"name": "ask_foreign_rates", "confidence": 0.9}]}}


def test_a_user_message_is_redacted_everywhere_and_entities_keep_their_place():
    original = _user_event()
    snapshot = json.dumps(original)
    stored = redact_event(original)
    assert json.dumps(original) == snapshot  # the event in memory is not touched
    assert stored["text"] == stored["parse_data"]["text"] == MASKED
    assert stored["metadata"] == {"note": "bel <telefoonnummer>"}
    assert stored["parse_data"]["intent"] == original["parse_data"]["intent"]
    country, number = stored["parse_data"]["entities"]
    assert country["value"] == "Turkije" and MASKED[country["start"]:country["end"]] == "Turkije"
    assert number["value"] == "<telefoonnummer>"
    assert MASKED[number["start"]:number["end"]] == "<telefoonnummer>"
    assert not any(raw in json.dumps(stored) for raw in RAW)


def test_an_entity_after_the_personal_data_moves_with_the_text():
    text = "mijn nummer is +31 6 1234 5678 en ik ben in Marokko voor 30 minuten"
    stored = redact_event(_user_event(text, [_entity(text, "country", "Marokko", "Marokko"),
                                             _entity(text, "minutes", 30, "30 minuten")]))
    masked = stored["text"]
    assert masked == "mijn nummer is <telefoonnummer> en ik ben in Marokko voor 30 minuten"
    country, minutes = stored["parse_data"]["entities"]
    assert masked[country["start"]:country["end"]] == "Marokko" and country["value"] == "Marokko"
    assert masked[minutes["start"]:minutes["end"]] == "30 minuten" and minutes["value"] == 30


@pytest.mark.parametrize("event", [
    {"event": "user", "timestamp": 1.0, "text": "wat kost bellen in japan? € 1,00 voor 30 minuten",
     "parse_data": {"text": "wat kost bellen in japan? € 1,00 voor 30 minuten", "entities": []}},
    {"event": "bot", "timestamp": 1.0, "text": "Bellen in Japan kost € 1,00 per minuut. Vragen? Bel 1200.",
     "data": {"buttons": None}, "metadata": {"utter_action": "utter_x"}},
    {"event": "slot", "timestamp": 1.0, "name": "country", "value": "Turkije"},
    {"event": "slot", "timestamp": 1.0, "name": "amount_spent", "value": 1250.0},
    {"event": "action", "timestamp": 1.0, "name": "action_answer", "policy": "RulePolicy", "confidence": 1.0},
])
def test_events_without_personal_data_are_passed_through_as_they_are(event):
    assert redact_event(event) is event


def test_a_bot_message_that_echoes_the_user_is_redacted():
    event = {"event": "bot", "timestamp": 1.0,
             "text": "Je schreef 'jan@example.nl'. Bel 1200 voor hulp.",
             "data": {"buttons": [{"title": "Ja, 0612345678", "payload": "/affirm"}]}}
    stored = redact_event(event)
    assert stored["text"] == "Je schreef '<e-mail>'. Bel 1200 voor hulp."
    assert stored["data"]["buttons"][0] == {"title": "Ja, <telefoonnummer>", "payload": "/affirm"}


def test_a_slot_read_from_the_phone_number_in_the_same_save_is_redacted():
    seen: dict = {}
    redact_event(_user_event(), seen)
    assert redact_event({"event": "slot", "name": "minutes", "value": 612345678.0}, seen)["value"] \
        == "<telefoonnummer>"
    assert redact_event({"event": "slot", "name": "minutes", "value": "612345678"}, seen)["value"] \
        == "<telefoonnummer>"
    kept = {"event": "slot", "name": "minutes", "value": 30}
    assert redact_event(kept, seen) is kept


def test_a_redacted_copy_is_a_real_event_of_the_same_kind():
    from rasa.shared.core.events import Event, UserUttered

    event = Event.from_parameters(_user_event())
    copy = redacted_copy(event)
    assert isinstance(copy, UserUttered) and copy is not event
    assert copy.text == MASKED and event.text == TEXT
    assert copy.intent_name == "ask_foreign_rates"
    plain = UserUttered("hoi", {"name": "greet", "confidence": 1.0})
    assert redacted_copy(plain) is plain


def test_when_the_detection_fails_the_text_is_withheld(monkeypatch):
    from rasa.shared.core.events import Event, UserUttered

    from server import stored_privacy

    def broken(*_args):
        raise RuntimeError("detector broke")

    monkeypatch.setattr(stored_privacy, "redact_event", broken)
    copy = redacted_copy(Event.from_parameters(_user_event()))
    assert isinstance(copy, UserUttered) and copy.text == stored_privacy.WITHHELD
    assert copy.intent_name == "ask_foreign_rates"
    assert not any(raw in json.dumps(copy.as_dict()) for raw in RAW)


def _conversation():
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SlotSet
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.from_yaml((ROOT / "domain.yml").read_text())
    tracker = DialogueStateTracker.from_events("klant-privacy", [
        ActionExecuted("action_listen"),
        Event.from_parameters(_user_event()),
        SlotSet("country", "Turkije"),
        SlotSet("called_seconds", "612345678"),
        BotUttered("Bellen in Turkije kost € 1,00 per minuut. Je nummer 06-12345678 staat genoteerd."),
        ActionExecuted("action_listen"),
    ], domain.slots)
    return domain, tracker


def test_the_sqlite_tracker_store_saves_redacted_text_and_the_turn_keeps_the_original(tmp_path):
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.events import UserUttered

    domain, tracker = _conversation()
    db = tmp_path / "tracker.db"
    store = SQLTrackerStore(domain=domain, dialect="sqlite", db=str(db))
    asyncio.run(store.save(tracker))
    asyncio.run(store.save(tracker))  # nothing new: nothing stored twice

    rows = sqlite3.connect(db).execute("SELECT type_name, data FROM events ORDER BY id").fetchall()
    assert [t for t, _ in rows] == ["action", "user", "slot", "slot", "bot", "action"]
    everything = "\n".join(data for _, data in rows)
    assert not any(raw in everything for raw in RAW), everything
    assert tracker.latest_message.text == TEXT  # the turn in memory: the original text

    stored = asyncio.run(store.retrieve("klant-privacy"))
    user = [e for e in stored.events if isinstance(e, UserUttered)][0]
    assert user.text == MASKED and user.intent_name == "ask_foreign_rates"
    assert stored.get_slot("country") == "Turkije"
    assert stored.get_slot("called_seconds") == "<telefoonnummer>"


def test_an_event_broker_gets_the_redacted_events_too():
    from rasa.core.brokers.broker import EventBroker
    from rasa.core.tracker_store import InMemoryTrackerStore

    class Collect(EventBroker):
        def __init__(self):
            self.published = []

        def publish(self, event):
            self.published.append(event)

    domain, tracker = _conversation()
    broker = Collect()
    asyncio.run(InMemoryTrackerStore(domain, event_broker=broker).stream_events(tracker))
    published = json.dumps(broker.published)
    assert "<telefoonnummer>" in published and not any(raw in published for raw in RAW)


def test_the_pinned_rasa_saves_what_additional_events_yields_with_as_dict():
    """The patch wraps SQLTrackerStore._additional_events; it only works while save() takes
    the events from there and serialises them with as_dict(). This fails when Rasa (or
    another patch of save) changes that."""
    from rasa.core.tracker_store import SQLTrackerStore, TrackerStore

    save = inspect.getsource(inspect.unwrap(SQLTrackerStore.save))  # under the tracker cache's wrapper
    assert "self._additional_events(session, tracker)" in save and "event.as_dict()" in save
    assert getattr(SQLTrackerStore._additional_events, "_kpn_redacting", False)
    assert getattr(TrackerStore._stream_new_events, "_kpn_redacting", False)
    assert list(inspect.signature(TrackerStore._stream_new_events).parameters) == \
        ["self", "event_broker", "new_events", "sender_id"]


@pytest.mark.parametrize("value, on", [(None, True), ("1", True), ("true", True), ("0", False),
                                       ("false", False), ("OFF", False), ("no", False)])
def test_the_setting(monkeypatch, value, on):
    if value is None:
        monkeypatch.delenv("REDACT_STORED_MESSAGES", raising=False)
    else:
        monkeypatch.setenv("REDACT_STORED_MESSAGES", value)
    assert enabled() is on


def test_switched_off_nothing_is_patched():
    code = ("import server.stored_privacy\n"
            "from rasa.core.tracker_store import SQLTrackerStore\n"
            "assert not getattr(SQLTrackerStore._additional_events, '_kpn_redacting', False)\n")
    env = dict(os.environ, REDACT_STORED_MESSAGES="0", SQLALCHEMY_SILENCE_UBER_WARNING="1")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]


def test_docstring_examples():
    import doctest

    from server import stored_privacy

    assert doctest.testmod(stored_privacy).failed == 0
