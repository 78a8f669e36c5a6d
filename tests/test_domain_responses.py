"""Every response in domain.yml renders as written: Rasa fills {slot} placeholders in
texts and buttons, so a literal brace (a JSON button payload) must be doubled, and no
response may log an interpolation error."""
from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from rasa.core.nlg import TemplatedNaturalLanguageGenerator, interpolator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = Domain.load(str(ROOT / "domain.yml"))


class Recorder:
    """Stands in for the interpolator's structlog logger, which reports a failed fill."""

    def __init__(self) -> None:
        self.events: list = []

    def exception(self, event, **kwargs):
        self.events.append((event, kwargs))

    error = warning = exception


@pytest.mark.parametrize("name", sorted(DOMAIN.responses))
def test_response_renders_without_interpolation_errors(name, monkeypatch):
    recorder = Recorder()
    monkeypatch.setattr(interpolator, "structlogger", recorder)
    nlg = TemplatedNaturalLanguageGenerator(DOMAIN.responses)
    tracker = DialogueStateTracker.from_events("test", [], slots=DOMAIN.slots)
    message = asyncio.run(nlg.generate(name, tracker, "rest"))
    assert recorder.events == []
    for button in message.get("buttons") or []:
        payload = button["payload"]
        assert "{{" not in payload and "}}" not in payload, payload
        if "{" in payload:  # /intent{"slot": "value"}: the entities part is JSON
            json.loads(payload[payload.index("{"):])
