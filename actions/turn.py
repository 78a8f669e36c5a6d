"""What the answer functions see of a conversation (one user turn plus the slots) and
what they give back (a Reply of Phrases, rendered later in the conversation's language).

Built from a Rasa tracker by `actions.actions`, built by hand in tests; the answer
functions never touch Rasa objects.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Optional

from actions.phrasebook import DEFAULT_LANGUAGE, Phrase
from knowledge import clock


@dataclass(frozen=True)
class Turn:
    text: str
    intent: Optional[str] = None
    entities: tuple[dict[str, Any], ...] = ()
    slots: dict[str, Any] = field(default_factory=dict)
    now: datetime = field(default_factory=clock.now)
    language: str = DEFAULT_LANGUAGE
    cues: frozenset[str] = frozenset()  # what NLU read besides values ("eu", "more_data", ...)
    previous_question: Optional[str] = None  # the open question before this turn
    previous_country: Optional[str] = None  # the place talked about before this turn

    def slot(self, name: str) -> Any:
        return self.slots.get(name)

    def entity_values(self, name: str) -> list[str]:
        return [str(e.get("value")) for e in self.entities if e.get("entity") == name and e.get("value") is not None]

    def entity_number(self, name: str) -> Optional[int]:
        """The first whole-number value of an entity ("line_count", "period"), or None."""
        return next((int(value) for value in self.entity_values(name) if value.isdigit()), None)

    @property
    def period_months(self) -> Optional[int]:
        """The months a monthly price is added up over ("per jaar": 12, "over twee jaar": 24)."""
        return self.entity_number("period")

    @property
    def topic(self) -> Optional[str]:
        """The question this turn is about: its own intent, or the one it follows up."""
        from actions.intents import TOPIC_INTENTS

        if self.intent in TOPIC_INTENTS:
            return self.intent
        return self.slots.get("question")


@dataclass(frozen=True)
class Button:
    """A quick reply: the title is phrased per language, the payload is what Rasa reads."""

    title: Phrase
    payload: str


@dataclass(frozen=True)
class Reply:
    """One bot message, still in phrases: `body` lines (a `BLANK` line makes a paragraph
    break), quick-reply `buttons`, an optional `footnote` (sent as the last paragraph and
    in the message metadata) and `awaits`, the value the message asks for ("country",
    "platform", "device_value", "amount_spent"), if it asks for one; `understood` is False for
    the reply to a message no answer was found for (the fallback)."""

    body: tuple[Phrase, ...] = ()
    buttons: tuple[Button, ...] = ()
    footnote: Optional[Phrase] = None
    awaits: Optional[str] = None
    understood: bool = True


def say(*body: Phrase, buttons: tuple[Button, ...] = (), awaits: Optional[str] = None) -> Reply:
    """`say(Phrase(...), Phrase(...))`: a Reply of these lines."""
    return Reply(body=tuple(body), buttons=buttons, awaits=awaits)


# An empty line between two paragraphs of a reply.
BLANK = Phrase("common.blank")


def says(parts: tuple, phrase: Phrase) -> bool:
    """Whether `phrase` is among `parts` (a reply's body), or inside one of them."""
    return any(part == phrase or isinstance(part, Phrase) and says(tuple(v for _, v in part.items), phrase)
               or isinstance(part, tuple) and says(part, phrase) for part in parts)
