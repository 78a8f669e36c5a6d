"""actions.dialogue: the state after a message, from what NLU read in it (the real reader of
server/understanding, with the intent given as the classifier would)."""
from __future__ import annotations

from datetime import date

import pytest

from actions.dialogue import Message, update
from server.understanding.component import interpret
from rasa.shared.nlu.training_data.message import Message as RasaMessage


def parsed(text: str, intent: str) -> Message:
    """The message as NLU leaves it: entities, cues and the corrected intent."""
    message = RasaMessage(data={"text": text})
    message.set("intent", {"name": intent, "confidence": 0.9})
    message.set("intent_ranking", [{"name": intent, "confidence": 0.9}])
    interpret(message, today=date(2026, 11, 29))
    return Message.from_parse_data(message.as_dict_nlu() | {"text": text, "intent": message.get("intent"),
                                                            "entities": message.get("entities"),
                                                            "cues": message.get("cues")})


def after(*turns: tuple[str, str], start: dict | None = None) -> dict:
    state = dict(start or {})
    for text, intent in turns:
        state = update(state, parsed(text, intent)).state
    return state


@pytest.mark.parametrize("turns, expected", [
    # the calling line chosen is kept for the sums that follow; a new plan question starts without it
    ([("Ik zoek 5 GB, ik bel niet zoveel. Wat kost dat?", "ask_plan"), ("en met onbeperkt bellen?", "ask_plan")],
     {"plan": "5000", "plan_calls": "unlimited"}),
    ([("Ik zoek 5 GB met onbeperkt bellen", "ask_plan"), ("wat kost een abonnement met 15 GB?", "ask_plan")],
     {"plan": "15000", "plan_calls": None}),
    # "hoeveel scheelt dat?" after a plan's price: the plan question goes on
    ([("Ik zoek 5 GB, ik bel niet zoveel. Wat kost dat?", "ask_plan"), ("hoeveel scheelt dat per maand?",
                                                                       "account_question")],
     {"question": "ask_plan", "plan": "5000"}),
    # an option named while choosing a plan is kept for the first month's sum
    ([("Ik zoek 5 GB", "ask_plan"), ("en als ik er 5G bij neem, wat betaal ik de eerste maand met de aansluitkosten?",
                                     "ask_connection_fee")],
     {"question": "ask_connection_fee", "extra_option": "5g"}),
    # a phone named while KPN Pay is talked about, the question not understood: its set-up there
    ([("kan mijn zus met KPN Kleinzakelijk KPN Pay gebruiken?", "kpnpay_account_type"),
      ("ze heeft een Google Pixel. welke stappen moet ze doen?", "nlu_fallback")],
     {"question": "kpnpay_setup", "platform": "android"}),
    ([("kan mijn zus met KPN Kleinzakelijk KPN Pay gebruiken?", "kpnpay_account_type"),
      ("en waar staat dat straks op haar rekening?", "nlu_fallback")],
     {"question": "kpnpay_invoice"}),
    # two places of a trip, no call: where the user is, nobody called
    ([("I'm travelling to Switzerland and then Serbia next month. Can I use my normal bundle in Switzerland?",
       "ask_foreign_rates")], {"country": "Zwitserland", "destination": None}),
    # a corrected plan is the plan talked about
    ([("wat kost Hussel 5 GB met 150 minuten?", "ask_plan"), ("niet 5 maar 15 GB bedoel ik", "inform"),
      ("en toch liever met onbeperkt bellen", "inform")],
     {"plan": "15000", "data_mb": "15000", "plan_calls": "unlimited"}),
    # the plan last chosen is the one talked about, with its calling line
    ([("Mijn moeder wil 2 GB en belt weinig", "ask_plan"),
      ("ze wil er Spotify bij. wat wordt het maandbedrag met 15 GB en onbeperkt bellen?", "ask_extra_options")],
     {"plan": "15000", "plan_calls": "unlimited", "extra_option": "spotify_premium"}),
    # a quantity right after the rates on a ship, read as a question about speed: the rates there
    ([("ik zit op een cruiseschip, wat kost internet?", "ask_foreign_rates"),
      ("laatste: 3 MB whatsappen aan boord?", "ask_speed")],
     {"question": "ask_foreign_rates", "country": "Satelliet (veerboot, cruiseschip)", "data_mb": "3"}),
    # the EU right after how unlimited data works: its EU limit
    ([("Ik heb Hussel onbeperkt data. Is dat echt onbeperkt?", "ask_unlimited_data"),
      ("en in de EU, is daar een data-limiet?", "ask_fair_use")], {"question": "ask_unlimited_data"}),
    # "vanaf hier" is where the user is
    ([("Ik zit in Brazilië en moet 8 minuten bellen met iemand in Kenia. Wat kost dat?", "ask_foreign_rates"),
      ("en als ik vanaf hier 5 keer heel kort naar kenia bel, steeds zo'n 10 seconden?", "ask_foreign_rates")],
     {"country": "Brazilië", "destination": "Kenia", "call_count": "5"}),
    # the price after a plan change between two plans: the plan change goes on
    ([("ik wil van Hussel 25 GB en 150 min naar 5 GB en 150 min. mag dat?", "ask_plan_change"),
      ("en wat betaal ik dan per maand?", "nlu_fallback")],
     {"question": "ask_plan_change", "plans_named": ["25:limited", "5:limited"]}),
    # another BuitenlandBundel before the first is used up: stacking
    ([("hoe lang is zo'n buitenlandbundel geldig?", "ask_bundle_validity"),
      ("kan ik er een tweede bij kopen voordat de eerste op is?", "nlu_fallback")],
     {"question": "ask_bundle_used_up"}),
    # a new question opens with its own values
    ([("Wat kost 8 minuten bellen in Egypte?", "ask_foreign_rates")],
     {"question": "ask_foreign_rates", "country": "Egypte", "usage": "call", "duration_seconds": "480"}),
    # "switch that on" after a BuitenlandBundel is how to switch on a BuitenlandBundel; after KPN Pay, its set-up
    ([("welke buitenlandbundel past bij 2 weken Thailand?", "ask_bundle_advice"), ("hoe zet ik die aan?", "kpnpay_setup")],
     {"question": "ask_bundle_activation"}),
    ([("wat is kpn pay", "kpnpay_what"), ("how do I turn it on?", "ask_bundle_activation")],
     {"question": "kpnpay_setup"}),
    # a quantity right after the rates abroad is for that place, whatever rate question NLU makes of it
    ([("What does calling in Vietnam cost?", "ask_foreign_rates"),
      ("So a 20 minute call would be how much?", "ask_out_of_bundle")],
     {"question": "ask_foreign_rates", "country": "Vietnam", "duration_seconds": "1200"}),
    # a number alone counts what was counted before: minutes, MB, texts
    ([("Wat kost 8 minuten bellen in Egypte?", "ask_foreign_rates"), ("en 30?", "inform")],
     {"question": "ask_foreign_rates", "country": "Egypte", "duration_seconds": "1800"}),
    ([("Wat kost 8 minuten bellen in Egypte?", "ask_foreign_rates"), ("12,5?", "inform")],
     {"question": "ask_foreign_rates", "duration_seconds": "750"}),
    ([("wat kost 20 MB in Peru?", "ask_foreign_rates"), ("of 50 dan", "inform")],
     {"question": "ask_foreign_rates", "data_mb": "50"}),
    ([("wat kosten 3 sms'jes vanuit Peru?", "ask_foreign_rates"), ("12?", "inform")],
     {"question": "ask_foreign_rates", "sms_count": "12"}),
    # ... but a used-up bundle is a question of its own
    ([("What does calling in Vietnam cost?", "ask_foreign_rates"),
      ("mijn bundel is op, wat kost 20 minuten bellen?", "ask_out_of_bundle")],
     {"question": "ask_out_of_bundle"}),
    # the EU named after an answer that offered to go back to a country question: the current question
    ([("wat kost bellen in het buitenland", "ask_foreign_rates"),
      ("wat kost een abonnement met 25 GB", "ask_plan"),
      ("en als ik ook in de EU veel internet?", "ask_plan")],
     {"question": "ask_plan"}),
    # a follow-up changes the place and keeps the rest
    ([("Wat kost 8 minuten bellen in Egypte?", "ask_foreign_rates"), ("en in Marokko?", "ask_foreign_rates")],
     {"question": "ask_foreign_rates", "country": "Marokko", "duration_seconds": "480"}),
    # what the follow-up names wins: data now, not the minutes of before
    ([("Wat kost 8 minuten bellen in Egypte?", "ask_foreign_rates"), ("en internetten?", "ask_foreign_rates")],
     {"country": "Egypte", "usage": "data", "duration_seconds": None}),
    # going somewhere and "daar" is being there
    ([("ik ga in april twee weken naar Thailand. Wat kost bellen daar?", "ask_foreign_rates")],
     {"country": "Thailand", "destination": None, "usage": "call", "duration_seconds": None}),
    # a correction replaces the country and keeps the question
    ([("wat kost bellen in Marokko", "ask_foreign_rates"), ("oh nee, ik bedoel Mexico", "deny")],
     {"question": "ask_foreign_rates", "country": "Mexico", "usage": "call"}),
    ([("wat kost bellen in Spanje", "ask_foreign_rates"), ("niet Spanje maar Portugal", "deny")],
     {"country": "Portugal"}),
    # after calling from home, a bare place is whom you call
    ([("wat kost bellen van nederland naar turkije", "ask_foreign_rates"), ("en naar Kenia?", "inform")],
     {"country": "Nederland", "destination": "Kenia"}),
    ([("wat kost bellen in Turkije", "ask_foreign_rates"), ("en vanuit Nederland?", "inform")],
     {"country": "Nederland", "destination": "Turkije"}),
    ([("bellen met mijn oma in Suriname", "ask_foreign_rates")], {"country": "Nederland", "destination": "Suriname"}),
    # "het buitenland" in general forgets the country
    ([("wat kost bellen in Turkije", "ask_foreign_rates"), ("wat kost internet in het buitenland", "ask_foreign_rates")],
     {"country": None, "usage": "data"}),
    # a later question elsewhere keeps where you are
    ([("ik zit in Egypte", "inform"), ("wat kost internet daar?", "ask_foreign_rates")],
     {"country": "Egypte", "usage": "data"}),
    # a plan named with its volume is the plan asked about
    ([("Wat kost Hussel 15 GB met 150 minuten?", "ask_plan")], {"data_mb": "15000", "allowance_mb": "15000"}),
    # the sms slot of a follow-up with a new usage
    ([("wat kost een sms vanuit Thailand", "ask_foreign_rates"),
      ("en bellen vanuit Thailand naar Nederland?", "ask_foreign_rates")],
     {"country": "Thailand", "destination": "Nederland", "usage": "call"}),
])
def test_state_after_messages(turns, expected):
    state = after(*turns)
    for name, value in expected.items():
        assert state.get(name) == value, (name, state)


def test_an_awaited_value_is_taken_from_the_answer():
    state = after(("ik wil mijn telefoon verzekeren", "ask_insurance"), start={})
    state["awaiting"] = "device_value"  # what the answer asked for
    result = update(state, parsed("650 euro", "inform"))
    assert result.state["device_value"] == "650" and result.state["awaiting"] is None
    assert result.intent == "inform" and result.state["question"] == "ask_insurance"


def test_a_value_with_its_role_answers_whatever_the_intent():
    state = {"question": "ask_insurance", "awaiting": "device_value"}
    result = update(state, parsed("Mijn toestel kostte 1000 euro", "ask_device_instalments"))
    assert result.state["device_value"] == "1000" and result.state["question"] == "ask_insurance"
    assert result.intent == "inform"


def test_another_question_interrupts_and_the_value_still_comes_back():
    state = {"question": "ask_insurance", "awaiting": "device_value"}
    spotify = update(state, parsed("eerst even: wat kost Spotify via KPN?", "ask_extra_options"))
    assert spotify.interrupted == "ask_insurance"
    assert spotify.state["question"] == "ask_extra_options" and spotify.state["resume"] == "ask_insurance"
    value = update(spotify.state, parsed("650 euro", "inform"))
    assert value.state["question"] == "ask_insurance" and value.state["device_value"] == "650"
    assert value.state["resume"] is None and value.state["awaiting"] is None


def test_a_number_inside_another_question_is_not_the_awaited_value():
    state = {"question": "ask_insurance", "awaiting": "device_value"}
    result = update(state, parsed("hoeveel kost 15 GB extra eigenlijk", "ask_nl_eu_bundle"))
    assert result.state.get("device_value") is None
    assert result.state["question"] == "ask_nl_eu_bundle"


@pytest.mark.parametrize("text, intent", [("laat maar", "deny"), ("stop", "deny"), ("doei", "goodbye")])
def test_no_or_stop_ends_the_wait(text, intent):
    result = update({"question": "ask_insurance", "awaiting": "device_value"}, parsed(text, intent))
    assert result.state["awaiting"] is None and result.state["question"] is None


def test_markup_changes_nothing():
    state = after(("wat kost bellen in thailand", "ask_foreign_rates"))
    result = update(state, parsed("<img src=x onerror=alert(1)>", "inform"))
    assert result.intent == "nlu_fallback"
    assert {k: v for k, v in result.state.items() if k != "changed"} == \
        {k: v for k, v in state.items() if k != "changed"}


def test_the_tracker_sees_what_changed():
    state = after(("wat kost bellen in Marokko", "ask_foreign_rates"))
    result = update(state, parsed("en in Mexico?", "inform"))
    assert result.changes["country"] == "Mexico"
    assert result.changes["changed"] == ["country"]


def test_the_question_left_open_comes_back_with_its_own_values():
    state = {"question": "ask_bundle_advice", "awaiting": "country", "data_mb": "2000"}
    plan = update(state, parsed("hoeveel kost een Hussel met 25 GB eigenlijk?", "ask_plan"))
    assert plan.state["data_mb"] == "25000" and plan.state["resume_values"] == {"data_mb": "2000"}
    turkey = update(plan.state, parsed("Turkije", "inform"))
    assert turkey.state["question"] == "ask_bundle_advice" and turkey.state["country"] == "Turkije"
    assert turkey.state["data_mb"] == "2000" and turkey.state["resume_values"] is None
    # nothing was named before the interruption: the plan's 25 GB is not carried into the advice
    bare = update(update({"question": "ask_bundle_advice", "awaiting": "country"},
                         parsed("hoeveel kost een Hussel met 25 GB eigenlijk?", "ask_plan")).state,
                  parsed("Turkije", "inform"))
    assert bare.state["question"] == "ask_bundle_advice" and bare.state["data_mb"] is None


@pytest.mark.parametrize("previous, text, intent, expected_intent", [
    # whether a use still works, right after a question about being abroad: the rate there
    ({"question": "ask_bundle_used_up", "country": "Verenigde Staten"}, "kan ik nog wel bellen?", "service_problem",
     "ask_foreign_rates"),
    ({"question": "ask_foreign_rates", "country": "Turkije"}, "Can I still text?", "service_problem",
     "ask_foreign_rates"),
    # ... but not at home, and not when it says that something does not work
    ({"question": "ask_plan"}, "kan ik nog wel bellen?", "service_problem", "service_problem"),
    ({"question": "ask_bundle_used_up", "country": "Verenigde Staten"}, "kan ik bellen? het werkt niet",
     "service_problem", "service_problem"),
])
def test_can_i_still_use_it_there(previous, text, intent, expected_intent):
    result = update(previous, parsed(text, intent))
    assert result.intent == expected_intent and result.state.get("country") == previous.get("country")


@pytest.mark.parametrize("text, kept", [
    ("vanuit Brazilië bellen", True),  # a fragment: the same question for another place, 10 minutes kept
    ("bellen naar Suriname", True),
    ("wat kost bellen in Brazilië", False),  # a question of its own
])
def test_a_rate_question_like_a_fragment_continues_the_one_before(text, kept):
    before = update({}, parsed("Wat kost 10 minuten bellen in Turkije?", "ask_foreign_rates")).state
    result = update(before, parsed(text, "ask_foreign_rates"))
    assert result.follow_up == kept and (result.state.get("duration_seconds") == "600") == kept


@pytest.mark.parametrize("text, intent, expected_intent", [
    ("kan ze dan niet gewoon naar een Hussel?", "ask_plan_change", "ask_kids_plan"),
    ("kan ik haar niet even op een hussel zetten", "nlu_fallback", "ask_kids_plan"),
    ("wat kost Hussel 5 GB?", "ask_plan", "ask_plan"),
    ("<img src=x onerror=alert(1)>", "nlu_fallback", "nlu_fallback"),  # markup is no follow-up
    ("asdfgh", "nlu_fallback", "nlu_fallback"),
])
def test_switching_right_after_the_kids_plan_is_the_kids_plans_rule(text, intent, expected_intent):
    assert update({"question": "ask_kids_plan"}, parsed(text, intent)).intent == expected_intent


@pytest.mark.parametrize("text, intent, expected_intent", [
    ("Hmm, en dan met onbeperkt data erbij?", "ask_unlimited_data", "ask_plan"),  # that plan's price
    ("en met onbeperkt data?", "inform", "ask_plan"),
    ("hoe werkt onbeperkt data eigenlijk?", "ask_unlimited_data", "ask_unlimited_data"),  # how it works
])
def test_unlimited_data_right_after_a_plan_price(text, intent, expected_intent):
    state = after(("Wat is de maandprijs van Hussel met 15 GB en onbeperkt bellen?", "ask_plan"))
    assert update(state, parsed(text, intent)).intent == expected_intent


@pytest.mark.parametrize("between, expected_intent", [
    ([("Wat kost een sms'je voor haar in Amerika?", "ask_foreign_rates")], "ask_kids_plan"),
    ([("Wat kost een sms'je voor haar in Amerika?", "ask_foreign_rates"), ("en bellen?", "inform")], "ask_kids_plan"),
    # another plan talked about since: that one
    ([("Wat kost Hussel 5 GB?", "ask_plan")], "nlu_fallback"),
])
def test_switching_later_in_a_talk_about_the_kids_plan_is_the_kids_plans_rule(between, expected_intent):
    state = after(("wat kost het Kids abonnement?", "ask_kids_plan"), *between)
    assert update(state, parsed("kan ik haar niet even op een hussel zetten", "nlu_fallback")).intent == expected_intent


@pytest.mark.parametrize("plan_question, expected", [
    ("Hoeveel kost Hussel onbeperkt data?", "ask_unlimited_data"),  # its 25 GB EU limit
    ("Wat kost Hussel 10 GB?", "ask_foreign_rates"),  # Roam like Home: the bundle, as at home
])
def test_how_much_with_that_plan_in_the_eu(plan_question, expected):
    state = update({}, parsed(plan_question, "ask_plan")).state
    assert state["plan"] == ("unlimited_data" if "onbeperkt" in plan_question else "10000")
    result = update(state, parsed("hoeveel kan ik daarmee in de EU internetten?", "ask_foreign_rates"))
    assert result.state["question"] == expected
    # whatever the classifier made of it ("hoeveel data heb ik ..." reads like an account question)
    result = update(state, parsed("en hoeveel data heb ik daarmee in Europa?", "account_question"))
    assert result.state["question"] == ("ask_unlimited_data" if expected == "ask_unlimited_data" else "account_question")
    # a country of the EU named instead of the EU; one outside it is its roaming rates
    result = update(state, parsed("hoeveel GB krijg ik daarmee in Portugal?", "account_question"))
    assert result.state["question"] == ("ask_unlimited_data" if expected == "ask_unlimited_data" else "account_question")
    if expected == "ask_unlimited_data":
        result = update(state, parsed("en als mijn data in Griekenland op is?", "ask_bundle_used_up"))
        assert result.state["question"] == "ask_unlimited_data"
    result = update(state, parsed("en wat kost internetten daarmee in Japan?", "ask_foreign_rates"))
    assert result.state["question"] == "ask_foreign_rates"


def test_a_cover_named_after_an_insurance_answer_stays_with_the_insurances():
    state = {"question": "ask_insurance", "device_value": "500"}
    result = update(state, parsed("en wat is het verschil tussen standaard en extra?", "ask_nl_eu_bundle"))
    assert result.state["question"] == "ask_insurance" and result.state["device_value"] == "500"
    assert "coverage_question" in parsed("en wat is het verschil tussen standaard en extra?", "ask_insurance").cues


def test_a_follow_up_about_calling_keeps_the_plans_data():
    state = after(("What does the 5 GB plan cost?", "ask_plan"), ("and with unlimited calling?", "inform"))
    assert state["question"] == "ask_plan" and state["data_mb"] == "5000"


def test_of_two_places_where_the_user_will_be_is_the_one_abroad():
    state = after(("Ik studeer in Amsterdam en ga een semester naar Valencia. Kan ik mijn bundel daar gebruiken?",
                   "ask_fair_use"))
    assert state["country"] == "Spanje"


@pytest.mark.parametrize("turns, expected", [
    # a plan follow-up that names minutes keeps the plan's data
    ([("What does the 15 GB plan cost?", "ask_plan"), ("and the same one with just 150 minutes?", "inform")],
     {"question": "ask_plan", "data_mb": "15000"}),
    # ... and the unlimited plan stays the plan talked about; a new plan question names its own
    ([("wat kost onbeperkt data?", "ask_plan"), ("wat kost dat abonnement met 150 belminuten?", "inform")],
     {"question": "ask_plan", "plan": "unlimited_data"}),
    ([("wat kost onbeperkt data?", "ask_plan"), ("welke abonnementen zijn er?", "ask_plan")],
     {"question": "ask_plan", "plan": None}),
    ([("wat kost onbeperkt data?", "ask_plan"), ("wat kost bellen in Italië?", "ask_foreign_rates"),
      ("wat kost dat abonnement met 150 belminuten?", "ask_plan")],
     {"question": "ask_plan", "plan": "unlimited_data"}),
    # a device value after the insurance answer is a new value for it, whatever NLU calls it
    ([("wat kost een verzekering voor een toestel van 900 euro", "ask_insurance"),
      ("nee wacht, het toestel was 1.049 euro", "ask_internet_block")],
     {"question": "ask_insurance", "device_value": "1049"}),
])
def test_plans_and_insurances_in_conversation(turns, expected):
    state = after(*turns)
    assert {name: state.get(name) for name in expected} == expected


def test_the_awaited_value_inside_small_talk_is_taken():
    state = {"question": "ask_extra_options", "resume": "ask_insurance", "awaiting": "device_value"}
    result = update(state, parsed("ok thanks. the phone was 1,299 euros", "thank"))
    assert result.intent == "inform" and result.state["question"] == "ask_insurance"
    assert result.state["device_value"] == "1299"


def test_how_long_that_bundle_lasts():
    state = after(("wat kost de Voordeellanden buiten EU bundel 100?", "ask_buitenland_bundle"),
                  ("hoe lang kan ik die gebruiken?", "nlu_fallback"))
    assert state["question"] == "ask_bundle_validity"


def test_the_person_called_before_is_still_the_one_called():
    state = after(("Mijn broer woont in Egypte. Wat kost het als ik hem vanuit Nederland bel?", "ask_foreign_rates"),
                  ("Straks ben ik zelf in Japan, wat kost het als ik hem daarvandaan bel?", "ask_foreign_rates"))
    assert state["country"] == "Japan" and state["destination"] == "Egypte"
    state = after(("Wat kost bellen vanuit Nederland naar Egypte?", "ask_foreign_rates"),
                  ("Wat kost bellen in Japan?", "ask_foreign_rates"))
    assert state["country"] == "Japan" and state["destination"] is None


@pytest.mark.parametrize("previous, text, intent, expected", [
    ({"question": "kpnpay_budget", "amount_spent": "280"}, "hoeveel kan ik dan nog wel uitgeven?", "nlu_fallback",
     "kpnpay_budget"),
    ({"question": "ask_bundle_advice", "country": "Bolivia"}, "en wat kost bellen daar zonder bundel?",
     "ask_out_of_bundle", "ask_foreign_rates"),
    ({"question": "ask_plan"}, "wat kost bellen buiten mijn bundel?", "ask_out_of_bundle", "ask_out_of_bundle"),
    # when a KPN Pay purchase shows at KPN: the invoice line
    ({"question": "kpnpay_problem"}, "wanneer zie ik die aankoop dan bij kpn terug", "ask_notifications",
     "kpnpay_invoice"),
    # the other call line of the plan just priced
    ({"question": "ask_plan", "plan": "5000"}, "en wat scheelt het met 150 minuten", "nlu_fallback", "ask_plan"),
    # anything left to do after the KPN Pay set-up: it is the default payment method then
    ({"question": "kpnpay_setup"}, "en dan is het klaar of moet ik daarna nog iets instellen", "nlu_fallback",
     "kpnpay_default_method"),
    # a refurbished device named after an insurance answer: the insurance (refurbished ones are excluded)
    ({"question": "ask_insurance", "device_value": "700"}, "ow, hij is refurbished trouwens", "ask_device_instalments",
     "ask_insurance"),
    # cancelling right after an insurance answer: the insurance; the plan when it is named
    ({"question": "ask_insurance", "device_value": "1100"}, "Can I cancel it whenever I want?", "ask_contract_term",
     "ask_insurance"),
    ({"question": "ask_insurance", "device_value": "1100"}, "en mijn abonnement opzeggen, kan dat maandelijks?",
     "ask_contract_term", "ask_contract_term"),
    # someone abroad called right after a service number's cost: calling there
    ({"question": "ask_service_numbers"}, "en mijn zus in Kenia?", "inform", "ask_foreign_rates"),
    ({"question": "ask_service_numbers"}, "en vanuit Kenia?", "inform", "ask_service_numbers"),
    ({"question": "ask_service_fees"}, "en vanuit Kenia naar Peru bellen?", "inform", "ask_foreign_rates"),
    ({"question": "kpnpay_invoice"}, "en sms'en naar Peru?", "inform", "ask_foreign_rates"),
    ({"question": "kpnpay_invoice"}, "en in Peru?", "inform", "kpnpay_invoice"),
    # a quantity after a rate abroad: that rate, so much of it
    ({"question": "ask_foreign_rates", "country": "Nederland", "destination": "Ghana"}, "en stel dat ik een uur bel?",
     "ask_out_of_bundle", "ask_foreign_rates"),
    ({"question": "ask_foreign_rates", "country": "Ghana"}, "wat als mijn bundel op is?", "ask_out_of_bundle",
     "ask_out_of_bundle"),
    # internet abroad stopped at the block: getting it back is lifting the block (JA to 1330)
    ({"question": "ask_foreign_rates", "country": "Marokko"}, "hoe krijg ik het weer aan?", "ask_bundle_activation",
     "ask_internet_block"),
    ({"question": "ask_internet_block", "country": "Zuid-Afrika"}, "How do I get it working again?", "service_problem",
     "ask_internet_block"),
    ({"question": "service_problem", "country": "Zuid-Afrika", "usage": "data"}, "How do I get it working again?",
     "kpnpay_not_working", "ask_internet_block"),
    ({"question": "service_problem", "country": "Marokko", "usage": "data"},
     "ik heb geen buitenlandbundel, ik internet gewoon los", "ask_bundle_advice", "ask_internet_block"),
    # in the EU there is no block: the problem stays a problem
    ({"question": "service_problem", "country": "Spanje", "usage": "data"}, "hoe krijg ik het weer aan?",
     "service_problem", "service_problem"),
    ({"question": "ask_nl_eu_bundle"}, "Hoe lang kan ik die gebruiken?", "ask_bundle_validity", "ask_nl_eu_bundle"),
    ({"question": "ask_foreign_rates", "country": "Thailand"}, "If I only call for 10 seconds, do I pay a full minute?",
     "ask_out_of_bundle", "ask_foreign_rates"),
    ({"question": "ask_foreign_rates", "country": "Spanje"}, "wordt er per seconde of per minuut gerekend?",
     "ask_out_of_bundle", "ask_out_of_bundle"),
    ({"question": "kpnpay_setup"}, "k krijg n sms met n code, moet ik dat nou elke keer doen?????",
     "ask_out_of_bundle", "kpnpay_sms_code"),
    ({"question": "ask_plan", "plan": "5000"}, "What happens when my 5 GB runs out? Extra charges?",
     "ask_unlimited_data", "ask_out_of_bundle"),
    ({"question": "ask_plan", "plan": "unlimited_data"}, "wat als mijn 5 GB van vandaag op is?",
     "ask_unlimited_data", "ask_unlimited_data"),
    ({"question": "ask_foreign_rates", "country": "Verenigde Staten"}, "kan k da ff goedkoper maken met n bundel ofzo",
     "out_of_scope", "ask_buitenland_bundle"),
    # one bundle by its size, for the country talked about
    ({"question": "ask_foreign_rates", "country": "Indonesië"}, "wat kost de grote bundel?", "ask_out_of_bundle",
     "ask_buitenland_bundle"),
    ({"question": "ask_plan", "country": None}, "wat kost de grote bundel?", "ask_nl_eu_bundle", "ask_nl_eu_bundle"),
    # theft named after an insurance answer: the insurance, with the cover that includes theft
    ({"question": "ask_insurance", "device_value": "800"}, "en ook tegen diefstal?", "lost_or_stolen",
     "ask_insurance"),
    # what to send after the internet block: the sms that lifts it
    ({"question": "ask_internet_block", "country": "Verenigde Arabische Emiraten"}, "wat moet k sturen dan en naar wie",
     "ask_capabilities", "ask_internet_block"),
    ({"question": "ask_internet_block", "country": "Turkije"}, "what do I text, and to which number?",
     "nlu_fallback", "ask_internet_block"),
    # full speed again on unlimited data: its day bundle and the free extra GB
    ({"question": "ask_speed", "plan": "unlimited_data"}, "hoe krijg ik weer snel internet?", "ask_speed",
     "ask_unlimited_data"),
    ({"question": "ask_speed", "plan": "5000"}, "hoe krijg ik weer snel internet?", "ask_speed", "ask_nl_eu_bundle"),
    ({"question": "ask_foreign_rates", "country": "Spanje"}, "hoe krijg ik weer snel internet?", "ask_speed",
     "ask_speed"),
    # no bundle and a quantity outside the EU: the rates there, per use
    ({"question": "ask_bundle_advice", "country": "China"}, "En als ik geen bundel neem en in totaal 30 minuten naar huis bel?",
     "ask_bundle_validity", "ask_foreign_rates"),
    # what happens when the fair-use rule is not met
    ({"question": "ask_fair_use", "country": "Spanje"}, "Wat gebeurt er als KPN denkt dat ik daar niet aan voldoe?",
     "nlu_fallback", "ask_fair_use"),
    ({"question": "ask_foreign_rates", "country": "Spanje"}, "wat gebeurt er als mijn bundel op is?",
     "ask_out_of_bundle", "ask_out_of_bundle"),
    # choosing KPN Pay for every purchase: it stays the payment method (a code each time is the sms code)
    ({"question": "kpnpay_option_missing"}, "Once it's on, do I have to select it every time I buy something?",
     "nlu_fallback", "kpnpay_default_method"),
    ({"question": "kpnpay_setup"}, "moet ik elke keer een code invoeren?", "kpnpay_sms_code", "kpnpay_sms_code"),
    ({"question": "ask_foreign_rates", "country": "Turkije"}, "moet ik elke keer een bundel kopen?",
     "ask_buitenland_bundle", "ask_buitenland_bundle"),
    # linking what was just talked about
    ({"question": "kpnpay_flitsmeister"}, "Hoe koppel ik dat dan?", "ask_discount", "kpnpay_flitsmeister"),
    ({"question": "kpnpay_what"}, "hoe koppel ik het?", "nlu_fallback", "kpnpay_setup"),
    # ... but not at home, and not for KPN Pay
    ({"question": "ask_foreign_rates", "country": "Nederland"}, "hoe krijg ik het weer aan?", "service_problem",
     "service_problem"),
    ({"question": "ask_foreign_rates", "country": "Marokko"}, "hoe zet ik kpn pay weer aan?", "kpnpay_setup",
     "kpnpay_setup"),
])
def test_a_question_read_in_its_context(previous, text, intent, expected):
    result = update(previous, parsed(text, intent))
    assert result.state["question"] == expected
    assert result.state.get("amount_spent") == previous.get("amount_spent")


def test_a_question_about_home_interrupts_the_wait_for_a_country_abroad():
    state = {"question": "ask_bundle_advice", "awaiting": "country"}  # "welke bundel? Waar ga je heen?"
    result = update(state, parsed("btw wat kost een belminuut buiten de bundel in nederland?", "ask_out_of_bundle"))
    assert result.state["question"] == "ask_out_of_bundle" and result.state["resume"] == "ask_bundle_advice"
    result = update(result.state, parsed("Vietnam", "inform"))
    assert result.state["question"] == "ask_bundle_advice" and result.state["country"] == "Vietnam"


def test_from_here_is_where_the_user_is():
    state = after(("ik zit in dubai", "ask_foreign_rates"),
                  ("en bellen naar huis vanaf hier wat kost dat", "ask_out_of_bundle"))
    assert state["country"] == "Verenigde Arabische Emiraten"
