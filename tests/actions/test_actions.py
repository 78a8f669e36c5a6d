"""action_answer: given a tracker, the text it sends and the slot events it returns."""
import asyncio

import pytest

from actions.actions import ActionAnswer
from rasa_sdk.executor import CollectingDispatcher
from tests.actions.conftest import make_tracker


def run(action, tracker, dispatcher, domain):
    return asyncio.run(action.run(dispatcher, tracker, domain))


def texts(dispatcher):
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


def assert_said(dispatcher, fragments, absent=()):
    """Every fragment in what the bot said, none of `absent`."""
    said = texts(dispatcher)
    assert all(fragment in said for fragment in fragments), said
    assert not any(fragment in said for fragment in absent), said


# A question of each kind that lacks the value its answer needs.
QUESTION_OF = {"kpnpay_setup": "hoe stel ik kpn pay in", "ask_insurance": "wat kost een toestelverzekering",
               "kpnpay_budget": "hoeveel kan ik nog uitgeven met kpn pay",
               "ask_bundle_advice": "welke buitenlandbundel is het voordeligst"}
QUESTION_OF_EN = {"kpnpay_setup": "how do I set up kpn pay", "ask_insurance": "what does device insurance cost",
                  "kpnpay_budget": "how much can I still spend with kpn pay",
                  "ask_bundle_advice": "which travel bundle is the cheapest"}


def slot_events(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


@pytest.mark.parametrize("message, hello", [("Goedemorgen", "Goedemorgen!"), ("hallo", "Hoi!"),
                                             ("goedenavond daar", "Goedenavond!")])
def test_greet_greets_in_kind_and_says_what_it_can_do(message, hello, dispatcher, domain):
    run(ActionAnswer(), make_tracker(message, "greet"), dispatcher, domain)
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
    # internet named without MB: the minutes priced, and all bundles there with a question how much
    ("welke bundel voor een half uur bellen en wat internetten in China?", "ask_bundle_advice",
     {"country": "China", "duration_seconds": "1800", "usage": "call,data"},
     ["Goedkoopst: 1 × 100", "hoeveel MB noem je niet", "€ 39,99", "Hoeveel MB"]),
    ("bundel aan op 5 januari 2027 09:00", "ask_bundle_validity", {"date": "2027-01-05T09:00:00"},
     ["vrijdag 5 februari 2027 om 09:00"]),
    ("hussel 15 gb 150 min", "ask_plan", {"data_mb": "15000"}, ["Hussel 15 GB en 150 min/sms", "€ 31,50"]),
    ("5 GB: 150 minuten of onbeperkt bellen?", "ask_plan", {"data_mb": "5000"},
     ["€ 26,50", "€ 27,50", "€ 1,00 per maand meer dan 150 min/sms"]),
    ("toestel van 500 euro verzekeren", "ask_insurance", {"device_value": "500"}, ["€ 8,99", "€ 9,99"]),
    ("toestel van 3500 euro", "ask_insurance", {"device_value": "3500"}, ["€ 3.000,00"]),
    ("al 280 uitgegeven", "kpnpay_budget", {"amount_spent": "280"}, ["€ 300,00 − € 280,00 = € 20,00"]),
    ("kan ik een app van 30 euro kopen, ik heb al 280 betaald", "kpnpay_budget",
     {"amount_spent": "280", "purchase_amount": "30"}, ["Nee", "€ 20,00"]),
    # several purchases to come: how many fit the month
    ("7 aankopen van 45 euro met kpn pay deze maand, kan dat?", "kpnpay_budget", {},
     ["7 × € 45,00 = € 315,00", "6 aankopen", "de 7e"]),
    ("ik wil 3 apps van 20 euro kopen, kan dat?", "kpnpay_budget", {}, ["Ja: 3 × € 20,00 = € 60,00"]),
    ("kpn pay op mijn iphone", "kpnpay_setup", {"platform": "ios"},
     ["'Betaling en Verzending'", "'Mobiele telefoon'", "'Gebruik dit mobiele nummer'"]),
    ("kpn pay op android", "kpnpay_setup", {"platform": "android"},
     ["'Betaalmethoden'", "'Factureren via KPN'", "'KPN/Mobiel'", "'Inschakelen'"]),
    ("aanpassen op 10 maart 2027", "ask_plan_change", {"date": "2027-03-10"}, ["1 april 2027"]),
    ("Ik bel 20 minuten buiten mijn bundel", "ask_out_of_bundle", {"duration_seconds": "1200", "usage": "call"},
     ["20 min × € 0,23 per minuut = € 4,60"]),
    ("10 sms buiten de bundel", "ask_out_of_bundle", {"sms_count": "10", "usage": "sms"}, ["€ 0,73"]),
    # out of bundle in a country abroad named in the message: the rate there, its minimum per call
    ("in Griekenland 4 keer 20 seconden gebeld buiten de bundel", "ask_out_of_bundle",
     {"country": "Griekenland", "usage": "call"}, ["4 gesprekken van 20 sec", "€ 0,46"]),
    ("10 minuten bellen buiten de bundel vanuit Peru", "ask_out_of_bundle", {"country": "Peru", "usage": "call"},
     ["Peru", "€ 10,00"]),
    ("mag ik een mens", "human_handoff", {}, ["1200", "gratis"]),
    # a used-up bundle in another EU country: as at home, the 30-second minimum, the NL/EU bundles
    ("en wat als mijn data in Portugal op is?", "ask_foreign_rates", {"country": "Portugal", "usage": "data"},
     ["Portugal", "minimaal 30 seconden", "64 Kbit/s", "€ 2,99", "€ 7,99"]),
    # calling home from abroad, no country named: the rate per zone
    ("wat kost bellen vanuit het buitenland naar nederland", "ask_foreign_rates",
     {"destination": "Nederland", "usage": "call"}, ["€ 1,00 per minuut", "€ 2,00 per minuut"]),
    # staying long in an EU country: your bundle as at home, and the fair-use rule
    ("ik studeer vijf maanden in Valencia, kan ik mijn bundel daar gewoon gebruiken?", "ask_fair_use",
     {"country": "Spanje"}, ["net als thuis", "2 weken"]),
    # internet that stopped abroad: the block at that place's rate
    ("op het cruiseschip werkt mijn internet niet meer", "service_problem", {}, ["€ 10,00 per MB", "6,05 MB", "1330"]),
    # a code text that never arrives: the page is silent on it, 1200
    ("ik wacht al een uur op de sms-code van KPN Pay", "kpnpay_sms_code", {}, ["1 keer", "1200"]),
    # how calls are billed: per second at home, at least 30 seconds per call made abroad (EU too)
    ("rekenen jullie per seconde of per minuut?", "ask_out_of_bundle", {}, ["per seconde", "ook in de EU",
                                                                          "minimaal 30 seconden"]),
    # with the internet block lifted, every MB at the rate there
    ("als ik JA stuur, wat kost 30 MB dan?", "ask_internet_block", {"country": "Thailand"},
     ["30 MB × € 2,50 = € 75,00", "na 24,2 MB"]),
    # a used-up bundle in an EU country: no BuitenlandBundel there, the NL/EU bundles
    ("in Griekenland is al mijn data op, wat nu?", "ask_bundle_used_up", {"country": "Griekenland"},
     ["Roam like Home", "€ 2,99", "€ 7,99"]),
    # on a plane the price list is silent: say so, what it says on ferries and cruise ships, 1200
    ("mag ik in het vliegtuig bellen, wat kost het", "ask_foreign_rates", {"usage": "call"},
     ["vliegtuig staat niets in de prijslijst", "€ 4,25", "1200"]),
    # a complaint that names a fee or its exact price: the human route, and what the price list says
    ("Jullie zijn oplichters, 33,88 voor een heraansluiting??", "complaint", {},
     ["1200", "Heraansluiting na administratieve afsluiting, € 33,88"]),
    ("Waarom krijg ik een boete van 15 euro?! Ik heb gewoon betaald", "complaint", {},
     ["1200", "Herinneringskosten, € 15,00"]),
    # a claim or cancelling is about an insurance one has: the route, not the premiums
    ("mijn toestelverzekering wil niet uitkeren", "ask_insurance", {}, ["kpn.com/allevoorwaarden", "1200"]),
    ("hoe zeg ik mijn toestelverzekering op", "ask_insurance", {}, ["opzeg"]),
    # a theft: block the number first; whether it is blocked already, the assistant cannot see
    ("mijn telefoon is gestolen, dekt de verzekering dat?", "ask_insurance", {}, ["1200", "Extra"]),
    ("is mijn nummer al geblokkeerd na de diefstal?", "lost_or_stolen", {}, ["geen toegang", "1200"]),
    # the customer's own account: what the assistant cannot see, the general rule, then 1200
    ("Tot wanneer loopt mijn contract?", "account_question", {},
     ["geen toegang", "opzegtermijn van 1 maand", "1200"]),
    ("Ik heb vorige week mijn abonnement aangepast, kan ik nu weer wisselen?", "account_question", {},
     ["geen toegang", "1 keer per 31 dagen", "1200"]),
    ("Hoeveel herinneringskosten heb ik dit jaar betaald?", "account_question", {},
     ["geen toegang", "herinneringskosten (€ 15,00)", "1200"]),
    # the price list is silent on prepaid rates: say so, do not quote subscription rates
    ("wat kost bellen in nederland met prepaid", "ask_out_of_bundle", {"country": "Nederland", "usage": "call"},
     ["prepaid", "staan er niet in", "1200"]),
    # prepaid named as something to do, not as what the customer has: silent on it, then what a plan offers
    ("kan ik beltegoed opwaarderen of extra data kopen?", "ask_nl_eu_bundle", {},
     ["prepaid", "staan er niet in", "1200", "€ 2,99"]),
    ("ik heb prepaid, kan ik extra data kopen?", "ask_nl_eu_bundle", {}, ["staan er niet in"]),
    # a call "naar het buitenland" from home needs the destination first
    ("wat kost bellen naar het buitenland vanuit nederland", "ask_foreign_rates",
     {"country": "Nederland", "usage": "call"}, ["€ 0,30 per minuut", "€ 1,00 per minuut", "Naar welk land"]),
    # a used-up bundle with nothing abroad said: at home data slows down at no cost, the NL/EU bundels
    # top it up; a BuitenlandBundel named or a place outside the EU keeps the BuitenlandBundel answer
    ("m'n bundel is helemaal op, wat nu met internet?", "ask_bundle_used_up", {"usage": "data"},
     ["64 Kbit/s", "€ 0,23", "€ 2,99", "€ 7,99"]),
    ("mijn bundel 500 is op, wat nu?", "ask_bundle_used_up", {}, ["stapelbaar"]),
    ("mijn bundel is op, wat nu?", "ask_bundle_used_up", {"country": "Marokko"}, ["stapelbaar", "Marokko"]),
    # the extra EU bundle of Hussel onbeperkt data, not the NL/EU bundels
    ("extra EU bundel van 1000 MB bij onbeperkt data", "ask_nl_eu_bundle", {"data_mb": "1000", "usage": "data"},
     ["€ 3,99 voor 1000 MB"]),
]


@pytest.mark.parametrize("text, intent, slots, fragments", ANSWERS)
def test_answer_computes_from_knowledge(text, intent, slots, fragments, dispatcher, domain):
    """The values come from what NLU read in the text; `slots` is the state before it."""
    events = run(ActionAnswer(), make_tracker(text, intent, **slots), dispatcher, domain)
    assert len(dispatcher.messages) == 1
    for fragment in fragments:
        assert fragment in texts(dispatcher)
    assert slot_events(events).get("question", intent) == intent


@pytest.mark.parametrize("intent, question, awaits", [
    ("kpnpay_setup", "Op welk toestel wil je KPN Pay gebruiken?", "platform"),
    ("ask_insurance", "Wat is de waarde van je toestel? Bijvoorbeeld: 650 euro.", "device_value"),
    ("kpnpay_budget", "Hoeveel heb je deze maand al met KPN Pay betaald? Bijvoorbeeld: 120 euro.", "amount_spent"),
    ("ask_bundle_advice", "Over welk land gaat het? Noem bijvoorbeeld Spanje, Turkije of de Verenigde Staten.",
     "country"),
])
def test_answer_asks_for_what_is_missing_and_waits_for_it(intent, question, awaits, dispatcher, domain):
    events = run(ActionAnswer(), make_tracker(QUESTION_OF[intent], intent), dispatcher, domain)
    message = dispatcher.messages[0]
    # after what can be said without it, before the price-list footnote when that says prices
    assert message["text"].removesuffix(message["metadata"]["footnote"] or "").rstrip().endswith(question)
    assert message["metadata"]["language"] == "nl"
    assert slot_events(events)["awaiting"] == awaits


def test_the_platform_question_offers_both_platforms_as_buttons(dispatcher, domain):
    run(ActionAnswer(), make_tracker("vraag", "kpnpay_setup"), dispatcher, domain)
    assert dispatcher.messages[0]["buttons"] == [
        {"title": "iPhone of iPad", "payload": '/inform{"platform": "ios"}'},
        {"title": "Android", "payload": '/inform{"platform": "android"}'}]


def test_the_awaited_value_answers_the_question(dispatcher, domain):
    tracker = make_tracker("iPhone", "inform", question="kpnpay_setup", awaiting="platform")
    events = run(ActionAnswer(), tracker, dispatcher, domain)
    assert "'Betaling en Verzending'" in texts(dispatcher)
    assert slot_events(events)["platform"] == "ios" and slot_events(events)["awaiting"] is None


def test_inform_continues_the_previous_question(dispatcher, domain):
    tracker = make_tracker("en in Egypte?", "inform", country="Marokko", usage="call", question="ask_foreign_rates")
    events = run(ActionAnswer(), tracker, dispatcher, domain)
    assert "€ 2,00 per minuut" in texts(dispatcher)
    assert slot_events(events)["country"] == "Egypte" and slot_events(events)["changed"] == ["country"]


def test_fallback_asks_to_rephrase_with_topic_buttons(dispatcher, domain):
    run(ActionAnswer(), make_tracker("blarp fnord", "nlu_fallback"), dispatcher, domain)
    message = dispatcher.messages[0]
    assert "anders" in message["text"]
    assert {"title": "KPN Pay instellen", "payload": "/kpnpay_setup"} in message["buttons"]


def test_an_unknown_country_is_named_and_asked_again(dispatcher, domain):
    tracker = make_tracker("Atlantis", "nlu_fallback", question="ask_foreign_rates", awaiting="country")
    events = run(ActionAnswer(), tracker, dispatcher, domain)
    assert "'Atlantis' ken ik niet als land" in texts(dispatcher)
    assert "Over welk land" in texts(dispatcher)
    assert slot_events(events).get("awaiting", "country") == "country"


def test_the_closest_countries_are_suggested(dispatcher, domain):
    tracker = make_tracker("Marokkoo landje", "inform", question="ask_foreign_rates", awaiting="country")
    run(ActionAnswer(), tracker, dispatcher, domain)
    assert "ken ik niet" in texts(dispatcher) or "Marokko" in texts(dispatcher)


def test_another_question_is_answered_and_the_wait_is_kept(dispatcher, domain):
    tracker = make_tracker("hoe stel ik kpn pay in op mijn iphone", "kpnpay_setup", question="ask_insurance",
                           awaiting="device_value")
    events = run(ActionAnswer(), tracker, dispatcher, domain)
    assert "'Betaling en Verzending'" in texts(dispatcher)
    assert len(dispatcher.messages) == 1
    assert slot_events(events)["resume"] == "ask_insurance"


@pytest.mark.parametrize("slot, question, text", [
    ("device_value", "ask_insurance", "-5 euro"),
    ("amount_spent", "kpnpay_budget", "-20 euro"),
])
def test_an_impossible_amount_is_named(slot, question, text, dispatcher, domain):
    tracker = make_tracker(text, "inform", question=question, awaiting=slot)
    run(ActionAnswer(), tracker, dispatcher, domain)
    assert "negatie" in texts(dispatcher).lower()


def test_an_unknown_device_is_asked_again(dispatcher, domain):
    tracker = make_tracker("de telefoon van mijn oma", "inform", question="kpnpay_setup", awaiting="platform")
    run(ActionAnswer(), tracker, dispatcher, domain)
    assert "iPhone" in texts(dispatcher)


def test_a_crashing_answer_is_answered_politely(monkeypatch, dispatcher, domain):
    import actions.actions as module

    def broken(turn):
        raise RuntimeError("boom")
    monkeypatch.setattr(module, "answer", broken)
    run(ActionAnswer(), make_tracker("iets", "ask_plan"), dispatcher, domain)
    assert "1200" in texts(dispatcher)


def test_a_value_for_the_open_question_answers_it_whatever_nlu_calls_it(dispatcher, domain):
    """'Mijn toestel kostte 1000 euro' answers the insurance question, even if NLU reads it
    as a question about device instalments."""
    tracker = make_tracker("Mijn toestel kostte 1000 euro", "ask_device_instalments", question="ask_insurance",
                           awaiting="device_value")
    events = run(ActionAnswer(), tracker, dispatcher, domain)
    assert "€ 12,99" in texts(dispatcher) and "€ 14,99" in texts(dispatcher)
    assert slot_events(events)["device_value"] == "1000"


def test_a_purchase_above_the_limit_is_refused_without_asking_what_was_spent(dispatcher, domain):
    run(ActionAnswer(), make_tracker("kan ik een app van 60 euro kopen", "kpnpay_budget"), dispatcher, domain)
    assert texts(dispatcher).startswith("Nee") and "€ 50,00" in texts(dispatcher)


def test_one_message_per_answer(dispatcher, domain):
    for text, intent in [("wat kost bellen in Turkije", "ask_foreign_rates"), ("bedankt", "thank"),
                         ("hoe zet ik kpn pay aan", "kpnpay_setup")]:
        dispatcher.messages.clear()
        run(ActionAnswer(), make_tracker(text, intent), dispatcher, domain)
        assert len(dispatcher.messages) == 1


def test_the_language_slot_makes_the_answer_english(dispatcher, domain):
    tracker = make_tracker("What does 8 minutes of calling in Egypt cost?", "ask_foreign_rates", language="en")
    run(ActionAnswer(), tracker, dispatcher, domain)
    message = dispatcher.messages[0]
    assert "Calls: 8 min × €2.00 per minute = €16.00" in message["text"]
    assert message["metadata"]["language"] == "en"
    assert message["metadata"]["footnote"].startswith("Rates from the price list of 28 September 2020.")


def test_an_unknown_language_is_answered_in_dutch(dispatcher, domain):
    run(ActionAnswer(), make_tracker("mag ik een mens", "human_handoff", language="fr"), dispatcher, domain)
    assert "Bel de klantenservice van KPN via 1200 (gratis)" in texts(dispatcher)
    assert dispatcher.messages[0]["metadata"]["language"] == "nl"


@pytest.mark.parametrize("intent, language, question", [
    ("ask_bundle_advice", "nl", "Over welk land gaat het?"),
    ("ask_bundle_advice", "en", "Which country is it about?"),
    ("kpnpay_setup", "en", "On which device would you like to use KPN Pay?"),
    ("ask_insurance", "nl", "Wat is de waarde van je toestel?"),
    ("kpnpay_budget", "en", "How much have you already paid with KPN Pay this month?"),
])
def test_a_question_for_a_missing_value_is_in_the_conversation_language(intent, language, question, dispatcher,
                                                                        domain):
    text = QUESTION_OF[intent] if language == "nl" else QUESTION_OF_EN[intent]
    run(ActionAnswer(), make_tracker(text, intent, language=language), dispatcher, domain)
    assert question in texts(dispatcher)


def test_an_amount_from_the_price_list_names_the_list_once(dispatcher, domain):
    run(ActionAnswer(), make_tracker("wat kost bellen in Turkije", "ask_foreign_rates"), dispatcher, domain)
    message = dispatcher.messages[0]
    assert message["text"].count("prijslijst van 28 september 2020") == 1
    assert message["metadata"]["footnote"].startswith("Tarieven volgens de prijslijst van 28 september 2020.")
    assert message["text"].endswith(message["metadata"]["footnote"])
    assert "inflatiecorrectie" in message["metadata"]["footnote"]  # a 1 October has passed since


@pytest.mark.parametrize("text, intent", [("wat is het maximum per maand met kpn pay", "kpnpay_limits"),
                                          ("hallo", "greet"), ("hoe lang loopt mijn contract", "ask_contract_term")])
def test_no_price_list_line_without_a_price_from_it(text, intent, dispatcher, domain):
    run(ActionAnswer(), make_tracker(text, intent), dispatcher, domain)
    assert "prijslijst" not in texts(dispatcher) and dispatcher.messages[0]["metadata"]["footnote"] is None


def test_a_date_before_every_price_list_is_said_so(dispatcher, domain):
    run(ActionAnswer(), make_tracker("wat kostte bellen in Turkije in 2019", "ask_foreign_rates"), dispatcher, domain)
    assert "geen prijslijst" in texts(dispatcher) and "28 september 2020" in texts(dispatcher)


@pytest.mark.parametrize("text, intent, fragments", [
    # a call made in another EU country: 30-second minimum, exact amount where the list rounds
    ("Ik heb in Spanje 10 seconden gebeld buiten mijn bundel, wat kost dat?", "ask_foreign_rates",
     ["30 sec × € 0,23 per minuut = € 0,12 (precies € 0,115)", "je belde 10 sec"]),
    ("ik heb in Spanje 90 seconden gebeld buiten de bundel", "ask_foreign_rates",
     ["1 min 30 sec × € 0,23 per minuut = € 0,35 (precies € 0,345)", "minimaal 30 seconden per gesprek"]),
    # in the Netherlands: per second, no minimum
    ("ik heb 10 seconden gebeld buiten mijn bundel", "ask_out_of_bundle", ["10 sec × € 0,23 per minuut = € 0,04"]),
    # the rule said where no amount is computed
    ("Kan ik mijn bundel gebruiken in Frankrijk?", "ask_foreign_rates", ["minimaal 30 seconden per gesprek"]),
])
def test_calls_made_in_another_eu_country_have_the_30_second_minimum(text, intent, fragments, dispatcher, domain):
    run(ActionAnswer(), make_tracker(text, intent), dispatcher, domain)
    for fragment in fragments:
        assert fragment in texts(dispatcher)


@pytest.fixture
def on_30_november_2026(monkeypatch):
    """The answers' clock (knowledge.clock, as KPN_TODAY sets it) at 30 November 2026, noon."""
    from datetime import date

    from knowledge import clock

    monkeypatch.setattr(clock, "FIXED_DAY", date(2026, 11, 30))


def test_cancelling_on_a_day_says_when_a_contract_past_its_term_ends(dispatcher, domain, on_30_november_2026):
    run(ActionAnswer(), make_tracker("als ik op 10 januari 2027 opzeg, wanneer is mijn abonnement afgelopen?",
                                     "ask_contract_term"), dispatcher, domain)
    for fragment in ("zeg je op 10 januari 2027 op", "10 februari 2027", "1200"):
        assert fragment in texts(dispatcher)


def test_a_planned_change_on_a_day_is_no_last_change(dispatcher, domain, on_30_november_2026):
    run(ActionAnswer(), make_tracker("ik wil op 3 maart overstappen naar een kleiner abonnement, wanneer gaat dat in?",
                                     "ask_plan_change"), dispatcher, domain)
    assert "1 april" in texts(dispatcher)


def test_a_day_in_the_past_is_the_last_plan_change(dispatcher, domain, on_30_november_2026):
    """'Op 20 november aangepast, mag ik nu weer?' on 30 November: not yet, from 21 December."""
    run(ActionAnswer(), make_tracker("ik heb mijn abonnement op 20 november 2026 aangepast, kan ik nu weer wisselen?",
                                     "ask_plan_change"), dispatcher, domain)
    for fragment in ("Nee, nog niet gratis", "20 november 2026", "21 december 2026"):
        assert fragment in texts(dispatcher)


def test_comparing_the_insurances_shows_both_and_the_difference(dispatcher, domain):
    tracker = make_tracker("wat krijg ik bij Extra meer dan bij Standaard?", "ask_insurance", question="ask_insurance",
                           device_value="1000")
    run(ActionAnswer(), tracker, dispatcher, domain)
    reply = texts(dispatcher)
    assert "€ 12,99" in reply and "€ 14,99" in reply  # € 951-1650: both premiums
    assert "verlies en diefstal" in reply and "€ 2,00 per maand meer" in reply


def test_what_is_left_of_the_kpn_pay_limit_is_offered_to_be_worked_out(dispatcher, domain):
    tracker = make_tracker("Hoeveel ruimte heb ik nog op mijn KPN Pay limiet?", "kpnpay_budget")
    events = run(ActionAnswer(), tracker, dispatcher, domain)
    reply = texts(dispatcher)
    assert "geen toegang tot je account" in reply and "€ 300,00 per maand" in reply and "1200" in reply
    assert "Noem het bedrag" in reply and slot_events(events)["awaiting"] == "amount_spent"
    second = CollectingDispatcher()
    run(ActionAnswer(), make_tracker("120 euro", "inform", question="kpnpay_budget", awaiting="amount_spent"),
        second, domain)
    assert "€ 180,00" in texts(second)


def test_the_extra_option_named_is_kept_for_what_is_asked_next(dispatcher, domain):
    from knowledge import extras

    events = run(ActionAnswer(), make_tracker("Wat houdt ToestelVeilig precies in?", "ask_extra_options"),
                 dispatcher, domain)
    assert slot_events(events)["extra_option"] == extras.find_extra("ToestelVeilig").id


@pytest.mark.parametrize("text, intent, platform, fragments", [
    ("werkt dat ook op mijn iPhone 12?", "kpnpay_setup", None, ["alleen op Android-telefoons", "niet op een iPhone"]),
    ("en wat zou het dan per jaar kosten?", "ask_extra_options", "ios", ["12 × € 2,50 = € 30,00"]),
    ("and how much is that per year?", "nlu_fallback", None, ["12 × €2.50 = €30.00"]),
])
def test_a_follow_up_on_the_extra_option_just_named(text, intent, platform, fragments, dispatcher, domain):
    from knowledge import extras

    tracker = make_tracker(text, intent, question="ask_extra_options", platform=platform,
                           extra_option=extras.find_extra("ToestelVeilig").id)
    run(ActionAnswer(), tracker, dispatcher, domain)
    for fragment in fragments:
        assert fragment in texts(dispatcher)


@pytest.mark.parametrize("text, language, fragments, absent", [
    ("Can I get that €3.96 option removed?", "en", ["KleinZakelijke extra's", "cannot be removed"], ["Spotify"]),
    ("wat is die optie van 3,96 op mijn rekening?", "nl", ["KleinZakelijke extra's", "€ 3,96"], ["Spotify"]),
    ("welke optie kost 3,97?", "nl", ["Spotify"], []),  # no option costs that: all of them
])
def test_an_extra_option_named_by_its_price(text, language, fragments, absent, dispatcher, domain):
    tracker = make_tracker(text, "ask_extra_options", language=language)
    run(ActionAnswer(), tracker, dispatcher, domain)
    for fragment in fragments:
        assert fragment in texts(dispatcher)
    for fragment in absent:
        assert fragment not in texts(dispatcher)


@pytest.mark.parametrize("text, plan, fragments, absent", [
    # the fee and the first month of the plan talked about (both call lines when not said which)
    ("dus die eenmalige kosten plus 1 maand abonnement is samen hoeveel?", "5000",
     ["€ 25,00 + € 26,50 = € 51,50", "€ 25,00 + € 27,50 = € 52,50"], []),
    ("en met onbeperkt bellen, wat is dat samen met de aansluitkosten?", "5000",
     ["€ 25,00 + € 27,50 = € 52,50"], ["€ 51,50"]),
    ("wat zijn de aansluitkosten?", "5000", ["€ 25,00"], ["€ 51,50", "€ 52,50"]),  # no sum asked
    ("hoeveel is de aansluiting en de eerste maand samen?", None, ["€ 25,00"], ["€ 51,50"]),  # no plan yet
])
def test_the_connection_fee_plus_the_first_month(text, plan, fragments, absent, dispatcher, domain):
    run(ActionAnswer(), make_tracker(text, "ask_connection_fee", question="ask_plan", plan=plan), dispatcher, domain)
    for fragment in fragments:
        assert fragment in texts(dispatcher)
    for fragment in absent:
        assert fragment not in texts(dispatcher)


def test_a_plan_with_unlimited_data_added_is_that_plans_price(dispatcher, domain):
    """"en dan met onbeperkt data erbij?" after a plan's price: the plan with unlimited data,
    not extra data for the plan before."""
    tracker = make_tracker("Hmm, en dan met onbeperkt data erbij?", "ask_plan", question="ask_plan", data_mb="15000")
    run(ActionAnswer(), tracker, dispatcher, domain)
    assert "€ 53,50" in texts(dispatcher)


@pytest.mark.parametrize("text, own_account", [
    ("Ik wil overstappen naar KPN met Hussel 5 GB, wat betaal ik per maand?", False),  # no account yet
    ("Ik heb Hussel 5 GB, wat betaal ik per maand?", True),  # what this customer pays: not visible
])
def test_what_i_pay_per_month_for_a_plan(text, own_account, dispatcher, domain):
    run(ActionAnswer(), make_tracker(text, "ask_plan"), dispatcher, domain)
    assert "Hussel 5 GB" in texts(dispatcher) and "€ 26,50" in texts(dispatcher)
    assert ("geen toegang" in texts(dispatcher)) == own_account


def test_an_unknown_amount_on_the_bill_that_is_an_extra_options_price(dispatcher, domain):
    text = "there's a 3.96 euro option on my bill that I don't recognise, what is it?"
    tracker = make_tracker(text, "account_question", language="en")
    run(ActionAnswer(), tracker, dispatcher, domain)
    assert "KleinZakelijke extra's" in texts(dispatcher) and "cannot be removed" in texts(dispatcher)
    assert "1200" in texts(dispatcher)  # still: the account itself is for customer service


def test_without_a_reference_the_options_are_listed_again(dispatcher, domain):
    from knowledge import extras

    tracker = make_tracker("welke extra opties zijn er?", "ask_extra_options", question="ask_extra_options",
                           extra_option=extras.find_extra("ToestelVeilig").id)
    run(ActionAnswer(), tracker, dispatcher, domain)
    assert "Spotify" in texts(dispatcher)


@pytest.mark.parametrize("text, fragments, absent", [
    ("wat kost de grote bundel?", ["De grootste BuitenlandBundel daar", "€ 39,99"], ["€ 9,99"]),
    ("en de kleinste bundel?", ["De kleinste BuitenlandBundel daar", "€ 9,99"], ["€ 39,99"]),
])
def test_one_bundle_by_its_size_for_the_country_talked_about(text, fragments, absent, dispatcher, domain):
    run(ActionAnswer(), make_tracker(text, "ask_out_of_bundle", question="ask_foreign_rates", country="Indonesië"),
        dispatcher, domain)
    for fragment in fragments:
        assert fragment in texts(dispatcher)
    for fragment in absent:
        assert fragment not in texts(dispatcher)


@pytest.mark.parametrize("text, intent, fragments", [
    ("Wat kost dat per jaar?", "ask_contract_term", ["12 × € 19,99 = € 239,88", "12 × € 16,99 = € 203,88"]),
    ("n per jaar?", "nlu_fallback", ["€ 239,88"]),
])
def test_an_insurance_premium_per_year(text, intent, fragments, dispatcher, domain):
    tracker = make_tracker(text, intent, question="ask_insurance", device_value="1800")
    run(ActionAnswer(), tracker, dispatcher, domain)
    for fragment in fragments:
        assert fragment in texts(dispatcher)


@pytest.mark.parametrize("text, intent, state, fragments, absent", [
    # two plans named with a difference asked: from the first to the last, per month
    ("Ik heb Hussel 5 GB met 150 min/sms. Hoeveel duurder is 15 GB met onbeperkt bellen?", "ask_plan", {},
     ["€ 32,50", "€ 6,00 per maand meer", "€ 26,50"], []),
    ("wat scheelt Hussel 25 GB tegenover 5 GB met onbeperkt bellen?", "ask_plan", {},
     ["€ 14,00 per maand minder"], []),
    # neither calling line said: the difference on each line
    ("wat is het prijsverschil tussen hussel 2 gb en 15 gb?", "ask_plan", {},
     ["€ 7,50 per maand meer dan Hussel 2 GB en 150 min/sms", "€ 7,50 per maand meer dan Hussel 2 GB en onbeperkt"], []),
    # switching asked with the difference: the rule of plan changes too
    ("I have Hussel 2 GB with 150 minutes and want to switch to 15 GB. Can I, and how much more per month?",
     "ask_plan", {}, ["once every 31 days", "€7.50 a month more"], []),
    # the plans named in the question before: "hoeveel ga ik dan meer betalen?"
    ("Hoeveel ga ik dan per maand meer betalen?", "account_question",
     {"question": "ask_plan_change", "plans_named": ["2:limited", "15:limited"]}, ["€ 7,50 per maand meer"],
     ["geen toegang"]),
    # a plan change between two plans named: the rule, and what it costs per month
    ("Ik heb nu Hussel 2 GB met 150 minuten. Kan ik tussentijds naar 15 GB?", "ask_plan_change", {},
     ["1 keer per 31 dagen", "€ 7,50 per maand meer"], []),
    # the same plan on the other calling line: its price and the difference between the lines
    ("Hoeveel goedkoper is dezelfde met 150 minuten?", "ask_plan", {"question": "ask_plan", "plan": "5000", "data_mb": "5000"},
     ["€ 26,50", "€ 1,00 per maand meer dan 150 min/sms"], []),
])
def test_the_price_difference_between_plans(text, intent, state, fragments, absent, dispatcher, domain):
    run(ActionAnswer(), make_tracker(text, intent, **state), dispatcher, domain)
    assert_said(dispatcher, fragments, absent)


@pytest.mark.parametrize("text, state, fragments, absent", [
    # a quantity for one kind of use, the others asked per unit: the computed line and their rates
    ("Wat kost in Egypte bellen naar Nederland per minuut, een sms en internet per MB?", {},
     ["€ 0,30", "bellen € 2,00 per minuut", "internet € 2,50 per MB"], []),
    ("wat kost bellen naar huis en 10 MB in Egypte", {}, ["10 MB × € 2,50", "bellen € 2,00 per minuut"], []),
    # out of the bundle in the EU with a duration: computed at the NL/EU rate
    ("Mijn minuten zijn op. Wat kost een half uur bellen vanuit Spanje naar Nederland?", {},
     ["30 min × € 0,23 per minuut = € 6,90", "Roam like Home"], []),
])
def test_costs_abroad_with_and_without_numbers(text, state, fragments, absent, dispatcher, domain):
    run(ActionAnswer(), make_tracker(text, "ask_foreign_rates", **state), dispatcher, domain)
    assert_said(dispatcher, fragments, absent)


@pytest.mark.parametrize("text, fragments, absent", [
    # "vandaag (17 juni)": the day in brackets; never changed before: no last change
    ("Ik wil vandaag (17 juni) omlaag naar Hussel 2 GB en 150 min/sms, heb nog nooit iets aangepast. Vanaf welke "
     "datum gaat dat in en wat betaal ik dan per maand?", ["17 juni", "1 juli", "€ 24,00"], ["vorige wijziging"]),
])
def test_a_plan_change_on_the_day_said_with_the_new_plans_price(text, fragments, absent, dispatcher, domain):
    run(ActionAnswer(), make_tracker(text, "ask_plan_change"), dispatcher, domain)
    assert_said(dispatcher, fragments, absent)


ONE_ANSWER = [
    # a cover described by what it covers, with a price asked: that cover's premium, no account question
    ("Mijn telefoon kostte 1.100 euro. Wat betaal ik per maand voor een toestelverzekering die ook verlies en diefstal "
     "dekt?", "ask_insurance", {}, ["€ 14,99"], ["€ 12,99", "geen toegang"]),
    # cancelling after the premium: the route, not the premiums again
    ("kan ik die verzekering op elk moment opzeggen?", "ask_insurance",
     {"question": "ask_insurance", "device_value": "500"}, ["opzeg"], ["€ 8,99"]),
    # a Hussel and a Kids plan: the connection fee of the Hussel only
    ("Ik neem Hussel 15 GB voor mezelf en een Kids 1 GB abonnement voor mijn zoon. Hoeveel aansluitkosten betaal ik "
     "in totaal?", "ask_connection_fee", {}, ["1 × € 25,00 = € 25,00", "geen aansluitkosten"], []),
    # a plan with a phone: what a phone costs per month on top
    ("Wat kost een Galaxy S24 per maand met een Hussel 15 GB abonnement?", "ask_plan", {},
     ["€ 31,50", "€ 1,00 tot € 41,00"], []),
    # a failing purchase above the limit per purchase: that limit first
    ("dit slaat nergens op, hij wil een aankoop van 70 euro niet afrekenen", "kpnpay_problem", {},
     ["€ 70,00", "€ 50,00"], []),
    ("dit slaat nergens op, hij wil een aankoop van 70 euro niet afrekenen", "kpnpay_not_working", {},
     ["€ 70,00", "€ 50,00"], []),
    # which purchases were made: the store's list and the line on the KPN invoice
    ("waar zie ik die aankopen straks terug?", "kpnpay_view_purchases", {},
     ["reportaproblem.apple.com", "Online aankopen"], []),
    # two places compared: an answer for each
    ("Is naar Nederland bellen vanuit Thailand even duur als vanuit Vietnam?", "ask_foreign_rates", {},
     ["Thailand", "€ 1,00", "Vietnam", "€ 2,00"], []),
    # an NL/EU bundel with the plan this month (paid once), also after a correction
    ("als ik daar de NL/EU bundel 1000 bij neem, wat betaal ik deze maand samen?", "ask_nl_eu_bundle",
     {"question": "ask_plan", "plan": "15000", "plan_calls": "unlimited"}, ["€ 32,50 + € 7,99 (eenmalig) = € 40,49"], []),
    ("oh wacht, de bundel van 250 is genoeg", "ask_nl_eu_bundle",
     {"question": "ask_nl_eu_bundle", "plan": "15000", "plan_calls": "unlimited"},
     ["€ 32,50 + € 2,99 (eenmalig) = € 35,49"], []),
]


@pytest.mark.parametrize("text, intent, state, fragments, absent", ONE_ANSWER)
def test_one_answer(text, intent, state, fragments, absent, dispatcher, domain):
    run(ActionAnswer(), make_tracker(text, intent, **state), dispatcher, domain)
    assert_said(dispatcher, fragments, absent)
