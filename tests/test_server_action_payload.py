"""server/action_payload.py: the action server gets the current state and the recent
events only, in the format Rasa (and rasa_sdk's Tracker) uses."""
from __future__ import annotations

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk import Tracker

from server import action_payload

DOMAIN = Domain.from_yaml("""
version: "3.1"
intents: [ask]
slots:
  country: {type: text, influence_conversation: false, mappings: [{type: custom}]}
actions: [action_answer]
""")


def conversation(turns: int) -> DialogueStateTracker:
    tracker = DialogueStateTracker("klant", DOMAIN.slots)
    tracker.update(ActionExecuted("action_listen"))
    for n in range(turns):
        at = 1_700_000_000.0 + n  # fixed times: a timestamp's repr varies in length
        for event in (UserUttered(f"vraag {n}", {"name": "ask", "confidence": 1.0}, timestamp=at),
                      SlotSet("country", f"land {n}", timestamp=at), ActionExecuted("action_answer", timestamp=at),
                      BotUttered(f"antwoord {n}", timestamp=at), ActionExecuted("action_listen", timestamp=at)):
            tracker.update(event)
    return tracker


@pytest.mark.parametrize("turns", [1, 3, 100])
def test_state_as_rasa_sends_it_events_bounded(turns):
    tracker = conversation(turns)
    action = RemoteAction("action_answer", None)
    expected = action_payload._original_call_format(action, tracker, DOMAIN)
    bounded = action_payload.bounded_call_format(action, tracker, DOMAIN)
    events = bounded["tracker"].pop("events")
    all_events = expected["tracker"].pop("events")
    assert bounded["tracker"] == expected["tracker"]
    assert bounded["domain"] == expected["domain"]
    assert events == all_events[-len(events):]  # the latest ones, unchanged
    assert sum(e["event"] == "user" for e in events) == min(turns, action_payload.EVENT_TURNS)
    assert events[0]["event"] == "user" or len(all_events) == len(events)
    # rasa_sdk reads it as before: slots, latest message, the current turn's events
    sdk = Tracker.from_dict({**bounded["tracker"], "events": events})
    assert sdk.get_slot("country") == f"land {turns - 1}"
    assert sdk.latest_message["text"] == f"vraag {turns - 1}"


def test_size_does_not_grow():
    """Only the turn numbers in the texts grow (one digit per tenfold)."""
    sizes = [len(repr(action_payload.bounded_call_format(
        RemoteAction("action_answer", None), conversation(n), DOMAIN)["tracker"]["events"]))
        for n in (5, 50, 500)]
    assert max(sizes) - min(sizes) <= 2 * action_payload.EVENT_TURNS * 5


@pytest.mark.parametrize("turns,limit,expected_users", [(1, 100, 1), (2, 100, 2), (3, 4, 0)])
def test_recent_events(turns, limit, expected_users):
    events = action_payload.recent_events(conversation(10), turns, limit)
    assert len(events) <= limit
    assert sum(isinstance(e, UserUttered) for e in events) == expected_users
