"""Answer functions: `Turn -> Reply`, one per topic intent, grouped by topic module.

`answer(turn)` picks the function for the turn's topic (its own intent, or the
question a follow-up continues); modules register with `@answers("intent", ...)`.
"""
from __future__ import annotations

from typing import Callable

from actions.intents import FALLBACK
from actions.phrasebook import Phrase
from actions.turn import BLANK, Reply, Turn, say

AnswerFunction = Callable[[Turn], Reply]
REGISTRY: dict[str, AnswerFunction] = {}


def answers(*intents: str) -> Callable[[AnswerFunction], AnswerFunction]:
    def register(function: AnswerFunction) -> AnswerFunction:
        for intent in intents:
            REGISTRY[intent] = function
        return function
    return register


# Registration happens on import; the order is irrelevant.
from actions.answers import (  # noqa: E402,F401
    abroad, bundles, extras_services, kpn_pay, smalltalk, subscriptions, support,
)
from actions.answers.smalltalk import fallback, greeting, unknown_value_reply  # noqa: E402,F401


# Small talk is answered as such, also while a question is open.
SMALL_TALK_ONLY = frozenset({"greet", "goodbye", "thank", "affirm", "deny"})

# The price list covers subscriptions; a rate question about prepaid gets no subscription rates.
RATE_TOPICS = frozenset({"ask_out_of_bundle", "ask_foreign_rates", "ask_plan", "ask_bundle_advice",
                         "ask_buitenland_bundle", "ask_nl_eu_bundle", "ask_unlimited_data", "ask_tablet_plan",
                         "ask_kids_plan", "ask_extra_options"})


def answer(turn: Turn) -> Reply:
    if turn.intent in (FALLBACK, None):
        return fallback(turn)  # no question we understood: never a follow-up of the last one
    if turn.intent in SMALL_TALK_ONLY:
        return smalltalk.without_topic(turn)
    if subscriptions.is_comparison(turn):  # "Kids of Hussel 2 GB, welke is goedkoper?": both, and the difference
        return subscriptions.comparison(turn)
    if subscriptions.is_household(turn):  # several plans taken together: the month and the first month
        return subscriptions.household_total(turn)
    if subscriptions.is_package(turn):  # a plan with a device, an insurance or options: the monthly sum
        return subscriptions.package_total(turn)
    topic = turn.topic
    if topic in RATE_TOPICS and "prepaid" in turn.entity_values("customer_type"):
        from actions.answers.phrasing import customer_service
        silent = Phrase("common.prepaid_not_listed", service=customer_service())
        if "own_prepaid" in turn.cues or topic not in REGISTRY:
            return say(silent)
        # "kan ik beltegoed opwaarderen of los data bijkopen?": prepaid is not in the price list, but
        # what a subscription has is
        reply = REGISTRY[topic](turn)
        return Reply(body=(silent, BLANK, Phrase("common.with_a_subscription"), *reply.body), buttons=reply.buttons,
                     footnote=reply.footnote, awaits=reply.awaits)
    if turn.intent in REGISTRY and turn.intent != "inform":
        reply = REGISTRY[turn.intent](turn)
    elif topic in REGISTRY:
        reply = REGISTRY[topic](turn)
    else:
        return smalltalk.without_topic(turn)
    if topic in ("kpnpay_problem", "kpnpay_not_working"):
        reply = kpn_pay.with_purchase_over_the_limit(turn, reply)
    if (topic or "").startswith("kpnpay_"):
        reply = kpn_pay.with_silent_note(turn, reply)
    return reply
