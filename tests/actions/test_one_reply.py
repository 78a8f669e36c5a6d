"""Never two copies of one answer in one turn: for every answer path (tests/phrasebook/
answer_paths.py), in both languages, and after each of the ways a turn can start (a fresh
question, a follow-up, an interruption of a question that waits for a value), action_answer
sends each message once, and at most two messages (a note and the answer)."""
from __future__ import annotations

import pytest

from actions import dialogue
from actions.actions import respond
from actions.phrasebook import render_reply_safely
from tests.actions.conftest import parse
from tests.phrasebook.answer_paths import ANSWER_PATHS

APOLOGY = {"nl": "ging bij mij iets mis", "en": "something went wrong"}
STARTS = {
    "fresh": {},
    "follow-up": {"question": "ask_foreign_rates", "country": "Turkije", "usage": "call"},
    "interrupting": {"question": "ask_insurance", "awaiting": "device_value"},
}


def said_to(text: str, intent: str, language: str = "nl", **state) -> str:
    """All that action_answer says to `text` read as `intent`, at the start of a conversation
    or in the dialogue state given."""
    message = dialogue.Message.from_parse_data(parse(text, intent))
    replies, _, spoken = respond({"language": language, **state}, message)
    return " ".join(render_reply_safely(reply, spoken).text for reply in replies)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("start", sorted(STARTS))
def test_each_message_once(start, language):
    for text, intent, slots in ANSWER_PATHS:
        message = dialogue.Message.from_parse_data(parse(text, intent))
        replies, _, spoken = respond({**STARTS[start], **slots, "language": language}, message)
        texts = [render_reply_safely(reply, spoken).text for reply in replies]
        assert 1 <= len(texts) <= 2, (text, texts)
        assert len(set(texts)) == len(texts), (text, texts)
        paragraphs = [p for t in texts for p in t.split("\n\n") if p.strip()]
        assert len(set(paragraphs)) == len(paragraphs), (text, paragraphs)
        assert not any(APOLOGY[spoken] in t for t in texts), (text, texts)  # no answer path fails


@pytest.mark.parametrize("text, listed, absent", [
    # a plan named: what the price list says it costs (the call line named, or both)
    ("Ik betaal 22 euro voor Hussel 2 GB met 150 minuten, maar op de site zie ik een hogere prijs. Klopt mijn korting?",
     ["€ 24,00"], ["€ 25,00"]),
    ("waarom betaal ik minder dan de prijslijst voor mijn hussel 5 gb", ["Hussel 5 GB"], []),
    # no plan named: the discount rule alone
    ("waarom betaal ik minder dan de prijslijst", [], ["Volgens de prijslijst"]),
])
def test_a_discount_question_gives_the_list_price_of_the_plan_named(text, listed, absent):
    said = said_to(text, "ask_discount")
    assert "korting" in said
    assert all(part in said for part in listed), said
    assert not any(part in said for part in absent), said


@pytest.mark.parametrize("text, intent", [
    ("Waar staan die aankopen op de factuur en hoeveel kan er eigenlijk maximaal via KPN Pay gekocht worden?",
     "kpnpay_limits"),
    ("Hoeveel kan ik maximaal uitgeven met KPN Pay en waar zie ik dat op mijn rekening?", "kpnpay_invoice"),
])
def test_two_kpn_pay_questions_in_one_message_get_both_answers(text, intent):
    """Where purchases show on the bill ('Online aankopen') and the limits (EUR 50 / EUR 300)."""
    said = said_to(text, intent)
    assert "Online aankopen" in said and "€ 50,00" in said and "€ 300,00" in said, said


def test_one_kpn_pay_question_gets_one_answer():
    said = said_to("wat is het maximum van kpn pay per maand?", "kpnpay_limits")
    assert "€ 300,00" in said and "Online aankopen" not in said


def test_the_warm_up_answers_every_question_without_an_apology():
    """The action server answers WARM_UP at start (server/cli.py): each is a real answer."""
    from actions.actions import WARM_UP, warm_up, warm_up_message

    warm_up()
    for intent, entities, language in WARM_UP:
        replies, _, spoken = respond({"language": language}, warm_up_message(intent, entities, language))
        said = " ".join(render_reply_safely(reply, spoken).text for reply in replies)
        assert spoken == language and not any(APOLOGY[lang] in said for lang in APOLOGY), (intent, said)
        assert "sorry" not in said.lower() and said.strip(), (intent, said)


@pytest.mark.parametrize("text, language, listed, absent", [
    # the size of a year's correction is in no document: the rule, where to look, and 1200
    ("met hoeveel procent stijgt mijn Hussel door de inflatiecorrectie", "nl", ["1 oktober", "1200"], []),
    ("by how much will my plan go up with the inflation correction?", "en", ["1 October", "1200"], []),
    # when it applies, without a size asked: the rule alone
    ("wanneer geldt de inflatiecorrectie", "nl", ["1 oktober"], ["omhooggaat"]),
])
def test_the_size_of_an_inflation_correction_is_not_made_up(text, language, listed, absent):
    said = said_to(text, "ask_inflation_correction", language)
    assert all(part in said for part in listed), said
    assert not any(part in said for part in absent), said


@pytest.mark.parametrize("text, intent", [
    ("er staat 7,49 onder Online aankopen op mijn rekening, kun je nakijken waar dat van is?", "kpnpay_invoice"),
    ("can you check what this charge on my bill is for?", "kpnpay_invoice"),
])
def test_asked_to_look_into_the_account_says_what_it_cannot_see(text, intent):
    said = said_to(text, intent)
    assert "1200" in said and "Online aankopen" in said, said


@pytest.mark.parametrize("text, intent, says_kids_rule", [
    ("mijn zoon heeft een Kids abonnement, hoe zet ik een buitenlandbundel aan?", "ask_bundle_activation", True),
    ("welke bundel voor Peru, ze heeft een kids abo", "ask_buitenland_bundle", True),
    ("welke bundels zijn er allemaal? ik heb kids 1 GB", "ask_buitenland_bundle", True),  # said once
    # someone's child, no plan named: the bundle as asked
    ("mijn dochter gaat naar Peru, hoe zet ik een buitenlandbundel aan?", "ask_bundle_activation", False),
])
def test_the_kids_plan_named_with_a_bundle_question_gets_its_rule(text, intent, says_kids_rule):
    said = said_to(text, intent)
    assert said.count("Kids-abonnement kun je geen BuitenlandBundel") == (1 if says_kids_rule else 0), said


@pytest.mark.parametrize("text, intent", [
    ("kunnen jullie KPN Pay op het nummer van mijn zoon uitzetten?", "kpnpay_remove"),
    ("can you block international calls on my number?", "ask_service_fees"),
])
def test_asked_to_act_on_the_account_says_who_can(text, intent):
    said = said_to(text, intent)
    assert said.count("1200") == 1, said  # once, also where the answer already gives it


@pytest.mark.parametrize("text, intent, has_map", [
    ("is er 5G dekking in Sint-Oedenrode?", "ask_extra_options", True),
    ("wat kost de 5G optie", "ask_extra_options", False),
])
def test_coverage_in_a_place_points_to_the_coverage_map(text, intent, has_map):
    assert ("kpn.com/netwerk" in said_to(text, intent)) == has_map


def test_an_esim_is_no_row_of_the_price_list():
    said = said_to("wat kost een e-sim voor mijn smartwatch", "ask_service_fees")
    assert "1200" in said and "€" not in said, said


@pytest.mark.parametrize("text, intent, said_part, not_said", [
    # someone's child may take any plan: the option's price, the fee of a new subscription
    ("mijn dochter wil Spotify Premium, wat kost dat?", "ask_extra_options", "€", "geen ExtraOpties"),
    ("wat zijn de aansluitkosten als mijn zoon een Hussel neemt?", "ask_connection_fee", "€ 25,00", None),
    # the Kids plan named: its rules
    ("kan Spotify Premium ook bij een kids abonnement?", "ask_extra_options", "geen ExtraOpties", "€"),
    ("betaal je aansluitkosten voor het kinderabonnement?", "ask_connection_fee", "geen aansluitkosten", "€ 25,00"),
])
def test_a_child_is_not_the_kids_plan(text, intent, said_part, not_said):
    said = said_to(text, intent)
    assert said_part in said and (not_said is None or not_said not in said), said


def test_a_monthly_option_with_the_plan_talked_about_is_added_up():
    said = said_to("wat kost het als ik er 5G bij neem?", "ask_extra_options", question="ask_plan", plan="25000")
    assert "€ 41,50 + € 2,50 = € 44,00" in said, said
    assert "€ 44,00" not in said_to("wat kost de 5G optie?", "ask_extra_options")  # no plan talked about


def test_home_named_twice_and_a_place_abroad_is_answered():
    """The Netherlands as both where the user is and whom they call, with another country in
    the message, once sent the answer in a circle (rates abroad -> at home -> abroad)."""
    said = said_to("wat kost bellen naar huis in Nederland vanuit Duitsland", "ask_out_of_bundle",
                   country="Nederland", destination="Nederland")
    assert APOLOGY["nl"] not in said and "€" in said, said


def test_calling_home_and_data_abroad_are_added_up():
    said = said_to("en 40 minuten naar huis bellen en 20 MB data?", "inform", question="ask_foreign_rates",
                   country="Verenigde Staten", destination="Nederland")
    assert "€ 40,00" in said and "€ 50,00" in said and "€ 90,00" in said, said


@pytest.mark.parametrize("previous_question, says_kids_rule", [("ask_kids_plan", True), ("ask_plan", False),
                                                             ("ask_connection_fee", False)])
def test_a_bundle_asked_right_after_the_kids_plan_gets_its_rule(previous_question, says_kids_rule):
    said = said_to("kan daar een buitenlandbundel bij voor Peru?", "ask_buitenland_bundle",
                   question=previous_question, plan="kids")
    assert ("Kids-abonnement kun je geen BuitenlandBundel" in said) == says_kids_rule, said


@pytest.mark.parametrize("text, says_kids_rule", [
    ("kan ik er de NL/EU bundel 250 bij nemen voor als ze meer nodig heeft?", True),  # the child pointed at
    ("ff iets anders, wat kost 5G als extra optie bij mijn eigen abo?", False),
])
def test_an_extra_option_while_the_kids_plan_is_talked_about(text, says_kids_rule):
    said = said_to(text, "ask_extra_options", question="ask_connection_fee", plan="kids")
    assert ("Kids-abonnement kun je geen ExtraOpties" in said) == says_kids_rule, said


@pytest.mark.parametrize("text, notes_kids", [
    ("Kan ik er een buitenlandbundel bij nemen voor onze vakantie naar Turkije?", True),
    ("wat kost een buitenlandbundel voor mijn eigen abo in Turkije?", False),
])
def test_a_bundle_after_the_kids_plan_notes_its_rule_where_it_may_be_meant(text, notes_kids):
    said = said_to(text, "ask_buitenland_bundle", question="ask_connection_fee", plan="kids")
    assert ("Gaat het om het Kids-abonnement?" in said) == notes_kids, said
    assert "€ 9,99" in said, said  # the answer for any other plan stays


def talk(*turns: tuple[str, str], language: str = "nl") -> list[str]:
    """What action_answer says to each message of one conversation."""
    state: dict = {"language": language}
    said = []
    for text, intent in turns:
        replies, changes, spoken = respond(state, dialogue.Message.from_parse_data(parse(text, intent)))
        state.update(changes)
        said.append(" ".join(render_reply_safely(reply, spoken).text for reply in replies))
    return said


def test_options_added_while_choosing_a_plan_are_added_up():
    said = talk(("Wat kost Hussel 15 GB met onbeperkt bellen per maand?", "ask_plan"),
                ("En als ik daar 5G bij neem?", "inform"),
                ("Doe er Spotify ook maar bij. Wat is dan het totaal?", "ask_extra_options"),
                ("Gaan die opties meteen in?", "inform"))
    assert "€ 32,50 + € 2,50 = € 35,00" in said[1], said[1]
    assert "€ 32,50 + € 2,50 + € 9,99 = € 44,99" in said[2], said[2]
    assert "direct in" in said[3] and "€ 9,99" not in said[3], said[3]


def test_an_option_named_instead_is_not_added():
    said = talk(("Wat kost Hussel 15 GB met onbeperkt bellen per maand?", "ask_plan"),
                ("En als ik daar 5G bij neem?", "inform"),
                ("nee, doe maar Spotify in plaats daarvan", "ask_extra_options"))
    assert "€ 32,50 + € 9,99 = € 42,49" in said[2], said[2]


def test_a_paper_bill_after_a_plan_goes_on_its_month_and_first_month_on_the_calling_line_chosen():
    said = talk(("wat kost hussel 2 gb met onbeperkt bellen per maand", "ask_plan"),
                ("en de eerste maand als ik nieuwe klant ben?", "inform"),
                ("en als ik er ook een papieren rekening bij wil?", "ask_service_fees"))
    assert "€ 25,00 + € 25,00 = € 50,00" in said[1] and "€ 24,00" not in said[1], said[1]
    assert "€ 25,00 + € 1,95 = € 26,95" in said[2] and "€ 25,00 + € 25,00 + € 1,95 = € 51,95" in said[2], said[2]


def test_coverage_asked_about_a_place_abroad_is_not_in_the_documents():
    said = said_to("En hoe is de dekking daar?", "inform", question="ask_fair_use", country="Noorwegen")
    assert "Noorwegen" in said and "1200" in said and "Roam like Home" not in said, said


def test_a_trip_told_without_a_question_gets_the_costs_abroad():
    for text, intent in [("Ik ga volgende maand een weekje weg.", "ask_carry_over"),
                         ("ik ga binnenkort een paar weken weg", "goodbye")]:
        said = said_to(text, intent)
        assert "Voordeellanden" in said and "Noem het land" in said, said


def test_a_used_up_bundle_at_home_slows_data_down_and_offers_the_nl_eu_bundels():
    said = said_to("Mijn bundel is op. Wat gebeurt er nu met mijn internet?", "ask_bundle_used_up")
    assert "64 Kbit/s" in said and "NL/EU bundel 250" in said and "BuitenlandBundel" not in said, said


def test_calling_home_from_there_is_calling_from_the_place_named_before():
    said = said_to("Naar Tunesië. Wat kost het om daarvandaan naar Nederland te bellen?", "ask_foreign_rates")
    assert "€ 1,00 per minuut" in said and "€ 0,30 per minuut" not in said, said


def test_more_data_for_unlimited_data_in_the_eu_is_its_extra_eu_bundles():
    said = talk(("Ik heb Hussel onbeperkt data en zit nu in Spanje. Hoeveel data heb ik hier?", "ask_unlimited_data"),
                ("Ik denk dat ik deze maand nog zo'n 3 GB nodig heb. Wat kost me dat?", "ask_plan"))
    assert "€ 11,97" in said[1], said[1]


def test_the_kpn_pay_option_found_after_all_gets_the_steps_from_there():
    said = talk(("Ik wil in de Play Store betalen via mijn KPN rekening. Waar begin ik?", "kpnpay_setup"),
                ("Ik zie nergens 'Factureren via KPN' staan", "kpnpay_option_missing"),
                ("Gevonden. En nu?", "inform"))
    assert "'Inschakelen'" in said[2], said[2]


@pytest.mark.parametrize("text, intent, language, expected", [
    ("Wat kost Hussel 15 GB met onbeperkt bellen per maand samen met een toestel van 20 euro per maand en "
     "een verzekering Extra voor een toestel van 500 euro?", "ask_insurance", "nl",
     ["€ 32,50 + € 20,00 + € 9,99 = € 62,49 per maand"]),
    ("What's the monthly total for Hussel 2 GB with 150 minutes, a 25 euro a month phone and insurance for a "
     "700 euro phone?", "ask_plan", "en", ["€24.00 + €25.00 + €10.99 = €59.99 a month", "€1.00 more"]),
    ("Hussel 5 GB met 150 min en een toestel van 60 euro per maand, wat betaal ik samen?", "ask_plan", "nl",
     ["€ 26,50 + € 60,00 = € 86,50", "tussen € 1,00 en € 41,00"]),
    ("wat kost hussel 5 GB met 150 minuten, spotify en 5G samen per maand?", "ask_extra_options", "nl",
     ["€ 26,50 + € 9,99 + € 2,50 = € 38,99 per maand"]),
    # another line next to the plan: a tablet plan by its data, the Kids plan
    ("Hussel 2 GB met onbeperkt bellen en een Mobiel Internet 10 GB voor de tablet, wat kost dat bij elkaar?",
     "ask_tablet_plan", "nl", ["€ 25,00 + € 30,00 = € 55,00 per maand"]),
    ("Hussel 15 GB with 150 minutes plus a Kids plan for my son, what's the total per month?", "ask_kids_plan", "en",
     ["€31.50 + €17.50 = €49.00 a month"]),
])
def test_a_plan_with_a_device_an_insurance_or_options_is_added_up_per_month(text, intent, language, expected):
    said = said_to(text, intent, language=language)
    assert all(part in said for part in expected), said
    assert "geen toegang" not in said and "no access" not in said, said


def test_the_connection_fees_of_two_lines_are_no_monthly_sum():
    said = said_to("Ik neem Hussel 5 GB met 150 min en een Kids abonnement voor mijn dochter. Wat zijn de "
                   "aansluitkosten bij elkaar?", "ask_connection_fee")
    assert "€ 25,00" in said and "per maand" not in said, said


@pytest.mark.parametrize("text", [
    "Gisteren mijn Hussel verlaagd naar 5 GB en ik zie nog het oude abonnement. Per wanneer gaat het in?",
    "I downgraded my plan yesterday, when does it take effect?",
])
def test_when_a_change_made_takes_effect(text):
    said = said_to(text, "ask_plan_change", language="en" if text.startswith("I ") else "nl")
    assert "1 december 2026" in said or "1 December 2026" in said, said


@pytest.mark.parametrize("text, intent, expected", [
    # calls counted apart from their length ("4 keer ..., elk gesprek precies 20 seconden"): the minimum each
    ("In New York heb ik 4 keer heel kort naar NL gebeld, elk gesprek precies 20 seconden. Ook 3 sms'jes gestuurd. "
     "Wat kost dat zonder bundel?", "ask_foreign_rates", ["€ 2,00", "€ 2,90"]),
    # "gebeld geworden" is being called
    ("Op het cruiseschip heb ik 6 MB gebruikt, 5 minuten gebeld, 4 minuten gebeld geworden en 2 sms verstuurd. "
     "Wat kost dat bij elkaar?", "ask_foreign_rates", ["€ 21,25", "€ 7,00", "€ 89,75"]),
    # two calls to two places from where you are: each at its own rate, and the total
    ("Ik zit in Thailand. Ik moet 8 minuten bellen met een hotel in Marokko en daarna 5 minuten met mijn broer in "
     "Duitsland. Wat kost me dat?", "ask_foreign_rates", ["€ 16,00", "€ 5,00", "€ 21,00"]),
    # pay per use above the internet block: what it would cost, where it stops
    ("Ik ga naar Brazilie en denk daar zo'n 40 MB te gebruiken. Wat zou dat zonder bundel kosten en is een bundel "
     "goedkoper?", "ask_bundle_advice", ["€ 100,00", "na 24,2 MB", "€ 9,99"]),
])
def test_costs_abroad_computed_from_what_the_message_tells(text, intent, expected):
    said = said_to(text, intent)
    assert all(part in said for part in expected), said


@pytest.mark.parametrize("text, intent, expected", [
    # several service numbers: each
    ("wat kost bellen naar een 0800 nummer en naar een 0900 nummer?", "ask_service_numbers",
     ["0800 informatie/servicenummers: gratis", "0900-"]),
    # several fees and their sum
    ("Mijn lijn is afgesloten omdat ik niet op tijd betaalde en ik kreeg een herinnering. Wat kost het weer "
     "aansluiten en die herinnering samen?", "ask_service_fees", ["€ 33,88 + € 15,00 = € 48,88"]),
    # the paper bill, and that online it is free
    ("ik wil een gespecificeerde rekening op papier, wat kost dat?", "ask_service_fees",
     ["€ 1,95", "via MijnKPN (online): dat is gratis"]),
    # the one-off costs of a new plan: the connection fee and the Diensten rows named
    ("Ik kom van een andere provider en wil mijn nummer meenemen naar een nieuw Hussel abonnement met een nieuwe "
     "simkaart. Welke eenmalige kosten zijn er?", "ask_connection_fee",
     ["€ 25,00 aansluitkosten", "Nummerbehoud: dat is gratis", "Aanvragen simkaart: dat is gratis"]),
])
def test_every_fee_named_is_answered(text, intent, expected):
    said = said_to(text, intent)
    assert all(part in said for part in expected), said


@pytest.mark.parametrize("turns, expected", [
    # "hoelang loopt die?" after bundle advice: the BuitenlandBundel's validity
    ([("ik heb in Egypte zo'n 100 MB nodig, wat is het goedkoopst", "ask_bundle_advice"),
      ("hoelang loopt die?", "nlu_fallback")], ["31 × 24 uur"]),
    # the Extra cover in a word after an insurance answer, then per year
    ([("Wat kost een toestelverzekering voor een telefoon van 500 euro?", "ask_insurance"),
      ("wat krijg ik dan extra", "ask_nl_eu_bundle"), ("per jaar?", "ask_contract_term")], ["€ 119,88"]),
    # a purchase on an Android tablet after a KPN Pay problem: that problem there, not a tablet plan
    ([("Mijn dochter heeft per ongeluk voor 19,99 aan gems gekocht met KPN Pay. Hoe krijg ik dat geld terug?",
       "kpnpay_problem"), ("ze heeft ook een android tablet, daar heeft ze ook wat gekocht", "ask_tablet_plan")],
     ["Google Play Store", "Online aankopen"]),
    # a second bundle while the first runs, in Thailand: BuitenlandBundels stack
    ([("Ik zet op 10 februari 2027 om 09:30 in Thailand de bundel 100 aan. Tot wanneer kan ik die gebruiken?",
       "ask_bundle_validity"),
      ("En kan ik op 1 maart alvast een tweede bundel bijkopen terwijl de eerste nog loopt?", "ask_nl_eu_bundle")],
     ["stapelbaar"]),
    # a tablet with the plan, then another term: paid per month only on 2 years
    ([("wat kost een abbo voor mn tablet?", "ask_tablet_plan"), ("en als ik er een tablet bij wil?", "inform"),
      ("1 jaar?", "ask_contract_term")], ["alleen bij een 2-jarig abonnement", "eenmalige verkoopprijs"]),
])
def test_short_follow_ups_read_in_their_context(turns, expected):
    said = talk(*turns)[-1]
    assert all(part in said for part in expected), said


@pytest.mark.parametrize("text, intent, expected, absent", [
    ("ik wil juist GEEN bundel nemen. wat betaal ik per minuut als ik vanuit Peru naar huis bel?",
     "ask_foreign_rates", ["€ 1,00 per minuut"], ["€ 9,99"]),
    ("Een collega beweert dat je met Hussel onbeperkt data moet bijbetalen zodra je 5 GB op een dag hebt verbruikt "
     "in Nederland. Is dat waar?", "ask_unlimited_data", ["Nee, bijbetalen hoeft niet", "Gratis 1 GB NL extra"],
     ["€ 3,99"]),
    ("Moet ik die sms-code van KPN Pay voortaan bij elke aankoop invullen?", "kpnpay_sms_code", ["Nee.", "1 keer"], []),
    ("Op de zaak hebben we KPN EEN MKB en mijn zoon heeft KPN Prepaid. Kunnen we allebei met KPN Pay betalen?",
     "kpnpay_account_type", ["met KPN EEN MKB kun je geen", "met KPN Prepaid kun je KPN Pay gebruiken"], []),
    ("Wanneer krijg ik voor het eerst inflatiecorrectie? Mijn contract liep vanaf 15 juli 2026. En mijn zus is op "
     "20 juni 2026 begonnen?", "ask_inflation_correction", ["1 oktober 2027", "1 oktober 2026"], []),
    ("Ik zet op 10 februari 2027 om 09:30 de Voordeellanden bundel 100 aan. Tot wanneer kan ik die gebruiken?",
     "ask_bundle_validity", ["13 maart 2027 om 09:30"], []),
])
def test_what_is_asked_and_nothing_it_rules_out(text, intent, expected, absent):
    said = said_to(text, intent)
    assert all(part in said for part in expected) and not any(part in said for part in absent), said


def test_the_first_month_of_both_plans_chosen_adds_the_fee_where_it_is_due():
    said = talk(("Mijn dochter krijgt haar eerste telefoon. Hebben jullie een abonnement voor kinderen?", "ask_kids_plan"),
                ("ik wil zelf Hussel 25 GB met onbeperkt bellen. wat kost dat per maand?", "ask_plan"),
                ("wat betalen we samen de eerste maand, beide abonnementen plus mijn aansluitkosten?",
                 "ask_connection_fee"))[-1]
    assert "€ 17,50 + € 41,50 + € 25,00 = € 84,00" in said, said


@pytest.mark.parametrize("turns, expected, absent", [
    # "bundel?" and "is there a bundle?" while a country outside the EU is talked about: its BuitenlandBundels
    ([("roaming turkije", "ask_foreign_rates"), ("bundel?", "nlu_fallback")], ["€ 9,99"], ["NL/EU bundel 250"]),
    ([("wat kost internet in de VS", "ask_foreign_rates"), ("Is er een bundel? Ik ben er maar een week.",
                                                              "ask_nl_eu_bundle")], ["€ 9,99"], ["NL/EU bundel 250"]),
    # "hoe voorkom ik dat?" after costs outside the EU: the internet block
    ([("240 euro op mijn rekening na een week Marokko, waardeloos!", "complaint"),
      ("Hoe voorkom ik dat de volgende keer?", "nlu_fallback")], ["€ 60,50"], []),
    # a purchase "van" an amount after a KPN Pay purchase question is that purchase
    ([("Kan ik een in-app aankoop van precies €50 met KPN Pay afrekenen?", "kpnpay_budget"),
      ("en eentje van 50,01?", "inform")], ["€ 50,01"], ["€ 249,99"]),
    # stacking asked in an EU country: the rule
    ([("Betaal ik iets als ik in Frankrijk gebeld word?", "ask_foreign_rates"),
      ("zijn buitenlandbundels stapelbaar?", "ask_buitenland_bundle")], ["stapelbaar"], []),
    # 100 GB of unlimited data in Germany: the EU limit, the rest in extra EU bundles
    ([("Ik gebruik alleen data: zo'n 100.000 MB per maand. Wat is dan het goedkoopste abonnement?", "ask_plan"),
      ("Kan ik die 100000 MB ook gewoon in Duitsland opmaken?", "ask_foreign_rates")], ["75 × € 3,99 = € 299,25"], []),
    # minutes without a verb after the price of being called: minutes of being called
    ([("wat kost gebeld worden in Amerika per minuut", "ask_foreign_rates"), ("en 20 minuten?", "inform")],
     ["20 min × € 0,50 per minuut = € 10,00"], ["€ 20,00"]),
    # the first month after a tablet plan: that tablet plan plus its connection fee
    ([("simkaart voor mijn ipad met 10 GB, prijs?", "ask_tablet_plan"), ("en de 1e maand met aansluitkosten?",
                                                                       "ask_connection_fee")],
     ["€ 25,00 + € 30,00 = € 55,00"], ["Hussel 15 GB"]),
    # another line of a household, whatever NLU makes of "het totaal per maand"
    ([("Wat kost Hussel 2 GB met 150 min/sms?", "ask_plan"),
      ("en voor mijn man ook zo een, wat is het totaal per maand?", "kpnpay_limits")], ["€ 48,00"], ["KPN Pay"]),
    # the cover chosen stays with the device a question later; another device starts without one
    ([("toestelverzekering voor een telefoon van 600 euro?", "ask_insurance"),
      ("en als ik ook diefstal gedekt wil hebben?", "ask_insurance"),
      ("wat betaal ik per maand met Hussel 15 GB en 150 min/sms en die verzekering erbij?", "ask_plan")],
     ["€ 31,50 + € 9,99 = € 41,49"], ["€ 40,49"]),
    ([("toestelverzekering voor een telefoon van 600 euro, ook tegen diefstal?", "ask_insurance"),
      ("en voor een toestel van 1000 euro?", "ask_insurance")], ["€ 12,99", "€ 14,99"], []),
    ([("Ik bel vanuit Nederland zo'n 120 minuten per maand met familie in Ghana. Wat kost dat zonder bundel?",
       "ask_foreign_rates"), ("wat is de goedkoopste combinatie van BuitenlandBundels?", "ask_buitenland_bundle")],
     ["€ 69,98"], []),
    # a use told after calling from home was priced, with "daar" for the place called: the bundle for those calls
    ([("wat is het tarief om vanuit NL naar Marokko te bellen?", "ask_foreign_rates"),
      ("ik bel zo'n 100 minuten per maand met mijn oma daar, is een bundel goedkoper?", "ask_bundle_advice")],
     ["vanuit Nederland naar Marokko", "€ 54,99", "€ 100,00", "€ 45,01"], ["NL/EU bundel 250"]),
    ([("wat is het tarief om vanuit NL naar Marokko te bellen?", "ask_foreign_rates"),
      ("bestaat daar een bundel voor?", "ask_buitenland_bundle"),
      ("ik bel daar 30 minuten per maand heen, wat is voordeliger?", "ask_plan")],
     ["€ 14,99", "€ 30,00"], ["Hussel"]),
    ([("toestelverzekering voor mijn telefoon van 800 euro: standaard of extra?", "ask_insurance"),
      ("hoeveel meer betaal ik voor Extra in totaal over 24 maanden?", "ask_insurance")],
     ["24 × € 1,00 = € 24,00"], []),
    ([("Standaard toestelverzekering voor een toestel van 1200 euro?", "ask_insurance"),
      ("en de Extra versie?", "ask_insurance")], ["€ 14,99"], []),
])
def test_follow_ups_after_costs_and_plans(turns, expected, absent):
    said = talk(*turns)[-1]
    assert all(part in said for part in expected) and not any(part in said for part in absent), said


@pytest.mark.parametrize("text, intent, expected", [
    ("verzekering 800", "ask_insurance", ["€ 10,99", "€ 11,99"]),
    ("hoeveel MB zit er in een GB?", "ask_out_of_bundle", ["1 GB gelijk aan 1000 MB"]),
    ("hoe stel ik kpn pay in, ik heb een iphone en mijn vrouw een android", "kpnpay_setup",
     ["Betaling en Verzending", "Factureren via KPN"]),
    ("my friend says students get a 10% discount on Hussel, true?", "ask_discount", ["1200"]),
    ("Ik heb Hussel met 150 minuten en bel vanuit Nederland zo'n 200 minuten per maand naar mijn zus in Spanje. "
     "Wat kost dat extra?", "ask_nl_eu_bundle", ["50 × € 0,23 = € 11,50", "NL/EU bundel 250"]),
    ("Ik heb Hussel met 150 minuten en bel vanuit Nederland 100 minuten per maand naar Spanje. Kost dat extra?",
     "ask_nl_eu_bundle", ["passen in de 150 minuten"]),
    ("ik zit in Peru, kost wifi-bellen via het hotel iets?", "ask_foreign_rates", ["wifi", "1200", "Peru"]),
    ("ik ben in Canada en moet de klantenservice bellen, is dat gratis? het duurt zo'n 10 minuten",
     "ask_service_numbers", ["10 × € 1,00 = € 10,00"]),
    ("Mobiel Internet 10 GB voor de tablet en Hussel 25 GB met 150 minuten, beide nieuw: wat kost het per maand en de "
     "eerste maand?", "ask_plan", ["€ 40,50 + € 30,00 = € 70,50", "= € 120,50"]),
    ("Kids of Hussel 0 GB met onbeperkt bellen voor mijn dochter, beide nieuw: wat kost de eerste maand van elk en "
     "hoeveel goedkoper is Kids?", "ask_kids_plan", ["€ 17,50", "€ 20,00 + € 25,00 = € 45,00", "€ 27,50 goedkoper"]),
    ("ik heb kpn kleinzakelijk, mijn collega zegt dat zakelijke klanten geen kpn pay hebben", "kpnpay_account_type",
     ["Kleinzakelijk", "EEN MKB"]),
    ("Ik las dat ik met KPN Pay tot 300 euro per aankoop kan betalen. Klopt dat?", "kpnpay_limits",
     ["€ 50,00 per aankoop"]),
    ("I read that in Brazil outgoing calls cost €1 a minute. So if I call home for 10 minutes I pay €10, right?",
     "ask_foreign_rates", ["10 min × €1.00"]),
    ("kids abbo wat kost het + aansluitkosten", "ask_connection_fee", ["geen aansluitkosten", "€ 17,50 per maand"]),
    ("kan ik kpn pay ook in het buitenland gebruiken", "kpnpay_what", ["staat niet in de informatie", "1200"]),
    ("nieuw abbo 25 gb 150 min, wat betaal ik de 1e maand", "ask_plan", ["€ 25,00 + € 40,50 = € 65,50"]),
    ("Wat kost bellen naar huis vanuit Wakanda?", "ask_foreign_rates", ["'Wakanda' ken ik niet als land"]),
    ("Ik ben vrachtwagenchauffeur, rit gaat NL > Duitsland > Polen > Oekraine. Wat kost onderweg naar huis bellen?",
     "ask_foreign_rates", ["Duitsland", "Polen", "Oekraïne", "€ 1,00 per minuut"]),
    ("Kan ik een buitenlandbundel met terugwerkende kracht vanaf 1 maart laten ingaan?", "ask_bundle_validity",
     ["Nee", "vanaf het moment dat je hem aanzet"]),
    ("Verlengt mijn 5G-optie automatisch elke maand?", "ask_extra_options", ["Ja.", "verlengen"]),
    ("Wat kost een gespecificeerde rekening op papier? En kost het geld als ik de klantenservice bel?",
     "ask_service_fees", ["€ 1,95", "Klantenservice 1200: gratis"]),
])
def test_words_read_in_the_message(text, intent, expected):
    said = said_to(text, intent)
    assert all(part in said for part in expected), said


@pytest.mark.parametrize("text, intent, language, expected", [
    # two things named by name and which is cheaper, or by how much: both prices and the difference
    ("Mijn dochter krijgt een abonnement: Kids of Hussel 5 GB met onbeperkt bellen/sms? Wat is het prijsverschil?",
     "ask_kids_plan", "nl", ["€ 17,50", "€ 27,50", "€ 10,00 goedkoper"]),
    ("Which is cheaper, the Overige landen bundel 25 or the Voordeellanden bundel 100?", "ask_buitenland_bundle",
     "en", ["€14.99", "€9.99", "€5.00 cheaper"]),
    ("Is 3 keer de NL/EU bundel 250 goedkoper dan de NL/EU bundel 1000?", "ask_nl_eu_bundle", "nl",
     ["€ 8,97", "€ 7,99", "€ 0,98 goedkoper"]),
])
def test_two_things_named_are_compared_on_price(text, intent, language, expected):
    said = said_to(text, intent, language=language)
    assert all(part in said for part in expected), said


def test_the_bundle_advice_says_what_the_bundle_saves():
    said = said_to("Ik ben in Turkije en bel 30 minuten naar Nederland, welke bundel is het voordeligst?",
                   "ask_bundle_advice")
    assert "€ 30,00" in said and "€ 9,99" in said and "bespaar je € 20,01" in said, said


def test_toestelveilig_asked_for_an_iphone_is_no():
    said = said_to("Kan ik ToestelVeilig op mijn iPhone gebruiken?", "ask_extra_options")
    assert said.startswith("Nee") and "Android" in said, said


def test_both_covers_asked_for_another_value():
    said = talk(("Wat kost ToestelVerzekering Extra voor een toestel van 600 euro?", "ask_insurance"),
                ("en voor een toestel van 2000 euro, wat kosten ze dan allebei?", "ask_insurance"))
    assert "€ 16,99" in said[1] and "€ 19,99" in said[1], said[1]


def test_a_bundle_asked_about_another_place_says_yes_or_no_first():
    said = talk(("Welke bundels zijn er voor Thailand?", "ask_buitenland_bundle"),
                ("werkt die ook in Brazilië?", "ask_foreign_rates"),
                ("en werkt die ook in Kenia?", "ask_foreign_rates"))
    assert said[1].startswith("Ja, Brazilië") and said[2].startswith("Nee, Kenia"), said


def test_the_other_calling_line_instead_keeps_the_options_chosen():
    said = talk(("Wat kost Hussel 5 GB met 150 min/sms per maand?", "ask_plan"),
                ("en met Spotify erbij?", "ask_extra_options"),
                ("en met onbeperkt bellen in plaats van 150 minuten, nog steeds met Spotify?", "inform"))
    assert "€ 27,50 + € 9,99 = € 37,49" in said[2] and "€ 26,50" not in said[2], said[2]


def test_using_the_bundle_for_another_call_is_whether_it_draws_on_it():
    said = talk(("Welke bundels zijn er voor Japan?", "ask_buitenland_bundle"),
                ("Can I also use it to call a friend in Canada from there?", "ask_foreign_rates"), language="en")
    assert said[1].startswith("Yes") and "bundle" in said[1].lower(), said[1]


@pytest.mark.parametrize("text, language, expected", [
    ("Ik zit op Hussel 2 GB met 150 min/sms en bel zo'n 200 minuten per maand. Wat ben ik dan kwijt?", "nl",
     ["50 minuten buiten de bundel", "€ 11,50", "€ 24,00 + € 11,50 = € 35,50", "€ 10,50 per maand minder"]),
    ("I'm on Hussel 15 GB with 150 minutes but I call about 160 minutes a month, what does that cost me?", "en",
     ["10 minutes are outside the bundle", "€2.30", "€33.80 a month", "€1.30 a month less"]),
])
def test_minutes_past_the_allowance_are_added_to_the_month(text, language, expected):
    said = said_to(text, "ask_plan", language=language)
    assert all(part in said for part in expected), said


def test_paying_only_the_seconds_used_is_no_where_a_minimum_applies():
    said = said_to("Ik bel vanuit Egypte 12 seconden naar huis, betaal ik dan alleen voor 12 seconden?",
                   "ask_foreign_rates")
    assert said.startswith("Nee") and "30 sec" in said, said


@pytest.mark.parametrize("text, intent, expected, absent", [
    # data used up: the slowed speed, not the maximum
    ("mijn data is op, hoe snel is mijn internet nu nog", "ask_speed", ["64 Kbit/s"], ["Mbit/s"]),
    # billing at home: per second, no starting rate, no minimum (the EU minimum is for calls made abroad)
    ("wordt bellen in Nederland per seconde afgerekend?", "ask_out_of_bundle", ["per seconde", "€ 0,23"], ["30"]),
    # the first month including the connection fee
    ("Ik neem Hussel 15 GB met onbeperkt bellen, wat kost de eerste maand inclusief aansluitkosten?",
     "ask_connection_fee", ["€ 25,00 + € 32,50 = € 57,50"], []),
    # a total over a period: the monthly price times the months
    ("Wat ben ik over twee jaar kwijt aan Hussel 15 GB met onbeperkt bellen?", "ask_plan",
     ["24 × € 32,50 = € 780,00"], []),
    ("wat kost Hussel 5 GB met 150 min/sms per jaar", "ask_plan", ["12 × € 26,50 = € 318,00"], []),
    ("Mobiel Internet 10 GB, wat ben ik in totaal kwijt over die 12 maanden?", "ask_tablet_plan",
     ["12 × € 30,00 = € 360,00"], []),
    ("telefoon van 1000 euro, wat kost de verzekering met diefstal over 2 jaar in totaal?", "ask_insurance",
     ["24 × € 14,99 = € 359,76"], []),
    # several Kids lines: added up, without connection fees
    ("wat kosten drie Kids abonnementen samen per maand?", "ask_kids_plan", ["3 × € 17,50 = € 52,50"], ["€ 25,00"]),
    ("ik wil drie Kids abonnementen, wat kost dat samen per maand en moet ik aansluitkosten betalen?",
     "ask_connection_fee", ["geen aansluitkosten", "3 × € 17,50 = € 52,50"], ["€ 25,00"]),
    # the first month of a new plan named
    ("nieuw abonnement, Hussel 5 GB met 150 min/sms: wat betaal ik de eerste maand?", "ask_connection_fee",
     ["€ 25,00", "€ 26,50", "€ 51,50"], []),
    # a purchase not recognised: found back by its amount
    ("er staat een aankoop van twaalf euro negenennegentig die ik niet herken, op mijn iPhone, hoe zoek ik die op?",
     "kpnpay_problem", ["€ 12,99", "op het bedrag"], []),
    # a family's plans named together: the month and the first month with a fee per Hussel line
    ("Wij worden als gezin nieuwe klant. Ik neem Hussel 5 GB en onbeperkt bellen/sms, mijn man Hussel 2 GB en "
     "150 min/sms, en onze dochter het Kids-abonnement. Wat betalen we samen per maand, ook de eerste maand?",
     "ask_plan", ["€ 27,50 + € 24,00 + € 17,50 = € 69,00", "€ 119,00", "2 × € 25,00"], []),
    # raising the KPN Pay limit: the page is silent
    ("Kan ik die limiet laten verhogen?", "kpnpay_limits", ["1200", "€ 50,00"], []),
    # ... and lowering it, or setting one's own: silent too, and the amount is no money spent
    ("kan ik voor mijn zoon een eigen lager limiet van 20 euro per maand instellen op kpn pay?", "kpnpay_limits",
     ["1200", "€ 300,00"], ["€ 280,00"]),
    ("can I set a lower limit for my daughter?", "kpnpay_limits", ["1200"], []),
    # purchases listed as made: added up before what is left is worked out
    ("met kpn pay gekocht: 12,50, 30,00 en 7,50 euro. hoeveel kan ik nog uitgeven deze maand?", "kpnpay_budget",
     ["€ 50,00", "€ 250,00"], []),
    # a paper bill on a new plan's first bill, and over the months of a year (the KPN bill is monthly)
    ("Nieuwe Hussel 5 GB met 150 minuten en een papieren rekening: wat betaal ik de eerste maand?",
     "ask_connection_fee", ["€ 25,00 + € 26,50 + € 1,95 = € 53,45"], []),
    ("wat kost een papieren rekening per jaar?", "ask_service_fees", ["12 × € 1,95 = € 23,40"], []),
    # Kids is a plan of its own: no switch to Hussel within its contract
    ("mijn dochter heeft een kids abonnement, kan ze binnen haar contract naar hussel 5 gb?", "ask_plan_change",
     ["Nee", "binnen het contract", "1200"], ["eerste van de volgende maand"]),
    # a year of Kids has no connection fee: the months alone; a tablet plan's first year has its fee
    ("wat kost het eerste jaar kids abonnement, ook aansluitkosten?", "ask_connection_fee",
     ["geen aansluitkosten", "12 × € 17,50 = € 210,00"], []),
    ("sim only mobiel internet 10 gb voor mijn ipad, nieuwe klant: wat betaal ik dat eerste jaar?", "ask_tablet_plan",
     ["€ 25,00 aansluitkosten + 12 × € 30,00 = € 385,00"], []),
    # a 116 number named by its first digits, next to 112
    ("116 nummer bellen is toch gratis net als 112?", "ask_service_numbers", ["116xyz", "regulier tarief"], []),
    # the excess of a claim is in no document: the terms and 1200
    ("wat is het eigen risico als ik schade claim op mn toestelverzekering extra", "ask_insurance",
     ["allevoorwaarden", "1200"], []),
    # a contract started years ago: its first inflation correction, and every year since
    ("mijn contract is op 20 juni 2021 ingegaan, geldt de inflatiecorrectie?", "ask_inflation_correction",
     ["1 oktober 2021"], []),
    # a plan's month with one-off NL/EU bundels named next to it, added up
    ("Hussel 2 GB met 150 minuten en deze maand 2 keer de NL/EU bundel 250 erbij, wat betaal ik in totaal?",
     "ask_plan", ["€ 24,00 + € 5,98 = € 29,98"], []),
    # KPN Pay after switching to another plan: not on the page
    ("als ik overstap naar een ander kpn abonnement, blijft kpn pay dan werken?", "kpnpay_default_method",
     ["1200"], ["Ja."]),
    # KPN Pay's own cost: the page is silent
    ("kost kpn pay zelf iets per maand?", "kpnpay_what", ["1200"], []),
    # a plan's bundle outside the EU: no, and what is there
    ("geldt mn bundel ook in turkije?", "ask_buitenland_bundle", ["Nee", "niet in Turkije", "€ 9,99"], []),
    ("werkt mijn bundel ook in Marokko?", "ask_foreign_rates", ["Nee", "niet in Marokko", "€ 2,00"], []),
    # a BuitenlandBundel named is the one asked about: no "no"
    ("geldt mijn buitenlandbundel ook in Turkije?", "ask_buitenland_bundle", ["€ 9,99"], ["Nee"]),
])
def test_what_the_question_narrows_the_answer_to(text, intent, expected, absent):
    said = said_to(text, intent)
    assert all(part in said for part in expected) and not any(part in said for part in absent), said


def test_out_of_bundle_from_there_is_priced_where_you_are():
    said = talk(("We gaan naar Vietnam. Wat kost bellen daar?", "ask_foreign_rates"),
                ("En buiten de bundel 5 minuten vanaf daar met thuis in Nederland bellen?", "ask_out_of_bundle"))
    assert "€ 10,00" in said[1] and "€ 0,23" not in said[1], said[1]  # Vietnam: Overige landen, € 2,00


def test_minutes_past_the_allowance_with_the_other_line_named():
    said = said_to("Ik heb Hussel 2 GB met 150 min/sms en bel 300 minuten per maand. Ben ik goedkoper uit met "
                   "Hussel 2 GB met onbeperkt bellen?", "ask_plan")
    assert "€ 24,00 + € 34,50 = € 58,50" in said and "€ 33,50 per maand minder" in said, said


def test_how_much_more_another_plan_costs_than_the_one_before():
    said = talk(("Wat kost Hussel 5 GB met 150 min/sms?", "ask_plan"),
                ("en als ik naar vijftien GB met onbeperkt bellen ga, hoeveel euro per maand duurder is dat?", "ask_plan"))
    assert "€ 6,00" in said[1] and "€ 32,50" in said[1], said[1]


@pytest.mark.parametrize("first, first_intent, then, expected", [
    # "is er iets goedkopers?" after use priced at home: the NL/EU bundles
    ("wat kost 200 minuten bellen in Nederland buiten mijn bundel?", "ask_out_of_bundle", "is er iets goedkopers?",
     ["€ 2,99"]),
    # another period after a plan's yearly total
    ("wat kost Hussel 5 GB met onbeperkt bellen per jaar?", "ask_plan", "en voor 2 jaar?", ["24 × € 27,50 = € 660,00"]),
    # a start told after the inflation rule: worked out for that start
    ("wanneer krijg ik inflatiecorrectie?", "ask_inflation_correction", "ik heb het contract pas sinds half augustus",
     ["15 augustus"]),
])
def test_a_short_message_after_an_answer_continues_it(first, first_intent, then, expected):
    said = talk((first, first_intent), (then, "nlu_fallback"))
    assert all(part in said[1] for part in expected), said[1]


def test_a_household_adds_a_line_changes_it_and_pays_each_connection_fee():
    said = talk(("Wat kost Hussel 5 GB met onbeperkt bellen/sms?", "ask_plan"),
                ("en voor mijn vrouw ook zo een, wat is dan het totaal per maand?", "nlu_fallback"),
                ("en als zij de versie met 150 min/sms neemt?", "ask_plan"),
                ("we zijn allebei nieuwe klanten, hoeveel aansluitkosten betalen we samen?", "ask_connection_fee"))
    assert "€ 27,50 + € 27,50 = € 55,00" in said[1], said[1]
    assert "€ 27,50 + € 26,50 = € 54,00" in said[2], said[2]
    assert "2 × € 25,00 = € 50,00" in said[3], said[3]


def test_another_place_after_the_bundles_says_whether_the_same_bundles_apply_there():
    said = talk(("Ik ga naar Amerika. Welke bundel heb ik nodig om daar te internetten?", "ask_buitenland_bundle"),
                ("en in Mexico?", "ask_buitenland_bundle"),
                ("en in Marokko?", "ask_buitenland_bundle"))
    assert said[1].startswith("Daar ook"), said[1]
    assert said[2].startswith("Daar niet") and "€ 14,99" in said[2], said[2]


@pytest.mark.parametrize("turns, expected", [
    # a correction of the calling line, then the first month as a new customer, then the first year with the fee
    ([("Wat kost Hussel 15 GB met 150 minuten per maand?", "ask_plan"),
      ("Nee, ik bedoelde de versie met onbeperkt bellen. Wat betaal ik dan de eerste maand als nieuwe klant?", "ask_plan"),
      ("Wat betaal ik dan in het eerste jaar in totaal, inclusief de aansluitkosten?", "ask_connection_fee")],
     [None, "€ 57,50", "12 × € 32,50 = € 415,00"]),
    # taking KPN Pay off after setting it up
    ([("hoe zet ik kpn pay aan op mijn iphone", "kpnpay_setup"), ("ok en als ik het later weer wil uitzetten?", "inform")],
     [None, "'bewerk'"]),
    # what is left to spend, asked after a KPN Pay purchase: the month's limit, not the account
    ([("ik heb al 290 euro met kpn pay betaald, gaat een game van 45 euro nog?", "kpnpay_budget"),
      ("wat kan ik dan wel nog besteden?", "account_question")],
     [None, "€ 300,00 − € 290,00 = € 10,00"]),
    # an extra bundle after the rates outside the bundle at home: the NL/EU bundles
    ([("Mijn belminuten zijn op, wat kost bellen nu?", "ask_out_of_bundle"),
      ("Ja, graag zo'n extra bundel. Ik verwacht nog zo'n 200 minuten te bellen.", "ask_bundle_advice")],
     [None, "€ 2,99"]),
    # bundles named by their size while a place is talked about: that place's bundles compared
    ([("welke bundels zijn er voor Thailand?", "ask_buitenland_bundle"),
      ("als ik twee keer de bundel van 100 neem, hoeveel goedkoper is dat dan de bundel van 500?", "ask_buitenland_bundle")],
     [None, "€ 20,01"]),
    # from "there" (the place before) to someone in an EU country, then being called there
    ([("Wij gaan naar Zwitserland. Kan ik daar mijn bundel gebruiken?", "ask_foreign_rates"),
      ("En in Servië, waar we daarna naartoe rijden?", "ask_foreign_rates"),
      ("Wat kost het dan om vanuit daar mijn vriend in Zwitserland te bellen, per minuut?", "ask_foreign_rates"),
      ("En als hij mij belt terwijl ik daar ben, wat kost mij dat per minuut?", "ask_foreign_rates")],
     [None, None, "€ 1,00", "€ 0,50"]),
    # "die grens" after the internet block: the block (with what it takes and what does not count)
    ([("ik zit in amerika en mn internet doet het ineens niet meer, hoe kan dat", "ask_internet_block"),
      ("hoeveel mb buiten een bundel heb ik gebruikt als ik tot die grens kom", "ask_bundle_validity"),
      ("telt de voordeellanden bundel die ik kocht ook mee voor die grens?", "ask_buitenland_bundle")],
     [None, "24,2 MB", "telt niet mee"]),
    # the same data on the other calling line, asked in a plan change after other questions
    ([("Ik heb Hussel 2 GB en 150 min/sms. Wat betaal ik per minuut als mijn belminuten op zijn?", "ask_out_of_bundle"),
      ("Andere vraag: voor welke looptijden kan ik een contract afsluiten?", "ask_contract_term"),
      ("Terug naar mijn abonnement: als ik overstap naar dezelfde databundel maar dan met onbeperkt bellen, wat betaal "
       "ik dan per maand en wanneer gaat dat in?", "ask_plan_change")],
     [None, None, "€ 25,00"]),
    # a Kids plan, then one's own: the two together
    ([("wat kost een kids abonnement voor mijn dochter?", "ask_kids_plan"),
      ("andere vraag: ik wil zelf hussel 2 gb met 150 min. wat betalen we dan samen per maand, haar abbo en het mijne",
       "ask_plan")],
     [None, "€ 17,50 + € 24,00 = € 41,50"]),
    # "dat abbo" after how unlimited data works: the unlimited plan
    ([("hoe werkt onbeperkt data bij hussel?", "ask_unlimited_data"),
      ("wat kost dat abbo eigenlijk met onbeperkt bellen erbij", "ask_plan")],
     [None, "€ 53,50"]),
])
def test_a_conversation_keeps_what_it_chose(turns, expected):
    said = talk(*turns)
    for reply, part in zip(said, expected):
        assert part is None or part in reply, reply
