"""Every custom action: given a tracker, the exact events and the text sent."""
import asyncio

import pytest
from rasa_sdk.events import SlotSet

from actions.actions import (ActionAnswer, ActionAskAmountSpent, ActionAskCountry, ActionAskDeviceValue,
                             ActionAskPlatform, ActionFallback, ActionGreet, ValidateCountryForm,
                             ValidateDeviceValueForm, ValidatePlatformForm, ValidateSlotMappings,
                             ValidateSpentForm)
from tests.actions.conftest import make_tracker


def run(action, tracker, dispatcher, domain):
    return asyncio.run(action.run(dispatcher, tracker, domain))


def texts(dispatcher):
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


@pytest.mark.parametrize("message, hello", [("Goedemorgen", "Goedemorgen!"), ("hallo", "Hoi!"),
                                             ("goedenavond daar", "Goedenavond!")])
def test_greet_greets_in_kind_and_says_what_it_can_do(message, hello, dispatcher, domain):
    events = run(ActionGreet(), make_tracker(message, "greet"), dispatcher, domain)
    assert events == []
    assert texts(dispatcher).startswith(hello)
    assert "KPN Pay" in texts(dispatcher) and "buitenland" in texts(dispatcher).lower() or "EU" in texts(dispatcher)


ANSWERS = [
    # (text, intent, slots, expected fragments)
    ("mag ik een tweede bundel erbij nemen voordat de eerste verlopen is", "ask_bundle_used_up", {},
     ["Ja, dat kan. Bundels zijn stapelbaar", "voordat je oude op of verlopen is"]),
    ("mijn buitenlandbundel is op, wat nu?", "ask_bundle_used_up", {},
     ["internet geblokkeerd", "Bundels zijn stapelbaar"]),
    ("heb je een linkje om kpn pay op mijn iphone in te stellen", "kpnpay_sms_code", {"platform": "ios"},
     ["https://apple.co/KPN_QR_Signup"]),
    ("ik krijg geen sms code bij kpn pay", "kpnpay_sms_code", {}, ["sms met een code", "maar 1 keer"]),
    ("Wat kost 8 minuten bellen in Egypte?", "ask_foreign_rates",
     {"country": "Egypte", "usage": "call", "duration_seconds": "480"},
     ["8 min × € 2,00 per minuut = € 16,00", "Overige landen"]),
    ("Ik heb 10 seconden gebeld in Canada", "ask_foreign_rates",
     {"country": "Canada", "usage": "call", "duration_seconds": "10"},
     ["30 sec × € 1,00 per minuut = € 0,50", "minimaal 30 sec per gesprek"]),
    ("30 MB in Peru", "ask_foreign_rates", {"country": "Peru", "usage": "data", "data_mb": "30"},
     ["€ 75,00", "geblokkeerd", "€ 60,50", "JA", "1330"]),
    ("Kan ik mijn bundel gebruiken in IJsland?", "ask_foreign_rates", {"country": "IJsland"},
     ["Roam like Home", "net als in Nederland"]),
    ("vanuit Turkije naar Marokko bellen", "ask_foreign_rates",
     {"country": "Turkije", "destination": "Marokko", "usage": "call"}, ["€ 2,00 per minuut"]),
    ("bellen van nederland naar egypte", "ask_foreign_rates",
     {"country": "Nederland", "destination": "Egypte"}, ["€ 1,00 per minuut"]),
    ("200 MB in de VS", "ask_bundle_advice", {"country": "Verenigde Staten", "data_mb": "200", "usage": "data"},
     ["Goedkoopst: 2 × 100", "€ 19,98"]),
    ("3 MB in Thailand", "ask_bundle_advice", {"country": "Thailand", "data_mb": "3", "usage": "data"},
     ["Goedkoopst: zonder bundel, per gebruik: € 7,50"]),
    ("bundel aan op 5 januari 2027 09:00", "ask_bundle_validity", {"date": "2027-01-05T09:00:00"},
     ["vrijdag 5 februari 2027 om 09:00"]),
    ("hussel 15 gb 150 min", "ask_plan", {"data_mb": "15000"}, ["Hussel 15 GB en 150 min/sms", "€ 31,50"]),
    ("toestel van 500 euro verzekeren", "ask_insurance", {"device_value": "500"}, ["€ 8,99", "€ 9,99"]),
    ("toestel van 3500 euro", "ask_insurance", {"device_value": "3500"}, ["€ 3.000,00"]),
    ("al 280 uitgegeven", "kpnpay_budget", {"amount_spent": "280"}, ["€ 300,00 − € 280,00 = € 20,00"]),
    ("kan ik een app van 30 euro kopen, ik heb al 280 betaald", "kpnpay_budget",
     {"amount_spent": "280", "purchase_amount": "30"}, ["Nee", "€ 20,00"]),
    ("kpn pay op mijn iphone", "kpnpay_setup", {"platform": "ios"},
     ["'Betaling en Verzending'", "'Mobiele telefoon'", "'Gebruik dit mobiele nummer'"]),
    ("kpn pay op android", "kpnpay_setup", {"platform": "android"},
     ["'Betaalmethoden'", "'Factureren via KPN'", "'KPN/Mobiel'", "'Inschakelen'"]),
    ("aanpassen op 10 maart 2027", "ask_plan_change", {"date": "2027-03-10"}, ["1 april 2027"]),
    ("Ik bel 20 minuten buiten mijn bundel", "ask_out_of_bundle", {"duration_seconds": "1200", "usage": "call"},
     ["20 min × € 0,23 per minuut = € 4,60"]),
    ("10 sms buiten de bundel", "ask_out_of_bundle", {"sms_count": "10", "usage": "sms"}, ["€ 0,73"]),
    ("mag ik een mens", "human_handoff", {}, ["1200", "gratis"]),
    # the price list is silent on prepaid rates: say so, do not quote subscription rates
    ("wat kost bellen in nederland met prepaid", "ask_out_of_bundle", {"country": "Nederland", "usage": "call"},
     ["prepaid", "staan er niet in", "1200"]),
    # a call "naar het buitenland" from home needs the destination first
    ("wat kost bellen naar het buitenland vanuit nederland", "ask_foreign_rates",
     {"country": "Nederland", "usage": "call"}, ["Naar welk land"]),
    # the extra EU bundle of Hussel onbeperkt data, not the NL/EU bundels
    ("extra EU bundel van 1000 MB bij onbeperkt data", "ask_nl_eu_bundle", {"data_mb": "1000", "usage": "data"},
     ["€ 3,99 voor 1000 MB"]),
]


@pytest.mark.parametrize("text, intent, slots, fragments", ANSWERS)
def test_answer_computes_from_knowledge(text, intent, slots, fragments, dispatcher, domain):
    events = run(ActionAnswer(), make_tracker(text, intent, **slots), dispatcher, domain)
    assert events == []
    assert len(dispatcher.messages) == 1
    for fragment in fragments:
        assert fragment in texts(dispatcher)


@pytest.mark.parametrize("intent, slots, question, awaits", [
    ("kpnpay_setup", {}, "Op welk toestel wil je KPN Pay gebruiken?", "platform"),
    ("ask_insurance", {}, "Wat is de waarde van je toestel? Bijvoorbeeld: 650 euro.", "device_value"),
    ("kpnpay_budget", {}, "Hoeveel heb je deze maand al met KPN Pay betaald? Bijvoorbeeld: 120 euro.", "amount_spent"),
    ("ask_foreign_rates", {}, "Over welk land gaat het? Noem bijvoorbeeld Spanje, Turkije of de Verenigde Staten.",
     "country"),
])
def test_answer_asks_for_what_is_missing(intent, slots, question, awaits, dispatcher, domain):
    """The question is a phrase of the answer (it used to be the domain's utter_ask_<slot>)."""
    from actions.answers import answer
    from actions.turn import Turn
    assert run(ActionAnswer(), make_tracker("vraag", intent, **slots), dispatcher, domain) == []
    assert dispatcher.messages[0]["text"] == question
    assert dispatcher.messages[0]["metadata"] == {"language": "nl", "footnote": None}
    assert answer(Turn(text="vraag", intent=intent, slots=slots)).awaits == awaits


def test_the_platform_question_offers_both_platforms_as_buttons(dispatcher, domain):
    run(ActionAnswer(), make_tracker("vraag", "kpnpay_setup"), dispatcher, domain)
    assert dispatcher.messages[0]["buttons"] == [
        {"title": "iPhone of iPad", "payload": '/inform{"platform": "ios"}'},
        {"title": "Android", "payload": '/inform{"platform": "android"}'}]


def test_inform_continues_the_previous_question(dispatcher, domain):
    tracker = make_tracker("en in Egypte?", "inform", country="Egypte", usage="call", question="ask_foreign_rates")
    run(ActionAnswer(), tracker, dispatcher, domain)
    assert "€ 2,00 per minuut" in texts(dispatcher)


def test_fallback_asks_to_rephrase_with_topic_buttons(dispatcher, domain):
    assert run(ActionFallback(), make_tracker("blarp fnord", "nlu_fallback"), dispatcher, domain) == []
    message = dispatcher.messages[0]
    assert "anders" in message["text"]
    assert {"title": "KPN Pay instellen", "payload": "/kpnpay_setup"} in message["buttons"]


@pytest.mark.parametrize("text, intent, slots, expected", [
    ("Wat kost 8 minuten bellen in Egypte?", "ask_foreign_rates", {},
     {"country": "Egypte", "usage": "call", "duration_seconds": "480", "question": "ask_foreign_rates"}),
    ("en in marokko?", "inform", {"country": "Egypte", "usage": "call", "question": "ask_foreign_rates"},
     {"country": "Marokko"}),
    ("wat kost internet daar?", "ask_foreign_rates", {"country": "Egypte", "question": "ask_foreign_rates"},
     {"usage": "data"}),
    ("Ik heb deze maand al 280 euro uitgegeven, hoeveel kan ik nog?", "kpnpay_budget", {},
     {"amount_spent": "280", "question": "kpnpay_budget"}),
    ("iPhone", "inform", {"question": "kpnpay_setup", "requested_slot": "platform"}, {"platform": "ios"}),
    # after a question about calling from home, "naar Kenia" names whom is called
    ("naar Kenia", "inform", {"country": "Nederland", "usage": "call", "question": "ask_foreign_rates"},
     {"destination": "Kenia"}),
    ("bellen met mijn oma in Suriname", "ask_foreign_rates", {},
     {"country": "Nederland", "destination": "Suriname"}),
])
def test_slot_mappings_normalise_through_knowledge(text, intent, slots, expected, dispatcher, domain):
    events = asyncio.run(ValidateSlotMappings().get_extraction_events(
        dispatcher, make_tracker(text, intent, **slots), domain))
    got = {e["name"]: e["value"] for e in events}
    for name, value in expected.items():
        assert got.get(name) == value, (name, got)
    assert "country" not in got or intent != "ask_foreign_rates" or "daar" not in text


def test_form_names_an_unknown_country_and_asks_again(dispatcher, domain):
    tracker = make_tracker("Atlantis", "inform", active_loop="country_form", requested_slot="country",
                           question="ask_foreign_rates")
    events = asyncio.run(ValidateCountryForm().get_extraction_events(dispatcher, tracker, domain))
    assert events == [SlotSet("country", None)]
    assert "'Atlantis' ken ik niet als land" in texts(dispatcher)


def test_form_suggests_the_closest_countries(dispatcher, domain):
    tracker = make_tracker("Marokkoo landje", "inform", active_loop="country_form", requested_slot="country")
    asyncio.run(ValidateCountryForm().get_extraction_events(dispatcher, tracker, domain))
    assert "ken ik niet" in texts(dispatcher)


def test_form_ends_when_the_user_asks_something_else(dispatcher, domain):
    tracker = make_tracker("hoe stel ik kpn pay in", "kpnpay_setup", active_loop="country_form",
                           requested_slot="country")
    events = asyncio.run(ValidateCountryForm().get_extraction_events(dispatcher, tracker, domain))
    assert events == [SlotSet("requested_slot", None)]
    assert dispatcher.messages == []


@pytest.mark.parametrize("form, slot, text", [
    (ValidateDeviceValueForm(), "device_value", "-5 euro"),
    (ValidateSpentForm(), "amount_spent", "-20 euro"),
])
def test_amount_forms_name_an_impossible_amount(form, slot, text, dispatcher, domain):
    tracker = make_tracker(text, "inform", active_loop=form.form_name(), requested_slot=slot)
    events = asyncio.run(form.get_extraction_events(dispatcher, tracker, domain))
    assert events == [SlotSet(slot, None)]
    assert "negatie" in texts(dispatcher).lower()


def test_platform_form_asks_again_for_an_unknown_device(dispatcher, domain):
    tracker = make_tracker("de telefoon van mijn oma", "inform", active_loop="platform_form", requested_slot="platform")
    events = asyncio.run(ValidatePlatformForm().get_extraction_events(dispatcher, tracker, domain))
    assert events == [SlotSet("platform", None)]
    assert "iPhone" in texts(dispatcher)


def test_a_crashing_answer_is_answered_politely(monkeypatch, dispatcher, domain):
    import actions.actions as module

    def broken(turn):
        raise RuntimeError("boom")
    monkeypatch.setattr(module, "answer", broken)
    events = run(ActionAnswer(), make_tracker("iets", "ask_plan"), dispatcher, domain)
    assert events == []
    assert "1200" in texts(dispatcher)


def test_a_value_for_the_open_form_continues_its_question(dispatcher, domain):
    """'Mijn toestel kostte 1000 euro' answers the insurance form, even if NLU reads it
    as a question about device instalments."""
    tracker = make_tracker("Mijn toestel kostte 1000 euro", "ask_device_instalments",
                           question="ask_insurance", requested_slot="device_value")
    events = asyncio.run(ValidateSlotMappings().get_extraction_events(dispatcher, tracker, domain))
    got = {e["name"]: e["value"] for e in events}
    assert got.get("device_value") == "1000" and "question" not in got
    tracker = make_tracker("Mijn toestel kostte 1000 euro", "ask_device_instalments",
                           question="ask_insurance", device_value="1000")
    tracker.events = [{"event": "slot", "name": "requested_slot", "value": "device_value"},
                      {"event": "user", "text": "Mijn toestel kostte 1000 euro"},
                      {"event": "slot", "name": "device_value", "value": "1000"}]
    run(ActionAnswer(), tracker, dispatcher, domain)
    assert "€ 12,99" in texts(dispatcher) and "€ 14,99" in texts(dispatcher)


def test_a_purchase_above_the_limit_is_refused_without_asking_what_was_spent(dispatcher, domain):
    run(ActionAnswer(), make_tracker("kan ik een app van 60 euro kopen", "kpnpay_budget", purchase_amount="60"),
        dispatcher, domain)
    assert texts(dispatcher).startswith("Nee") and "€ 50,00" in texts(dispatcher)


def test_the_language_slot_makes_the_answer_english(dispatcher, domain):
    tracker = make_tracker("What does 8 minutes of calling in Egypt cost?", "ask_foreign_rates", country="Egypte",
                           usage="call", duration_seconds="480", language="en")
    assert run(ActionAnswer(), tracker, dispatcher, domain) == []
    message = dispatcher.messages[0]
    assert "Calls: 8 min × €2.00 per minute = €16.00" in message["text"]
    assert message["metadata"] == {"language": "en", "footnote": None}


def test_an_unknown_language_is_answered_in_dutch(dispatcher, domain):
    run(ActionAnswer(), make_tracker("mag ik een mens", "human_handoff", language="fr"), dispatcher, domain)
    assert "Bel de klantenservice van KPN via 1200 (gratis)" in texts(dispatcher)
    assert dispatcher.messages[0]["metadata"]["language"] == "nl"


@pytest.mark.parametrize("action, language, question", [
    (ActionAskCountry(), "nl", "Over welk land gaat het?"),
    (ActionAskCountry(), "en", "Which country is it about?"),
    (ActionAskPlatform(), "en", "On which device would you like to use KPN Pay?"),
    (ActionAskDeviceValue(), "nl", "Wat is de waarde van je toestel?"),
    (ActionAskAmountSpent(), "en", "How much have you already paid with KPN Pay this month?"),
])
def test_a_form_asks_its_question_in_the_conversation_language(action, language, question, dispatcher, domain):
    assert run(action, make_tracker("", "inform", language=language), dispatcher, domain) == []
    assert texts(dispatcher).startswith(question)
    assert action.name() in [a for a in domain["actions"]]
