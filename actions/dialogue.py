"""The dialogue state: the open question, the values it has, what the bot waits for, and
what the latest message changed — updated from what NLU read in that message.

Pure functions over plain data (slot values and the parsed message), so every rule here
is table-tested without Rasa. `actions.actions.ActionAnswer` applies `update()` once per
turn and returns the changes as SlotSet events: the tracker shows the state the answer
was computed from.

Rules, in one place:
- a new question (a topic intent) opens with the values its own message names; `country`
  (where the user is) persists unless the message names another place or asks about
  "het buitenland" in general;
- a follow-up (`inform`: "en in Marokko?", "vanuit Brazilië", a bare value) or a
  correction ("nee, ik bedoel Mexico") continues the open question: what it names
  replaces what was there, and what it names wins over what is carried over ("en
  internetten?" asks about data, not again about the minutes of the previous question);
- a place without a role ("naar Kenia", "Mexico") is whom the user calls when the open
  question is about calling from the Netherlands or the bot asked for that, otherwise where
  the user is; "daar" keeps the place;
- what the bot asked for (`awaiting`) is taken only from a message that answers it (a
  follow-up or the question's own intent), never from a number inside another question;
  another question is answered and the bot offers to come back (`resume`); "stop", "laat
  maar" or a no ends the wait.
"""
from __future__ import annotations


from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Iterable, Optional

from knowledge import extras, subscriptions
from server.understanding.intents import FALLBACK, FOLLOW_UP, NL_EU_NAMED, REMOVE_WORDS, TOPIC_INTENTS, outside_the_eu

# Values that belong to one question: a new question starts without them.
QUESTION_SCOPED = ("usage", "duration_seconds", "called_seconds", "data_mb", "sms_count",
                   "customer_type", "date", "purchase_amount", "destination", "allowance_mb", "call_count")
QUANTITY_OF_USAGE = {"call": "duration_seconds", "called": "called_seconds", "sms": "sms_count", "data": "data_mb"}
USE_SLOTS = ("usage", "call_count", *QUANTITY_OF_USAGE.values())
STATE_SLOTS = ("question", "awaiting", "resume", "resume_values", "changed")
# `plan`: the subscription talked about ("unlimited_data", "kids", or its data allowance in MB), so
# "hoeveel kan ik daarmee in de EU internetten?" knows what "daarmee" is.
# `extra_option`: the ExtraOptie named last (its id), for "werkt dat ook op mijn iPhone?".
# `plan_calls`: the calling line of that plan ("unlimited", "limited"), once a message said it.
# `plans_named`: the Hussel plans the last message that named one named (PlanMention keys), for
# "hoeveel ga ik dan meer betalen?" after "ik heb 2 GB met 150 min, kan ik naar 15 GB?".
# `extras_chosen`: the ExtraOpties added while choosing a plan ("en als ik daar 5G bij neem?", "doe er
# Spotify ook maar bij"), for the plan's total with all of them.
# `plans_chosen`: the plans talked about as ones to take ("kids", PlanMention keys), for "beide abonnementen".
# `coverage`: the insurance cover chosen for the device of `device_value`, for "mijn maandbedrag samen met
# die verzekering" a question later; a new device starts without one (_cover_of_the_device).
VALUE_SLOTS = ("country", "platform", "device_value", "coverage", "amount_spent", "plan", "plan_calls",
               "extra_option", "plans_named", "extras_chosen", "plans_chosen") + QUESTION_SCOPED
ENDS_WAIT = frozenset({"deny", "goodbye", "stop"})
SPOKEN = ("nl", "en")
# Money without a word that says what it is goes where the open question needs it.
MONEY_SLOT_OF_QUESTION = {"ask_insurance": "device_value", "kpnpay_budget": "amount_spent",
                          "kpnpay_limits": "amount_spent"}
PLAN_QUESTIONS = frozenset({"ask_plan", "ask_tablet_plan"})
DATE_RULES = ("ask_inflation_correction", "ask_plan_change", "ask_contract_term")  # worked out from a date
KPN_PAY_QUESTIONS = frozenset({"kpnpay_setup", "kpnpay_sms_code", "kpnpay_limits", "kpnpay_default_method", "kpnpay_what"})
PLANS_PRICED = PLAN_QUESTIONS | {"ask_kids_plan"}  # a monthly price that a period adds up
# What a message about another line of a household is not ("ook zo een voor mijn vrouw" is, whatever NLU makes of it).
NO_HOUSEHOLD_LINE = frozenset({"human_handoff", "complaint", "goodbye", "thank", "greet", "bot_challenge", "deny",
                               "lost_or_stolen", "service_problem"})
# Questions of someone choosing a plan: the options and the calling line they name are kept
# for the sums that follow ("wat betaal ik de eerste maand met de aansluitkosten?").
PLAN_SHOPPING = PLAN_QUESTIONS | {"ask_extra_options", "ask_connection_fee", "ask_plan_change"}
UNLIMITED, UNLIMITED_QUESTION = "unlimited_data", "ask_unlimited_data"
KIDS = "kids"  # the Kids plan (a plan of its own: no switching within its contract)
AMOUNT_ROLE_SLOT = {"device_value": "device_value", "spent": "amount_spent", "purchase": "purchase_amount"}


@dataclass(frozen=True)
class Message:
    """What NLU made of the latest user message (from tracker.latest_message)."""

    text: str = ""
    intent: Optional[str] = None
    entities: tuple[dict[str, Any], ...] = ()
    cues: frozenset[str] = frozenset()
    problems: tuple[dict[str, Any], ...] = ()
    language: dict[str, Any] = field(default_factory=dict)  # code, clear, greeting (server/understanding)

    @classmethod
    def from_parse_data(cls, data: dict[str, Any]) -> "Message":
        # the whole message (a long one is classified on its question, `text`, but read in full)
        text = data.get("full_text") or data.get("text") or ""
        return cls(text=text[:5000], intent=(data.get("intent") or {}).get("name"),
                   entities=tuple(data.get("entities") or ()), cues=frozenset(data.get("cues") or ()),
                   problems=tuple(data.get("problems") or ()), language=dict(data.get("language") or {}))

    @property
    def other_language(self) -> Optional[str]:
        """A language the assistant does not speak, when the message is plainly written in it."""
        code = self.language.get("code")
        return code if self.language.get("clear") and code not in (None, *SPOKEN) else None

    def values(self, entity: str, role: Any = ...) -> list[str]:
        """Values of `entity` (with that role; role=None means: without a role)."""
        return [str(e.get("value")) for e in self.entities if e.get("entity") == entity
                and e.get("value") is not None and (role is ... or e.get("role") == role)]

    def has(self, entity: str) -> bool:
        return any(e.get("entity") == entity for e in self.entities)


@dataclass(frozen=True)
class Update:
    """The state after the message (all slots), and the slots whose value changed."""

    state: dict[str, Any]
    changes: dict[str, Any] = field(default_factory=dict)
    follow_up: bool = False
    intent: Optional[str] = None  # what the answer acts on: `inform` when the message continues the question
    interrupted: Optional[str] = None  # a question waiting for a value that this message did not answer


def _sum(values: Iterable[str]) -> Optional[str]:
    total = sum((Decimal(v) for v in values), Decimal(0))
    return _decimal_text(total) if total else None


def _last(values: list[str]) -> Optional[str]:
    return values[-1] if values else None


def _is_follow_up(message: Message, previous: dict[str, Any]) -> bool:
    if message.intent == FOLLOW_UP:
        return True
    # a quantity for the rates just given, somewhere abroad ("So a 15 minute call would be how much?")
    if message.intent in RATE_QUESTIONS and previous.get("question") in RATE_QUESTIONS \
            and previous.get("country") not in (None, "Nederland") and not message.has("country") \
            and any(message.has(entity) for entity in NEED) \
            and not {"out_of_bundle", "used_up", "generic_abroad", "from_home"} & message.cues:
        return True
    # a rate question right after one, short or starting like a fragment ("vanuit Brazilië bellen",
    # "bellen naar Suriname"): the same question for another place, its quantities kept
    if message.intent in RATE_QUESTIONS and previous.get("question") in RATE_QUESTIONS \
            and ("elliptic" in message.cues or len(message.text.split()) <= 4) \
            and message.has("country") and not any(message.has(entity) for entity in NEED):
        return True
    # the same question again in a short form ("hussel 5 gb" after a plan question)
    return message.intent == previous.get("question") and len(message.text.split()) <= 3


RATE_QUESTIONS = frozenset({"ask_foreign_rates", "ask_out_of_bundle"})


def _priced_outside_the_eu(previous: dict[str, Any]) -> bool:
    """The rates talked about are those of a place outside the EU: where the user is, or the place
    called from the Netherlands."""
    return outside_the_eu(previous.get("country")) or \
        previous.get("country") == "Nederland" and outside_the_eu(previous.get("destination"))


def _places(message: Message, previous: dict[str, Any], follow_up: bool, question: Optional[str]) -> dict[str, Any]:
    """`country` (where the user is) and `destination` (whom they call) after the message."""
    located, targets, bare = (message.values("country", "location"), message.values("country", "destination"),
                              message.values("country", None))
    country, destination = previous.get("country"), previous.get("destination")
    if not (located or targets or bare):
        if "generic_abroad" in message.cues and not follow_up and "reference" not in message.cues:
            return {"country": None, "destination": None}
        if "from_home" in message.cues and follow_up and country not in (None, "Nederland"):
            return {"country": "Nederland", "destination": country}  # "en vanuit Nederland?"
        if country == "Nederland" and outside_the_eu(destination) and (
                "reference" in message.cues and {"call", "sms"} & set(message.values("usage"))
                or question in ("ask_buitenland_bundle", "ask_bundle_advice")):
            # "ik bel 100 minuten met mijn moeder daar", "is daar een bundel voor?": the place called from home
            return {"destination": destination}
        return {}
    calling_from_home = country == "Nederland" and (destination is not None or "call_abroad" in message.cues)
    if bare and not located and not targets:
        if previous.get("awaiting") == "destination" or (follow_up and calling_from_home):
            targets = bare
        elif "correction" in message.cues and follow_up and destination is not None and country == "Nederland":
            targets = bare
        else:
            located = bare
    elif bare:
        if targets and not located:
            located = bare
        elif located and not targets and any(use in ("call", "sms") for use in message.values("usage")):
            targets = bare  # "vanuit Turkije ... Marokko bellen"; without a call it is another stop of a trip
    new: dict[str, Any] = {}
    if located:
        # "ik studeer in Amsterdam ... een semester in Valencia": home is no news, the place abroad is
        new["country"] = next((place for place in located if place != "Nederland"), located[0])
        # "als ik haar vandaar bel": the person called before is still the one called
        kept = destination if "person_reference" in message.cues else None
        new["destination"] = targets[0] if targets else kept
        if not targets and follow_up and new["country"] == "Nederland" and country not in (None, "Nederland"):
            new["destination"] = country  # "vanuit Nederland" after a question about Turkey
    elif targets:
        new["destination"] = targets[0]
        if "reference" in message.cues and country not in (None, "Nederland"):
            return new  # "als ik vanaf hier naar Kenia bel" while in Brazil: from there
        if not follow_up or country is None:
            new["country"] = "Nederland" if ("from_home" in message.cues or not follow_up) else country
        if new.get("country") is None and country is None:
            new["country"] = "Nederland"
    return new


def _quantities(message: Message) -> dict[str, Any]:
    new: dict[str, Any] = {}
    call, called = _sum(message.values("duration", "call")), _sum(message.values("duration", "called"))
    if call:
        new["duration_seconds"] = call
    if called:
        new["called_seconds"] = called
    # With several volumes the need comes last: "mijn 25 GB is op, ik heb nog 3 GB nodig".
    need = _last(message.values("data_volume", None))
    if need:
        new["data_mb"] = need
    allowance = _last(message.values("data_volume", "allowance"))
    if allowance:
        new["allowance_mb"] = allowance
    sms = _last(message.values("sms_count", None))  # not "all my 150 texts" (an allowance)
    if sms:
        new["sms_count"] = sms
    if call or called:
        new["call_count"] = _last(message.values("call_count"))  # None: one call
    return new


def _recounted(message: Message, previous: dict[str, Any]) -> dict[str, Any]:
    """"en 40?" after 25 minutes of calling: 40 minutes (of the one quantity counted before)."""
    count = _last(message.values("count")) or (_last(message.values("amount", None)) if "no_words" in message.cues
                                                else None)  # "40?"
    counted = [slot for slot in ("duration_seconds", "called_seconds", "data_mb", "sms_count") if previous.get(slot)]
    if count is None or len(counted) != 1:
        return {}
    slot = counted[0]
    if slot.endswith("_seconds"):  # minutes, as the question before counted them ("12,5?" too)
        return {slot: str(int(Decimal(count) * 60))}
    return {slot: count}


def _amounts(message: Message, awaiting: Optional[str], question: Optional[str], answers_wait: bool) -> dict[str, Any]:
    new: dict[str, Any] = {}
    for role, slot in AMOUNT_ROLE_SLOT.items():
        value = next(iter(message.values("amount", role)), None)
        if value is not None:
            new[slot] = value
    loose = next(iter(message.values("amount", None)), None)
    if loose is not None:
        target = awaiting if awaiting in ("device_value", "amount_spent") and answers_wait \
            else MONEY_SLOT_OF_QUESTION.get(question or "")
        if target and target not in new:
            new[target] = loose
    return new


# Values whose role says plainly that they answer what the bot asked for.
AWAITED_ROLE = {"device_value": ("amount", "device_value"), "amount_spent": ("amount", "spent"),
                "destination": ("country", "destination"), "country": ("country", "location")}


NEED = ("duration", "data_volume", "sms_count")


def _names_awaited(message: Message, awaiting: str) -> bool:
    if awaiting == "need":  # "ik denk zo'n 20 minuten bellen" after "hoeveel heb je nodig?"
        return any(message.has(entity) for entity in NEED)
    entity, role = AWAITED_ROLE.get(awaiting, (None, None))
    return entity is not None and bool(message.values(entity, role))


# Questions about a bundle for abroad: the country they wait for is never the Netherlands.
ABROAD_ONLY = frozenset({"ask_bundle_advice", "ask_buitenland_bundle"})


def _home_question_while_abroad_waits(message: Message, awaiting: Optional[str], waiting: Optional[str]) -> bool:
    """"btw wat kost een belminuut buiten de bundel in nederland?" while bundle advice waits for
    the country abroad: another question, about home, not the answer to the one asked."""
    return awaiting == "country" and waiting in ABROAD_ONLY and message.intent in TOPIC_INTENTS \
        and message.intent != waiting and set(message.values("country")) == {"Nederland"}


def _awaited_value(message: Message, awaiting: str, values: dict[str, Any]) -> bool:
    """Does the message hold the value the bot asked for?"""
    if awaiting in ("country", "destination"):
        return message.has("country")
    if awaiting == "need":
        return any(message.has(entity) for entity in NEED)
    return values.get(awaiting) is not None


def conversation_language(current: Optional[str], message: Message) -> Optional[str]:
    """A clear sentence sets the conversation's language ("ok", "Spanje", "500 MB" never do);
    a greeting alone ("hello") sets it only at the start; a language the assistant does not
    speak gets English."""
    code, clear = message.language.get("code"), message.language.get("clear")
    if message.language.get("requested") in SPOKEN:  # "Kun je verder in het Nederlands?"
        return message.language["requested"]
    if clear and code in SPOKEN:
        return code
    if clear and code:
        return "en"
    if current is None and code in SPOKEN and (message.language.get("greeting") or len(message.text.split()) >= 2):
        return code  # the first message: its best guess ("data price usa", "hello"), not one bare name
    return current


# What "switch that on" means after a question about ...
BUNDLE_TALK = frozenset({"ask_foreign_rates", "ask_bundle_advice", "ask_buitenland_bundle", "ask_internet_block",
                         "ask_bundle_used_up", "ask_bundle_validity", "ask_fair_use"})
# Questions whose answer was about BuitenlandBundels themselves
BUNDLE_ASKED = frozenset({"ask_bundle_advice", "ask_buitenland_bundle", "ask_bundle_validity", "ask_bundle_activation",
                          "ask_bundle_used_up"})


def _switching_on(question: Optional[str]) -> Optional[str]:
    if question == "kpnpay_flitsmeister":  # "hoe koppel ik dat dan?": KPN Pay in the Flitsmeister app
        return question
    if question and question.startswith("kpnpay_"):
        return "kpnpay_setup"
    return "ask_bundle_activation" if question in BUNDLE_TALK else None


def _unlimited_plan_for(previous: dict[str, Any]) -> bool:
    """The plan talked about is Hussel onbeperkt data, or the data asked for needs it."""
    if previous.get("plan") == UNLIMITED:
        return True
    data_mb = previous.get("data_mb")
    largest = max((plan.data_gb for plan in subscriptions.plans() if plan.data_gb is not None), default=None)
    return bool(data_mb) and largest is not None and Decimal(str(data_mb)) > largest * 1000


def _asked_in_context(message: Message, previous: dict[str, Any]) -> Optional[str]:
    """The question a short message asks given what was just talked about (None: its own intent)."""
    # "werkt dat ook op mijn iPhone?", "wat kost het per jaar?" after an ExtraOptie: that option
    if previous.get("question") == "ask_extra_options" and previous.get("extra_option") \
            and (message.has("period") or ("it_reference" in message.cues and message.has("platform"))) \
            and not extras.find_extras(message.text):
        return FOLLOW_UP
    # "en als ik daar 5G bij neem?" while choosing a plan: that ExtraOptie with the plan
    if previous.get("question") in PLAN_SHOPPING and message.intent in (FALLBACK, FOLLOW_UP) \
            and extras.find_extras(message.text) and not message.has("country"):
        return "ask_extra_options"
    # "gaan die opties meteen in?" after an ExtraOptie: when options start (at once)
    if previous.get("question") == "ask_extra_options" and previous.get("extra_option") \
            and "when_effective" in message.cues and message.intent in TOPIC_INTENTS | {FALLBACK, FOLLOW_UP} \
            and not extras.find_extras(message.text):
        return FOLLOW_UP
    # "wat kost dat per jaar?" after an insurance premium: the same premiums, per year
    if previous.get("question") == "ask_insurance" and previous.get("device_value") and message.has("period") \
            and not message.has("country"):
        return FOLLOW_UP
    # "ik heb het contract pas sinds half augustus" after the inflation rule: that rule for this start
    if previous.get("question") in DATE_RULES and message.has("date") and not message.has("country") \
            and (message.intent in (FALLBACK, FOLLOW_UP, "account_question", previous.get("question"))
                 or message.intent == "ask_contract_term" and "?" not in message.text):  # a start told
        return previous.get("question")
    # "en voor mijn vrouw ook zo een?", "en als zij 150 min/sms neemt?" after a plan's price: the household
    if previous.get("question") in PLAN_QUESTIONS and ({"another_line", "that_person"} & message.cues) \
            and previous.get("plans_chosen") and not message.has("country") \
            and (message.intent in (FALLBACK, FOLLOW_UP, "ask_plan", "ask_kids_plan", "ask_connection_fee")
                 or "kpn_pay" not in message.cues and message.intent not in NO_HOUSEHOLD_LINE):
        return FOLLOW_UP
    # "hoeveel MB is dat tot die grens?", "telt mijn bundel mee voor die grens?" after the internet block: the block
    if previous.get("question") == "ask_internet_block" and "the_limit" in message.cues and not message.has("country"):
        return "ask_internet_block"
    # "hoeveel kan ik dan nog uitgeven deze maand?" after KPN Pay's limits or a purchase: what is left of the
    # month's limit, not the customer's account (the conversation told what was spent)
    if previous.get("question") in ("kpnpay_budget", "kpnpay_limits") and message.intent == "account_question" \
            and "spending" in message.cues and not message.has("country"):
        return "kpnpay_budget"
    # "ok en als ik het later weer wil uitzetten?" after setting KPN Pay up: taking it off
    if (previous.get("question") or "").startswith("kpnpay_") and REMOVE_WORDS.search(message.text) \
            and not message.has("country") and message.intent in KPN_PAY_QUESTIONS | {FALLBACK, FOLLOW_UP, "inform"}:
        return "kpnpay_remove"
    # "Ja, graag zo'n extra bundel, voor 200 minuten" after the rates outside the bundle at home: the NL/EU bundles
    if previous.get("question") in RATE_QUESTIONS and not _priced_outside_the_eu(previous) \
            and message.intent in ("ask_bundle_advice", "ask_buitenland_bundle") and not message.has("country") \
            and not {"generic_abroad", "buitenland_bundle_named"} & message.cues:
        return "ask_nl_eu_bundle"
    # "en over twee jaar?", "hoeveel is dat per jaar?" after a plan's price: that plan over the period
    if previous.get("question") in PLANS_PRICED and message.has("period") and not message.has("country") \
            and message.intent in (FALLBACK, FOLLOW_UP, previous.get("question"), "ask_plan", "ask_contract_term"):
        return FOLLOW_UP
    # "is er iets goedkopers?" after use priced in NL/EU: the NL/EU bundles
    if {"cheaper_bundle", "cheaper_asked"} & message.cues and not message.has("country") \
            and previous.get("question") in RATE_QUESTIONS and not _priced_outside_the_eu(previous):
        return "ask_nl_eu_bundle"
    # "kan k da ff goedkoper maken met n bundel?" after the rates outside the EU (there, or calling there from
    # home): the bundles there; after those bundles, with a use told ("ik bel 100 minuten met mijn moeder daar,
    # wat is goedkoper?"): worked out
    compared = "cheaper_or_dearer" in message.cues and previous.get("question") == "ask_buitenland_bundle" \
        and bool(_quantities(message))  # "ik bel daar 30 minuten per maand, wat is voordeliger?"
    if ({"cheaper_bundle", "cheaper_asked"} & message.cues or compared) and not message.has("country") \
            and _priced_outside_the_eu(previous) \
            and previous.get("question") in RATE_QUESTIONS | {"ask_internet_block", "ask_buitenland_bundle"}:
        # with the use just priced ("20 minuten vanuit Marokko ... hoeveel goedkoper is de bundel?"): worked out
        priced = any(previous.get(slot) for slot in QUANTITY_OF_USAGE.values()) or bool(_quantities(message))
        return "ask_bundle_advice" if priced else "ask_buitenland_bundle"
    # "Kan ik die 100000 MB ook gewoon in Duitsland opmaken?" after unlimited data was the plan for it: how
    # that plan works in the EU (its monthly limit)
    abroad_eu = [p for p in message.values("country") if p != "Nederland" and not outside_the_eu(p)]
    if abroad_eu and previous.get("question") in PLAN_QUESTIONS and _unlimited_plan_for(previous) \
            and (message.has("data_volume") or "data" in message.values("usage") or "plan_reference" in message.cues):
        return UNLIMITED_QUESTION
    # "bundel?", "Is there a bundle? I'm only there for a week." while a country outside the EU is talked
    # about: its BuitenlandBundels, not the NL/EU bundels
    if outside_the_eu(previous.get("country")) and not message.has("country") and not NL_EU_NAMED.search(message.text) \
            and ("bundle_only" in message.cues or message.intent == "ask_nl_eu_bundle"
                 and "stacking" not in message.cues and "unlimited_data_words" not in message.cues):
        return "ask_buitenland_bundle"
    # "Can I also use it to call my colleagues in Singapore from there?" after a place's BuitenlandBundels:
    # whether that use draws on the bundle
    if "counts_toward_bundle" in message.cues and previous.get("question") in BUNDLE_ASKED \
            and outside_the_eu(previous.get("country")) and message.intent in RATE_QUESTIONS | {FALLBACK, FOLLOW_UP}:
        return "ask_buitenland_bundle"
    # "hoe voorkom ik dat?", "zit er geen limiet op?" after costs outside the EU: the internet block
    if outside_the_eu(previous.get("country")) and not message.has("country") \
            and ("prevent" in message.cues or "limits_question" in message.cues and "kpn_pay" not in message.cues) \
            and message.intent in (FALLBACK, FOLLOW_UP, "kpnpay_limits", "ask_internet_block"):
        return "ask_internet_block"
    # "wat kost de grote bundel?" while a country outside the EU is talked about: its BuitenlandBundel
    if {"largest_bundle", "smallest_bundle"} & message.cues and not message.has("country") \
            and previous.get("country") not in (None, "Nederland"):
        return "ask_buitenland_bundle"
    # "hoeveel scheelt dat per maand?" after a plan's price: both calling lines and their difference
    if "price_difference" in message.cues and previous.get("question") in PLAN_QUESTIONS \
            and previous.get("plan") not in (None, KIDS) and len(previous.get("plans_named") or ()) < 2 \
            and not message.has("country") and not subscriptions.plans_named(message.text):
        return FOLLOW_UP
    # "3 MB whatsappen aan boord?" right after the rates somewhere abroad: a quantity there, however NLU
    # read it (the speed of data, data sharing)
    if previous.get("question") in RATE_QUESTIONS and previous.get("country") not in (None, "Nederland") \
            and message.intent in (FALLBACK, "ask_speed", "ask_data_sharing") and not message.has("country") \
            and any(message.has(entity) for entity in NEED):
        return FOLLOW_UP
    # "en wat betaal ik dan per maand?" after a plan change between plans named: the new plan's price
    if previous.get("question") == "ask_plan_change" and previous.get("plans_named") \
            and {"price_question", "how_much"} & message.cues and message.intent in (FALLBACK, FOLLOW_UP, "account_question") \
            and not message.has("country"):
        return FOLLOW_UP
    # "Hoeveel ga ik dan per maand meer betalen?" after two plans were named: their price difference
    if "price_difference" in message.cues and len(previous.get("plans_named") or ()) >= 2 \
            and previous.get("question") in PLAN_QUESTIONS | {"ask_plan_change"} and not message.has("country") \
            and len(subscriptions.plans_named(message.text)) < 2:
        return "ask_plan"
    stopped_abroad = previous.get("question") in BUNDLE_TALK | RATE_QUESTIONS | {"service_problem"} \
        and outside_the_eu(previous.get("country")) and not message.has("country") and "kpn_pay" not in message.cues
    # "What happens when my 5 GB runs out?" about a plan with 5 GB: that plan's data, not the
    # day bundle of unlimited data
    if message.intent == UNLIMITED_QUESTION and previous.get("plan") not in (None, UNLIMITED) \
            and not {"unlimited_data", "unlimited_data_words"} & message.cues:
        return "ask_out_of_bundle"
    # "en als ik geen bundel neem en 30 minuten naar huis bel?" outside the EU: the rates there, per use
    if "no_bundle" in message.cues and outside_the_eu(previous.get("country")) and not message.has("country") \
            and (any(message.has(entity) for entity in ("duration", "data_volume", "sms_count"))
                 or message.intent in ("ask_out_of_bundle", FOLLOW_UP, FALLBACK)):
        # ("And if I call home without a bundle, how much per minute?": the rate there too)
        return "ask_foreign_rates"
    # "hoe krijg ik het weer aan?" after internet outside the EU stopped: lifting the internet block
    if "back_on" in message.cues and stopped_abroad:
        return "ask_internet_block"
    # "ik heb geen buitenlandbundel, ik internet gewoon los" after it stopped: the € 60,50 block
    if "no_bundle" in message.cues and stopped_abroad and previous.get("usage") in ("data", None) \
            and message.intent not in RATE_QUESTIONS and "retroactive" not in message.cues:
        return "ask_internet_block"
    # "wat moet ik sturen en naar wie?" after the internet block: the sms that lifts it
    if "send_what" in message.cues and previous.get("question") == "ask_internet_block" and not message.has("country"):
        return "ask_internet_block"
    # "wat kan ik doen om weer snel internet te hebben?" with unlimited data slowed down: its day bundle
    if "speed_back" in message.cues and (previous.get("plan") == UNLIMITED
                                         or previous.get("question") == UNLIMITED_QUESTION):
        return UNLIMITED_QUESTION
    # ... and with a plan's own data used up: the extra NL/EU bundles
    if "speed_back" in message.cues and previous.get("question") in ("ask_speed", "ask_out_of_bundle", "ask_plan"):
        return "ask_nl_eu_bundle"
    # "wat gebeurt er als KPN denkt dat ik daar niet aan voldoe?" after the fair-use rule: that rule
    if previous.get("question") == "ask_fair_use" and "rule_not_met" in message.cues and not message.has("country"):
        return "ask_fair_use"
    # "do I have to select it every time I buy something?" about KPN Pay: it stays the payment method
    if "each_time" in message.cues and (previous.get("question") or "").startswith("kpnpay_") \
            and not {"sms_code", "a_code"} & message.cues \
            and message.intent in TOPIC_INTENTS - {"kpnpay_sms_code"} | {FALLBACK, FOLLOW_UP}:
        return "kpnpay_default_method"
    # "moet ik daarna nog wat doen of staat het dan aan?" after the KPN Pay set-up: it is the default then
    if "after_setup" in message.cues and previous.get("question") == "kpnpay_setup" \
            and message.intent in TOPIC_INTENTS | {FALLBACK, FOLLOW_UP, "goodbye"}:
        return "kpnpay_default_method"
    # "en wanneer zie ik dat bedrag terug bij KPN?" about a KPN Pay purchase: the invoice line
    if "invoice_question" in message.cues and (previous.get("question") or "").startswith("kpnpay_") \
            and message.intent in TOPIC_INTENTS | {FALLBACK, FOLLOW_UP}:
        return "kpnpay_invoice"
    # "kan ik er een tweede bij kopen voordat de eerste op is?" about a BuitenlandBundel: stacking them
    if "stacking" in message.cues and previous.get("question") in BUNDLE_TALK and not message.has("country") and (
            message.intent in (FALLBACK, FOLLOW_UP)
            or message.intent == "ask_nl_eu_bundle" and outside_the_eu(previous.get("country"))
            and not NL_EU_NAMED.search(message.text)):
        return "ask_bundle_used_up"
    # "ze heeft een Google Pixel. welke stappen moet ze doen?" while KPN Pay is talked about: its set-up there
    if message.intent == FALLBACK and message.has("platform") and (previous.get("question") or "").startswith("kpnpay_") \
            and not message.has("country"):
        return "kpnpay_setup"
    # "Gevonden. En nu?" after the KPN Pay option could not be found: the set-up steps from there
    if "found_it" in message.cues and previous.get("question") in ("kpnpay_option_missing", "kpnpay_setup") \
            and "missing" not in message.cues and not message.has("country"):
        return "kpnpay_setup"
    # "ze heeft ook een android tablet, daar heeft ze ook wat gekocht" after a KPN Pay problem: the same
    # question on that platform, not a tablet plan
    if (previous.get("question") or "").startswith("kpnpay_") and message.has("platform") \
            and message.intent in ("ask_tablet_plan", FALLBACK, FOLLOW_UP) and "price_question" not in message.cues \
            and not message.has("country"):
        return FOLLOW_UP
    # "k krijg n sms met n code" while setting KPN Pay up: the code of the setup, not sms rates
    if "sms_code" in message.cues and (previous.get("question") or "").startswith("kpnpay_") \
            and not message.has("country"):
        return "kpnpay_sms_code"
    # "wat als ik 45 minuten bel?" after the rate from the Netherlands to Suriname: that rate for
    # 45 minutes, not the NL/EU rate outside a bundle
    if message.intent == "ask_out_of_bundle" and previous.get("question") in RATE_QUESTIONS \
            and (previous.get("country") not in (None, "Nederland") or previous.get("destination")) \
            and not message.has("country") \
            and "used_up" not in message.cues \
            and any(message.has(entity) for entity in ("duration", "data_volume", "sms_count")):
        return FOLLOW_UP
    switched_on = _switching_on(previous.get("question")) if "switch_on_that" in message.cues else None
    if switched_on:  # "hoe zet ik die aan?" after a BuitenlandBundel: how to switch that on
        return switched_on
    # "hoeveel data heb ik daarmee in Spanje?", "en als mijn data in Italië op is?" after Hussel
    # onbeperkt data: its EU limit (25 GB) and the extra EU bundle
    abroad = [place for place in message.values("country") if place != "Nederland"]
    if not abroad and previous.get("question") == UNLIMITED_QUESTION and previous.get("country") not in (None, "Nederland") \
            and {"used_up", "more_data"} & message.cues:
        abroad = [previous["country"]]  # "wat kost extra data als die op is?" right after it in Portugal
    if previous.get("plan") == UNLIMITED and {"plan_reference", "used_up", "more_data"} & message.cues and abroad \
            and not any(outside_the_eu(place) for place in abroad) \
            and message.intent in TOPIC_INTENTS | {FOLLOW_UP, FALLBACK}:
        return UNLIMITED_QUESTION
    # "ik heb deze maand nog zo'n 3 GB nodig, wat kost dat?" after Hussel onbeperkt data in another EU
    # country: its extra EU bundles for that much, not a plan with that much data
    if previous.get("question") == UNLIMITED_QUESTION and previous.get("country") not in (None, "Nederland") \
            and not outside_the_eu(previous.get("country")) and not message.has("country") \
            and any(e.get("entity") == "data_volume" and e.get("role") != "allowance" for e in message.entities) \
            and not subscriptions.plans_named(message.text) \
            and message.intent in PLAN_QUESTIONS | {FALLBACK, FOLLOW_UP, "ask_nl_eu_bundle", UNLIMITED_QUESTION}:
        return FOLLOW_UP
    # "en +49 151 ..., mijn broer in Duitsland" after a service number's cost, "en vanuit Zwitserland
    # naar Vietnam?" after a fee of the Diensten: calling there (but "en vanuit Turkije?" after a
    # service number is that number from abroad)
    if message.intent == FOLLOW_UP and message.has("country") and (
            previous.get("question") == "ask_service_fees"
            or previous.get("question") == "ask_service_numbers" and message.values("country", "destination")
            and not message.values("country", "location")):
        return "ask_foreign_rates"
    # "En bellen vanuit Nederland naar Canada?" right after a KPN Pay answer: calling, not KPN Pay in Canada
    if message.intent == FOLLOW_UP and message.has("country") and (previous.get("question") or "").startswith("kpnpay_") \
            and any(use in ("call", "called", "sms", "data") for use in message.values("usage")) \
            and "kpn_pay" not in message.cues:
        return "ask_foreign_rates"
    if message.has("country"):
        return None
    # "hoeveel kan ik daarmee in de EU internetten?" after Hussel onbeperkt data: how that plan
    # works in the EU (its 25 GB limit), not the roaming rates
    if previous.get("plan") == UNLIMITED and "eu" in message.cues \
            and ("plan_reference" in message.cues or previous.get("question") == UNLIMITED_QUESTION) \
            and message.intent in TOPIC_INTENTS | {FOLLOW_UP, FALLBACK}:
        return UNLIMITED_QUESTION
    # "en dan met onbeperkt data erbij?" after a plan's price: that plan's price, not how it works
    if message.intent in (UNLIMITED_QUESTION, FOLLOW_UP) and previous.get("question") in PLAN_QUESTIONS \
            and "elliptic" in message.cues and "unlimited_data" in message.cues:
        return "ask_plan"
    # "hoeveel goedkoper is dezelfde met 150 minuten?" after a plan's price: that plan, the other call line
    if previous.get("question") in PLAN_QUESTIONS and previous.get("plan") not in (None, KIDS) \
            and {"few_calls", "unlimited_calls"} & message.cues and not message.has("data_volume") \
            and message.intent in PLAN_QUESTIONS | {FALLBACK, FOLLOW_UP}:
        return FOLLOW_UP
    # "kan ze dan niet gewoon naar een Hussel?" after the Kids plan: no switching within its contract
    if (previous.get("question") == "ask_kids_plan" or previous.get("plan") == KIDS) and (
            message.intent == "ask_plan_change" or message.intent == FALLBACK and "person_reference" in message.cues):
        return "ask_kids_plan"
    # "1 jaar?" after the tablet plans: that term's terms for the tablet
    if previous.get("question") == "ask_tablet_plan" and message.has("term") and len(message.text.split()) <= 4 \
            and message.intent in TOPIC_INTENTS | {FALLBACK, FOLLOW_UP}:
        return FOLLOW_UP
    # "o wacht, het is een refurbished toestel" after an insurance answer: whether that can be insured
    if previous.get("question") == "ask_insurance" and "refurbished" in message.cues \
            and message.intent in TOPIC_INTENTS | {FALLBACK, FOLLOW_UP}:
        return "ask_insurance"
    # "kan ik die altijd opzeggen?" after an insurance answer: cancelling the insurance, not the plan
    if previous.get("question") == "ask_insurance" and "cancel" in message.cues \
            and message.intent in TOPIC_INTENTS | {FALLBACK, FOLLOW_UP} and not "plan_itself" in message.cues:
        return "ask_insurance"
    # "het toestel was 1.049 euro" after an insurance answer: a new value for it
    if previous.get("question") == "ask_insurance" and message.values("amount", "device_value"):
        return FOLLOW_UP
    # "en wat is het verschil tussen standaard en extra?" after an insurance answer: the insurances
    # ("wat krijg ik dan extra?", "and with Extra?": the Extra cover named in a word)
    if previous.get("question") == "ask_insurance" and (message.has("coverage") or "theft_or_loss" in message.cues
                                                         or "extra_word" in message.cues
                                                         and not extras.find_extras(message.text)
                                                         and not any(message.has(entity) for entity in NEED)) \
            and message.intent in TOPIC_INTENTS | {FALLBACK, FOLLOW_UP}:
        return "ask_insurance"
    # "hoeveel kan ik dan nog uitgeven?" after KPN Pay amounts: what is left this month
    if "spending" in message.cues and previous.get("question") in ("kpnpay_budget", "kpnpay_limits") \
            and message.intent in (FALLBACK, FOLLOW_UP, "kpnpay_limits"):
        return "kpnpay_budget"
    # "en wat kost bellen daar als ik geen bundel neem?": out of bundle there, not at home
    if message.intent == "ask_out_of_bundle" and "reference" in message.cues \
            and previous.get("country") not in (None, "Nederland"):
        return "ask_foreign_rates"
    # "hoe lang kan ik die gebruiken?" after the NL/EU bundles: theirs (31 days, once)
    if "how_long_valid" in message.cues and previous.get("question") == "ask_nl_eu_bundle":
        return "ask_nl_eu_bundle"
    # "do I pay a full minute for 10 seconds?" after the rates abroad: how calls are billed there
    if "billing" in message.cues and previous.get("question") in RATE_QUESTIONS | BUNDLE_TALK \
            and outside_the_eu(previous.get("country")) and not message.has("country"):
        return "ask_foreign_rates"
    # "hoelang kan ik die gebruiken?" after a BuitenlandBundel: how long it is valid
    if "how_long_valid" in message.cues and previous.get("question") in BUNDLE_TALK:
        return "ask_bundle_validity"
    # "kan ik nog wel bellen?" right after a question about being abroad: the rate there, not a fault
    if "can_i_use" in message.cues and "not_working" not in message.cues \
            and previous.get("question") in RATE_QUESTIONS | BUNDLE_TALK \
            and previous.get("country") not in (None, "Nederland"):
        return "ask_foreign_rates"
    return None


def _decimal_text(value: Decimal) -> str:
    """A slot's number: 5000, 1500.5 (no exponent, no trailing zeros)."""
    return f"{Decimal(value).normalize():f}"


def calls_line(cues: frozenset[str]) -> Optional[bool]:
    """The calling line a message asks for: onbeperkt (True), 150 min (False), or None (neither,
    or both); "onbeperkt bellen in plaats van 150 minuten" asks for the one taken."""
    many, few = "unlimited_calls" in cues, "few_calls" in cues
    if many and few:
        many, few = "instead_of_many" not in cues, "instead_of_few" not in cues
    return None if many == few else many


def _calls_said(message: Message) -> Optional[str]:
    """The calling line a message asks for: "unlimited", "limited", or None (neither, or both)."""
    line = calls_line(message.cues)
    return None if line is None else "unlimited" if line else "limited"


def _plan(message: Message, question: Optional[str], previous: dict[str, Any], new: dict[str, Any]) -> Optional[str]:
    if question == "ask_kids_plan":
        return KIDS
    if question not in PLAN_QUESTIONS | {UNLIMITED_QUESTION}:
        return None
    if "unlimited_data" in message.cues or question == UNLIMITED_QUESTION:
        return UNLIMITED
    if previous.get("question") == UNLIMITED_QUESTION and {"it_reference", "plan_reference"} & message.cues \
            and not message.has("data_volume"):
        return UNLIMITED  # "wat kost dat abbo met onbeperkt bellen erbij?" after how unlimited data works
    # What this message says before what was said; of what was said, the data asked, which follows
    # corrections ("niet 5 maar 15 GB" leaves Hussel 5 GB's allowance behind). `now` holds what a
    # new question cleared.
    now = {**previous, **new}
    return new.get("allowance_mb") or new.get("data_mb") or now.get("data_mb") or now.get("allowance_mb")


MAX_PLANS_CHOSEN = 3


def _plans_chosen(previous: dict[str, Any], new: dict[str, Any], plans: tuple, question: Optional[str],
                  cues: frozenset[str] = frozenset()) -> list[str]:
    """The plans talked about as ones to take, for "wat betalen we samen, beide abonnementen?": the
    Kids plan once asked about, each single Hussel plan named while choosing (PlanMention keys); a
    household's lines each once ("voor mijn vrouw ook zo een": the plan again)."""
    chosen = list(previous.get("plans_chosen") or ())
    if "another_line" in cues and chosen and question in PLAN_QUESTIONS and not plans:
        return (chosen + chosen[-1:])[-MAX_PLANS_CHOSEN:]
    calls = new.get("plan_calls")
    if "that_person" in cues and len(chosen) >= 2 and calls and not plans and chosen[-1] != KIDS:
        # "en als zij de versie met 150 min/sms neemt?": the last line on the other calling line
        mention = subscriptions.PlanMention.from_key(chosen[-1])
        return chosen[:-1] + [subscriptions.PlanMention(mention.data_gb, calls == "unlimited").key]
    if new.get("plan") == KIDS or question == "ask_kids_plan":
        chosen.append(KIDS)
    elif len(plans) == 1 and question in PLAN_SHOPPING:
        mention = plans[0]
        calls = new.get("plan_calls") or previous.get("plan_calls")
        if mention.unlimited_calls is None and calls:
            mention = subscriptions.PlanMention(mention.data_gb, calls == "unlimited")
        chosen = [key for key in chosen if key.partition(":")[0] != mention.key.partition(":")[0]] + [mention.key]
    return list(dict.fromkeys(chosen))[-MAX_PLANS_CHOSEN:]


def update(previous: dict[str, Any], message: Message) -> Update:
    """The dialogue state after `message`, given the slot values before it."""
    previous = dict(previous)
    in_context = _asked_in_context(message, previous)
    if in_context:
        message = replace(message, intent=in_context)
    intent = message.intent
    awaiting, resume = previous.get("awaiting"), previous.get("resume")
    question = previous.get("question")
    follow_up = _is_follow_up(message, previous)
    new: dict[str, Any] = {}
    language = conversation_language(previous.get("language"), message)
    if language != previous.get("language"):
        new["language"] = language
    interrupted = None

    if intent in ENDS_WAIT or (intent == FALLBACK and "markup" in message.cues):
        if intent in ENDS_WAIT:
            new.update({"question": None, "awaiting": None, "resume": None, "resume_values": None})
        return _finish(previous, new, follow_up=False, intent=intent)

    # A question the bot waited on: a bare value answers it, another question interrupts it.
    waiting_question = resume or question
    answers_wait = bool(awaiting) and (follow_up or intent in (waiting_question, FALLBACK, None)
                                       or _names_awaited(message, awaiting))
    if answers_wait and resume and follow_up and not _names_awaited(message, awaiting) and "eu" in message.cues:
        # "en als ik ook in de EU veel internet?" after a plan answer that offered to go back to a
        # country question: the EU is a region the current answer can use, not the country asked for
        answers_wait = False
    if answers_wait and _home_question_while_abroad_waits(message, awaiting, waiting_question):
        answers_wait = False
    if answers_wait and intent != waiting_question:
        # "Mijn toestel kostte 1000 euro", "Atlantis": an answer to what was asked, whatever NLU calls it
        follow_up = True
    if awaiting and intent in TOPIC_INTENTS and intent != waiting_question and not follow_up:
        interrupted = waiting_question

    if intent in TOPIC_INTENTS and not follow_up:
        new.update({name: None for name in QUESTION_SCOPED})
        if intent == "ask_bundle_advice" and previous.get("question") in RATE_QUESTIONS and not _quantities(message):
            # "20 minuten vanuit Marokko, wat kost dat? En hoeveel goedkoper is een bundel?": that use, with a bundle
            new.update({name: previous.get(name) for name in USE_SLOTS})
        if intent not in PLAN_SHOPPING:
            new["extras_chosen"] = None  # another subject: a later plan starts without options
        new.update({"question": intent, "awaiting": None, "resume": None})
        question = intent
    elif follow_up and resume and answers_wait:
        question = resume  # "650 euro" after an interruption answers the question left open
        new.update({"question": resume, "resume": None, "resume_values": None})
        # with the values it had, not those of the question in between ("25 GB" of a plan)
        new.update({name: None for name in QUESTION_SCOPED})
        new.update(previous.get("resume_values") or {})

    values: dict[str, Any] = {}
    values.update(_places(message, {**previous, **{k: v for k, v in new.items() if k in ("question",)}},
                          follow_up, question))
    usages = [u for u in ("call", "called", "sms", "data") if u in message.values("usage")]
    quantities = _quantities(message) or (_recounted(message, previous) if follow_up else {})
    if follow_up and "minutes_only" in message.cues and previous.get("usage") == "called" \
            and "duration_seconds" in quantities and "called_seconds" not in quantities:
        # "en voor 20 minuten?" after the price of being called: 20 minutes of being called
        quantities["called_seconds"] = quantities.pop("duration_seconds")
        usages = [u for u in usages if u != "call"]
    # what the follow-up names wins over what is carried over; a plan keeps its data ("and with
    # unlimited calling?", "en met 150 minuten?")
    if follow_up and (quantities or usages) and question not in PLAN_QUESTIONS:
        if quantities:
            values.update({slot: None for slot in QUANTITY_OF_USAGE.values()}, call_count=None)
        else:
            values.update({QUANTITY_OF_USAGE[u]: None for u in QUANTITY_OF_USAGE if u not in usages})
    if usages:
        values["usage"] = ",".join(usages)
    elif quantities and follow_up:
        values["usage"] = ",".join(u for u, slot in QUANTITY_OF_USAGE.items() if slot in quantities)
    values.update(quantities)
    if question in PLAN_QUESTIONS and "allowance_mb" in quantities and "data_mb" not in quantities:
        values["data_mb"] = quantities["allowance_mb"]  # "wat kost Hussel 15 GB?" asks about that plan
    platform = _last(message.values("platform"))
    if platform:
        values["platform"] = platform
    if question == "ask_insurance" or awaiting == "device_value":
        # theft or loss told without insurance words ("en ook tegen diefstal?"): the cover that includes it
        # "en de Extra versie?" after an insurance answer: the Extra cover named in a word
        named_extra = "extra_word" in message.cues and previous.get("question") == "ask_insurance" \
            and not extras.find_extras(message.text)
        coverage = _last(message.values("coverage")) or ("extra" if "theft_or_loss" in message.cues or named_extra
                                                         else None)
        if coverage:
            values["coverage"] = coverage
    plans = subscriptions.plans_compared(message.text)
    if plans:
        values["plans_named"] = [plan.key for plan in plans]
        before = list(previous.get("plans_named") or ())
        if "price_difference" in message.cues and len(plans) == 1 and len(before) == 1 \
                and before[0] != plans[0].key and previous.get("question") in PLAN_QUESTIONS:
            # "en als ik naar 25 GB ga, hoeveel duurder is dat?": from the plan talked about to this one
            values["plans_named"] = before + [plans[0].key]
    if question in PLAN_SHOPPING:
        named = extras.find_extras(message.text)
        if named:  # the one option talked about; of several, none
            values["extra_option"] = named[0].id if len(named) == 1 else None
            chosen = [extra.id for extra in named]
            if "adding" in message.cues:  # "doe er Spotify ook bij": next to those chosen before
                chosen = list(dict.fromkeys(list(previous.get("extras_chosen") or ()) + chosen))
            values["extras_chosen"] = chosen
        calls = _calls_said(message)
        if calls:
            values["plan_calls"] = calls
    customer = _last(message.values("customer_type"))
    if customer:
        values["customer_type"] = customer
    day = next(iter(message.values("date")), None)
    if day:
        values["date"] = day
    values.update(_amounts(message, awaiting, question, answers_wait))
    new.update(values)
    _cover_of_the_device(previous, new)
    plan = _plan(message, question, previous, new)
    if plans and question in PLAN_SHOPPING:
        # "ze wil Spotify erbij, met 15 GB en onbeperkt bellen": the plan now talked about is the last one chosen
        chosen = plans[-1]
        plan = UNLIMITED if chosen.data_gb is None else _decimal_text(chosen.data_gb * 1000)
        both_lines = {"few_calls", "unlimited_calls"} <= message.cues and calls_line(message.cues) is None
        if both_lines:  # "5 GB: 150 minuten of onbeperkt bellen?": both lines asked, none chosen
            new["plan_calls"] = None
        elif chosen.unlimited_calls is not None:
            new["plan_calls"] = "unlimited" if chosen.unlimited_calls else "limited"
    if plan or (question in PLAN_QUESTIONS and not follow_up and "plan_reference" not in message.cues):
        # a new plan question is about the plan it names; "dat abonnement" is the one before
        new["plan"] = plan
        if question in PLAN_QUESTIONS and not follow_up and "plan_calls" not in new:
            new["plan_calls"] = None  # ... and the calling line it says, if any

    chosen = _plans_chosen(previous, new, plans, question, message.cues)
    if chosen != list(previous.get("plans_chosen") or ()):
        new["plans_chosen"] = chosen

    if awaiting and answers_wait and _awaited_value(message, awaiting, {**previous, **new}):
        new["awaiting"] = None
    elif interrupted:
        new["awaiting"], new["resume"] = awaiting, interrupted
        if not resume:  # a second question in between keeps the values of the first one left open
            kept = {name: previous[name] for name in QUESTION_SCOPED if previous.get(name) is not None}
            new["resume_values"] = kept or None
    # "ok thanks. the phone was 1,299 euros": the value asked for, whatever else the message says
    gives_awaited = bool(awaiting) and answers_wait and _names_awaited(message, awaiting)
    return _finish(previous, new, follow_up=follow_up, interrupted=interrupted,
                   intent=FOLLOW_UP if follow_up and (intent in TOPIC_INTENTS | {FALLBACK} or gives_awaited) else intent)


def _cover_of_the_device(previous: dict[str, Any], new: dict[str, Any]) -> None:
    """The cover chosen stays with its device over later questions; another device's value told
    without a cover ("en voor een toestel van 1000 euro?") starts without one."""
    if "coverage" not in new and new.get("device_value", previous.get("device_value")) != previous.get("device_value"):
        new["coverage"] = None


def _finish(previous: dict[str, Any], new: dict[str, Any], follow_up: bool,
            interrupted: Optional[str] = None, intent: Optional[str] = None) -> Update:
    state = {**previous, **new}
    changes = {name: value for name, value in new.items() if previous.get(name) != value}
    changed = sorted(name for name in changes if name in VALUE_SLOTS)
    state["changed"] = changed
    if previous.get("changed") != changed:
        changes["changed"] = changed
    return Update(state=state, changes=changes, follow_up=follow_up, interrupted=interrupted, intent=intent)


def after_reply(state: dict[str, Any], awaits: Optional[str], interrupted: Optional[str]) -> dict[str, Any]:
    """Slot changes once the answer is known: what it now waits for."""
    changes: dict[str, Any] = {}
    if awaits is not None:
        if state.get("awaiting") != awaits:
            changes["awaiting"] = awaits
        if interrupted is None and state.get("resume") is not None:
            changes["resume"] = None
    return changes
