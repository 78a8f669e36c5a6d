from decimal import Decimal as D

import pytest

from knowledge.errors import DeviceValueTooHighError, KnowledgeInputError, NegativeAmountError
from knowledge.insurance import Coverage, insurance_rules, max_device_value, premium, premium_table


@pytest.mark.parametrize("value, standaard, extra, lower, upper", [
    ("0", "5.99", "6.99", "0.00", "350.00"),
    ("350", "5.99", "6.99", "0.00", "350.00"),
    ("350.50", "8.99", "9.99", "351.00", "650.00"),   # between bands -> next band
    ("351", "8.99", "9.99", "351.00", "650.00"),
    ("500", "8.99", "9.99", "351.00", "650.00"),
    ("650", "8.99", "9.99", "351.00", "650.00"),
    ("650.01", "10.99", "11.99", "651.00", "950.00"),
    ("950", "10.99", "11.99", "651.00", "950.00"),
    ("951", "12.99", "14.99", "951.00", "1650.00"),
    ("1000", "12.99", "14.99", "951.00", "1650.00"),
    ("1650", "12.99", "14.99", "951.00", "1650.00"),
    ("1651", "16.99", "19.99", "1651.00", "2300.00"),
    ("2000", "16.99", "19.99", "1651.00", "2300.00"),
    ("2300", "16.99", "19.99", "1651.00", "2300.00"),
    ("2301", "21.99", "24.99", "2301.00", "3000.00"),
    ("3000", "21.99", "24.99", "2301.00", "3000.00"),
])
def test_premiums_and_band_boundaries(value, standaard, extra, lower, upper):
    quote = premium(D(value))
    assert quote.premium(Coverage.STANDAARD) == D(standaard)
    assert quote.premium(Coverage.EXTRA) == D(extra)
    assert (quote.band.lower, quote.band.upper) == (D(lower), D(upper))
    assert [p.coverage for p in quote.premiums] == [Coverage.STANDAARD, Coverage.EXTRA]


def test_single_coverage():
    quote = premium(2000, Coverage.EXTRA)
    (only,) = quote.premiums
    assert only.monthly_premium == D("19.99") and only.coverage == Coverage.EXTRA
    assert "diefstal" in only.covers and "verlies" in only.covers
    assert premium(2000, Coverage.STANDAARD).premiums[0].covers == ("val-, druk en vochtschade",)


@pytest.mark.parametrize("value", ["3000.01", "3500", "100000"])
def test_above_3000_is_a_typed_error(value):
    with pytest.raises(DeviceValueTooHighError) as info:
        premium(D(value))
    assert isinstance(info.value, KnowledgeInputError)
    assert info.value.maximum == D("3000.00")
    assert "€ 3.000,00" in info.value.message


def test_negative_is_a_typed_error():
    with pytest.raises(NegativeAmountError):
        premium(D("-1"))


def test_premium_table_and_max():
    assert max_device_value() == D("3000.00")
    table = premium_table(Coverage.STANDAARD)
    assert [p for _, p in table] == [D(x) for x in ("5.99", "8.99", "10.99", "12.99", "16.99", "21.99")]
    assert [p for _, p in premium_table(Coverage.EXTRA)] == [
        D(x) for x in ("6.99", "9.99", "11.99", "14.99", "19.99", "24.99")]


def test_insurance_rules():
    rules = insurance_rules()
    assert rules.refurbished_excluded and "Refurbished" in rules.refurbished_text
    assert rules.coverage_terms_url == "kpn.com/allevoorwaarden"
    assert rules.separate_agreement and rules.paid == "per maand"
    assert rules.cancellable == "maandelijks opzegbaar"
    assert rules.max_device_value == D("3000.00")
