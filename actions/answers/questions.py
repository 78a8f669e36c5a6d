"""What the assistant asks for when an answer needs a value it does not have yet.

Forms ask through `action_ask_<slot>` (actions.actions) and answers that miss the value
return the same Reply, so the question is phrased once, in the conversation's language.
"""
from __future__ import annotations

from actions.phrasebook import Phrase
from actions.turn import Button, Reply

PLATFORM_BUTTONS = (
    Button(Phrase("questions.button_ios"), '/inform{"platform": "ios"}'),
    Button(Phrase("questions.button_android"), '/inform{"platform": "android"}'),
)

ASKED = frozenset({"country", "platform", "device_value", "amount_spent"})


def question_for(slot: str) -> Reply:
    """The question for `slot` (one of ASKED), with `awaits` naming it."""
    if slot not in ASKED:
        raise ValueError(f"no question for slot {slot!r}")
    buttons = PLATFORM_BUTTONS if slot == "platform" else ()
    return Reply(body=(Phrase(f"questions.{slot}"),), buttons=buttons, awaits=slot)
