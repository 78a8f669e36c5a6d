"""What the answer functions see of a conversation: one user turn plus the slots.

Built from a Rasa tracker by `actions.actions`, built by hand in tests; the answer
functions never touch Rasa objects.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Optional
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class Turn:
    text: str
    intent: Optional[str] = None
    entities: tuple[dict[str, Any], ...] = ()
    slots: dict[str, Any] = field(default_factory=dict)
    now: datetime = field(default_factory=lambda: datetime.now(AMSTERDAM).replace(tzinfo=None))

    def slot(self, name: str) -> Any:
        return self.slots.get(name)

    def entity_values(self, name: str) -> list[str]:
        return [str(e.get("value")) for e in self.entities if e.get("entity") == name and e.get("value") is not None]

    @property
    def topic(self) -> Optional[str]:
        """The question this turn is about: its own intent, or the one it follows up."""
        from actions.intents import TOPIC_INTENTS

        if self.intent in TOPIC_INTENTS:
            return self.intent
        return self.slots.get("question")


@dataclass(frozen=True)
class Reply:
    """One bot message; `response` names a domain response to send instead of text."""

    text: str = ""
    buttons: tuple[dict[str, str], ...] = ()
    response: Optional[str] = None
