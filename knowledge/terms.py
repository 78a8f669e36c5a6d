"""General conditions of the price list: speeds, notifications, carry-over, fair use
(duurzame band), discounts, payment suspension, validity, VAT and the kpn.com links.

Date arithmetic (plan changes, contract terms, inflation correction) is contract_dates.py.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from knowledge.loader import load
from knowledge.price_lists import active


@dataclass(frozen=True)
class Speeds:
    """Max 500 Mbit/s; after the allowance 64 Kbit/s down / 32 Kbit/s up, not charged."""

    max_mbit_per_s: int
    reduced_down_kbit_per_s: int
    reduced_up_kbit_per_s: int
    reduced_usage_charged: bool
    coverage_map_url: str
    max_text: str
    requirements_text: str
    reduced_text: str
    source: str


@dataclass(frozen=True)
class Notification:
    """When an sms notification is sent (``id``: bundle, hussel_unlimited_day_bundle,
    tablet_data, buitenland_bundle, internet_protection)."""

    id: str
    percent: tuple[int, ...]
    text: str
    source: str


@dataclass(frozen=True)
class BundleTerms:
    """Bundle validity (1 maand) and carry-over (not possible)."""

    validity: str
    carry_over: bool
    carry_over_text: str
    tablet_carry_over_text: str
    source: str


@dataclass(frozen=True)
class FairUse:
    """Roam like Home only with a 'duurzame band' with NL; 2 weeks to adapt when in doubt."""

    condition_text: str
    examples: tuple[str, ...]
    check_text: str
    adapt_weeks: int
    adapt_text: str
    more_info_text: str
    source: str


@dataclass(frozen=True)
class QuotedTerm:
    """A condition quoted from the price list (``items`` for listed sub-points)."""

    text: str
    source: str
    items: tuple[str, ...] = ()
    url: str | None = None


@dataclass(frozen=True)
class PriceListConditions:
    """Validity date, VAT, reservations and where to look for more."""

    valid_from: date
    vat_included: bool
    text: str
    latest_url: str
    invoice_url: str
    customer_service_number: str
    source: str


def speeds() -> Speeds:
    """Network speed limits.

    >>> speeds().reduced_down_kbit_per_s, speeds().reduced_up_kbit_per_s
    (64, 32)
    """
    s = load("terms")["speeds"]
    return Speeds(max_mbit_per_s=s["max_mbit_per_s"], reduced_down_kbit_per_s=s["reduced_down_kbit_per_s"],
                  reduced_up_kbit_per_s=s["reduced_up_kbit_per_s"],
                  reduced_usage_charged=s["reduced_usage_charged"], coverage_map_url=s["coverage_map_url"],
                  max_text=s["max_text"], requirements_text=s["requirements_text"],
                  reduced_text=s["reduced_text"], source=s["source"])


def notifications() -> list[Notification]:
    """All notification rules.

    >>> [n.percent for n in notifications() if n.id == "hussel_unlimited_day_bundle"]
    [(80, 100)]
    """
    return [Notification(id=n["id"], percent=tuple(n["percent"]), text=n["text"], source=n["source"])
            for n in load("terms")["notifications"]]


def bundle_terms() -> BundleTerms:
    """Bundle validity and carry-over.

    >>> bundle_terms().carry_over
    False
    """
    b = load("terms")["bundle"]
    return BundleTerms(validity=b["validity"], carry_over=b["carry_over"],
                       carry_over_text=b["carry_over_text"],
                       tablet_carry_over_text=b["tablet_carry_over_text"], source=b["source"])


def fair_use() -> FairUse:
    """Roam-like-Home fair use ('duurzame band met Nederland').

    >>> fair_use().adapt_weeks
    2
    """
    f = load("terms")["fair_use"]
    return FairUse(condition_text=f["condition_text"], examples=tuple(f["examples"]),
                   check_text=f["check_text"], adapt_weeks=f["adapt_weeks"], adapt_text=f["adapt_text"],
                   more_info_text=f["more_info_text"], source=f["source"])


def discounts() -> QuotedTerm:
    """Discounts may have applied when signing: see the bill or contract.

    >>> "korting" in discounts().text
    True
    """
    d = load("terms")["discounts"]
    return QuotedTerm(text=d["text"], source=d["source"], items=tuple(d["where_to_look"]))


def payment_suspension() -> QuotedTerm:
    """Right to suspend payment on an attributable shortcoming, and what is not one.

    >>> len(payment_suspension().items)
    2
    """
    p = load("terms")["payment_suspension"]
    return QuotedTerm(text=p["right_text"], source=p["source"], items=tuple(p["not_attributable"]))


def other_tariffs() -> list[QuotedTerm]:
    """Pointers: other tariffs outside NL/EU and for paid service numbers.

    >>> len(other_tariffs())
    2
    """
    return [QuotedTerm(text=o["text"], source=o["source"]) for o in load("terms")["other_tariffs"]]


def general_terms() -> QuotedTerm:
    """General terms at kpn.com/allevoorwaarden.

    >>> general_terms().url
    'kpn.com/allevoorwaarden'
    """
    g = load("terms")["general_terms"]
    return QuotedTerm(text=g["text"], source=g["source"], url=g["url"])


def price_list_conditions() -> PriceListConditions:
    """Valid from 28 September 2020, prices incl. VAT, questions: 1200.

    >>> price_list_conditions().valid_from
    datetime.date(2020, 9, 28)
    """
    c = load("terms")["price_list_conditions"]
    url = links()
    return PriceListConditions(valid_from=valid_from(), vat_included=c["vat_included"],
                               text=c["text"], latest_url=url["latest_tariffs"], invoice_url=url["invoice"],
                               customer_service_number=load("services")["customer_service"]["number"],
                               source=c["source"])


def valid_from() -> date:
    """The date the price list in use applies from (contracts from then on).

    >>> valid_from().isoformat()
    '2020-09-28'
    """
    return active().valid_from


def vat_included() -> bool:
    """All prices include VAT ('inclusief btw').

    >>> vat_included()
    True
    """
    return bool(load("terms")["price_list_conditions"]["vat_included"])


def links() -> dict[str, str]:
    """kpn.com links by id (general_terms, network, inflation_correction, abroad, invoice,
    devices, latest_tariffs, mb_sharing).

    >>> links()["abroad"]
    'kpn.com/buitenland'
    """
    return {link["id"]: link["url"] for link in load("terms")["links"]}
