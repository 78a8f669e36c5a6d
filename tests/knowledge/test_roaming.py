from decimal import Decimal as D

import pytest

from knowledge.countries import Zone, country_by_code
from knowledge.errors import NegativeAmountError, UnknownCountryError
from knowledge.roaming import (
    CostBreakdown, LineKind, Note, Rate, billing_rules, call_between, from_netherlands,
    internet_protection, out_of_bundle_nl_eu, roaming_cost, zone_rates,
)


@pytest.mark.parametrize("zone, call, called, sms, data", [
    (Zone.VOORDEEL, "1.00", "0.50", "0.30", "2.50"),
    (Zone.OVERIG, "2.00", "1.00", "0.30", "2.50"),
    (Zone.SATELLIET, "4.25", "1.75", "0.75", "10.00"),
])
def test_zone_rates_abroad(zone, call, called, sms, data):
    rates = zone_rates(zone)
    assert (rates.call_per_minute, rates.called_per_minute, rates.sms, rates.data_per_mb) == (
        D(call), D(called), D(sms), D(data))
    assert rates.call_minimum_seconds == 30
    assert not rates.roam_like_home


def test_zone_rates_nl_eu_are_the_out_of_bundle_prices():
    rates = zone_rates(Zone.NL_EU)
    assert rates.call_per_minute == D("0.23")
    assert rates.sms == D("0.073") and rates.sms_shown == D("0.07")
    assert rates.data_per_mb is None and rates.called_per_minute is None
    assert rates.roam_like_home and rates.out_of_bundle_only
    # calls made in another EU country: 30 s minimum; at home: none
    assert rates.call_minimum_seconds == 30 and zone_rates(Zone.NL).call_minimum_seconds == 0
    assert not zone_rates(Zone.NL).roam_like_home


@pytest.mark.parametrize("country, kwargs, total", [
    # 30-second minimum for calls made outside NL/EU
    ("Canada", dict(call_seconds=10), "0.50"),
    ("Canada", dict(call_seconds=30), "0.50"),
    ("Canada", dict(call_seconds=31), "0.52"),   # 31/60 x 1.00 = 0.5166.. -> 0.52
    ("Canada", dict(call_seconds=900), "15.00"),
    ("Marokko", dict(call_seconds=10), "1.00"),  # 30 s x € 2,00/min
    ("veerboot", dict(call_seconds=10), "2.13"),  # 30 s x € 4,25/min = 2.125 -> half up
    # being called: per second, no minimum
    ("Canada", dict(called_seconds=10), "0.08"),  # 10/60 x 0.50 = 0.0833
    ("Marokko", dict(called_seconds=90), "1.50"),
    ("cruiseschip", dict(called_seconds=60), "1.75"),
    # sms per message
    ("Thailand", dict(sms=3), "0.90"),
    ("Egypte", dict(sms=10), "3.00"),
    ("cruiseschip", dict(sms=2), "1.50"),
    # data per kB
    ("Thailand", dict(mb=D(3)), "7.50"),
    ("Thailand", dict(mb=D("0.5")), "1.25"),
    ("Thailand", dict(mb=D("0.0004")), "0.00"),  # 1 kB x 0.0025 = 0.0025 -> 0.00
    ("Thailand", dict(mb=D("0.001")), "0.00"),
    ("Thailand", dict(mb=D("0.002")), "0.01"),  # 2 kB = 0.005 -> half up
    ("cruiseschip", dict(mb=D(6)), "60.00"),
    # mixed
    ("Thailand", dict(call_seconds=900, called_seconds=125, sms=3, mb=D("1.5")), "20.69"),
])
def test_roaming_cost_totals(country, kwargs, total):
    assert roaming_cost(country, **kwargs).total == D(total)


def test_minimum_is_shown_on_the_line():
    (line,) = roaming_cost("Canada", call_seconds=10).lines
    assert line.kind == LineKind.CALL
    assert (line.quantity, line.billed_quantity, line.unit, line.rate, line.rate_unit) == (
        D(10), D(30), "s", D("1.00"), "min")
    assert line.billed_minutes == D("0.5")
    assert Note.MINIMUM_APPLIED in line.notes
    assert line.amount == D("0.50")


def test_minimum_per_call_with_several_calls():
    # 3 calls of 10 s each: each billed 30 s -> 90 s x € 1,00/min
    assert roaming_cost("Canada", call_seconds=30, calls=3).total == D("1.50")
    assert roaming_cost("Canada", call_seconds=300, calls=3).total == D("5.00")


# Calls made outside the bundle: in Spain (EU, Roam like Home) and outside the EU (Turkije)
# per second with a 30-second minimum per call; in the Netherlands per second without one.
@pytest.mark.parametrize("country, seconds, billed, exact, total", [
    ("Spanje", 1, 30, "0.115", "0.12"),
    ("Spanje", 29, 30, "0.115", "0.12"),
    ("Spanje", 30, 30, "0.115", "0.12"),
    ("Spanje", 31, 31, "0.1188333333333333333333333333", "0.12"),
    ("Spanje", 90, 90, "0.345", "0.35"),
    ("Nederland", 1, 1, "0.003833333333333333333333333333", "0.00"),
    ("Nederland", 29, 29, "0.1111666666666666666666666667", "0.11"),
    ("Nederland", 30, 30, "0.115", "0.12"),
    ("Nederland", 31, 31, "0.1188333333333333333333333333", "0.12"),
    ("Nederland", 90, 90, "0.345", "0.35"),
    ("Turkije", 1, 30, "0.5", "0.50"),
    ("Turkije", 29, 30, "0.5", "0.50"),
    ("Turkije", 30, 30, "0.5", "0.50"),
    ("Turkije", 31, 31, "0.5166666666666666666666666667", "0.52"),
    ("Turkije", 90, 90, "1.5", "1.50"),
])
def test_call_minimum_at_the_boundaries(country, seconds, billed, exact, total):
    (line,) = roaming_cost(country, call_seconds=seconds).lines
    assert (line.billed_quantity, line.exact_amount, line.amount) == (D(billed), D(exact), D(total))
    at_home = country == "Nederland"
    assert line.minimum_seconds == (0 if at_home else 30)
    assert (Note.PER_SECOND_NO_MINIMUM in line.notes) is at_home
    assert (Note.PER_SECOND_MINIMUM in line.notes) is not at_home
    assert (Note.MINIMUM_APPLIED in line.notes) is (not at_home and seconds < 30)


def test_eu_call_minimum_shows_the_exact_amount():
    # 10 s in Spain: 30 s x € 0,23/min = € 0,115, shown as € 0,12 (the list rounds to whole cents)
    cost = roaming_cost("Spanje", call_seconds=10)
    (line,) = cost.lines
    assert (line.quantity, line.billed_quantity, line.rate) == (D(10), D(30), D("0.23"))
    assert line.exact_amount == D("0.115") and line.amount == D("0.12") and line.is_rounded
    assert {Note.ROAM_LIKE_HOME, Note.OUT_OF_BUNDLE_RATE, Note.PER_SECOND_MINIMUM, Note.MINIMUM_APPLIED} <= set(line.notes)
    assert cost.total == D("0.12")
    # the same 10 s in the Netherlands: per second, no minimum
    (home,) = out_of_bundle_nl_eu(call_seconds=10).lines
    assert home.billed_quantity == D(10) and home.amount == D("0.04") and home.minimum_seconds == 0


def test_receiving_a_call_in_spain_has_no_minimum():
    (line,) = roaming_cost("Spanje", called_seconds=10).lines
    assert line.kind == LineKind.CALLED and line.billed_quantity == D(10)
    assert line.minimum_seconds == 0 and Note.MINIMUM_APPLIED not in line.notes
    assert line.amount is None and Note.NOT_IN_PRICE_LIST in line.notes  # the list gives no price


def test_sms_and_exact_amounts():
    (line,) = out_of_bundle_nl_eu(sms=10).lines
    assert line.exact_amount == D("0.730") and not line.is_rounded
    (line,) = out_of_bundle_nl_eu(sms=7).lines
    assert line.exact_amount == D("0.511") and line.amount == D("0.51") and line.is_rounded


def test_being_called_has_no_minimum():
    (line,) = roaming_cost("Canada", called_seconds=10).lines
    assert line.billed_quantity == D(10)
    assert Note.MINIMUM_APPLIED not in line.notes and Note.PER_SECOND_NO_MINIMUM in line.notes


def test_working_shown_per_line():
    cost = roaming_cost("Verenigde Staten", call_seconds=15 * 60)
    (line,) = cost.lines
    assert line.billed_minutes == D(15) and line.rate == D("1.00") and line.amount == D("15.00")
    assert cost.zone == Zone.VOORDEEL and cost.country.code == "US"


def test_internet_protection_blocks_at_60_50():
    cost = roaming_cost("Peru", mb=D(30))
    assert cost.total == D("60.50")
    assert cost.blocked and cost.block_at_mb == D("24.2")
    assert cost.uncapped_total == D("75.00")
    (line,) = cost.lines
    assert Note.INTERNET_BLOCKED in line.notes
    assert line.billed_quantity == D(30000) and line.billed_unit == "kB"


def test_lifted_block_charges_everything():
    cost = roaming_cost("Peru", mb=D(30), block_lifted=True)
    assert cost.total == D("75.00") and not cost.blocked
    assert Note.BLOCK_LIFTED in cost.lines[0].notes


@pytest.mark.parametrize("country, mb, blocked, block_at", [
    ("Peru", D("24.2"), False, D("24.2")),     # exactly € 60,50: reached, nothing cut off
    ("Peru", D("24.201"), True, D("24.2")),
    ("Marokko", D(10), False, D("24.2")),
    ("satelliet", D("6.05"), False, D("6.05")),
    ("satelliet", D(7), True, D("6.05")),
])
def test_block_threshold(country, mb, blocked, block_at):
    cost = roaming_cost(country, mb=mb)
    assert cost.blocked is blocked and cost.block_at_mb == block_at
    assert cost.total <= D("60.50")


def test_protection_only_covers_data():
    cost = roaming_cost("Marokko", call_seconds=3600, mb=D(30))
    assert cost.total == D("120.00") + D("60.50")
    assert cost.uncapped_total == D("120.00") + D("75.00")


@pytest.mark.parametrize("country", ["Frankrijk", "Spanje", "Zwitserland", "Engeland", "Frans-Guyana"])
def test_roam_like_home_says_so_instead_of_inventing(country):
    cost = roaming_cost(country, call_seconds=600, called_seconds=60, sms=10, mb=D(100))
    assert cost.zone == Zone.NL_EU and cost.roam_like_home
    lines = {line.kind: line for line in cost.lines}
    assert lines[LineKind.CALL].amount == D("2.30")
    assert Note.OUT_OF_BUNDLE_RATE in lines[LineKind.CALL].notes
    assert lines[LineKind.SMS].amount == D("0.73") and lines[LineKind.SMS].rate_shown == D("0.07")
    assert lines[LineKind.CALLED].amount is None and Note.NOT_IN_PRICE_LIST in lines[LineKind.CALLED].notes
    assert lines[LineKind.DATA].amount == D("0.00") and Note.DATA_NOT_CHARGED in lines[LineKind.DATA].notes
    assert not cost.complete and cost.total == D("3.03")
    assert not cost.blocked and cost.block_at_mb is None


def test_at_home():
    cost = roaming_cost("Nederland", call_seconds=60)
    assert cost.zone == Zone.NL and not cost.roam_like_home and cost.total == D("0.23")


@pytest.mark.parametrize("kwargs, total", [
    (dict(sms=10), "0.73"),
    (dict(sms=1), "0.07"),
    (dict(sms=7), "0.51"),        # 0.511
    (dict(call_seconds=60), "0.23"),
    (dict(call_seconds=10), "0.04"),  # per second, no minimum: 0.0383
    (dict(call_seconds=600, sms=10), "3.03"),
    (dict(), "0.00"),
])
def test_out_of_bundle_nl_eu(kwargs, total):
    cost = out_of_bundle_nl_eu(**kwargs)
    assert cost.total == D(total)
    assert all(Note.OUT_OF_BUNDLE_RATE in line.notes for line in cost.lines)


def test_sms_shown_rate_vs_actual():
    (line,) = out_of_bundle_nl_eu(sms=10).lines
    assert line.rate == D("0.073") and line.rate_shown == D("0.07")
    assert Note.SMS_RATE_ROUNDED in line.notes


@pytest.mark.parametrize("origin, target, call, sms, minimum", [
    ("Turkije", "Marokko", "2.00", "0.30", 30),      # Voordeel -> Overig
    ("Turkije", "Thailand", "1.00", "0.30", 30),     # Voordeel -> Voordeel
    ("Turkije", "Nederland", "1.00", "0.30", 30),    # Voordeel -> NL/EU
    ("Turkije", "Spanje", "1.00", "0.30", 30),
    ("Turkije", "cruiseschip", "4.25", "0.30", 30),
    ("Marokko", "Nederland", "2.00", "0.30", 30),
    ("Marokko", "Thailand", "2.00", "0.30", 30),
    ("Marokko", "Egypte", "2.00", "0.30", 30),
    ("Marokko", "veerboot", "4.25", "0.30", 30),
    ("veerboot", "Nederland", "4.25", "0.75", 30),
    ("veerboot", "Thailand", "4.25", "0.75", 30),
    ("veerboot", "Egypte", "4.25", "0.75", 30),
    ("veerboot", "cruiseschip", "4.25", "0.75", 30),
    ("Frankrijk", "Thailand", "1.00", None, 30),     # EU -> Voordeel; sms not spelled out
    ("Frankrijk", "Egypte", "2.00", None, 30),
    ("Frankrijk", "veerboot", "4.25", None, 30),
    # from NL: per second, no minimum
    ("Nederland", "Spanje", "0.23", "0.073", 0),
    ("Nederland", "Thailand", "0.30", "0.30", 0),
    ("Nederland", "Egypte", "1.00", "0.30", 0),
    ("Nederland", "veerboot", "4.25", "0.30", 0),
])
def test_call_between_rates(origin, target, call, sms, minimum):
    rate = call_between(origin, target)
    assert isinstance(rate, Rate)
    assert rate.call_per_minute == D(call)
    assert rate.sms == (None if sms is None else D(sms))
    assert rate.minimum_seconds == minimum


def test_eu_to_eu_is_not_applicable_in_the_matrix_but_roam_like_home():
    rate = call_between("Frankrijk", "Spanje")
    assert rate.roam_like_home and Note.ROAM_LIKE_HOME in rate.notes
    # a call made in France: the NL tariff, with the 30-second minimum of calls made abroad
    assert rate.call_per_minute == D("0.23") and rate.minimum_seconds == 30
    assert call_between("Frankrijk", "Nederland").roam_like_home


def test_call_between_bundle_notes():
    assert Note.DRAWS_ON_BUITENLANDBUNDEL in call_between("Thailand", "Nederland").notes
    assert Note.DRAWS_ON_BUITENLANDBUNDEL in call_between("Thailand", "Japan").notes
    assert Note.DRAWS_ON_BUITENLANDBUNDEL not in call_between("Thailand", "Egypte").notes
    assert Note.DRAWS_ON_BUITENLANDBUNDEL not in call_between("veerboot", "Nederland").notes


@pytest.mark.parametrize("origin, target, seconds, sms, total", [
    ("Canada", "Nederland", 10, 0, "0.50"),
    ("Turkije", "Marokko", 10, 0, "1.00"),
    ("Turkije", "Marokko", 600, 2, "20.60"),
    ("Frankrijk", "Spanje", 10, 0, "0.12"),   # Roam like Home, made in France: 30 s x 0.23 = 0.115
    ("Nederland", "Thailand", 10, 0, "0.05"),
])
def test_call_between_costs(origin, target, seconds, sms, total):
    cost = call_between(origin, target, seconds=seconds, sms=sms)
    assert isinstance(cost, CostBreakdown)
    assert cost.total == D(total)
    assert cost.to_country is not None and cost.to_zone == cost.to_country.zone


def test_call_between_with_unpriced_sms_is_incomplete():
    cost = call_between("Frankrijk", "Thailand", seconds=60, sms=1)
    assert cost.total == D("1.00") and not cost.complete


@pytest.mark.parametrize("country, kwargs, total", [
    ("Spanje", dict(call_seconds=600), "2.30"),
    ("Spanje", dict(sms=10), "0.73"),
    ("Thailand", dict(call_seconds=600), "3.00"),
    ("Thailand", dict(sms=2), "0.60"),
    ("Egypte", dict(call_seconds=600), "10.00"),
    ("Egypte", dict(call_seconds=10), "0.17"),  # no minimum from NL
    ("cruiseschip", dict(call_seconds=60, sms=1), "4.55"),
    ("Nederland", dict(call_seconds=60), "0.23"),
])
def test_from_netherlands(country, kwargs, total):
    cost = from_netherlands(country, **kwargs)
    assert cost.total == D(total) and cost.zone == Zone.NL
    assert all(Note.MINIMUM_APPLIED not in line.notes for line in cost.lines)


def test_from_netherlands_to_bundle_zone_draws_on_bundle():
    (line,) = from_netherlands("Thailand", call_seconds=60).lines
    assert Note.DRAWS_ON_BUITENLANDBUNDEL in line.notes


def test_internet_protection_facts():
    p = internet_protection()
    assert p.limit == D("60.50") and p.period == "1 maand"
    assert p.notifications_percent == (80, 100)
    assert not p.buitenlandbundel_costs_counted
    assert (p.lift_keyword, p.lift_number) == ("JA", "1330")
    assert not p.informed_after_lift
    assert p.block_at_mb(D("2.50")) == D("24.2")


def test_billing_rules():
    rules = billing_rules()
    assert rules.no_start_tariff and rules.calls_per_second and rules.data_billed_per_kb
    assert rules.roaming_call_minimum_seconds == 30
    assert rules.sms_max_characters == 160
    assert rules.mb_per_gb == 1000
    assert "minimum van 30 seconden" in rules.texts["roaming_call_minimum"]


def test_country_objects_are_accepted():
    assert roaming_cost(country_by_code("TH"), sms=1).total == D("0.30")


def test_bad_input_is_typed():
    with pytest.raises(NegativeAmountError):
        roaming_cost("Thailand", call_seconds=-1)
    with pytest.raises(NegativeAmountError):
        from_netherlands("Thailand", sms=-2)
    with pytest.raises(UnknownCountryError) as info:
        roaming_cost("Atlantis", sms=1)
    assert info.value.suggestions
