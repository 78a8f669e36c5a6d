from decimal import Decimal as D

import pytest

from knowledge.errors import NegativeAmountError
from knowledge.subscriptions import (
    PlanKind, advise_plan, connection_fee, device_instalments, find_plan, kids_plan, kids_rules, plans,
    tablet_plans, unlimited_data_rules,
)

PLANS = [
    ("Hussel 0 GB en 150 min/sms", "19.00", 0, False, 150),
    ("Hussel 2 GB en 150 min/sms", "24.00", 2, False, 150),
    ("Hussel 5 GB en 150 min/sms", "26.50", 5, False, 150),
    ("Hussel 15 GB en 150 min/sms", "31.50", 15, False, 150),
    ("Hussel 25 GB en 150 min/sms", "40.50", 25, False, 150),
    ("Hussel onbeperkt data en 150 min/sms", "52.50", None, False, 150),
    ("Hussel 0 GB en onbeperkt bellen/sms", "20.00", 0, True, None),
    ("Hussel 2 GB en onbeperkt bellen/sms", "25.00", 2, True, None),
    ("Hussel 5 GB en onbeperkt bellen/sms", "27.50", 5, True, None),
    ("Hussel 15 GB en onbeperkt bellen/sms", "32.50", 15, True, None),
    ("Hussel 25 GB en onbeperkt bellen/sms", "41.50", 25, True, None),
    ("Hussel onbeperkt data en onbeperkt bellen/sms", "53.50", None, True, None),
]


def test_the_twelve_hussel_plans():
    assert [(p.name, p.monthly_price, p.data_gb, p.unlimited_calls, p.minutes_sms) for p in plans()] == [
        (n, D(price), None if gb is None else D(gb), unl, mins) for n, price, gb, unl, mins in PLANS]
    assert all(p.kind == PlanKind.HUSSEL for p in plans())


def test_unlimited_data_plans_have_25_gb_in_the_eu():
    for plan in plans():
        if plan.unlimited_data:
            assert plan.data_gb is None and plan.data_eu_gb == D(25)
        else:
            assert plan.data_eu_gb == plan.data_gb


@pytest.mark.parametrize("data_gb, unlimited_calls, name, price", [
    (15, False, "Hussel 15 GB en 150 min/sms", "31.50"),
    (None, False, "Hussel onbeperkt data en 150 min/sms", "52.50"),
    (None, True, "Hussel onbeperkt data en onbeperkt bellen/sms", "53.50"),
    (D(0), True, "Hussel 0 GB en onbeperkt bellen/sms", "20.00"),
])
def test_find_plan(data_gb, unlimited_calls, name, price):
    plan = find_plan(data_gb, unlimited_calls)
    assert (plan.name, plan.monthly_price) == (name, D(price))


def test_find_plan_missing_and_tablet():
    assert find_plan(3, False) is None
    assert find_plan(10, False, tablet=True).monthly_price == D("30.00")
    assert find_plan(3, False, tablet=True) is None


@pytest.mark.parametrize("kwargs, expected", [
    (dict(data_gb=4, unlimited_calls=True), [("Hussel 5 GB en onbeperkt bellen/sms", "27.50")]),
    (dict(data_gb=15, unlimited_calls=False), [("Hussel 15 GB en 150 min/sms", "31.50")]),
    (dict(data_gb=30, unlimited_calls=False), [("Hussel onbeperkt data en 150 min/sms", "52.50")]),
    (dict(data_gb=26, unlimited_calls=True), [("Hussel onbeperkt data en onbeperkt bellen/sms", "53.50")]),
    (dict(data_gb=25, unlimited_calls=True), [("Hussel 25 GB en onbeperkt bellen/sms", "41.50")]),
    (dict(data_gb=D("2.5"), minutes=200), [("Hussel 5 GB en onbeperkt bellen/sms", "27.50")]),
    (dict(data_gb=3, minutes=150), [("Hussel 5 GB en 150 min/sms", "26.50")]),
    (dict(data_gb=3, minutes=151), [("Hussel 5 GB en onbeperkt bellen/sms", "27.50")]),
    (dict(data_gb=2), [("Hussel 2 GB en 150 min/sms", "24.00"), ("Hussel 2 GB en onbeperkt bellen/sms", "25.00")]),
    (dict(), [("Hussel 0 GB en 150 min/sms", "19.00"), ("Hussel 0 GB en onbeperkt bellen/sms", "20.00")]),
    (dict(data_gb=10, tablet=True), [("Hussel 2019 Mobiel Internet 10 GB", "30.00")]),
    (dict(data_gb=1, tablet=True), [("Hussel 2019 Mobiel Internet 1 GB", "15.00")]),
    (dict(data_gb=11, tablet=True), []),
])
def test_advise_plan(kwargs, expected):
    advice = advise_plan(**kwargs)
    assert [(p.name, p.monthly_price) for p in advice.options] == [(n, D(p)) for n, p in expected]
    assert advice.best == (advice.options[0] if advice.options else None)


def test_advise_plan_flags():
    assert advise_plan().data_unknown
    assert advise_plan(data_gb=30).over_limit_data
    assert not advise_plan(data_gb=25).over_limit_data
    assert advise_plan(data_gb=11, tablet=True).over_limit_data


def test_advise_plan_bad_input():
    with pytest.raises(NegativeAmountError):
        advise_plan(data_gb=-1)
    with pytest.raises(NegativeAmountError):
        advise_plan(minutes=-5)


def test_kids():
    kids = kids_plan()
    assert (kids.name, kids.monthly_price, kids.data_gb, kids.unlimited_calls, kids.kind) == (
        "Kids 1 GB en onbeperkt bellen/sms", D("17.50"), D(1), True, PlanKind.KIDS)
    rules = kids_rules()
    assert rules.standalone and not rules.switch_to_hussel_within_contract
    assert not rules.extra_options_allowed and not rules.buitenland_bundles_allowed
    assert not rules.connection_fee


def test_tablet_plans():
    assert [(p.name, p.monthly_price, p.monthly_price_with_device, p.data_gb, p.price_terms, p.device_term)
            for p in tablet_plans()] == [
        ("Hussel 2019 Mobiel Internet 1 GB", D("15.00"), D("15.00"), D(1), "1 maand en 1 jaar", "2 jaar"),
        ("Hussel 2019 Mobiel Internet 10 GB", D("30.00"), D("30.00"), D(10), "1 maand en 1 jaar", "2 jaar")]


def test_unlimited_data_rules():
    rules = unlimited_data_rules()
    assert rules.daily_bundle_nl_gb == 5
    assert rules.free_option == "Gratis 1 GB NL extra"
    assert rules.eu_limit_gb_per_month == 25
    assert (rules.extra_eu_bundle_price, rules.extra_eu_bundle_mb) == (D("3.99"), 1000)
    assert rules.sharing_max_gb_per_month == 25
    assert rules.day_bundle_notifications_percent == (80, 100)


def test_connection_fee():
    fee = connection_fee()
    assert fee.amount == D("25.00") and fee.only_new_subscription and fee.kids_exempt
    assert fee.tablet_amount == D("25.00")


def test_device_instalments():
    phone, tablet = device_instalments(), device_instalments(tablet=True)
    assert (phone.min_per_month, phone.max_per_month) == (D("1.00"), D("41.00"))
    assert phone.instalment_terms == ("1-jarig", "2-jarig") and phone.one_off_only_terms == ("1 maand",)
    assert tablet.instalment_terms == ("2-jarig",) and tablet.one_off_only_terms == ("1 maand", "1 jaar")


@pytest.mark.parametrize("text, keys", [
    ("Ik heb Hussel 5 GB met 150 min/sms. Wat kost 15 GB met onbeperkt bellen?", ["5:limited", "15:unlimited"]),
    # a plan without its calling line takes the one of the plan before
    ("Ik heb nu Hussel 2 GB met 150 minuten. Kan ik tussentijds naar 15 GB?", ["2:limited", "15:limited"]),
    ("wat is het verschil tussen Hussel 5 GB en 25 GB", ["5:", "25:"]),
    ("Hussel onbeperkt data met onbeperkt bellen", ["unlimited:unlimited"]),
    ("I have the 2 GB plan with unlimited calls, how much more is 25 GB?", ["2:unlimited", "25:unlimited"]),
    # a volume that is a need or a use, not a plan
    ("Hussel 15 GB voor mij en Kids 1 GB en onbeperkt bellen/sms voor mijn zoon", ["15:"]),  # Kids is no Hussel
    ("ik gebruik ongeveer 5 GB per maand", []),
    ("mijn dochter verbruikt 3 GB", []),
    ("", []),
])
def test_the_plans_a_message_names(text, keys):
    from knowledge.subscriptions import PlanMention, plans_named

    found = plans_named(text)
    assert [m.key for m in found] == keys
    assert [PlanMention.from_key(m.key) for m in found] == list(found)


@pytest.mark.parametrize("text, keys", [
    # "X dan Y": Y is what X is compared against
    ("en als ze 15 GB met onbeperkt bellen neemt, hoeveel duurder is dat dan die 2 GB met onbeperkt bellen?",
     ["2:unlimited", "15:unlimited"]),
    ("hoeveel goedkoper is Hussel 5 GB dan Hussel 25 GB?", ["25:", "5:"]),
    # no comparison: the order named
    ("Ik heb nu Hussel 2 GB met 150 minuten. Kan ik naar 15 GB?", ["2:limited", "15:limited"]),
])
def test_the_plans_compared(text, keys):
    from knowledge.subscriptions import plans_compared

    assert [m.key for m in plans_compared(text)] == keys


@pytest.mark.parametrize("text, keys", [
    # plans named in words
    ("Hussel vijftien GB met honderdvijftig minuten", ["15:limited"]),
    ("van twee GB naar vijfentwintig GB met onbeperkt bellen", ["2:", "25:unlimited"]),
    ("Hussel twenty-five GB with a hundred and fifty minutes", ["25:limited"]),
])
def test_plans_named_in_words(text, keys):
    from knowledge.subscriptions import plans_named
    assert [m.key for m in plans_named(text)] == keys
