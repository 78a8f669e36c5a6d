from decimal import Decimal

import pytest

from knowledge.errors import NegativeAmountError
from knowledge.money import format_eur, format_rate, non_negative, round_cents, to_decimal


@pytest.mark.parametrize("amount, expected", [
    ("1250.5", "€ 1.250,50"),
    ("19", "€ 19,00"),
    ("0.073", "€ 0,07"),
    ("0.725", "€ 0,73"),  # half up, not banker's rounding
    ("60.50", "€ 60,50"),
    ("1000000", "€ 1.000.000,00"),
    ("-3.5", "-€ 3,50"),
])
def test_format_eur(amount, expected):
    assert format_eur(Decimal(amount)) == expected


@pytest.mark.parametrize("amount, expected", [
    ("0.073", "€ 0,073"),
    ("0.0454", "€ 0,0454"),
    ("1.00", "€ 1,00"),
    ("0.075", "€ 0,075"),
    ("2.5", "€ 2,50"),
])
def test_format_rate(amount, expected):
    assert format_rate(Decimal(amount)) == expected


def test_plain_space_after_euro_sign():
    assert "\xa0" not in format_eur(Decimal("1.5")) + format_rate(Decimal("0.073"))


@pytest.mark.parametrize("amount, expected", [
    ("0.005", "0.01"), ("0.004", "0.00"), ("1.045", "1.05"), ("2.675", "2.68"), ("10", "10.00"),
])
def test_round_cents_half_up(amount, expected):
    assert round_cents(Decimal(amount)) == Decimal(expected)


def test_to_decimal_refuses_floats_and_bools():
    assert to_decimal("0.073") == Decimal("0.073")
    assert to_decimal(5) == Decimal(5)
    with pytest.raises(TypeError):
        to_decimal(0.1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        to_decimal(True)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        to_decimal("vijf")


def test_non_negative():
    assert non_negative("3", "aantal") == Decimal(3)
    with pytest.raises(NegativeAmountError) as info:
        non_negative(-1, "aankoopbedrag")
    assert info.value.message == "Het aankoopbedrag kan niet negatief zijn."
