"""Rasa action classes: thin adapters between the tracker and actions.answers."""
from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from typing import List, Text

from rasa_sdk import Action, FormValidationAction, Tracker, ValidationAction
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import answer, fallback, greeting, unknown_value_reply
from actions.slot_extraction import extract_slots
from actions.turn import Reply, Turn

logger = logging.getLogger(__name__)


def turn_from(tracker: Tracker) -> Turn:
    message = tracker.latest_message or {}
    return Turn(
        text=(message.get("text") or "")[:5000],
        intent=(message.get("intent") or {}).get("name"),
        entities=tuple(message.get("entities") or ()),
        slots=dict(tracker.current_slot_values()),
    )


def send(dispatcher: CollectingDispatcher, reply: Reply) -> List[EventType]:
    if reply.response:
        dispatcher.utter_message(response=reply.response)
    else:
        dispatcher.utter_message(text=reply.text, buttons=list(reply.buttons) or None)
    return [SlotSet(name, value) for name, value in reply.slots.items()]


class ActionGreet(Action):
    """Greets back in kind and says what the assistant can help with."""

    def name(self) -> Text:
        return "action_greet"

    async def run(self, dispatcher, tracker, domain) -> List[EventType]:
        return send(dispatcher, greeting(turn_from(tracker)))


class ActionAnswer(Action):
    """Answers the current question (or the one a follow-up continues) from knowledge/."""

    def name(self) -> Text:
        return "action_answer"

    async def run(self, dispatcher, tracker, domain) -> List[EventType]:
        turn = turn_from(tracker)
        try:
            reply = answer(turn)
        except Exception:  # one broken answer must not cost the conversation
            logger.exception("action_answer failed for intent %s", turn.intent)
            reply = Reply(text="Sorry, bij deze vraag ging bij mij iets mis. Probeer het anders te "
                               "vragen, of bel de klantenservice via 1200 (gratis).")
        return send(dispatcher, reply)


class ActionFallback(Action):
    """Low NLU confidence: ask to rephrase and offer the topics as buttons."""

    def name(self) -> Text:
        return "action_fallback"

    async def run(self, dispatcher, tracker, domain) -> List[EventType]:
        return send(dispatcher, fallback(turn_from(tracker)))


class ValidateSlotMappings(ValidationAction):
    """Fills every slot after each user message (see actions.slot_extraction)."""

    async def get_extraction_events(self, dispatcher, tracker, domain) -> List[EventType]:
        try:
            changes = extract_slots(turn_from(tracker), tracker.get_slot("requested_slot"))
        except Exception:
            logger.exception("slot extraction failed")
            return []
        return [SlotSet(name, value) for name, value in changes.items()]


class _AskUntilKnown(FormValidationAction, ABC):
    """A form that asks for one value; names a value it cannot use and asks again.

    Another question (or "nee", "doei") in the middle of the form ends the form: the
    submit rule then runs action_answer, which answers that message instead.
    """

    slot_name: str = ""
    started_by: frozenset = frozenset()

    @abstractmethod
    def name(self) -> Text:
        """validate_<form name>"""

    async def get_extraction_events(self, dispatcher, tracker, domain) -> List[EventType]:
        if tracker.get_slot(self.slot_name) is not None:
            return []  # action_validate_slot_mappings already filled it
        if tracker.get_slot("requested_slot") != self.slot_name:
            return []  # the form starts: it asks its question itself
        turn = turn_from(tracker)
        if turn.intent not in self.started_by | {"inform", "nlu_fallback", None}:
            return [SlotSet("requested_slot", None)]
        send(dispatcher, unknown_value_reply(self.slot_name, turn))
        return [SlotSet(self.slot_name, None)]


class ValidateCountryForm(_AskUntilKnown):
    slot_name = "country"
    started_by = frozenset({"ask_roaming", "ask_call_from_nl", "ask_bundle_advice"})

    def name(self) -> Text:
        return "validate_country_form"


class ValidatePlatformForm(_AskUntilKnown):
    slot_name = "platform"
    started_by = frozenset({"kpnpay_setup"})

    def name(self) -> Text:
        return "validate_platform_form"


class ValidateDeviceValueForm(_AskUntilKnown):
    slot_name = "device_value"
    started_by = frozenset({"ask_insurance"})

    def name(self) -> Text:
        return "validate_device_value_form"


class ValidateSpentForm(_AskUntilKnown):
    slot_name = "amount_spent"
    started_by = frozenset({"kpnpay_budget"})

    def name(self) -> Text:
        return "validate_spent_form"
