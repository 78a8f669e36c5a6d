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
