"""Euro amounts: Decimal conversion, cent rounding and Dutch formatting ("€ 1.250,50")."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.numbers import format_currency

CENT = Decimal("0.01")
# Plain space after the sign (Babel's nl default is a no-break space, which breaks
# chat clients and test comparisons); the '##' keeps sub-cent rates like 0,0454 exact.
_EUR_PATTERN = "¤ #,##0.00"
_RATE_PATTERN = "¤ #,##0.00##"


def to_decimal(value: str | int | Decimal) -> Decimal:
    """Convert a data-file string or int to Decimal; floats are refused (they are inexact).

    >>> to_decimal("0.073")
    Decimal('0.073')
    """
    if isinstance(value, bool) or isinstance(value, float):
        raise TypeError(f"amount must be a decimal string, not {type(value).__name__}: {value!r}")
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError) as exc:
        raise ValueError(f"not a decimal amount: {value!r}") from exc


def round_cents(amount: Decimal) -> Decimal:
    """Round to whole cents, half up (the price list rounds to 'hele centen').

    >>> round_cents(Decimal("0.725"))
    Decimal('0.73')
    """
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def format_eur(amount: Decimal) -> str:
    """Dutch euro notation rounded to cents.

    >>> format_eur(Decimal("1250.5"))
    '€ 1.250,50'
    """
    return format_currency(round_cents(amount), "EUR", format=_EUR_PATTERN, locale="nl_NL",
                           currency_digits=False)


def format_rate(amount: Decimal) -> str:
    """Dutch euro notation keeping sub-cent precision (up to 4 decimals) for tariffs.

    >>> format_rate(Decimal("0.073"))
    '€ 0,073'
    """
    return format_currency(amount, "EUR", format=_RATE_PATTERN, locale="nl_NL",
                           currency_digits=False)


def non_negative(value: str | int | Decimal, field: str) -> Decimal:
    """``to_decimal`` that refuses negatives with a typed error naming the (Dutch) field.

    >>> non_negative(3, "aantal sms'jes")
    Decimal('3')
    """
    from knowledge.errors import NegativeAmountError  # errors imports money lazily too

    number = to_decimal(value)
    if number < 0:
        raise NegativeAmountError(field)
    return number
