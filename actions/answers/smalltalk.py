"""Greeting, small talk, handoff, fallback and the replies for values a form cannot use."""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Optional

from actions.answers import answers
from actions.answers.phrasing import customer_service, sentences
from actions.phrasebook import Phrase
from actions.turn import BLANK, Button, Reply, Turn, say
from knowledge import countries, quantities

TOPIC_BUTTONS = tuple(Button(Phrase(f"smalltalk.topic_{intent}"), f"/{intent}") for intent in (
    "kpnpay_setup", "ask_foreign_rates", "ask_buitenland_bundle", "ask_plan", "ask_insurance", "human_handoff"))

CAPABILITIES = (Phrase("smalltalk.capabilities_head"), Phrase("smalltalk.capabilities"))

# A greeting answered in kind: the time of day it names (a cue NLU reads), else a plain hello.
GREETING_KINDS = ("morning", "afternoon", "evening", "day")


def greeting(turn: Turn) -> Reply:
    kind = next((k for k in GREETING_KINDS if f"greeting_{k}" in turn.cues), "hello")
    return say(sentences(Phrase("smalltalk.greeting", hello=Phrase(f"smalltalk.hello_{kind}")), CAPABILITIES[0]),
               CAPABILITIES[1], BLANK, Phrase("smalltalk.what_to_know"))


@answers("ask_capabilities")
def capabilities(turn: Turn) -> Reply:
    return say(*CAPABILITIES, BLANK, Phrase("smalltalk.ask_in_own_words"), buttons=TOPIC_BUTTONS)


@answers("bot_challenge")
def bot_challenge(turn: Turn) -> Reply:
    return say(Phrase("smalltalk.bot_challenge", service=customer_service()))


@answers("human_handoff")
def human_handoff(turn: Turn) -> Reply:
    from actions.answers.support import reaching_customer_service

    abroad = reaching_customer_service(turn)  # "ik wil een medewerker spreken, ik zit in Turkije"
    return say(Phrase("smalltalk.human_handoff", service=customer_service()), *([abroad] if abroad else []))


@answers("out_of_scope")
def out_of_scope(turn: Turn) -> Reply:
    return say(sentences(Phrase("smalltalk.out_of_scope"), CAPABILITIES[0]), CAPABILITIES[1], BLANK,
               Phrase("smalltalk.other_questions", service=customer_service(lower=True)), buttons=TOPIC_BUTTONS)


@answers("speak_english")
def speak_english(turn: Turn) -> Reply:
    if turn.slot("country"):  # "how much is calling in turkey": answer it anyway
        from actions.answers import REGISTRY
        reply = REGISTRY["ask_foreign_rates"](turn)
        if reply.body and reply.awaits is None:
            return Reply(body=(Phrase("smalltalk.english_guess"),) + reply.body, buttons=reply.buttons)
    return say(Phrase("smalltalk.english", service=customer_service(lower=True)))


SMALL_TALK = frozenset({"goodbye", "thank", "affirm", "deny"})


def without_topic(turn: Turn) -> Reply:
    """A message with no question to continue: small talk, or a bare value."""
    if turn.intent == "greet":
        return greeting(turn)
    if turn.intent in SMALL_TALK:
        return say(Phrase(f"smalltalk.{turn.intent}"))
    from actions.answers import REGISTRY
    if turn.slot("country"):
        return REGISTRY["ask_foreign_rates"](turn)
    if turn.slot("platform"):
        return REGISTRY["kpnpay_setup"](turn)
    return fallback(turn)


def fallback(turn: Turn) -> Reply:
    text = (turn.text or "").strip()
    if not text:
        lead = "smalltalk.fallback_empty"
    elif not re.search(r"[A-Za-zÀ-ÿ0-9]", text):
        lead = "smalltalk.fallback_symbols"
    else:
        lead = "smalltalk.fallback_unclear"
    return replace(say(Phrase("smalltalk.fallback", lead=Phrase(lead), service=customer_service()),
                       buttons=TOPIC_BUTTONS), understood=False)


def unknown_country_reply(value: str) -> Reply:
    """'Wakanda' named where a country goes: no country the price list knows, and the closest names."""
    return _unknown_country(value, countries.find_country(value).suggestions)


def _unknown_country(value: str, suggestions) -> Reply:
    """'Atlantis' is no country; the closest names (as Countries, so named in the language)."""
    options = [countries.find_country(s).country or s for s in suggestions[:3]]
    if options:
        return say(Phrase("smalltalk.unknown_country_suggest", value=value, options=options))
    return say(Phrase("smalltalk.unknown_country", value=value))


def _amount_problem(problem: quantities.QuantityError) -> Reply:
    """A negative, absurd or unreadable euro amount, phrased from its code."""
    if problem.code == "negative":
        return say(Phrase("smalltalk.amount_negative"))
    if problem.code == "too_large":
        return say(Phrase("smalltalk.amount_too_large", text=_short(problem.text), limit=quantities.MAX_EUR))
    return say(Phrase("smalltalk.amount_unreadable", text=_short(problem.text), example=Decimal("1.5")))


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def unknown_value_reply(slot: str, turn: Turn, only_if_named: bool = False) -> Optional[Reply]:
    """A form asked for `slot` and this turn gave nothing usable: say what went wrong.
    With `only_if_named`, reply only when the user named something unusable (a place
    that is no country, an impossible amount), not when they named nothing."""
    text = (turn.text or "").strip()
    shown = _short(text)
    if only_if_named:
        if slot == "country":
            for value in turn.entity_values("country"):
                match = countries.find_country(value)
                if match.country is None:
                    return _unknown_country(value, match.suggestions)
            return None
        if slot in ("device_value", "amount_spent"):
            problem = next((a for a in quantities.parse_all_euro_amounts(text)
                            if isinstance(a, quantities.QuantityError)), None)
            return _amount_problem(problem) if problem else None
        return None
    if slot == "country":
        match = countries.find_country(text) if text else None
        if match and match.suggestions:
            return _unknown_country(shown, match.suggestions)
        return say(Phrase("smalltalk.unknown_place", value=shown)) if text else say(Phrase("smalltalk.missing_country"))
    if slot == "platform":
        return say(Phrase("smalltalk.unknown_platform"))
    amounts = quantities.parse_all_euro_amounts(text)
    problem = next((a for a in amounts if isinstance(a, quantities.QuantityError)), None)
    if problem:
        return _amount_problem(problem)
    return say(Phrase("smalltalk.no_amount", value=shown)) if text else say(Phrase("smalltalk.missing_amount"))
