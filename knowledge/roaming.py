"""What does calling, being called, sms and data cost abroad, between zones and from NL?

Billing rules of the price list: no start tariff; calls per second; calls made abroad
("Bellen in en buiten de EU": in an EU / Roam like Home country other than the
Netherlands when paid outside the bundle, in the zones outside NL/EU, zone to zone) with
a 30-second minimum per call; calls made in the Netherlands without minimum; being called
per second without minimum; sms per message; data per kB (1 GB = 1000 MB).
Every line is computed exactly in Decimal (``exact_amount``) and rounded to whole cents
(half up) once, at the end of the line (``amount``), as the price list rounds its amounts.
Pay-per-use data abroad stops at the € 60,50 internet protection unless the customer
lifted the block (sms JA to 1330).
In NL/EU the Roam like Home rule applies: the same tariffs as in the Netherlands; the
only prices the list gives there are the out-of-bundle ones (€ 0,23/min, sms 7,3 cent),
and data beyond the allowance is not charged (the speed is reduced).
Figures come from the price list in use (``knowledge.price_lists``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping
from decimal import ROUND_CEILING, Decimal
from enum import Enum

from knowledge.countries import Country, Zone, resolve_country, zone_label
from knowledge.loader import load
from knowledge.price_lists import per_version
from knowledge.money import non_negative, round_cents, to_decimal

_ABROAD = (Zone.VOORDEEL, Zone.OVERIG, Zone.SATELLIET)
SECONDS_PER_MINUTE = Decimal(60)


class LineKind(str, Enum):
    """Kind of usage on a cost line."""

    CALL = "call"
    CALLED = "called"
    SMS = "sms"
    DATA = "data"


class Note(str, Enum):
    """Machine-readable remarks; the dialogue turns them into Dutch sentences."""

    MINIMUM_APPLIED = "minimum_applied"                # billed time raised to 30 s per call
    PER_SECOND_MINIMUM = "per_second_minimum"          # per second, minimum line.minimum_seconds per call
    PER_SECOND_NO_MINIMUM = "per_second_no_minimum"    # being called / calls made in NL
    ROAM_LIKE_HOME = "roam_like_home"                  # same tariffs as in NL (fair use applies)
    OUT_OF_BUNDLE_RATE = "out_of_bundle_rate"          # price only applies outside the bundle
    SMS_RATE_ROUNDED = "sms_rate_rounded"              # list shows € 0,07, actual 7,3 cent
    DATA_NOT_CHARGED = "data_not_charged"              # beyond the allowance: speed reduced, free
    NOT_IN_PRICE_LIST = "not_in_price_list"            # the price list gives no price for this
    INTERNET_BLOCKED = "internet_blocked"              # € 60,50 protection reached
    BLOCK_LIFTED = "block_lifted"                      # JA to 1330: full cost, no more warnings
    DRAWS_ON_BUITENLANDBUNDEL = "draws_on_buitenlandbundel"  # a BuitenlandBundel would pay this


@dataclass(frozen=True)
class CostLine:
    """One usage line: ``quantity unit`` billed as ``billed_quantity billed_unit`` at ``rate``
    per ``rate_unit`` gives ``amount`` (None when the price list has no price for it).

    Calls: quantity/billed in seconds ('s'), rate per 'min'. Sms: 'sms', rate per 'sms'.
    Data: quantity in 'MB', billed in 'kB', rate per 'MB'.
    ``exact_amount`` is the amount before rounding to whole cents (30 s x € 0,23/min =
    Decimal('0.115'), ``amount`` Decimal('0.12')); ``minimum_seconds`` the minimum per call
    that applies to a call line (0: per second without minimum).
    """

    kind: LineKind
    quantity: Decimal
    unit: str
    billed_quantity: Decimal
    billed_unit: str
    rate: Decimal | None
    rate_unit: str
    rate_shown: Decimal | None
    amount: Decimal | None
    notes: tuple[Note, ...] = ()
    exact_amount: Decimal | None = None
    minimum_seconds: int = 0

    @property
    def is_rounded(self) -> bool:
        """The amount was rounded to whole cents (``exact_amount`` differs from ``amount``)."""
        return self.amount is not None and self.exact_amount is not None and self.exact_amount != self.amount

    @property
    def billed_minutes(self) -> Decimal:
        """Billed call time in minutes (calls only), e.g. Decimal('0.5') for 30 s."""
        return self.billed_quantity / SECONDS_PER_MINUTE


@dataclass(frozen=True)
class CostBreakdown:
    """Cost of some usage. ``total`` sums the priced lines; ``complete`` is False when a
    line has no price. ``blocked``: the € 60,50 protection cut the data off after
    ``block_at_mb`` MB (``uncapped_total`` is what it would cost with the block lifted).
    """

    zone: Zone
    country: Country | None
    lines: tuple[CostLine, ...]
    total: Decimal
    uncapped_total: Decimal
    complete: bool
    blocked: bool = False
    block_at_mb: Decimal | None = None
    roam_like_home: bool = False
    to_zone: Zone | None = None
    to_country: Country | None = None
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class ZoneRates:
    """Tariffs while in a zone. For NL and NL/EU only the out-of-bundle prices exist
    (``called_per_minute`` and ``data_per_mb`` are None: not priced / not charged).
    ``call_minimum_seconds``: minimum per call made there (30 abroad, NL/EU included; 0 in NL)."""

    zone: Zone
    label: str
    call_per_minute: Decimal
    called_per_minute: Decimal | None
    sms: Decimal
    sms_shown: Decimal
    data_per_mb: Decimal | None
    call_minimum_seconds: int
    roam_like_home: bool
    out_of_bundle_only: bool
    source: str


@dataclass(frozen=True)
class Rate:
    """Per-minute call and per-sms rate from one zone to another (``call_between``)."""

    from_zone: Zone
    to_zone: Zone
    call_per_minute: Decimal | None
    sms: Decimal | None
    sms_shown: Decimal | None
    minimum_seconds: int
    roam_like_home: bool
    notes: tuple[Note, ...]
    source: str


@dataclass(frozen=True)
class InternetProtection:
    """'Bescherming Internet Buitenland': data abroad blocks at ``limit`` within ``period``."""

    limit: Decimal
    period: str
    notifications_percent: tuple[int, ...]
    buitenlandbundel_costs_counted: bool
    lift_keyword: str
    lift_number: str
    informed_after_lift: bool
    text: str
    source: str

    def block_at_mb(self, data_per_mb: Decimal) -> Decimal:
        """MB after which the block hits at a per-MB rate: 60.50 / 2.50 -> Decimal('24.2')."""
        return (self.limit / data_per_mb).normalize()


@dataclass(frozen=True)
class BillingRules:
    """How usage is metered (quoted texts keyed by rule)."""

    no_start_tariff: bool
    calls_per_second: bool
    roaming_call_minimum_seconds: int
    call_minimum_zones: frozenset[Zone]
    sms_max_characters: int
    data_billed_per_kb: bool
    mb_per_gb: int
    texts: Mapping[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------- data access

@per_version
def _rates() -> dict:
    return load("rates")


@per_version
def billing_rules() -> BillingRules:
    """Metering rules of the price list.

    >>> billing_rules().roaming_call_minimum_seconds
    30
    """
    rules = {r["key"]: r for r in _rates()["billing"]}
    return BillingRules(
        no_start_tariff=True,
        calls_per_second=True,
        roaming_call_minimum_seconds=rules["roaming_call_minimum"]["value"],
        call_minimum_zones=frozenset(Zone(z) for z in rules["roaming_call_minimum"]["applies_in_zones"]),
        sms_max_characters=rules["sms_per_message"]["value"],
        data_billed_per_kb=True,
        mb_per_gb=rules["data_per_kb"]["value"],
        texts=MappingProxyType({key: rule["text"] for key, rule in rules.items()}),
    )


@per_version
def internet_protection() -> InternetProtection:
    """The € 60,50 'Bescherming Internet Buitenland'.

    >>> internet_protection().limit
    Decimal('60.50')
    """
    p = _rates()["internet_protection"]
    return InternetProtection(
        limit=to_decimal(p["limit"]), period=p["period"],
        notifications_percent=tuple(p["notifications_percent"]),
        buitenlandbundel_costs_counted=p["buitenlandbundel_costs_counted"],
        lift_keyword=p["lift_keyword"], lift_number=p["lift_number"],
        informed_after_lift=p["informed_after_lift"], text=p["text"], source=p["source"])


def call_minimum_seconds(zone: Zone) -> int:
    """Minimum billed seconds per call made in ``zone`` (0: per second without minimum).

    >>> call_minimum_seconds(Zone.NL_EU), call_minimum_seconds(Zone.NL)
    (30, 0)
    """
    rules = billing_rules()
    return rules.roaming_call_minimum_seconds if zone in rules.call_minimum_zones else 0


def _out_of_bundle() -> dict[str, Decimal]:
    oob = _rates()["out_of_bundle_nl_eu"]
    return {"call_per_minute": to_decimal(oob["call_per_minute"]), "sms_shown": to_decimal(oob["sms_shown"]),
            "sms_actual": to_decimal(oob["sms_actual"])}


def _roaming_row(zone: Zone) -> dict:
    return next(r for r in _rates()["roaming"] if r["zone"] == zone.value)


@per_version
def zone_rates(zone: Zone) -> ZoneRates:
    """Tariffs while in ``zone`` (roaming table; NL/NL-EU: out-of-bundle prices).

    >>> zone_rates(Zone.OVERIG).call_per_minute
    Decimal('2.00')
    """
    if zone in (Zone.NL, Zone.NL_EU):
        oob = _out_of_bundle()
        return ZoneRates(
            zone=zone, label=zone_label(zone), call_per_minute=oob["call_per_minute"],
            called_per_minute=None, sms=oob["sms_actual"], sms_shown=oob["sms_shown"], data_per_mb=None,
            call_minimum_seconds=call_minimum_seconds(zone), roam_like_home=zone == Zone.NL_EU,
            out_of_bundle_only=True, source=_rates()["out_of_bundle_nl_eu"]["source"])
    row = _roaming_row(zone)
    return ZoneRates(
        zone=zone, label=row["label"], call_per_minute=to_decimal(row["call_per_minute"]),
        called_per_minute=to_decimal(row["called_per_minute"]), sms=to_decimal(row["sms"]),
        sms_shown=to_decimal(row["sms"]), data_per_mb=to_decimal(row["data_per_mb"]),
        call_minimum_seconds=call_minimum_seconds(zone), roam_like_home=False, out_of_bundle_only=False,
        source=row["source"])


# ---------------------------------------------------------------- line builders

def _call_line(kind: LineKind, seconds: Decimal, rate: Decimal | None, minimum: int, calls: int,
               notes: tuple[Note, ...]) -> CostLine:
    billed = seconds
    line_notes = list(notes)
    if seconds > 0 and rate is not None:
        if minimum:
            line_notes.append(Note.PER_SECOND_MINIMUM)
            floor = Decimal(minimum * max(calls, 1))
            if seconds < floor:
                billed = floor
                line_notes.append(Note.MINIMUM_APPLIED)
        elif Note.PER_SECOND_NO_MINIMUM not in line_notes:
            line_notes.append(Note.PER_SECOND_NO_MINIMUM)
    exact = None if rate is None else rate * billed / SECONDS_PER_MINUTE
    return CostLine(kind=kind, quantity=seconds, unit="s", billed_quantity=billed, billed_unit="s",
                    rate=rate, rate_unit="min", rate_shown=rate,
                    amount=None if exact is None else round_cents(exact), notes=tuple(line_notes),
                    exact_amount=exact, minimum_seconds=minimum if rate is not None else 0)


def _sms_line(count: Decimal, rate: Decimal | None, shown: Decimal | None,
              notes: tuple[Note, ...]) -> CostLine:
    line_notes = list(notes)
    if rate is not None and shown is not None and rate != shown:
        line_notes.append(Note.SMS_RATE_ROUNDED)
    exact = None if rate is None else rate * count
    return CostLine(kind=LineKind.SMS, quantity=count, unit="sms", billed_quantity=count,
                    billed_unit="sms", rate=rate, rate_unit="sms", rate_shown=shown,
                    amount=None if exact is None else round_cents(exact), notes=tuple(line_notes),
                    exact_amount=exact)


def _kilobytes(mb: Decimal) -> Decimal:
    # Data is billed per started kB.
    return (mb * 1000).to_integral_value(rounding=ROUND_CEILING)


def _breakdown(zone: Zone, country: Country | None, lines: list[CostLine], **extra) -> CostBreakdown:
    lines = [line for line in lines if line.quantity > 0]
    total = sum((line.amount for line in lines if line.amount is not None), Decimal("0.00"))
    uncapped = extra.pop("uncapped_total", None)
    return CostBreakdown(zone=zone, country=country, lines=tuple(lines), total=total,
                         uncapped_total=total if uncapped is None else uncapped,
                         complete=all(line.amount is not None for line in lines), **extra)


# ---------------------------------------------------------------- public API

def out_of_bundle_nl_eu(call_seconds: int | Decimal = 0, sms: int = 0) -> CostBreakdown:
    """Cost outside the bundle at the NL/EU tariff, for usage in the Netherlands: € 0,23 per
    minute, per second without minimum; sms 7,3 cent. Calls made outside the bundle in
    another EU country have a 30-second minimum per call: ``roaming_cost(country, ...)``.

    >>> out_of_bundle_nl_eu(call_seconds=10).total
    Decimal('0.04')
    >>> out_of_bundle_nl_eu(sms=10).total
    Decimal('0.73')
    """
    rates = zone_rates(Zone.NL_EU)
    notes = (Note.OUT_OF_BUNDLE_RATE,)
    lines = [
        _call_line(LineKind.CALL, non_negative(call_seconds, "aantal belseconden"), rates.call_per_minute,
                   0, 1, notes),
        _sms_line(non_negative(sms, "aantal sms'jes"), rates.sms, rates.sms_shown, notes),
    ]
    return _breakdown(Zone.NL_EU, None, lines, notes=notes)


def roaming_cost(country: Country | str, call_seconds: int | Decimal = 0,
                 called_seconds: int | Decimal = 0, sms: int = 0, mb: Decimal | int = Decimal(0),
                 block_lifted: bool = False, calls: int = 1) -> CostBreakdown:
    """Pay-per-use cost of usage while in ``country`` (no BuitenlandBundel).

    ``calls`` spreads ``call_seconds`` over that many equally long calls for the
    30-second minimum per call (default: one call). NL/EU countries: Roam like Home,
    priced at the out-of-bundle tariff, calls with the 30-second minimum (being called:
    not priced; data: not charged). The Netherlands: per second, no minimum.

    >>> roaming_cost("Canada", call_seconds=10).total
    Decimal('0.50')
    >>> line = roaming_cost("Spanje", call_seconds=10).lines[0]
    >>> line.billed_quantity, line.exact_amount, line.amount
    (Decimal('30'), Decimal('0.115'), Decimal('0.12'))
    >>> b = roaming_cost("Peru", mb=30); (b.total, b.blocked, b.block_at_mb)
    (Decimal('60.50'), True, Decimal('24.2'))
    """
    place = resolve_country(country)
    call_s = non_negative(call_seconds, "aantal belseconden")
    called_s = non_negative(called_seconds, "aantal seconden gebeld worden")
    sms_n = non_negative(sms, "aantal sms'jes")
    mb_n = non_negative(mb, "aantal MB")
    zone = place.zone  # read once: it comes from the price list in use
    rates = zone_rates(zone)

    if zone in (Zone.NL, Zone.NL_EU):
        rlh = zone == Zone.NL_EU
        base = (Note.ROAM_LIKE_HOME,) if rlh else ()
        oob = base + (Note.OUT_OF_BUNDLE_RATE,)
        lines = [
            _call_line(LineKind.CALL, call_s, rates.call_per_minute, rates.call_minimum_seconds, calls, oob),
            _call_line(LineKind.CALLED, called_s, None, 0, 1, base + (Note.NOT_IN_PRICE_LIST,)),
            _sms_line(sms_n, rates.sms, rates.sms_shown, oob),
            CostLine(kind=LineKind.DATA, quantity=mb_n, unit="MB", billed_quantity=_kilobytes(mb_n),
                     billed_unit="kB", rate=Decimal("0.00"), rate_unit="MB", rate_shown=None,
                     amount=Decimal("0.00"), notes=base + (Note.DATA_NOT_CHARGED,),
                     exact_amount=Decimal("0.00")),
        ]
        return _breakdown(zone, place, lines, roam_like_home=rlh, notes=base)

    bundle_note = () if zone == Zone.SATELLIET else (Note.DRAWS_ON_BUITENLANDBUNDEL,)
    lines = [
        _call_line(LineKind.CALL, call_s, rates.call_per_minute, rates.call_minimum_seconds, calls,
                   bundle_note),
        _call_line(LineKind.CALLED, called_s, rates.called_per_minute, 0, 1, bundle_note),
        _sms_line(sms_n, rates.sms, rates.sms_shown, bundle_note),
    ]
    protection = internet_protection()
    assert rates.data_per_mb is not None  # zones abroad always have a data rate
    block_at = protection.block_at_mb(rates.data_per_mb)
    kb = _kilobytes(mb_n)
    raw_data = kb * rates.data_per_mb / 1000
    uncapped_data = round_cents(raw_data)
    # Compared before rounding: a cost a fraction of a cent past € 60,50 already blocks.
    blocked = not block_lifted and raw_data > protection.limit
    data_notes = list(bundle_note)
    if blocked:
        data_notes.append(Note.INTERNET_BLOCKED)
    elif block_lifted and raw_data > protection.limit:
        data_notes.append(Note.BLOCK_LIFTED)
    lines.append(CostLine(kind=LineKind.DATA, quantity=mb_n, unit="MB", billed_quantity=kb,
                          billed_unit="kB", rate=rates.data_per_mb, rate_unit="MB",
                          rate_shown=rates.data_per_mb,
                          amount=protection.limit if blocked else uncapped_data,
                          notes=tuple(data_notes), exact_amount=protection.limit if blocked else raw_data))
    others = sum((line.amount for line in lines[:-1] if line.quantity > 0 and line.amount), Decimal("0.00"))
    return _breakdown(zone, place, lines, blocked=blocked, block_at_mb=block_at,
                      uncapped_total=others + (uncapped_data if mb_n > 0 else Decimal("0.00")))


def _matrix_column(zone: Zone) -> str:
    return {Zone.NL: "to_nl_eu", Zone.NL_EU: "to_nl_eu", Zone.VOORDEEL: "to_voordeel",
            Zone.OVERIG: "to_overig", Zone.SATELLIET: "to_satelliet"}[zone]


def _zone_to_zone_rate(cell: str) -> Decimal:
    """A zone-to-zone cell: the calling rate of the roaming zone it names, or its own amount."""
    if cell in Zone.__members__:
        return to_decimal(_roaming_row(Zone(cell))["call_per_minute"])
    return to_decimal(cell)


def _rate_between(from_zone: Zone, to_zone: Zone) -> Rate:
    data = _rates()
    minimum = call_minimum_seconds(from_zone)
    if from_zone == Zone.NL:
        row = next(r for r in data["from_netherlands"]
                   if r["zone"] == (Zone.NL_EU if to_zone == Zone.NL else to_zone).value)
        if row.get("rates_of") == "out_of_bundle_nl_eu":
            prices = _out_of_bundle()
        else:
            prices = {key: to_decimal(row[key]) for key in ("call_per_minute", "sms_shown", "sms_actual")}
        notes: tuple[Note, ...] = (Note.PER_SECOND_NO_MINIMUM,)
        if to_zone in (Zone.NL, Zone.NL_EU):
            notes += (Note.OUT_OF_BUNDLE_RATE,)
        elif to_zone in (Zone.VOORDEEL, Zone.OVERIG):
            notes += (Note.DRAWS_ON_BUITENLANDBUNDEL,)
        return Rate(from_zone=from_zone, to_zone=to_zone, call_per_minute=prices["call_per_minute"],
                    sms=prices["sms_actual"], sms_shown=prices["sms_shown"],
                    minimum_seconds=minimum, roam_like_home=False, notes=notes, source=row["source"])
    row = next(r for r in data["zone_to_zone"]["rows"] if r["from_zone"] == from_zone.value)
    cell = row[_matrix_column(to_zone)]
    if cell is None:  # 'N.v.t.': inside NL/EU it is Roam like Home, i.e. the NL tariff
        oob = zone_rates(Zone.NL_EU)
        return Rate(from_zone=from_zone, to_zone=to_zone, call_per_minute=oob.call_per_minute,
                    sms=oob.sms, sms_shown=oob.sms_shown, minimum_seconds=minimum, roam_like_home=True,
                    notes=(Note.ROAM_LIKE_HOME, Note.OUT_OF_BUNDLE_RATE), source=row["source"])
    if from_zone == Zone.NL_EU:
        # The sms rate 'as for sms abroad' is not spelled out for sms from NL/EU to other zones.
        sms, shown, notes = None, None, (Note.NOT_IN_PRICE_LIST,)
    else:
        roam = zone_rates(from_zone)
        sms, shown, notes = roam.sms, roam.sms_shown, ()
        if from_zone != Zone.SATELLIET and (to_zone in (Zone.NL, Zone.NL_EU) or to_zone == from_zone):
            notes = (Note.DRAWS_ON_BUITENLANDBUNDEL,)
    return Rate(from_zone=from_zone, to_zone=to_zone, call_per_minute=_zone_to_zone_rate(cell), sms=sms,
                sms_shown=shown, minimum_seconds=minimum, roam_like_home=False, notes=notes,
                source=row["source"])


def call_between(from_country: Country | str, to_country: Country | str,
                 seconds: int | Decimal | None = None, sms: int = 0,
                 calls: int = 1) -> CostBreakdown | Rate:
    """Calling (and sms) from one country to another: the ``Rate``, or the cost of
    ``seconds`` of calling plus ``sms`` messages when ``seconds`` is given.

    >>> call_between("Turkije", "Marokko").call_per_minute
    Decimal('2.00')
    >>> call_between("Canada", "Nederland", seconds=10).total
    Decimal('0.50')
    """
    origin, target = resolve_country(from_country), resolve_country(to_country)
    rate = _rate_between(origin.zone, target.zone)
    if seconds is None:
        return rate
    lines = [
        _call_line(LineKind.CALL, non_negative(seconds, "aantal belseconden"), rate.call_per_minute,
                   rate.minimum_seconds, calls, rate.notes),
        _sms_line(non_negative(sms, "aantal sms'jes"), rate.sms, rate.sms_shown, rate.notes),
    ]
    return _breakdown(origin.zone, origin, lines, roam_like_home=rate.roam_like_home,
                      to_zone=target.zone, to_country=target,
                      notes=(Note.ROAM_LIKE_HOME,) if rate.roam_like_home else ())


def from_netherlands(country: Country | str, call_seconds: int | Decimal = 0, sms: int = 0) -> CostBreakdown:
    """Calling / texting from the Netherlands to ``country`` (per second, no minimum).

    >>> from_netherlands("Thailand", call_seconds=600).total
    Decimal('3.00')
    """
    target = resolve_country(country)
    rate = _rate_between(Zone.NL, target.zone)
    lines = [
        _call_line(LineKind.CALL, non_negative(call_seconds, "aantal belseconden"), rate.call_per_minute,
                   0, 1, rate.notes),
        _sms_line(non_negative(sms, "aantal sms'jes"), rate.sms, rate.sms_shown, rate.notes),
    ]
    return _breakdown(Zone.NL, None, lines, to_zone=target.zone, to_country=target)
