"""Answer functions: `Turn -> Reply`, one per topic intent, grouped by topic module.

`answer(turn)` picks the function for the turn's topic (its own intent, or the
question a follow-up continues); modules register with `@answers("intent", ...)`.
"""
from __future__ import annotations

from typing import Callable

from actions.turn import Reply, Turn

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
    abroad, bundles, extras_services, kpn_pay, smalltalk, subscriptions,
)
from actions.answers.smalltalk import fallback, greeting, unknown_value_reply  # noqa: E402,F401


def answer(turn: Turn) -> Reply:
    topic = turn.topic
    if turn.intent in REGISTRY and turn.intent != "inform":
        return REGISTRY[turn.intent](turn)
    if topic in REGISTRY:
        return REGISTRY[topic](turn)
    return smalltalk.without_topic(turn)
