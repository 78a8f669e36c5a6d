"""Rasa action classes: thin adapters between the tracker and actions.answers."""
from __future__ import annotations

import logging
import re
from abc import ABC, abstractmethod
from typing import List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker, ValidationAction
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import answer, fallback, greeting, unknown_value_reply
from actions.answers.abroad import OUT_OF_BUNDLE, needs_country
from actions.answers.extras_services import needs_device_value
from actions.answers.kpn_pay import over_purchase_limit
from actions.intents import COUNTRY_AWARE, TOPIC_INTENTS
from knowledge import countries
from actions.slot_extraction import extract_slots
from actions.turn import Reply, Turn

logger = logging.getLogger(__name__)


# Below the FallbackClassifier's threshold, a topic intent this likely is still the best
# reading of a question that names a country, an amount or a product; anything less gets
# the fallback.
RESCUE_CONFIDENCE = 0.2
ELLIPTIC = re.compile(r"^(en|met|zonder|liever|dan|ook|of|maar)\b(?!.*\b(hoe|waar|wanneer|waarom|welke)\b)", re.I)


def effective_intent(message: dict, question: Optional[str] = None) -> Optional[str]:
    """The intent the dialogue acts on: NLU's, corrected by what the message plainly says.

    - a short elliptic follow-up ("met onbeperkt bellen graag", "en in Marokko?") continues
      the open question;
    - a question naming a foreign country is read as a question about abroad;
    - low confidence still answers a topic that ranked well enough.
    """
    intent = (message.get("intent") or {}).get("name")
    text = (message.get("text") or "").strip()
    ranking = [r for r in message.get("intent_ranking") or [] if r.get("name") != "nlu_fallback"]
    if question in TOPIC_INTENTS and ELLIPTIC.match(text) and len(text.split()) <= 6:
        return "inform"
    abroad = any(m.country.zone.value != "NL" for m in countries.find_countries_in_text(text[:1000]))
    if abroad and intent not in COUNTRY_AWARE and intent not in ("greet", "goodbye", "thank", "affirm", "deny"):
        return next((r["name"] for r in ranking if r.get("name") in COUNTRY_AWARE - {"inform", "speak_english"}),
                    "ask_foreign_rates")
    if not abroad and OUT_OF_BUNDLE.search(text.lower()) and intent in COUNTRY_AWARE - {"inform"} | {"nlu_fallback"}:
        return "ask_out_of_bundle"  # "mijn belminuten zijn op, wat kost 45 minuten?"
    if intent == "nlu_fallback" and ranking and ranking[0].get("name") in TOPIC_INTENTS \
            and ranking[0].get("confidence", 0) >= RESCUE_CONFIDENCE:
        return ranking[0]["name"]
    return intent


def requested_before_last_message(tracker: Tracker) -> Optional[str]:
    """The slot a form was asking for when the user sent the latest message."""
    requested, asked_then = None, None
    for event in tracker.events:
        if event.get("event") == "user":
            asked_then = requested
        elif event.get("event") == "slot" and event.get("name") == "requested_slot":
            requested = event.get("value")
        elif event.get("event") == "active_loop" and event.get("name") is None:
            requested = None
    return asked_then


def turn_from(tracker: Tracker) -> Turn:
    message = tracker.latest_message or {}
    intent = effective_intent(message, tracker.get_slot("question"))
    asked = requested_before_last_message(tracker)
    if asked and tracker.get_slot(asked) is not None and intent != "inform" \
            and tracker.get_slot("question") not in (None, intent):
        intent = "inform"  # the message answered the form's question (see extract_slots)
    return Turn(
        text=(message.get("text") or "")[:5000],
        intent=intent,
        entities=tuple(message.get("entities") or ()),
        slots=dict(tracker.current_slot_values()),
    )


def send(dispatcher: CollectingDispatcher, reply: Reply) -> List[EventType]:
    """Utter the reply; answers change no slots (slot_extraction does that), so no events."""
    if reply.response:
        dispatcher.utter_message(response=reply.response)
    else:
        dispatcher.utter_message(text=reply.text, buttons=list(reply.buttons) or None)
    return []


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
        turn = turn_from(tracker)
        if turn.intent in TOPIC_INTENTS:
            return send(dispatcher, answer(turn))
        return send(dispatcher, fallback(turn))


class _ExtractOnly:
    """Values are checked while they are extracted (actions.slot_extraction), so there is no
    validate_<slot> method. rasa_sdk's default validation step logs "Skipping validation
    for `<slot>`" for every slot on every turn; this one passes the values on unchanged,
    for the same slots rasa_sdk would."""

    async def get_validation_events(self, dispatcher, tracker, domain) -> List[EventType]:
        wanted = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        return [SlotSet(name, value) for name, value in tracker.slots_to_validate().items()
                if name in wanted]


class ValidateSlotMappings(_ExtractOnly, ValidationAction):
    """Fills every slot after each user message (see actions.slot_extraction)."""

    async def get_extraction_events(self, dispatcher, tracker, domain) -> List[EventType]:
        try:
            changes = extract_slots(turn_from(tracker), tracker.get_slot("requested_slot"))
        except Exception:
            logger.exception("slot extraction failed")
            return []
        return [SlotSet(name, value) for name, value in changes.items()]


class _AskUntilKnown(_ExtractOnly, FormValidationAction, ABC):
    """A form that asks for one value; names a value it cannot use and asks again.

    Another question (or "nee", "doei") in the middle of the form ends the form: the
    submit rule then runs action_answer, which answers that message instead.
    """

    slot_name: str = ""
    started_by: frozenset = frozenset()

    @abstractmethod
    def name(self) -> Text:
        """validate_<form name>"""

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> List[Text]:
        # NLU started this form, but the message says otherwise ("mijn buitenlandbundel in
        # Brazilië is op" is no KPN Pay budget question): nothing to ask, answer it.
        if tracker.get_slot("requested_slot") is None and turn_from(tracker).intent not in self.started_by:
            return []
        return domain_slots

    async def get_extraction_events(self, dispatcher, tracker, domain) -> List[EventType]:
        if tracker.get_slot(self.slot_name) is not None:
            return []  # action_validate_slot_mappings already filled it
        turn = turn_from(tracker)
        if tracker.get_slot("requested_slot") != self.slot_name:
            # The form starts and asks its question itself; first say what was unusable.
            problem = unknown_value_reply(self.slot_name, turn, only_if_named=True)
            if problem is not None:
                send(dispatcher, problem)
            return []
        if turn.intent not in self.started_by | {"inform", "nlu_fallback", None}:
            return [SlotSet("requested_slot", None)]
        send(dispatcher, unknown_value_reply(self.slot_name, turn))
        return [SlotSet(self.slot_name, None)]


class ValidateCountryForm(_AskUntilKnown):
    slot_name = "country"
    started_by = frozenset({"ask_foreign_rates", "ask_bundle_advice"})

    def name(self) -> Text:
        return "validate_country_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> List[Text]:
        # "mijn bundel is op, wat kost 30 min bellen?" is about home: no country to ask.
        if tracker.get_slot("requested_slot") is None and not needs_country(turn_from(tracker)):
            return []
        return await super().required_slots(domain_slots, dispatcher, tracker, domain)


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

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> List[Text]:
        # "Kan ik een refurbished toestel verzekeren?" needs no device value to answer.
        text = (tracker.latest_message or {}).get("text") or ""
        if tracker.get_slot("requested_slot") is None and not needs_device_value(text):
            return []
        return await super().required_slots(domain_slots, dispatcher, tracker, domain)


class ValidateSpentForm(_AskUntilKnown):
    slot_name = "amount_spent"
    started_by = frozenset({"kpnpay_budget"})

    def name(self) -> Text:
        return "validate_spent_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> List[Text]:
        # "een app van 60 euro": above the per-purchase limit, what was spent does not matter
        purchase = tracker.get_slot("purchase_amount")
        if tracker.get_slot("requested_slot") is None and purchase and over_purchase_limit(purchase):
            return []
        return await super().required_slots(domain_slots, dispatcher, tracker, domain)
