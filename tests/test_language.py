"""server/language.py: which language a short message is in, and whether it may switch the
conversation's language ("ok", "thanks", "Spanje", "500 MB" never do)."""
import doctest
from pathlib import Path

import pytest
import yaml

from server import language
from server.language import LanguageGuess, detect, message_language

MESSAGES = yaml.safe_load((Path(__file__).parent / "eval" / "language_messages.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("text", [
    "What does it cost to call from the US to the Netherlands?",
    "How does KPN Pay work?",
    "Is that free?",
    "I don't understand",
    "When does my contract end?",
    "Can I change my subscription?",
    "how mutch does it cots to call turkye",
    "Hoi, how much does calling to Spain cost?",
    "What is a BuitenlandBundel?",
    "ok, and what about data in Turkey?",
    "how much is the Kids plan for my son?",
])
def test_a_clear_english_sentence_switches_to_english(text):
    guess = detect(text)
    assert (guess.language, guess.clear) == ("en", True)


@pytest.mark.parametrize("text", [
    "Wat kost bellen naar Turkije?",
    "Hoe werkt KPN Pay?",
    "Is dat gratis?",
    "Ik snap het niet",
    "Spreek je Engels?",
    "Geldt Roam like Home ook in Zwitserland?",
    "wat kost het om te belle",
    "Hi, wat kost bellen naar Spanje?",
    "Kan ik mijn KPN Pay limit verhogen?",
    "Wat kost het in Turkey?",
    "hoeveel is een kids abo",  # "Kids" is a KPN plan, "abo" Dutch for abonnement
])
def test_a_clear_dutch_sentence_switches_to_dutch(text):
    guess = detect(text)
    assert (guess.language, guess.clear) == ("nl", True)


@pytest.mark.parametrize("text, language", [
    ("ok", None), ("oké", None), ("OK", None), ("thanks", "en"), ("thank you very much", "en"),
    ("bedankt", "nl"), ("dank je wel", "nl"), ("ok bedankt", "nl"), ("yes please", "en"), ("nee", "nl"),
    ("Spanje", "nl"), ("Spain", "en"), ("Turkije", "nl"), ("Thailand", None), ("Dubai", None),
    ("naar Spanje", "nl"), ("to Spain", "en"), ("en Spanje?", "nl"), ("and Spain?", "en"),
    ("Spanje en Portugal", "nl"), ("from the US", "en"),
    ("500 MB", None), ("€ 49,99", None), ("€49.99", None), ("12", None), ("+31 6 12345678", None),
    ("2 uur", "nl"), ("2 hours", "en"), ("about 20 minutes", "en"),
    ("KPN Pay", None), ("Hussel 5 GB", None), ("Roam like Home", None), ("BuitenlandBundel", None),
    ("Voordeellanden buiten EU bundel 100", None), ("Google Play", None),
    ("👍", None), ("😡😡😡", None), ("👍 thanks", "en"), ("?", None), ("data", None), ("roaming", None),
    ("how much?", "en"), ("hoeveel?", "nl"), ("bellen", "nl"), ("calling", "en"),
])
def test_short_messages_never_switch_but_get_a_best_guess(text, language):
    guess = detect(text)
    assert guess.clear is False
    assert guess.language == language


@pytest.mark.parametrize("text, language", [
    ("hi", "en"), ("hoi", "nl"), ("Hello!", "en"), ("hallo", "nl"), ("hey", None),
    ("goedemorgen", "nl"), ("Good afternoon", "en"), ("Hello KPN", "en"), ("hoi kpn", "nl"),
    ("Hi there", "en"), ("Merhaba", "tr"), ("Hola", "es"),
])
def test_a_greeting_alone_is_marked_and_never_clear(text, language):
    assert detect(text) == LanguageGuess(language, False, 1.0 if language else 0.0, greeting=True, words=0)


@pytest.mark.parametrize("text", ["Hi, how much is data in Turkey?", "hoi, wat kost bellen naar Spanje?",
                                  "hi thanks", "hello 500 MB"])
def test_a_greeting_with_more_is_no_greeting(text):
    assert detect(text).greeting is False


@pytest.mark.parametrize("text, code", [
    ("Merhaba, yurt dışında internet ücreti nedir?", "tr"),
    ("Czy mogę używać internetu za granicą?", "pl"),
    ("كم تكلفة الاتصال بالمغرب؟", "ar"),
    ("Kann ich mein Datenvolumen im Ausland nutzen?", "de"),
    ("Combien coûte un appel vers le Maroc ?", "fr"),
    ("¿Puedo usar mis datos en el extranjero?", "es"),
    ("Ho una domanda sulla mia bolletta", "it"),
    ("Posso usar os meus dados no estrangeiro?", "pt"),
    ("Могу ли я пользоваться интернетом за границей?", "ru"),
    ("我可以在国外使用流量吗？", "zh"),
    ("海外でデータを使えますか？", "ja"),
    ("해외에서 데이터를 사용할 수 있나요?", "ko"),
    ("ใช้อินเทอร์เน็ตในต่างประเทศได้ไหม", "th"),
])
def test_a_clear_sentence_in_another_language_is_named(text, code):
    guess = detect(text)
    assert (guess.language, guess.clear) == (code, True)


@pytest.mark.parametrize("text, expected", [
    ("Your message was too long, can you make it shorter?", "en"),
    ("Ik heb een vraag over mijn rekening", "nl"),
    ("Kann ich mein Datenvolumen im Ausland nutzen?", "en"),
    ("ok", "nl"), ("hello", "nl"), ("thanks", "nl"), ("500 MB", "nl"), ("", "nl"), ("👍", "nl"),
])
def test_message_language_is_english_only_for_a_clear_non_dutch_message(text, expected):
    assert message_language(text) == expected


@pytest.mark.parametrize("text", [
    None, "", "   ", 12, "\x00\x01", "<script>alert('hi')</script>", "NaN", "a" * 10_000,
    "What does it cost? " * 2_000, "🙂" * 500, "https://www.kpn.com/buitenland", "jan@example.com",
])
def test_any_input_gives_a_guess_and_never_raises(text):
    guess = detect(text)
    assert isinstance(guess, LanguageGuess)
    assert message_language(text) in ("nl", "en")


def test_no_message_of_the_evaluation_set_switches_to_a_wrong_language():
    wrong = []
    for message in MESSAGES:
        guess = detect(message["text"])
        if guess.clear and (not message["clear"] or guess.language != message["language"]):
            wrong.append((message["text"], guess))
    assert wrong == []


def test_the_evaluation_set_is_read_as_labelled_at_least_97_percent():
    right = sum(detect(m["text"]).language == m["language"] and detect(m["text"]).clear == m["clear"]
                for m in MESSAGES)
    assert len(MESSAGES) >= 200
    assert right / len(MESSAGES) >= 0.97


def test_docstring_examples():
    assert doctest.testmod(language).failed == 0
