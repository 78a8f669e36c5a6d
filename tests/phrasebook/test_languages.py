"""Every answer path of actions/answers rendered in both languages: the English has no
Dutch function words, the Dutch no English ones, and both carry the same amounts."""
import re
from decimal import Decimal

import pytest

from actions.answers import answer, greeting, unknown_value_reply
from actions.answers.questions import ASKED, question_for
from actions.phrasebook import render_reply
from actions.phrasebook.rendering import broken_answer
from actions.turn import Turn, say
from knowledge import bundles, extras, kpn_pay, subscriptions
from tests.phrasebook.answer_paths import ANSWER_PATHS, GREETING_PATHS, NOW, UNKNOWN_VALUE_PATHS, turn_of


def replies():
    for text, intent, slots in ANSWER_PATHS:
        yield f"{intent}: {text}", answer(turn_of(text, intent, slots))
    for slot, text, named, entities in UNKNOWN_VALUE_PATHS:
        reply = unknown_value_reply(slot, Turn(text=text, entities=entities, now=NOW), only_if_named=named)
        if reply is not None:
            yield f"unknown {slot}: {text}", reply
    for text in GREETING_PATHS:
        yield f"greeting: {text}", greeting(turn_of(text, "greet", {}))
    for slot in sorted(ASKED):
        yield f"question: {slot}", question_for(slot)
    yield "apology", say(broken_answer())


REPLIES = list(replies())
IDS = [name for name, _ in REPLIES]


def rendered(reply, language):
    out = render_reply(reply, language)
    return "\n".join([out.text] + [b["title"] for b in out.buttons])


def product_names() -> list[str]:
    """Names that stay Dutch in English: KPN's products, as knowledge/ writes them."""
    names = [p.name for p in subscriptions.plans() + subscriptions.tablet_plans() + [subscriptions.kids_plan()]]
    names += [b.name for b in bundles.buitenland_bundles() + bundles.nl_eu_bundles()]
    names += [e.name for e in extras.extras()] + [a.name for a in kpn_pay.account_types()]
    names += ["Hussel onbeperkt data", "CBS Consumentenprijsindex", "onbeperkt bellen/sms", "beltegoed"]
    return sorted(names, key=len, reverse=True)


# Function words that give a language away (none of them is a word of the other language).
DUTCH = {"de", "het", "een", "je", "jouw", "niet", "van", "voor", "met", "naar", "en", "dat", "die", "wordt",
         "kun", "kan", "bij", "ook", "maar", "als", "dan", "wat", "zijn", "heb", "hebt", "geen", "nog", "op",
         "uit", "om", "te", "tot", "daar", "deze", "mijn", "wil", "gaat", "je", "welke", "hoe", "waar"}
ENGLISH = {"the", "and", "you", "your", "with", "for", "from", "this", "that", "are", "be", "can", "not",
           "will", "which", "what", "have", "has", "would", "there", "when", "after", "before", "also",
           "than", "then", "please", "to", "on", "at", "it"}
# English words the Dutch answers use as KPN and the app stores do.
ENGLISH_IN_DUTCH = ["Roam like Home", "sim only", "Apple ID", "App Store", "Play Store", "Spotify Premium"]


def words(text: str, drop: list[str]) -> set[str]:
    text = re.sub(r"(?<![A-Za-z])'[^'\n]*'(?![A-Za-z])", " ", text)  # quoted menu labels, the user's words
    text = re.sub(r"\S+\.(com|nl)\S*|https?://\S+", " ", text)  # links
    for name in drop:
        text = text.replace(name, " ")
    return {w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ']+", text)}


@pytest.mark.parametrize("name, reply", REPLIES, ids=IDS)
def test_english_has_no_dutch_function_words(name, reply):
    assert words(rendered(reply, "en"), product_names()) & DUTCH == set()


@pytest.mark.parametrize("name, reply", REPLIES, ids=IDS)
def test_dutch_has_no_english_function_words(name, reply):
    assert words(rendered(reply, "nl"), product_names() + ENGLISH_IN_DUTCH) & ENGLISH == set()


def euro_amounts(text: str, language: str) -> list[Decimal]:
    if language == "nl":
        found = re.findall(r"€ ?(\d{1,3}(?:\.\d{3})*(?:,\d+)?)", text)
        return sorted(Decimal(a.replace(".", "").replace(",", ".")) for a in found)
    found = re.findall(r"€ ?(\d{1,3}(?:,\d{3})*(?:\.\d+)?)", text)
    return sorted(Decimal(a.replace(",", "")) for a in found)


@pytest.mark.parametrize("name, reply", REPLIES, ids=IDS)
def test_both_languages_carry_the_same_amounts(name, reply):
    nl, en = rendered(reply, "nl"), rendered(reply, "en")
    assert euro_amounts(nl, "nl") == euro_amounts(en, "en")
    assert nl.count("€") == en.count("€")


def test_the_worked_calculation_reads_the_same_in_english():
    reply = answer(turn_of("Wat kost 15 minuten bellen in Canada?", "ask_foreign_rates",
                           {"country": "Canada", "usage": "call", "duration_seconds": "900"}))
    assert "Calls: 15 min × €1.00 per minute = €15.00" in rendered(reply, "en")
    assert "Bellen: 15 min × € 1,00 per minuut = € 15,00" in rendered(reply, "nl")
