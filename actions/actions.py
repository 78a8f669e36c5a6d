"""The Rasa action: one call per turn, a thin adapter between the tracker and the answers.

`action_answer` reads what NLU made of the latest message (intent, entities, cues —
decided in the NLU pipeline, server/understanding), updates the dialogue state
(actions.dialogue), answers from knowledge/ (actions.answers) and returns the state's
changes as SlotSet events, so the tracker shows what the answer was computed from.
"""
from __future__ import annotations

import logging
from typing import Any, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import dialogue
from actions.answers import answer, unknown_value_reply
from actions.turn import Reply, Turn

logger = logging.getLogger(__name__)

FAILURE = Reply(text="Sorry, bij deze vraag ging bij mij iets mis. Probeer het anders te vragen, of bel de "
                     "klantenservice via 1200 (gratis).")
# What an answer that asks for a missing value waits for (until answers name it themselves).
AWAITS_OF_RESPONSE = {"utter_ask_country": "country", "utter_ask_platform": "platform",
                      "utter_ask_device_value": "device_value", "utter_ask_amount_spent": "amount_spent"}
STATE = dialogue.STATE_SLOTS + dialogue.VALUE_SLOTS


def _slots(tracker: Tracker) -> dict[str, Any]:
    return {name: tracker.get_slot(name) for name in STATE}


def turn_of(message: dialogue.Message, update: dialogue.Update) -> Turn:
    return Turn(text=message.text, intent=update.intent, entities=message.entities, slots=dict(update.state))


def awaits(reply: Reply) -> Optional[str]:
    return AWAITS_OF_RESPONSE.get(reply.response or "")


def respond(previous: dict[str, Any], message: dialogue.Message) -> tuple[list[Reply], dict[str, Any]]:
    """The replies to one message and the slot changes, given the slots before it."""
    update = dialogue.update(previous, message)
    turn = turn_of(message, update)
    replies = []
    try:
        reply = answer(turn)
    except Exception:  # one broken answer must not cost the conversation
        logger.exception("action_answer failed for intent %s", turn.intent)
        return [FAILURE], update.changes
    waiting = awaits(reply)
    if waiting and previous.get("awaiting") == waiting and update.follow_up:
        problem = unknown_value_reply(waiting, turn)  # "'Atlantis' ken ik niet als land"
        if problem is not None:
            replies.append(problem)
    replies.append(reply)
    changes = dict(update.changes)
    changes.update(dialogue.after_reply(update.state, waiting, update.interrupted))
    if waiting is None and update.state.get("awaiting") and not update.interrupted:
        changes["awaiting"] = None
    return replies, changes


def send(dispatcher: CollectingDispatcher, reply: Reply) -> None:
    if reply.response:
        dispatcher.utter_message(response=reply.response)
    else:
        dispatcher.utter_message(text=reply.text, buttons=list(reply.buttons) or None)


class ActionAnswer(Action):
    """Answers the message (a question, a follow-up, small talk or the fallback) from knowledge/."""

    def name(self) -> Text:
        return "action_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[EventType]:
        message = dialogue.Message.from_parse_data(tracker.latest_message or {})
        replies, changes = respond(_slots(tracker), message)
        for reply in replies:
            send(dispatcher, reply)
        return [SlotSet(name, value) for name, value in changes.items()]
