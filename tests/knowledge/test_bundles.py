from decimal import Decimal as D

import pytest

from knowledge.bundles import (
    AdviceReason, OptionKind, bundle_rules, buitenland_bundles, cheapest_for_need, find_bundle,
    nl_eu_bundles,
)
from knowledge.countries import Zone
from knowledge.errors import NegativeAmountError, QuantityTooLargeError, UnknownCountryError


@pytest.mark.parametrize("zone, expected", [
    (Zone.VOORDEEL, [("Voordeellanden buiten EU bundel 100", 100, "9.99"),
                     ("Voordeellanden buiten EU bundel 500", 500, "39.99")]),
    (Zone.OVERIG, [("Overige landen buiten EU bundel 25", 25, "14.99"),
                   ("Overige landen buiten EU bundel 100", 100, "54.99")]),
    (Zone.SATELLIET, []),
    (Zone.NL_EU, []),
])
def test_buitenland_bundles(zone, expected):
    assert [(b.name, b.units, b.price) for b in buitenland_bundles(zone)] == [
        (n, u, D(p)) for n, u, p in expected]


def test_all_buitenland_bundles():
    assert len(buitenland_bundles()) == 4
    assert all(not b.one_off for b in buitenland_bundles())


def test_nl_eu_bundles():
    bundles = nl_eu_bundles()
    assert [(b.name, b.units, b.price, b.one_off, b.validity_days) for b in bundles] == [
        ("NL/EU bundel 250", 250, D("2.99"), True, 31),
        ("NL/EU bundel 1000", 1000, D("7.99"), True, 31)]


def test_find_bundle():
    assert find_bundle("voordeel_500").price == D("39.99")
    with pytest.raises(KeyError):
        find_bundle("nope")


def stack(option):
    return sorted((s.count, s.bundle.units) for s in option.bundles)


@pytest.mark.parametrize("country, need, kind, bundles, total", [
    ("Thailand", dict(mb=300), OptionKind.BUNDLES, [(3, 100)], "29.97"),        # beats 1 x 500
    ("Thailand", dict(mb=3), OptionKind.PAY_PER_USE, [], "7.50"),              # beats a bundle
    ("Verenigde Staten", dict(mb=200), OptionKind.BUNDLES, [(2, 100)], "19.98"),
    ("Marokko", dict(mb=50), OptionKind.BUNDLES, [(2, 25)], "29.98"),
    ("Thailand", dict(mb=400), OptionKind.BUNDLES, [(4, 100)], "39.96"),       # < 1 x 500 (39.99)
    ("Thailand", dict(mb=500), OptionKind.BUNDLES, [(1, 500)], "39.99"),
    ("Marokko", dict(mb=100), OptionKind.BUNDLES, [(1, 100)], "54.99"),        # 4 x 25 = 59.96
    ("Marokko", dict(sms=40), OptionKind.PAY_PER_USE, [], "12.00"),            # sms 0,30 < bundle
    ("Turkije", dict(call_minutes=60, sms=20, mb=500), OptionKind.BUNDLES, [(1, 100), (1, 500)], "49.98"),
    ("Canada", dict(call_minutes=30, called_minutes=30, sms=10, mb=20), OptionKind.BUNDLES, [(1, 100)], "9.99"),
])
def test_cheapest_for_need(country, need, kind, bundles, total):
    advice = cheapest_for_need(country, **need)
    best = advice.best
    assert best is not None
    assert (best.kind, stack(best), best.total) == (kind, bundles, D(total))


def test_options_are_ranked_and_include_all_kinds():
    advice = cheapest_for_need("Thailand", mb=300)
    totals = [o.total for o in advice.options]
    assert totals == sorted(totals)
    kinds = {o.kind for o in advice.options}
    assert kinds == {OptionKind.BUNDLES, OptionKind.PAY_PER_USE, OptionKind.BUNDLES_PLUS_PAY_PER_USE}
    one_500 = next(o for o in advice.options if stack(o) == [(1, 500)])
    assert one_500.total == D("39.99")
    assert advice.units_needed == D(300) and advice.zone == Zone.VOORDEEL


def test_pay_per_use_option_is_uncapped_and_flags_the_block():
    advice = cheapest_for_need("Thailand", mb=300)
    ppu = next(o for o in advice.options if o.kind == OptionKind.PAY_PER_USE)
    assert ppu.total == D("750.00") and ppu.needs_block_lift and not ppu.estimate
    small = cheapest_for_need("Thailand", mb=3).best
    assert not small.needs_block_lift


def test_remainder_is_an_upper_estimate():
    advice = cheapest_for_need("Marokko", sms=40)
    option = next(o for o in advice.options if o.kind == OptionKind.BUNDLES_PLUS_PAY_PER_USE)
    assert stack(option) == [(1, 25)] and option.remainder_units == D(15)
    assert option.pay_per_use_cost == D("4.50") and option.total == D("19.49") and option.estimate
    # data left after a used-up bundle needs the block lifted
    mixed = cheapest_for_need("Marokko", mb=30)
    rest = next(o for o in mixed.options if o.kind == OptionKind.BUNDLES_PLUS_PAY_PER_USE)
    assert rest.needs_block_lift


def test_remainder_priced_most_expensive_first():
    # Canada: 100 units bundle, need 90 sms + 20 MB = 110; remainder 10 priced as MB (2,50)
    advice = cheapest_for_need("Canada", sms=90, mb=20)
    option = next(o for o in advice.options
                  if o.kind == OptionKind.BUNDLES_PLUS_PAY_PER_USE and stack(o) == [(1, 100)])
    assert option.pay_per_use_cost == D("25.00")


@pytest.mark.parametrize("country, reason", [
    ("Frankrijk", AdviceReason.ROAM_LIKE_HOME),
    ("Zwitserland", AdviceReason.ROAM_LIKE_HOME),
    ("Nederland", AdviceReason.HOME),
])
def test_no_buitenlandbundel_needed_in_nl_eu(country, reason):
    advice = cheapest_for_need(country, mb=500)
    assert advice.reason == reason and advice.options == () and advice.best is None
    assert [b.name for b in advice.nl_eu_bundles] == ["NL/EU bundel 250", "NL/EU bundel 1000"]


def test_satellite_has_no_bundles():
    advice = cheapest_for_need("cruiseschip", call_minutes=5, mb=5)
    assert advice.reason == AdviceReason.NO_BUNDLES_FOR_ZONE
    assert [o.kind for o in advice.options] == [OptionKind.PAY_PER_USE]
    assert advice.best.total == D("21.25") + D("50.00")


def test_kids_cannot_order_bundles():
    advice = cheapest_for_need("Thailand", mb=300, kids_plan=True)
    assert advice.reason == AdviceReason.KIDS_PLAN
    assert [o.kind for o in advice.options] == [OptionKind.PAY_PER_USE]
    assert not bundle_rules().kids_can_order


def test_zero_need():
    advice = cheapest_for_need("Thailand")
    assert advice.best.kind == OptionKind.PAY_PER_USE and advice.best.total == D("0.00")


def test_bad_input():
    with pytest.raises(NegativeAmountError):
        cheapest_for_need("Thailand", mb=-1)
    with pytest.raises(QuantityTooLargeError):
        cheapest_for_need("Thailand", mb=10_000_000)
    with pytest.raises(UnknownCountryError):
        cheapest_for_need("Atlantis", mb=1)


def test_large_need_prices_few_remainders(monkeypatch):
    # A large need must not price every bundle stack separately (speed is measured in
    # bench/, not here): only the distinct pay-per-use remainders are computed.
    import knowledge.bundles as module
    calls = []
    original = module._remainder_cost
    monkeypatch.setattr(module, "_remainder_cost", lambda *args: calls.append(args) or original(*args))
    advice = cheapest_for_need("Peru", mb=5000)
    assert advice.best is not None and len(calls) <= 60


def test_bundle_rules():
    rules = bundle_rules()
    assert rules.activation_channels == ("MijnKPN app", "sms")
    assert rules.activation_code_location == "kpn.com/buitenland"
    assert rules.confirmation_sms and rules.usable_immediately and rules.stackable
    assert rules.notifications_percent == (50, 75, 100)
    assert rules.internet_blocked_at_percent == 100 and rules.internet_blocked_on_expiry
    assert rules.calls_and_sms_continue_at_country_rate
    assert rules.choices_when_used_up == ("new_bundle", "keep_block", "lift_block")
    assert rules.separate_agreement and rules.payment == "per bundel"
    assert not rules.protection_counts_bundle_costs
    assert [r.key for r in rules.draws_on_bundle] == [
        "usage_in_zone", "zone_to_nl_eu", "between_zone_countries", "nl_to_zone", "called_in_zone"]
    assert "31 x 24 uur" in rules.validity_text
    assert set(rules.contents) == {"MB's", "minuten", "sms'jes"}
    assert "stapelbaar" in rules.texts["stacking"]


@pytest.mark.parametrize("units, expected, total", [
    (1, [(1, 250)], "2.99"),
    (250, [(1, 250)], "2.99"),
    (700, [(1, 1000)], "7.99"),      # 3 x 250 = 8.97 is dearer than 1 x 1000
    (1200, [(1, 250), (1, 1000)], "10.98"),
    (2000, [(2, 1000)], "15.98"),
])
def test_cheapest_nl_eu_stack(units, expected, total):
    from knowledge.bundles import cheapest_nl_eu_stack
    stack = cheapest_nl_eu_stack(units)
    assert [(c.count, c.bundle.units) for c in stack] == expected
    assert sum(c.cost for c in stack) == D(total)


@pytest.mark.parametrize("text, named", [
    ("4 keer de NL/EU bundel 250 of 1 keer de NL/EU bundel 1000?", [(4, "nl_eu_250"), (1, "nl_eu_1000")]),
    # in words, and a second bundle of the kind named just before
    ("drie keer de NL/EU bundel van tweehonderdvijftig of één bundel van duizend?", [(3, "nl_eu_250"), (1, "nl_eu_1000")]),
    ("de Voordeellanden bundel 100 of de bundel van 500", [(1, "voordeel_100"), (1, "voordeel_500")]),
    ("een bundel van 100", []),  # no kind named
])
def test_bundles_named(text, named):
    from knowledge.bundles import bundles_named
    assert [(c.count, c.bundle.id) for c in bundles_named(text)] == named
