"""Build rasa_sdk trackers the way the Rasa server sends them to the action server: the
latest message carries what the NLU pipeline makes of its text (entities, cues and the
corrected intent from server/understanding), the slots are the state before it."""
from datetime import date

import pytest
from rasa.shared.nlu.training_data.message import Message
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import STATE
from server.understanding.component import interpret

TODAY = date(2026, 11, 29)


def parse(text, intent):
    """The parse data NLU produces for `text` when the classifier says `intent`."""
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": 0.9})
    message.set("intent_ranking", [{"name": intent, "confidence": 0.9}])
    interpret(message, today=TODAY)
    return {"text": text, "intent": message.get("intent"), "entities": message.get("entities"),
            "cues": message.get("cues"), "problems": message.get("problems"), "language": message.get("language")}


def make_tracker(text, intent, **slots):
    values = {name: None for name in STATE}
    values.update(slots)
    return Tracker(sender_id="test", slots=values, latest_message=parse(text, intent), events=[], paused=False,
                   followup_action=None, active_loop={}, latest_action_name="action_listen")


@pytest.fixture
def dispatcher():
    return CollectingDispatcher()


@pytest.fixture
def domain():
    import yaml
    from pathlib import Path
    return yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text())
