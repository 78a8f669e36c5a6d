"""Shared Phrase builders: the customer-service pointer, "the documents do not say",
percentages, amounts and sentences as list items, and a knowledge error as a phrase."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Iterable, Optional

from actions.phrasebook import Phrase
from knowledge import services
from knowledge.contract_dates import EARLIEST_SUPPORTED, LATEST_SUPPORTED, ContractDateError
from knowledge.errors import DeviceValueTooHighError, KnowledgeInputError, NegativeAmountError, QuantityTooLargeError

__all__ = ["customer_service", "silent", "percents", "sentences", "knowledge_error", "amount", "over_a_period"]


def customer_service(lower: bool = False) -> Phrase:
    """'Bel de klantenservice van KPN via 1200 (gratis).' (lower: 'bel ...' mid-sentence)."""
    desk = services.customer_service()
    key = "common.customer_service_lower" if lower else "common.customer_service"
    return Phrase(key, number=desk.number, price=desk.price_text)


def silent(what: Phrase) -> Phrase:
    """The documents do not say: say so, and where to ask."""
    return Phrase("common.silent", what=what, service=customer_service())


def percents(values: Iterable[int]) -> tuple[Phrase, ...]:
    return tuple(Phrase("common.percent", n=v) for v in values)


def amount(value: Decimal) -> Phrase:
    """A euro amount as a list item."""
    return Phrase("common.amount", amount=value)


def over_a_period(name: Phrase | str, monthly: Decimal, months: int) -> Phrase:
    """"Hussel ... kost € 31,50 per maand, dus over 24 maanden 24 × € 31,50 = € 756,00." (a year: "per jaar")."""
    key = "common.per_year" if months == 12 else "common.over_months"
    return Phrase(key, name=name, price=monthly, months=months, total=monthly * months)


def sentences(*parts: Optional[Phrase]) -> Phrase:
    """Sentences that form one paragraph; None parts are left out."""
    return Phrase("common.sentences", items=tuple(p for p in parts if p is not None))


def knowledge_error(error: KnowledgeInputError, **dates: date) -> Phrase:
    """A value knowledge/ cannot answer for, phrased from the error's type and values.

    `dates` are the dates the answer passed, by role (activation, change, contract_start,
    checked, notice: a `common.date_role_<role>` phrase), in the order knowledge/ checks
    them; the first outside the supported window is named when a date is out of range.
    """
    if isinstance(error, NegativeAmountError):
        return Phrase("common.error_negative", field=error.field)
    if isinstance(error, QuantityTooLargeError):
        return Phrase("common.error_too_large", field=error.field, limit=error.limit)
    if isinstance(error, DeviceValueTooHighError):
        return Phrase("common.error_device_value", value=error.value, maximum=error.maximum)
    if isinstance(error, ContractDateError) and error.code == "out_of_range":
        for role, day in dates.items():
            if day < EARLIEST_SUPPORTED:
                return Phrase("common.error_date_past", what=Phrase(f"common.date_role_{role}"), day=day)
            if day > LATEST_SUPPORTED:
                return Phrase("common.error_date_future", what=Phrase(f"common.date_role_{role}"), day=day)
    return Phrase("common.error_other", service=customer_service())
