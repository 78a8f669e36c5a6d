"""The Rasa action: one call per turn, a thin adapter between the tracker and the answers.

`action_answer` reads what NLU made of the latest message (intent, entities, cues —
decided in the NLU pipeline, server/understanding), updates the dialogue state
(actions.dialogue), answers from knowledge/ (actions.answers), renders the reply in the
conversation's language (actions.phrasebook) and returns the state's changes as SlotSet
events, so the tracker shows what the answer was computed from.
"""
from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from typing import Any, List, Optional, Text

from knowledge import contract_dates, price_lists, subscriptions
from knowledge.countries import Zone
from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import dialogue
from actions.answers import RATE_TOPICS
from actions.answers import answer, unknown_value_reply
from actions.answers.abroad import same_bundles_as_before
from actions.answers.smalltalk import unknown_country_reply
from actions.answers.bundles import BUNDLE_ORDERING, EXTRA_ORDERING, with_kids_note, with_kids_rule
from actions.answers.phrasing import customer_service, silent
from actions.answers.subscriptions import is_package
from actions.answers.questions import ASKED, question_for
from actions.phrasebook import language_of, render_reply_safely
from actions.phrasebook.rendering import broken_answer
from actions.intents import FALLBACK
from actions.phrasebook import Phrase
from actions.turn import BLANK, Reply, Turn, say, says

logger = logging.getLogger(__name__)

# Questions about prices: a date they name picks the price list.
PRICE_TOPICS = RATE_TOPICS | {"ask_internet_block", "ask_extra_options", "ask_insurance", "ask_service_fees",
                              "ask_service_numbers", "ask_voicemail", "ask_connection_fee", "ask_kids_plan",
                              "ask_tablet_plan"}
# What the bot was waiting for -> how it offers to go back to it after another question.
RESUME_OFFER = {slot: f"questions.resume_{slot}" for slot in ("country", "platform", "device_value", "amount_spent")}
STATE = dialogue.STATE_SLOTS + dialogue.VALUE_SLOTS + ("language",)


def _slots(tracker: Tracker) -> dict[str, Any]:
    return {name: tracker.get_slot(name) for name in STATE}


def turn_of(message: dialogue.Message, update: dialogue.Update, previous: dict[str, Any]) -> Turn:
    return Turn(text=message.text, intent=update.intent, entities=message.entities, slots=dict(update.state),
                language=language_of(update.state.get("language")), cues=message.cues,
                previous_question=previous.get("question"), previous_country=previous.get("country"))


def respond(previous: dict[str, Any], message: dialogue.Message) -> tuple[list[Reply], dict[str, Any], str]:
    """The replies to one message, the slot changes, and the language to say them in."""
    update = dialogue.update(previous, message)
    turn = turn_of(message, update, previous)
    replies = []
    if message.other_language:  # Turkish, Polish, ...: say which languages we speak, in both
        replies.append(say(Phrase("smalltalk.languages_spoken")))
        if turn.intent in (FALLBACK, None):
            return [replace(reply, understood=False) for reply in replies], update.changes, turn.language
    try:
        reply = answer_from_price_list(turn)
    except Exception:  # one broken answer must not cost the conversation
        logger.exception("action_answer failed for intent %s", turn.intent)
        return [say(broken_answer())], update.changes, turn.language
    if reply.awaits in ASKED and previous.get("awaiting") == reply.awaits and update.follow_up:
        problem = unknown_value_reply(reply.awaits, turn)  # "'Atlantis' ken ik niet als land"
        if problem is not None:
            replies.append(problem)
            if reply.awaits in ASKED:
                reply = question_for(reply.awaits)  # asked again in short, not the whole answer again
    # "ik wil overstappen naar KPN ..., wat betaal ik per maand?": someone new has no account to look up
    if "own_account" in message.cues and turn.intent not in OWN_ACCOUNT_INTENTS \
            and not ("new_subscription" in message.cues and turn.intent in PLAN_PRICE_INTENTS) \
            and not is_package(turn):  # "wat betaal ik per maand voor Hussel 25 GB met ...": list prices
        reply = about_own_account(turn, reply)
    if "asks_kpn_to_act" in message.cues and turn.intent not in OWN_ACCOUNT_INTENTS \
            and not any(says(reply.body, desk) for desk in (customer_service(), customer_service(lower=True))):
        reply = with_act_route(reply)  # "kunnen jullie KPN Pay op mijn nummer blokkeren?": only KPN can
    same = same_bundles_as_before(turn)
    if same is not None:  # "werkt die ook in Mexico?" after the bundles for the US: yes or no first
        reply = replace(reply, body=(same,) + reply.body)
    unknown = [p.get("text") for p in message.problems if p.get("code") == "unknown_place"]
    if unknown and not message.has("country") and turn.topic in RATE_TOPICS | dialogue.BUNDLE_TALK:
        # "wat kost bellen vanuit Wakanda?": say that place is unknown first, then what holds anywhere
        note = unknown_country_reply(str(unknown[0]))
        reply = replace(reply, body=note.body + (BLANK,) + reply.body, awaits=reply.awaits)
    if "wifi_calling" in message.cues:
        # "kost wifi-bellen via het hotel iets?": the price list says nothing about it; then the rest of the answer
        note = say(silent(Phrase("support.wifi_calling")))
        reply = replace(reply, body=note.body + (BLANK,) + reply.body)
    if "network_coverage" in message.cues and turn.intent not in COVERAGE_ANSWERED:
        # "5G dekking in Oosterend?": the map, not in the documents; "en hoe is de dekking daar?" about a
        # place abroad: the map is KPN's own network, so customer service
        reply = with_coverage_map(turn, reply, alone=message.intent in (FALLBACK, dialogue.FOLLOW_UP))
    # The Kids plan named; or talked about and its child pointed at ("kan ik er de NL/EU bundel bij
    # nemen voor als ze meer nodig heeft?"); a BuitenlandBundel also right after the Kids plan
    # ("wat kost 5G bij mijn eigen abo?" right after it is about another plan).
    kids_talked_about = previous.get("question") == "ask_kids_plan" \
        or previous.get("plan") == "kids" and previous.get("question") not in dialogue.PLAN_QUESTIONS
    kids = "kids_plan" in message.cues or kids_talked_about and "child_reference" in message.cues \
        or previous.get("question") == "ask_kids_plan" and turn.intent in BUNDLE_ORDERING
    if kids and turn.intent in BUNDLE_ORDERING | EXTRA_ORDERING:
        # "Kan dat wel bij een Kids abonnement?", or while the Kids plan is talked about: no
        # BuitenlandBundel, no ExtraOptie
        reply = with_kids_rule(reply, turn.intent)
    elif previous.get("plan") == "kids" and turn.intent in BUNDLE_ORDERING | EXTRA_ORDERING \
            and not "own_plan" in turn.cues and not subscriptions.plans_named(turn.text):
        reply = with_kids_note(reply, turn.intent)  # the Kids plan may be meant: its rule, then the answer
    if "anger" in message.cues and turn.intent not in ("complaint", "human_handoff"):
        reply = with_human_route(reply)
    if update.interrupted and reply.awaits is None and previous.get("awaiting") in RESUME_OFFER:
        # another question in between: answered once, then the way back to the open one
        reply = Reply(body=reply.body + (BLANK, Phrase(RESUME_OFFER[previous["awaiting"]])), buttons=reply.buttons,
                      footnote=reply.footnote, awaits=None)
    replies.append(reply)
    changes = dict(update.changes)
    changes.update(dialogue.after_reply(update.state, reply.awaits, update.interrupted))
    if reply.awaits is None and update.state.get("awaiting") and not update.interrupted:
        changes["awaiting"] = None
    return replies, changes, turn.language


# Plan prices: for someone about to take a plan, "wat betaal ik per maand?" is the list price.
PLAN_PRICE_INTENTS = frozenset({"ask_plan", "ask_tablet_plan", "ask_kids_plan", "ask_connection_fee",
                                "ask_unlimited_data"})
# Answers that already deal with the customer's own account.
OWN_ACCOUNT_INTENTS = frozenset({"account_question", "lost_or_stolen", "service_problem", "kpnpay_not_working",
                                 "human_handoff", "complaint", "greet", "goodbye", "thank"})


def about_own_account(turn: Turn, reply: Reply) -> Reply:
    """'Hoeveel heb ik deze maand al uitgegeven?', 'Is mijn BuitenlandBundel nog actief?': say
    what the assistant cannot see, give the general rule (never a value it cannot know) and
    the way to customer service."""
    from actions.answers.support import account_route, cannot_see

    if reply.awaits == "amount_spent":  # what is left can be worked out from what the customer tells
        limits = answer(replace(turn, intent="kpnpay_limits"))
        return Reply(body=(cannot_see(),) + limits.body + (Phrase("questions.amount_spent_offer"), account_route()),
                     awaits="amount_spent")
    if reply.awaits == "device_value":  # "is mijn telefoon verzekerd?": what each insurance covers
        reply = answer(replace(turn, intent="ask_insurance", cues=turn.cues | {"coverage_question"}))
        if reply.awaits:
            reply = say()
    return Reply(body=(cannot_see(),) + reply.body + (account_route(),), buttons=reply.buttons,
                 footnote=reply.footnote, awaits=None)


# Answers that deal with coverage themselves (an insurance's cover, a problem's check-list).
COVERAGE_ANSWERED = frozenset({"ask_insurance", "lost_or_stolen", "service_problem"})


def with_coverage_map(turn: Turn, reply: Reply, alone: bool) -> Reply:
    """Coverage in a place asked: the documents have no map; where KPN's is. `alone`: the
    message asks nothing else, so the coverage is the whole answer."""
    from actions.answers.abroad import country_named
    from knowledge import terms

    url = terms.speeds().coverage_map_url
    place = country_named(turn.slot("country"))
    if place is not None and place.zone != Zone.NL:
        coverage = Phrase("support.coverage_abroad", country=place, url=url, service=customer_service())
    else:
        coverage = Phrase("support.check_coverage", url=url)
    return say(coverage) if alone else _then(reply, coverage)


def with_act_route(reply: Reply) -> Reply:
    """Asked to do something on the account: the answer, then who can do it."""
    from actions.answers.support import act_route

    return _then(reply, act_route())


def _then(reply: Reply, paragraph: Phrase) -> Reply:
    """The reply with one more paragraph at the end (its buttons, footnote and wait kept)."""
    return replace(reply, body=reply.body + (BLANK, paragraph))


def with_human_route(reply: Reply) -> Reply:
    """An angry or disappointed customer: acknowledged first, the answer, then the human route."""
    from actions.answers.support import acknowledgement, human_route

    return Reply(body=(acknowledgement(),) + reply.body + (human_route(),), buttons=reply.buttons,
                 footnote=reply.footnote, awaits=reply.awaits)


def price_day(turn: Turn) -> Optional[date]:
    """The day whose price list answers the turn when the question names one ("wat kostte
    dat op 1 januari 2021", "na 1 oktober"); None: today's list."""
    named = turn.slot("date")
    if named and (turn.topic in PRICE_TOPICS or "price_date" in turn.cues):
        return date.fromisoformat(str(named)[:10])
    return None


def answer_from_price_list(turn: Turn) -> Reply:
    """The answer from the price list valid on the turn's day (today's: the one in use, see
    knowledge.price_lists.active); an answer with an amount from it says which list, once,
    as a footnote (and that prices may since have been raised by the yearly inflation
    correction, without inventing new figures)."""
    day = price_day(turn)
    version = price_lists.active() if day is None else price_lists.version_on(day)
    if version is None:
        oldest = min(price_lists.versions(), key=lambda v: v.valid_from)
        return say(Phrase("common.no_price_list", day=day, oldest=oldest.valid_from))
    with price_lists.using(version):
        reply = answer(turn)
        if reply.footnote is not None or (turn.topic or "").startswith("kpnpay_") \
                or not _names_an_amount(reply):
            return reply
        rule = contract_dates.date_rules().inflation
    today = turn.now.date()
    footnote = Phrase("common.price_list", valid_from=version.valid_from)
    if price_lists.inflation_note_applies(version, today):
        footnote = Phrase("common.price_list_inflation", valid_from=version.valid_from, url=rule.url)
    return replace(reply, footnote=footnote)


def _names_an_amount(reply: Reply) -> bool:
    """Does the reply show a euro amount (a Decimal rendered as money)?"""
    return "€" in render_reply_safely(reply, "nl").text


def send(dispatcher: CollectingDispatcher, reply: Reply, language: str, understood: bool = True) -> None:
    """Utter the reply as one message in `language`; the metadata tells the channel the
    language, which paragraph is the footnote, and whether the message was understood (a
    part of a long message that was not need not say so after the parts that were)."""
    rendered = render_reply_safely(reply, language)
    dispatcher.utter_message(text=rendered.text, buttons=rendered.buttons or None,
                             metadata={"language": rendered.language, "footnote": rendered.footnote,
                                       "understood": understood})


class ActionAnswer(Action):
    """Answers the message (a question, a follow-up, small talk or the fallback) from knowledge/."""

    def name(self) -> Text:
        return "action_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[EventType]:
        message = dialogue.Message.from_parse_data(tracker.latest_message or {})
        replies, changes, language = respond(_slots(tracker), message)
        # a fallback the dialogue read in context ("what would it cost for a phone worth 800 euros?"
        # after an insurance question) was understood after all
        understood = all(reply.understood for reply in replies)
        for reply in replies:
            send(dispatcher, reply, language, understood=understood)
        return [SlotSet(name, value) for name, value in changes.items()]


# Questions (intent and values: the text is not needed) that between them read the price list,
# both phrasebooks and the knowledge tables, answered once when the action server starts
# (server/cli.py): the first customer's answer then takes milliseconds instead of half a second
# of loading, and the loading happens while the Rasa server is still loading its model.
WARM_UP = (
    ("ask_foreign_rates", [{"entity": "country", "value": "Turkije"}, {"entity": "usage", "value": "call"}], "nl"),
    ("ask_bundle_advice", [{"entity": "country", "value": "Thailand"}, {"entity": "data_volume", "value": "1000"}],
     "en"),
    ("kpnpay_setup", [], "nl"),
    ("ask_plan", [{"entity": "data_volume", "value": "5000"}], "nl"),
    ("ask_insurance", [], "en"),
)


def warm_up_message(intent: str, entities: list, language: str) -> dialogue.Message:
    return dialogue.Message.from_parse_data({"text": "", "intent": {"name": intent}, "entities": entities,
                                             "language": {"code": language, "clear": True}})


def warm_up() -> None:
    """Answer WARM_UP without sending anything (no state is kept)."""
    for intent, entities, language in WARM_UP:
        replies, _, spoken = respond({"language": language}, warm_up_message(intent, entities, language))
        for reply in replies:
            render_reply_safely(reply, spoken)
