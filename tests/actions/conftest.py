"""Build rasa_sdk trackers the way the Rasa server sends them to the action server."""
import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

SLOTS = ["country", "destination", "usage", "duration_seconds", "called_seconds", "data_mb", "sms_count", "platform",
         "device_value", "coverage", "amount_spent", "purchase_amount", "customer_type", "date",
         "question", "requested_slot"]


def make_tracker(text, intent, entities=(), active_loop=None, **slots):
    values = {name: None for name in SLOTS}
    values.update(slots)
    return Tracker(
        sender_id="test",
        slots=values,
        latest_message={"text": text, "intent": {"name": intent, "confidence": 0.99},
                        "entities": list(entities)},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


@pytest.fixture
def dispatcher():
    return CollectingDispatcher()


@pytest.fixture
def domain():
    import yaml
    from pathlib import Path
    return yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text())
