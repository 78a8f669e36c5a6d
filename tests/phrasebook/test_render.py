"""Rendering a Phrase: templates, nested phrases, lists, plurals, and what fails loudly."""
from datetime import date
from decimal import Decimal as D

import pytest

from actions.phrasebook import Phrase, PhrasebookError, plural, render, render_reply, render_reply_safely
from actions.phrasebook import rendering as render_module
from actions.turn import BLANK, Button, Reply
from knowledge.countries import country_by_code

TEMPLATES = {
    "nl": {
        "t.cost": "{minutes:duration} × {rate:rate} per minuut = {amount:eur}",
        "t.where": "{country:country} ({zone:zone})",
        "t.nested": "Vanuit {where}: {cost}",
        "t.list": "Bundels: {items:join}",
        "t.steps": "Zo doe je het:\n{steps:numbered}",
        "t.sms.one": "{count} sms",
        "t.sms.other": "{count} sms'jes",
        "t.plain": "{n} MB op {d}",
        "t.braces": "{{letterlijk}} {x}",
        "t.bad_spec": "{x:shout}",
        "t.title": "Knop",
        "t.cap": "{x:cap}.",
        "t.note": "Tarieven volgens de prijslijst",
        "common.blank": "",
        "common.broken_answer": "Sorry ({number}, {price:term})",
    },
    "en": {
        "t.cost": "{minutes:duration} × {rate:rate} per minute = {amount:eur}",
        "t.where": "{country:country} ({zone:zone})",
        "t.nested": "From {where}: {cost}",
        "t.list": "Bundles: {items:join}",
        "t.steps": "Here is how:\n{steps:numbered}",
        "t.sms.one": "{count} text",
        "t.sms.other": "{count} texts",
        "t.plain": "{n} MB on {d}",
        "t.braces": "{{literal}} {x}",
        "t.bad_spec": "{x:shout}",
        "t.title": "Button",
        "t.cap": "{x:cap}.",
        "t.note": "Rates as in the price list",
        "common.blank": "",
        "common.broken_answer": "Sorry ({number}, {price:term})",
    },
}


@pytest.fixture(autouse=True)
def templates(monkeypatch):
    def template(key, language):
        try:
            return TEMPLATES[language][key]
        except KeyError:
            raise PhrasebookError(f"no phrase {key!r}") from None
    monkeypatch.setattr(render_module, "template", template)


COST = Phrase("t.cost", minutes=D(900), rate=D("1.00"), amount=D("15"))
WHERE = Phrase("t.where", country=country_by_code("US"), zone=country_by_code("US").zone)


@pytest.mark.parametrize("phrase, nl, en", [
    (COST, "15 min × € 1,00 per minuut = € 15,00", "15 min × €1.00 per minute = €15.00"),
    (Phrase("t.nested", where=WHERE, cost=COST),
     "Vanuit Verenigde Staten (Voordeellanden buiten NL/EU): 15 min × € 1,00 per minuut = € 15,00",
     "From the United States (Voordeellanden outside NL/EU): 15 min × €1.00 per minute = €15.00"),
    (Phrase("t.list", items=["100", Phrase("t.plain", n=D("2.5"), d=date(2026, 1, 2))]),
     "Bundels: 100 en 2,5 MB op 2 januari 2026", "Bundles: 100 and 2.5 MB on 2 January 2026"),
    (Phrase("t.steps", steps=("a", "b")), "Zo doe je het:\n1. a\n2. b", "Here is how:\n1. a\n2. b"),
    (plural("t.sms", 1), "1 sms", "1 text"),
    (plural("t.sms", 3), "3 sms'jes", "3 texts"),
    (plural("t.sms", 0), "0 sms'jes", "0 texts"),
    (Phrase("t.braces", x="{user text}"), "{letterlijk} {user text}", "{literal} {user text}"),
    ("al tekst", "al tekst", "al tekst"),
    (Phrase("t.cap", x="the Netherlands"), "The Netherlands.", "The Netherlands."),
])
def test_a_phrase_renders_in_each_language(phrase, nl, en):
    assert render(phrase, "nl") == nl
    assert render(phrase, "en") == en


@pytest.mark.parametrize("phrase, problem", [
    (Phrase("t.unknown"), "no phrase"),
    (Phrase("t.cost", minutes=D(60), rate=D(1)), "no value for"),
    (Phrase("t.cost", minutes=D(60), rate=D(1), amount=D(1), extra=1), "not used"),
    (Phrase("t.bad_spec", x=1), "unknown format spec"),
    (Phrase("t.list", items="not a list"), "needs a list"),
    (Phrase("t.cost", minutes=D(60), rate=1.5, amount=D(1)), "Decimal or int"),
    (Phrase("t.plain", n=1, d=object()), "no plain form"),
])
def test_a_catalog_or_value_problem_raises(phrase, problem):
    with pytest.raises(PhrasebookError, match=problem):
        render(phrase, "nl")


def test_unknown_language_raises():
    from actions.phrasebook.catalog import catalog
    with pytest.raises(PhrasebookError):
        catalog("de")


def test_phrase_is_immutable_and_compares_by_value():
    assert Phrase("t.list", items=["a", "b"]) == Phrase("t.list", items=("a", "b"))
    assert hash(Phrase("t.list", items=["a"])) == hash(Phrase("t.list", items=("a",)))
    with pytest.raises(AttributeError):
        Phrase("t.x").key = "t.y"
    assert Phrase("t.cost", amount=D(1)).values == {"amount": D(1)}


def test_a_reply_is_one_message_with_the_footnote_as_last_paragraph():
    reply = Reply(body=(COST, BLANK, "slot"), buttons=(Button(Phrase("t.title"), "/ask_plan"),),
                  footnote=Phrase("t.note"))
    nl = render_reply(reply, "nl")
    assert nl.text == "15 min × € 1,00 per minuut = € 15,00\n\nslot\n\nTarieven volgens de prijslijst"
    assert nl.buttons == [{"title": "Knop", "payload": "/ask_plan"}]
    assert nl.footnote == "Tarieven volgens de prijslijst"
    en = render_reply(reply, "en")
    assert en.buttons == [{"title": "Button", "payload": "/ask_plan"}] and en.language == "en"


def test_a_broken_reply_becomes_an_apology_and_is_logged(caplog):
    rendered = render_reply_safely(Reply(body=(Phrase("t.unknown"),)), "en")
    assert rendered.text == "Sorry (1200, free)"
    assert "could not render" in caplog.text


def test_an_unsupported_language_falls_back_to_dutch():
    assert render_reply_safely(Reply(body=(COST,)), "de").text.endswith("€ 15,00")
