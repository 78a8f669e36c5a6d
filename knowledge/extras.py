"""Which ExtraOpties exist, what do they cost, and on what terms?"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from knowledge.bundles import find_bundle
from knowledge.countries import normalize
from knowledge.loader import load
from knowledge.price_lists import per_version
from knowledge.matching import distinct_in_order
from knowledge.money import to_decimal


@dataclass(frozen=True)
class Extra:
    """An ExtraOptie. ``price`` per month (one-off for NL/EU bundels: ``one_off``); None with
    ``free`` True for 'gratis', or None with ``price_text`` (Toestelverzekering: see the
    insurance premiums). ``listed_for``: 'mobiel' and/or 'mobiel_internet' (tablet plans)."""

    id: str
    name: str
    description: str
    price: Decimal | None
    free: bool
    price_text: str | None
    one_off: bool
    android_only: bool
    mandatory_for: str | None
    removable: bool
    listed_for: tuple[str, ...]
    keywords: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class ExtrasAgreement:
    """ExtraOpties are separate agreements, paid monthly, renewed tacitly unless one-off,
    start immediately and are settled per calendar month."""

    separate_agreement: bool
    paid: str
    tacitly_renewed_monthly: bool
    starts_immediately: bool
    settled_per: str
    kids_can_order: bool
    text: str
    source: str


def _extra(entry: dict) -> Extra:
    bundle = find_bundle(entry["bundle_id"]) if "bundle_id" in entry else None
    price = bundle.price if bundle else (to_decimal(entry["price"]) if "price" in entry else None)
    return Extra(
        id=entry["id"], name=entry["name"],
        description=bundle.description if bundle else entry["description"],
        price=price, free=entry.get("free", False), price_text=entry.get("price_text"),
        one_off=bool(bundle and bundle.one_off), android_only=entry.get("android_only", False),
        mandatory_for=entry.get("mandatory_for"), removable=entry.get("removable", True),
        listed_for=tuple(entry["listed_for"]), keywords=tuple(entry["keywords"]), source=entry["source"])


@per_version
def _extras() -> tuple[Extra, ...]:
    return tuple(_extra(e) for e in load("extras")["extras"])


def extras(for_tablet: bool = False) -> list[Extra]:
    """All ExtraOpties in price-list order (``for_tablet``: those listed for Mobiel Internet).

    >>> [e.name for e in extras(for_tablet=True)]
    ['KPN WiFi', 'NL/EU bundel 250', 'NL/EU bundel 1000', 'KPN Spotify Premium', '5G']
    """
    return [e for e in _extras() if not for_tablet or "mobiel_internet" in e.listed_for]


@per_version
def _keyword_patterns() -> tuple[tuple[re.Pattern[str], int, Extra], ...]:
    patterns = []
    for extra in _extras():
        for keyword in (extra.name,) + extra.keywords:
            key = normalize(keyword)
            patterns.append((re.compile(rf"(?<!\w){re.escape(key)}(?!\w)"), len(key), extra))
    return tuple(patterns)


def extra_by_id(extra_id: str) -> Extra | None:
    """The ExtraOptie with this id (as kept in a conversation), or None.

    >>> extra_by_id(find_extra("ToestelVeilig").id).android_only
    True
    """
    return next((extra for extra in _extras() if extra.id == extra_id), None)


def find_extra(text: str) -> Extra | None:
    """The ExtraOptie a message is about (longest matching name/keyword wins).

    >>> find_extra("wat kost spotify?").price
    Decimal('9.99')
    """
    key = normalize(text)
    best: tuple[int, Extra] | None = None
    for pattern, length, extra in _keyword_patterns():
        if (best is None or length > best[0]) and pattern.search(key):
            best = (length, extra)
    return best[1] if best else None


def find_extras(text: str) -> list[Extra]:
    """Every ExtraOptie a message names, in order ("spotify en 5g" -> both); a keyword
    inside a longer match ("NL/EU bundel 1000" holds "bundel") does not count twice.

    >>> [e.price for e in find_extras("spotify premium en 5g erbij")]
    [Decimal('9.99'), Decimal('2.50')]
    """
    key = normalize(text)
    return distinct_in_order((m.start(), m.end(), extra) for pattern, _, extra in _keyword_patterns()
                             for m in pattern.finditer(key))


def extras_priced(amount: Decimal) -> list[Extra]:
    """The paid ExtraOpties that cost exactly ``amount`` (an amount seen on a bill).

    >>> [e.name for e in extras_priced(Decimal("3.96"))]
    ["KleinZakelijke extra's"]
    >>> extras_priced(Decimal("3.97"))
    []
    """
    return [extra for extra in _extras() if extra.price is not None and not extra.free and extra.price == amount]


def extras_agreement() -> ExtrasAgreement:
    """Terms of ExtraOpties (monthly, tacitly renewed, per calendar month).

    >>> extras_agreement().settled_per
    'kalendermaand'
    """
    a = load("extras")["agreement"]
    return ExtrasAgreement(separate_agreement=a["separate_agreement"], paid=a["paid"],
                           tacitly_renewed_monthly=a["tacitly_renewed_monthly"],
                           starts_immediately=a["starts_immediately"], settled_per=a["settled_per"],
                           kids_can_order=load("subscriptions")["kids"]["extra_options_allowed"],
                           text=a["text"], source=a["source"])
