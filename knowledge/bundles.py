"""Which BuitenlandBundel(s) should a traveller buy, and how do the bundles work?

Minutes (calling and being called), sms and MB all draw on the same units of a
BuitenlandBundel (1 unit = 1 minute, 1 sms or 1 MB). Bundles are stackable, so advice
compares pay-per-use, every stack of the zone's bundles, and stacks plus the rest at
pay-per-use. NL/EU needs no BuitenlandBundel (Roam like Home; NL/EU bundels are
ExtraOpties); the satellite zone has no bundles.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from types import MappingProxyType
from typing import Mapping, Optional

from knowledge import quantities
from knowledge.countries import Country, Zone, resolve_country
from knowledge.errors import QuantityTooLargeError
from knowledge.loader import load
from knowledge.price_lists import per_version
from knowledge.money import non_negative, to_decimal
from knowledge.roaming import (CostBreakdown, LineKind, Note, from_netherlands, internet_protection, roaming_cost,
                              zone_rates)

MAX_UNITS = 100_000  # beyond this a stack search is pointless (and slow)


@dataclass(frozen=True)
class Bundle:
    """A BuitenlandBundel or NL/EU bundel. ``validity_days`` only for the one-off NL/EU bundels."""

    id: str
    name: str
    zone: Zone
    units: int
    price: Decimal
    description: str
    one_off: bool
    validity_days: int | None
    source: str


@dataclass(frozen=True)
class BundleCount:
    """``count`` times ``bundle``."""

    bundle: Bundle
    count: int

    @property
    def cost(self) -> Decimal:
        """Price of the stack, e.g. 3 x € 9,99 = Decimal('29.97')."""
        return self.bundle.price * self.count


class OptionKind(str, Enum):
    """How an option pays for the usage."""

    PAY_PER_USE = "pay_per_use"
    BUNDLES = "bundles"
    BUNDLES_PLUS_PAY_PER_USE = "bundles_plus_pay_per_use"


class AdviceReason(str, Enum):
    """Why no BuitenlandBundel is offered."""

    HOME = "home"                         # in the Netherlands
    ROAM_LIKE_HOME = "roam_like_home"     # NL/EU: same as NL; NL/EU bundels are ExtraOpties
    NO_BUNDLES_FOR_ZONE = "no_bundles_for_zone"  # satellite
    KIDS_PLAN = "kids_plan"               # Kids cannot order BuitenlandBundels


@dataclass(frozen=True)
class BundleOption:
    """One way to pay. ``estimate`` is True when a remainder is paid per use: the bundle may
    cover any mix, so the remainder is priced as the most expensive usage (upper bound).
    ``needs_block_lift``: internet would be blocked (bundle used up, or € 60,50 reached)
    and must be unblocked (sms JA to 1330) to use all the data."""

    kind: OptionKind
    bundles: tuple[BundleCount, ...]
    bundle_cost: Decimal
    bundle_units: int
    remainder_units: Decimal
    pay_per_use: CostBreakdown | None
    pay_per_use_cost: Decimal
    total: Decimal
    needs_block_lift: bool
    estimate: bool


@dataclass(frozen=True)
class BundleAdvice:
    """All options ranked cheapest first (``best`` = first); ``reason`` when no bundle fits."""

    country: Country
    zone: Zone
    units_needed: Decimal
    options: tuple[BundleOption, ...]
    reason: AdviceReason | None
    nl_eu_bundles: tuple[Bundle, ...] = ()

    @property
    def best(self) -> BundleOption | None:
        """The cheapest option (None for NL and NL/EU, where no BuitenlandBundel is needed)."""
        return self.options[0] if self.options else None


@dataclass(frozen=True)
class TrafficRule:
    """One kind of traffic that draws on a BuitenlandBundel."""

    key: str
    text: str


@dataclass(frozen=True)
class BundleRules:
    """How BuitenlandBundels are activated, run out and are paid; ``texts`` quote the list."""

    activation_channels: tuple[str, ...]
    activation_code_location: str
    confirmation_sms: bool
    usable_immediately: bool
    contents: tuple[str, ...]
    validity_text: str
    runs_until_text: str
    stackable: bool
    draws_on_bundle: tuple[TrafficRule, ...]
    notifications_percent: tuple[int, ...]
    internet_blocked_at_percent: int
    internet_blocked_on_expiry: bool
    calls_and_sms_continue_at_country_rate: bool
    choices_when_used_up: tuple[str, ...]
    separate_agreement: bool
    payment: str
    kids_can_order: bool
    protection_counts_bundle_costs: bool
    texts: Mapping[str, str]


def _bundle(entry: dict) -> Bundle:
    return Bundle(id=entry["id"], name=entry["name"], zone=Zone(entry["zone"]), units=entry["units"],
                  price=to_decimal(entry["price"]), description=entry["description"],
                  one_off=entry.get("one_off", False), validity_days=entry.get("validity_days"),
                  source=entry["source"])


@per_version
def _all() -> tuple[tuple[Bundle, ...], tuple[Bundle, ...]]:
    data = load("bundles")
    return (tuple(_bundle(e) for e in data["buitenland_bundles"]),
            tuple(_bundle(e) for e in data["nl_eu_bundles"]))


def buitenland_bundles(zone: Zone | None = None) -> list[Bundle]:
    """BuitenlandBundels of a zone (all when None), smallest first.

    >>> [b.price for b in buitenland_bundles(Zone.VOORDEEL)]
    [Decimal('9.99'), Decimal('39.99')]
    """
    return sorted((b for b in _all()[0] if zone is None or b.zone == zone), key=lambda b: b.units)


def nl_eu_bundles() -> list[Bundle]:
    """The one-off NL/EU bundels (ExtraOpties, 31 days).

    >>> [b.name for b in nl_eu_bundles()]
    ['NL/EU bundel 250', 'NL/EU bundel 1000']
    """
    return sorted(_all()[1], key=lambda b: b.units)


def cheapest_nl_eu_stack(units: int | Decimal) -> tuple[BundleCount, ...]:
    """The cheapest stack of NL/EU bundels covering ``units`` minutes, sms'jes or MB's.

    >>> [(c.count, c.bundle.units) for c in cheapest_nl_eu_stack(1200)]
    [(1, 250), (1, 1000)]
    """
    need = non_negative(units, "aantal minuten, sms'jes en MB's")
    if need > MAX_UNITS:
        raise QuantityTooLargeError("aantal minuten, sms'jes en MB's", MAX_UNITS)
    small, large = nl_eu_bundles()[0], nl_eu_bundles()[-1]
    best: tuple[Decimal, tuple[BundleCount, ...]] | None = None
    for n_large in range(math.ceil(need / large.units) + 1):
        rest = max(Decimal(0), need - n_large * large.units)
        n_small = math.ceil(rest / small.units)
        stack = tuple(BundleCount(b, n) for b, n in ((small, n_small), (large, n_large)) if n)
        cost = sum((c.cost for c in stack), Decimal("0.00"))
        if stack and (best is None or cost < best[0]):
            best = (cost, stack)
    return best[1] if best else ()


def find_bundle(bundle_id: str) -> Bundle:
    """A bundle by id (``voordeel_100``, ``nl_eu_250``, ...).

    >>> find_bundle("overig_25").price
    Decimal('14.99')
    """
    for bundle in _all()[0] + _all()[1]:
        if bundle.id == bundle_id:
            return bundle
    raise KeyError(f"unknown bundle {bundle_id!r}")


# A bundle named by its name, with how many of it ("4 keer de NL/EU bundel 250", "2x Voordeellanden bundel 100")
_WORD = quantities.ANY_NUMBER_WORD_PATTERN
# (or its size before the word: "the NL/EU 1000 bundle")
_NAMED_BUNDLE = re.compile(r"(?P<kind>voordeellanden|voordeel|overige\s+landen|nl\s*/?\s*eu)"
                           r"(?:\s+buiten\s+(?:de\s+)?(?:nl\s*/\s*)?eu)?[\s-]*(?:(?:bundel|bundle)\s+(?:van\s+|of\s+)?"
                           rf"(?P<units>\d{{2,4}}\b|{_WORD})|(?P<units_first>\d{{2,4}})[\s-]*(?:bundel|bundle)\b)", re.I)
# "... of één bundel van duizend": a bundle of the kind named just before
_BARE_BUNDLE = re.compile(rf"\b(?:bundel|bundle)\s+(?:van\s+|of\s+)?(?P<units>\d{{2,4}}\b|{_WORD})", re.I)
# How many, right before the bundle ("4 keer de", "drie x", "één"); read on the words before it only, so the
# long number-word pattern is not tried at every position of a long message
_COUNT_BEFORE = re.compile(rf"(?P<count>\d{{1,2}}|{_WORD})\s*(?P<times>keer|x|×|maal|times)?\s+"
                           r"(?:de\s+|een\s+|the\s+|a\s+)?$", re.I)
_COUNT_REACH = 40
_KIND_ZONE = {"voordeellanden": Zone.VOORDEEL, "voordeel": Zone.VOORDEEL, "overige landen": Zone.OVERIG}


def bundles_named(text: str) -> list[BundleCount]:
    """The bundles a message names by name, each with how many, in order.

    >>> [(c.count, c.bundle.id) for c in bundles_named("4 keer de NL/EU bundel 250 of 1 keer de NL/EU bundel 1000?")]
    [(4, 'nl_eu_250'), (1, 'nl_eu_1000')]
    >>> [c.bundle.id for c in bundles_named("de Overige landen buiten EU bundel 100 dan de Voordeellanden bundel 100")]
    ['overig_100', 'voordeel_100']
    >>> [c.bundle.id for c in bundles_named("if I add the NL/EU 1000 bundle once")]
    ['nl_eu_1000']
    """
    return [stack for _, stack in bundles_named_at(text)]


def bundles_named_at(text: str, zone: Optional[Zone] = None) -> list[tuple[int, BundleCount]]:
    """(where, bundles) of each bundle bundles_named finds; ``zone``: the BuitenlandBundels of the
    place talked about, for a bundle named by its size alone ("twee keer de bundel van 100").

    >>> [(at, c.bundle.id) for at, c in bundles_named_at("bundel 25 of de Overige landen bundel 100?")]
    [(16, 'overig_100')]
    >>> [c.bundle.id for _, c in bundles_named_at("2 keer de bundel van 100 of de bundel van 500?", Zone.VOORDEEL)]
    ['voordeel_100', 'voordeel_500']
    """
    found: list[tuple[int, BundleCount]] = []
    spans: list[tuple[int, int, Zone]] = []
    for match in _NAMED_BUNDLE.finditer(text or ""):
        kind = _KIND_ZONE.get(re.sub(r"\s+", " ", match.group("kind").lower()), Zone.NL_EU)
        spans.append((match.start(), match.end(), kind))
        _add_bundle(found, match, kind, text, named=True)
    for match in _BARE_BUNDLE.finditer(text or ""):
        before = [kind for start, end, kind in spans if end <= match.start()] or ([zone] if zone else [])
        if before and not any(start <= match.start() < end for start, end, _ in spans):
            _add_bundle(found, match, before[-1], text, named=False)
    return sorted(found, key=lambda pair: pair[0])


def _add_bundle(found: list[tuple[int, BundleCount]], match: re.Match[str], zone: Zone, text: str,
                named: bool) -> None:
    pool = nl_eu_bundles() if zone == Zone.NL_EU else buitenland_bundles(zone)
    units = match.group("units") or match.groupdict().get("units_first")
    bundle = next((b for b in pool if b.units == quantities.any_number_value(units)), None)
    before = _COUNT_BEFORE.search(text[max(0, match.start() - _COUNT_REACH):match.start()])
    # a bundle named by its kind takes a count with "keer" ("4 keer de NL/EU bundel"); a bare one also
    # without ("één bundel van duizend")
    counted = before is not None and (before.group("times") or not named)
    count = quantities.any_number_value(before.group("count")) if counted else 1
    if bundle is not None and count:
        found.append((match.start() - (len(before.group()) if counted else 0), BundleCount(bundle, count)))


@per_version
def bundle_rules() -> BundleRules:
    """Activation, stacking, validity, notifications, what happens when used up.

    >>> bundle_rules().notifications_percent
    (50, 75, 100)
    """
    rules = load("bundles")["rules"]
    kids = load("subscriptions")["kids"]
    used_up = rules["used_up"]
    return BundleRules(
        activation_channels=tuple(rules["activation"]["channels"]),
        activation_code_location=rules["activation"]["activation_code_location"],
        confirmation_sms=rules["activation"]["confirmation_sms"],
        usable_immediately=rules["activation"]["usable_immediately"],
        contents=tuple(rules["operation"]["contents"]),
        validity_text=rules["operation"]["validity_text"],
        runs_until_text=rules["operation"]["runs_until_text"],
        stackable=rules["operation"]["stackable"],
        draws_on_bundle=tuple(TrafficRule(r["key"], r["text"]) for r in rules["draws_on_bundle"]),
        notifications_percent=tuple(rules["notifications"]["percent"]),
        internet_blocked_at_percent=used_up["internet_blocked_at_percent"],
        internet_blocked_on_expiry=used_up["internet_blocked_on_expiry"],
        calls_and_sms_continue_at_country_rate=used_up["calls_and_sms_continue_at_country_rate"],
        choices_when_used_up=tuple(used_up["choices"]),
        separate_agreement=rules["agreement"]["separate_agreement"],
        payment=rules["agreement"]["payment"],
        kids_can_order=kids["buitenland_bundles_allowed"],
        protection_counts_bundle_costs=internet_protection().buitenlandbundel_costs_counted,
        texts=MappingProxyType({
            "activation": rules["activation"]["text"],
            "operation": rules["operation"]["text"],
            "validity": rules["operation"]["validity_text"],
            "runs_until": rules["operation"]["runs_until_text"],
            "stacking": rules["operation"]["stacking_text"],
            "notifications": rules["notifications"]["text"],
            "used_up": used_up["text"],
            "used_up_choices": used_up["choices_text"],
            "agreement": rules["agreement"]["text"],
            "kids": kids["text"],
        }),
    )


def _remainder_cost(country: Country, need: dict[str, Decimal], remainder: Decimal,
                    from_home: bool = False) -> CostBreakdown:
    """Pay-per-use cost of ``remainder`` units, taken from the most expensive usage first."""
    if from_home:  # calls and texts from the Netherlands: the dearer of the two first
        per_minute, per_sms = from_netherlands(country, call_seconds=60).total, from_netherlands(country, sms=1).total
        left, taken = remainder, {}
        for key in (("call", "sms") if per_minute >= per_sms else ("sms", "call")):
            taken[key] = min(left, need[key])
            left -= taken[key]
        return from_netherlands(country, call_seconds=taken["call"] * 60, sms=taken["sms"])
    rates = zone_rates(country.zone)
    per_unit = sorted(
        (("call", rates.call_per_minute), ("called", rates.called_per_minute or Decimal(0)),
         ("sms", rates.sms), ("mb", rates.data_per_mb or Decimal(0))),
        key=lambda item: item[1], reverse=True)
    left = remainder
    taken = {key: Decimal(0) for key in need}
    for key, _ in per_unit:
        part = min(left, need[key])
        taken[key] = part
        left -= part
    return roaming_cost(country, call_seconds=taken["call"] * 60, called_seconds=taken["called"] * 60,
                        sms=taken["sms"], mb=taken["mb"], block_lifted=True)


def _option(kind: OptionKind, stack: tuple[BundleCount, ...], remainder: Decimal,
            ppu: CostBreakdown | None, estimate: bool) -> BundleOption:
    bundle_cost = sum((s.cost for s in stack), Decimal("0.00"))
    ppu_cost = ppu.uncapped_total if ppu is not None else Decimal("0.00")
    has_data = ppu is not None and any(l.kind == LineKind.DATA and l.quantity > 0 for l in ppu.lines)
    if kind == OptionKind.PAY_PER_USE:
        # Pay-per-use alone is only blocked past the € 60,50 protection.
        needs_lift = ppu is not None and any(Note.BLOCK_LIFTED in l.notes for l in ppu.lines)
    else:
        # Internet is blocked once the bundle is used up; the rest needs the block lifted.
        needs_lift = has_data
    return BundleOption(kind=kind, bundles=stack, bundle_cost=bundle_cost,
                        bundle_units=sum(s.bundle.units * s.count for s in stack),
                        remainder_units=remainder, pay_per_use=ppu, pay_per_use_cost=ppu_cost,
                        total=bundle_cost + ppu_cost, needs_block_lift=needs_lift, estimate=estimate)


def cheapest_for_need(country: Country | str, call_minutes: int | Decimal = 0,
                      called_minutes: int | Decimal = 0, sms: int = 0, mb: int | Decimal = 0,
                      kids_plan: bool = False, from_home: bool = False) -> BundleAdvice:
    """Rank pay-per-use, bundle stacks and stacks + pay-per-use rest for a usage need in
    ``country``; ``from_home``: calls and texts from the Netherlands to ``country``, which also
    go from its BuitenlandBundel (being called and data there do not apply).

    >>> a = cheapest_for_need("Thailand", mb=300)
    >>> [(s.count, s.bundle.units) for s in a.best.bundles], a.best.total
    ([(3, 100)], Decimal('29.97'))
    >>> a = cheapest_for_need("Marokko", call_minutes=100, from_home=True)
    >>> a.best.bundles[0].bundle.name, a.best.total
    ('Overige landen buiten EU bundel 100', Decimal('54.99'))
    >>> [o.total for o in a.options if o.kind == OptionKind.PAY_PER_USE]
    [Decimal('100.00')]
    """
    place = resolve_country(country)
    need = {"call": non_negative(call_minutes, "aantal belminuten"),
            "called": non_negative(called_minutes, "aantal minuten gebeld worden"),
            "sms": non_negative(sms, "aantal sms'jes"), "mb": non_negative(mb, "aantal MB")}
    if from_home:
        need["called"] = need["mb"] = Decimal(0)
    units = sum(need.values(), Decimal(0))
    if units > MAX_UNITS:
        raise QuantityTooLargeError("aantal minuten, sms'jes en MB's", MAX_UNITS)
    zone = place.zone  # read once: it comes from the price list in use
    if zone in (Zone.NL, Zone.NL_EU):
        reason = AdviceReason.HOME if zone == Zone.NL else AdviceReason.ROAM_LIKE_HOME
        return BundleAdvice(country=place, zone=zone, units_needed=units, options=(),
                            reason=reason, nl_eu_bundles=tuple(nl_eu_bundles()))

    if from_home:
        full_ppu = from_netherlands(place, call_seconds=need["call"] * 60, sms=need["sms"])
    else:
        full_ppu = roaming_cost(place, call_seconds=need["call"] * 60, called_seconds=need["called"] * 60,
                                sms=need["sms"], mb=need["mb"], block_lifted=True)
    options = [_option(OptionKind.PAY_PER_USE, (), units, full_ppu, estimate=False)]
    available = buitenland_bundles(zone)
    reason = None
    if not available:
        reason = AdviceReason.NO_BUNDLES_FOR_ZONE
    elif kids_plan:
        reason = AdviceReason.KIDS_PLAN
    elif units > 0:
        small, large = available[0], available[-1]
        remainder_cache: dict[Decimal, CostBreakdown] = {}
        max_large = math.ceil(units / large.units)
        for n_large in range(max_large + 1):
            rest = max(Decimal(0), units - n_large * large.units)
            max_small = math.ceil(rest / small.units)
            for n_small in range(max_small + 1):
                if n_large == n_small == 0 or (small is large and n_small):
                    continue
                stack = tuple(BundleCount(b, n) for b, n in ((small, n_small), (large, n_large)) if n)
                covered = sum(s.bundle.units * s.count for s in stack)
                remainder = max(Decimal(0), units - covered)
                if remainder == 0:
                    options.append(_option(OptionKind.BUNDLES, stack, remainder, None, estimate=False))
                    break  # more small bundles only cost more
                if remainder not in remainder_cache:
                    remainder_cache[remainder] = _remainder_cost(place, need, remainder, from_home)
                options.append(_option(OptionKind.BUNDLES_PLUS_PAY_PER_USE, stack, remainder,
                                       remainder_cache[remainder], estimate=True))
    order = {OptionKind.BUNDLES: 0, OptionKind.PAY_PER_USE: 1, OptionKind.BUNDLES_PLUS_PAY_PER_USE: 2}
    options.sort(key=lambda o: (o.total, order[o.kind], sum(s.count for s in o.bundles)))
    return BundleAdvice(country=place, zone=zone, units_needed=units, options=tuple(options),
                        reason=reason)
