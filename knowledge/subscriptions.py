"""Which KPN Mobiel subscription fits, and what do plans, devices and connection cost?

Hussel plans come in two lines of six (150 min/sms, or onbeperkt bellen/sms) with 0, 2, 5,
15, 25 GB or onbeperkt data; plus Kids 1 GB and the 'Hussel 2019 Mobiel Internet' tablet
plans.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal
from enum import Enum

from knowledge import quantities
from knowledge.loader import load
from knowledge.price_lists import per_version
from knowledge.money import non_negative, to_decimal
from knowledge.roaming import out_of_bundle_nl_eu

UNLIMITED_CALLS_THRESHOLD = 150  # minutes/sms in the smaller line


class PlanKind(str, Enum):
    """Product family of a plan."""

    HUSSEL = "hussel"
    KIDS = "kids"
    TABLET = "tablet"


@dataclass(frozen=True)
class Plan:
    """A subscription. ``data_gb`` is the NL/EU data (None = onbeperkt in NL, then
    ``data_eu_gb`` applies in the EU); ``minutes_sms`` None = onbeperkt bellen/sms (tablet
    plans have no minutes: None and ``unlimited_calls`` False). Tablet plans carry the
    with-tablet (2 jaar) price in ``monthly_price_with_device``."""

    id: str
    name: str
    kind: PlanKind
    monthly_price: Decimal
    data_gb: Decimal | None
    data_eu_gb: Decimal | None
    unlimited_data: bool
    minutes_sms: int | None
    unlimited_calls: bool
    source: str
    price_terms: str | None = None
    monthly_price_with_device: Decimal | None = None
    device_term: str | None = None


@dataclass(frozen=True)
class PlanAdvice:
    """Cheapest plan(s) for a need: one per calling line asked for, cheapest first.

    ``data_unknown``: no data need given (cheapest data per line). ``over_limit_data``: more
    data than the largest fixed bundle (25 GB; tablet 10 GB): Hussel then only fits with
    'onbeperkt data', a tablet plan not at all (``options`` empty, ``best`` None)."""

    options: tuple[Plan, ...]
    data_gb: Decimal | None
    unlimited_calls: bool | None
    minutes: int | None
    data_unknown: bool
    over_limit_data: bool

    @property
    def best(self) -> Plan | None:
        """The cheapest fitting plan (None when nothing fits)."""
        return self.options[0] if self.options else None


@dataclass(frozen=True)
class KidsRules:
    """Restrictions of Kids 1 GB en onbeperkt bellen/sms."""

    standalone: bool
    switch_to_hussel_within_contract: bool
    extra_options_allowed: bool
    buitenland_bundles_allowed: bool
    connection_fee: bool
    text: str
    connection_fee_text: str
    source: str


@dataclass(frozen=True)
class UnlimitedDataRules:
    """How 'Hussel onbeperkt data' works in NL (5 GB day bundles) and in the EU (25 GB)."""

    daily_bundle_nl_gb: int
    free_option: str
    eu_limit_gb_per_month: int
    extra_eu_bundle_price: Decimal
    extra_eu_bundle_mb: int
    sharing_max_gb_per_month: int
    day_bundle_notifications_percent: tuple[int, ...]
    daily_bundle_text: str
    eu_limit_text: str
    sharing_text: str
    source: str


@dataclass(frozen=True)
class ConnectionFee:
    """'Aansluitkosten' for a new subscription (not for Kids)."""

    amount: Decimal
    only_new_subscription: bool
    kids_exempt: bool
    tablet_amount: Decimal
    text: str
    source: str


@dataclass(frozen=True)
class DeviceInstalments:
    """Monthly device price range and on which contract terms a device can be paid monthly."""

    product: str
    min_per_month: Decimal
    max_per_month: Decimal
    instalment_terms: tuple[str, ...]
    one_off_only_terms: tuple[str, ...]
    text: str
    source: str


def _gb(value: int | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _plan(entry: dict, kind: PlanKind) -> Plan:
    minutes = entry["minutes_sms"]
    unlimited_data = entry.get("data_nl") == "onbeperkt"
    return Plan(
        id=entry["id"], name=entry["name"], kind=kind, monthly_price=to_decimal(entry["monthly_price"]),
        data_gb=None if unlimited_data else _gb(entry["data_nl_eu_gb"]),
        data_eu_gb=_gb(entry["data_eu_gb"]) if unlimited_data else _gb(entry["data_nl_eu_gb"]),
        unlimited_data=unlimited_data,
        minutes_sms=None if minutes == "onbeperkt" else minutes,
        unlimited_calls=minutes == "onbeperkt", source=entry["source"])


@per_version
def _plans() -> tuple[Plan, ...]:
    return tuple(_plan(e, PlanKind.HUSSEL) for e in load("subscriptions")["hussel"])


@per_version
def _tablet_plans() -> tuple[Plan, ...]:
    return tuple(
        Plan(id=e["id"], name=e["name"], kind=PlanKind.TABLET,
             monthly_price=to_decimal(e["monthly_price_sim_only"]), data_gb=_gb(e["data_nl_eu_gb"]),
             data_eu_gb=_gb(e["data_nl_eu_gb"]), unlimited_data=False, minutes_sms=None,
             unlimited_calls=False, source=e["source"], price_terms=e["sim_only_terms"],
             monthly_price_with_device=to_decimal(e["monthly_price_with_tablet"]),
             device_term=e["with_tablet_term"])
        for e in load("subscriptions")["tablet"])


def plans() -> list[Plan]:
    """The 12 Hussel plans, 150 line then onbeperkt line, each by data.

    >>> plans()[0].name, plans()[0].monthly_price
    ('Hussel 0 GB en 150 min/sms', Decimal('19.00'))
    """
    return list(_plans())


def kids_plan() -> Plan:
    """Kids 1 GB en onbeperkt bellen/sms.

    >>> kids_plan().monthly_price
    Decimal('17.50')
    """
    return _plan(load("subscriptions")["kids"]["plan"], PlanKind.KIDS)


def kids_rules() -> KidsRules:
    """What a Kids plan cannot do (switch to Hussel, ExtraOpties, BuitenlandBundels).

    >>> kids_rules().buitenland_bundles_allowed
    False
    """
    k = load("subscriptions")["kids"]
    return KidsRules(standalone=k["standalone"],
                     switch_to_hussel_within_contract=k["switch_to_hussel_within_contract"],
                     extra_options_allowed=k["extra_options_allowed"],
                     buitenland_bundles_allowed=k["buitenland_bundles_allowed"],
                     connection_fee=k["connection_fee"], text=k["text"],
                     connection_fee_text=k["connection_fee_text"], source=k["source"])


def tablet_plans() -> list[Plan]:
    """The 'Hussel 2019 Mobiel Internet' plans (sim only price; with-tablet price too).

    >>> [p.monthly_price for p in tablet_plans()]
    [Decimal('15.00'), Decimal('30.00')]
    """
    return list(_tablet_plans())


def find_plan(data_gb: Decimal | int | None, unlimited_calls: bool, tablet: bool = False) -> Plan | None:
    """The plan with exactly this data (None = 'onbeperkt data') on this calling line.

    >>> find_plan(15, unlimited_calls=False).monthly_price
    Decimal('31.50')
    """
    if tablet:
        return next((p for p in _tablet_plans() if p.data_gb == _dec(data_gb)), None)
    for plan in _plans():
        if plan.unlimited_calls != unlimited_calls:
            continue
        if (data_gb is None and plan.unlimited_data) or (
                data_gb is not None and plan.data_gb is not None and plan.data_gb == Decimal(data_gb)):
            return plan
    return None


# A tablet plan named by its data: "Mobiel Internet 1 GB", "10 GB voor mijn tablet", "tablet met 1 GB"
_TABLET_PLAN = re.compile(rf"\bmobiel(e)?\s+internet\s+(?P<a>\d{{1,2}}|{quantities.ANY_NUMBER_WORD_PATTERN})\s*gb\b|"
                          r"(?P<b>\d{1,2})\s*gb\b[^.?!,]{0,30}?\btablet|"
                          r"\btablet\w*\b[^.?!,]{0,20}?\b(?P<c>\d{1,2})\s*gb\b", re.I)
_KIDS_PLAN = re.compile(r"\bkids(\s*abonnement|\s+1\s*gb|\s+plan)?\b", re.I)


def other_lines_named(text: str) -> list[Plan]:
    """The plans other than Hussel a message names next to one, for a sum per month: a tablet
    plan by its data ("plus Mobiel Internet 1 GB voor mijn tablet") and the Kids plan.

    >>> [p.name for p in other_lines_named("Hussel 0 GB met 150 min plus Mobiel Internet 1 GB voor mijn tablet")]
    ['Hussel 2019 Mobiel Internet 1 GB']
    >>> [p.name for p in other_lines_named("Hussel 5 GB en een Kids abonnement voor mijn dochter")]
    ['Kids 1 GB en onbeperkt bellen/sms']
    """
    return [plan for _, plan in other_lines_at(text)]


def other_lines_at(text: str) -> list[tuple[int, Plan]]:
    """(where, plan) of each plan other_lines_named finds.

    >>> [(at, p.name) for at, p in other_lines_at("Hussel 5 GB of Kids?")]
    [(15, 'Kids 1 GB en onbeperkt bellen/sms')]
    """
    found: list[tuple[int, Plan]] = []
    hussel = [start for start, _ in _plan_mentions(text or "")]
    for match in _TABLET_PLAN.finditer(text or ""):
        if any(match.start() <= start < match.end() for start in hussel):
            continue  # "Hussel 10 GB voor mijn tablet": the Hussel plan's own volume
        volume = match.group("a") or match.group("b") or match.group("c")
        data_gb = quantities.any_number_value(volume.lower())
        plan = find_plan(Decimal(data_gb), False, tablet=True) if data_gb is not None else None
        if plan is not None and all(plan != other for _, other in found):
            found.append((match.start(), plan))
    kids = _KIDS_PLAN.search(text or "")
    if kids:
        found.append((kids.start(), kids_plan()))
    return sorted(found, key=lambda pair: pair[0])


@dataclass(frozen=True)
class PlanMention:
    """A Hussel plan a message names: its data (None = onbeperkt data) and calling line
    (None when the message does not say)."""

    data_gb: Decimal | None
    unlimited_calls: bool | None

    @property
    def key(self) -> str:
        """Compact form for the dialogue state: "5:limited", "unlimited:unlimited", "15:"."""
        calls = {True: "unlimited", False: "limited", None: ""}[self.unlimited_calls]
        return f"{'unlimited' if self.data_gb is None else self.data_gb}:{calls}"

    @classmethod
    def from_key(cls, key: str) -> PlanMention:
        data, _, calls = key.partition(":")
        return cls(None if data == "unlimited" else Decimal(data),
                   {"unlimited": True, "limited": False}.get(calls))


# "Hussel vijftien GB", "twenty-five GB": a volume in words
_PLAN_DATA = re.compile(r"(?<![\d.,])(?P<gb>\d{1,3}(?:[.,]\d)?)\s*(?:gb|gig|giga|gigabyte)\b"
                        r"|(?P<gbword>[^\W\d]+)\s*(?:gb|gig|giga|gigabyte)\b"
                        r"|(?P<unlimited>\b(?:onbeperkte?|unlimited)\s+(?:data|internet)\b)", re.I)
# ... the words before the unit, read back from it ("twenty-five GB", "one hundred GB")
_VOLUME_WORD_BEFORE = re.compile(rf"{quantities.ANY_NUMBER_WORD_PATTERN}$", re.I)
_THRESHOLD_WORDS = r"honderdvijftig|(?:one\s+|a\s+)?hundred\s+(?:and\s+)?fifty"
_CALL_LINE = re.compile(rf"(?P<few>\b(?:{UNLIMITED_CALLS_THRESHOLD}|{_THRESHOLD_WORDS})\s*"
                        r"(?:min|minuten|minutes|belminuten|bel)\w*)"
                        r"|(?P<many>\b(?:onbeperkte?|unlimited)\s+(?:bel|min|sms|call|text)\w*)", re.I)
# What makes a volume a plan ("Hussel 5 GB", "naar 15 GB", "ik heb nu 2 GB"), not a need ("ik gebruik 5 GB")
_PLAN_BEFORE = re.compile(r"\b(hussel|abonnement|plan|subscription|naar|to|van|from|overstap\w*|switch\w*|"
                          r"heb\s+(nu\s+)?(een\s+)?|have\s+(a\s+|the\s+)?|met|with|dezelfde|same|the|is|de|het)\s*$", re.I)
# ... and after a plan, the next one in a comparison ("Hussel 5 GB en 25 GB", "5 GB or 15 GB")
_NEXT_PLAN_BEFORE = re.compile(r"\b(en|of|and|or|vs|versus|tegenover|dan|than)(\s+(die|de|het|the|that|mijn|my))?\s*$",
                               re.I)
_KIDS_BEFORE = re.compile(r"\bkids\s*$", re.I)
_CALL_LINE_REACH = 40  # characters after the volume in which its calling line is named


def _volume_in_words(before_unit: str) -> Decimal | None:
    """The number written out at the end of ``before_unit`` ("Hussel vijftien", "twenty-five"), or None."""
    words = _VOLUME_WORD_BEFORE.search(before_unit)
    value = quantities.any_number_value(words.group().lower()) if words else None
    return Decimal(value) if value is not None else None


def plans_named(text: str) -> tuple[PlanMention, ...]:
    """The Hussel plans a message names, in order. A plan without its calling line takes the
    one named with the plan before it ("van 2 GB met 150 min naar 15 GB": both 150 min/sms).

    >>> [m.key for m in plans_named("Ik heb Hussel 5 GB met 150 min/sms. Wat kost 15 GB met onbeperkt bellen?")]
    ['5:limited', '15:unlimited']
    >>> [m.key for m in plans_named("ik gebruik ongeveer 5 GB per maand")]
    []
    >>> [m.key for m in plans_named("Hussel 15 GB of Hussel 25 GB, allebei met 150 minuten/sms?")]
    ['15:limited', '25:limited']
    """
    if not isinstance(text, str):
        return ()
    return tuple(mention for _, mention in _plan_mentions(text))


def plan_mentions(text: str) -> tuple[tuple[int, PlanMention], ...]:
    """(where, mention) of each Hussel plan plans_named finds.

    >>> [(at, m.key) for at, m in plan_mentions("of Hussel 5 GB?")]
    [(10, '5:')]
    """
    return _plan_mentions(text) if isinstance(text, str) else ()


# One message is read for plans by the dialogue and again by its answer: the last ones are kept.
@lru_cache(maxsize=256)
def _plan_mentions(text: str) -> tuple[tuple[int, PlanMention], ...]:
    """(where, mention) of each Hussel plan a message names (see plans_named)."""
    found = list(_PLAN_DATA.finditer(text))
    mentions: list[PlanMention] = []
    starts: list[int] = []
    for i, data in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        line = _CALL_LINE.search(text[data.end():min(end, data.end() + _CALL_LINE_REACH)])
        before = text[max(0, data.start() - 25):data.start()]
        if _KIDS_BEFORE.search(before):
            continue  # "Kids 1 GB en onbeperkt bellen/sms" is no Hussel plan
        if line is None and not _PLAN_BEFORE.search(before) and not (mentions and _NEXT_PLAN_BEFORE.search(before)):
            continue
        calls = None if line is None else bool(line.group("many"))
        if calls is None and mentions:
            calls = mentions[-1].unlimited_calls
        gb = None if data.group("unlimited") else Decimal(data.group("gb").replace(",", ".")) if data.group("gb") \
            else _volume_in_words(text[max(0, data.end("gbword") - 40):data.end("gbword")])
        if gb is None and not data.group("unlimited"):
            continue
        mentions.append(PlanMention(gb, calls))
        starts.append(data.start())
    if len(mentions) >= 2 and mentions[-1].unlimited_calls is not None \
            and _BOTH_WITH.search(text[starts[-1]:starts[-1] + _CALL_LINE_REACH + 40]):
        # "Hussel 15 GB en Hussel 25 GB, allebei met 150 minuten": the line said for both
        mentions = [PlanMention(m.data_gb, mentions[-1].unlimited_calls) if m.unlimited_calls is None else m
                    for m in mentions]
    return tuple(zip(starts, mentions))


_BOTH_WITH = re.compile(r"\b(allebei|allemaal|beide|beiden|both|each)\s+(met|with)\b", re.I)


_THAN = re.compile(r"\b(duurder|goedkoper|meer|minder|more|cheaper|less|expensive|pricier)\b.{0,60}?\b(dan|than)\b",
                   re.I | re.S)


def plans_compared(text: str) -> tuple[PlanMention, ...]:
    """The plans a message names, the one compared against first ("hoeveel duurder is 15 GB
    dan die 2 GB?": 2 GB, then 15 GB); without a comparison, in the order named.

    >>> [m.key for m in plans_compared("hoeveel duurder is Hussel 15 GB met onbeperkt bellen dan 2 GB?")]
    ['2:unlimited', '15:unlimited']
    """
    if not isinstance(text, str):
        return ()
    found = _plan_mentions(text)
    than = _THAN.search(text) if len(found) >= 2 else None
    before = [mention for start, mention in found if than is None or start < than.end()]
    after = [mention for start, mention in found if than is not None and start >= than.end()]
    if not before or not after:
        return tuple(mention for _, mention in found)
    return (after[0],) + tuple(before)


def _dec(value: Decimal | int | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def advise_plan(data_gb: Decimal | int | None = None, unlimited_calls: bool | None = None,
                minutes: int | None = None, tablet: bool = False) -> PlanAdvice:
    """Cheapest plan with at least ``data_gb`` (more than 25 GB -> onbeperkt data), on the
    onbeperkt line when ``unlimited_calls`` or ``minutes`` > 150, on the 150 line when
    ``unlimited_calls`` is False or minutes <= 150; both lines when unknown.
    ``tablet``: choose among the Mobiel Internet plans instead.

    >>> advise_plan(4, unlimited_calls=True).best.name
    'Hussel 5 GB en onbeperkt bellen/sms'
    """
    need = None if data_gb is None else non_negative(data_gb, "aantal GB")
    if minutes is not None and minutes < 0:
        non_negative(minutes, "aantal minuten")
    candidates = _tablet_plans() if tablet else _plans()
    fitting = [p for p in candidates
               if need is None or p.unlimited_data or (p.data_gb is not None and p.data_gb >= need)]
    if tablet:
        lines: list[bool | None] = [None]
    elif unlimited_calls or (minutes is not None and minutes > UNLIMITED_CALLS_THRESHOLD):
        lines = [True]
    elif unlimited_calls is False or minutes is not None:
        lines = [False]
    else:
        lines = [False, True]
    options = []
    for line in lines:
        pool = [p for p in fitting if line is None or p.unlimited_calls == line]
        if pool:
            options.append(min(pool, key=lambda p: p.monthly_price))
    options.sort(key=lambda p: p.monthly_price)
    largest_finite = max(p.data_gb for p in candidates if p.data_gb is not None)
    return PlanAdvice(options=tuple(options), data_gb=need, unlimited_calls=unlimited_calls,
                      minutes=minutes, data_unknown=need is None,
                      over_limit_data=need is not None and need > largest_finite)


@dataclass(frozen=True)
class MonthWithCalls:
    """A month of a plan with the minutes called: those past its allowance at the rate outside
    the bundle (per second, no starting rate)."""

    plan: Plan
    minutes_called: Decimal
    minutes_over: Decimal
    cost_over: Decimal

    @property
    def total(self) -> Decimal:
        return self.plan.monthly_price + self.cost_over


def month_with_calls(plan: Plan, minutes_called: Decimal | int) -> MonthWithCalls:
    """What a month of ``plan`` costs when ``minutes_called`` minutes are called in the Netherlands.

    >>> month = month_with_calls(find_plan(5, unlimited_calls=False), 250)
    >>> month.minutes_over, month.cost_over, month.total
    (Decimal('100'), Decimal('23.00'), Decimal('49.50'))
    >>> month_with_calls(find_plan(5, unlimited_calls=True), 250).total
    Decimal('27.50')
    """
    called = non_negative(minutes_called, "aantal belminuten")
    over = max(Decimal(0), called - plan.minutes_sms) if plan.minutes_sms is not None else Decimal(0)
    cost = out_of_bundle_nl_eu(call_seconds=over * 60).total if over else Decimal("0.00")
    return MonthWithCalls(plan, called, over, cost)


def unlimited_data_rules() -> UnlimitedDataRules:
    """Day bundles of 5 GB in NL, 25 GB per month in the EU, extra EU bundle € 3,99/1000 MB.

    >>> unlimited_data_rules().extra_eu_bundle_price
    Decimal('3.99')
    """
    u = load("subscriptions")["unlimited_data"]
    day = next(n for n in load("terms")["notifications"] if n["id"] == "hussel_unlimited_day_bundle")
    return UnlimitedDataRules(
        daily_bundle_nl_gb=u["daily_bundle_nl_gb"], free_option=u["free_option"],
        eu_limit_gb_per_month=u["eu_limit_gb_per_month"],
        extra_eu_bundle_price=to_decimal(u["extra_eu_bundle"]["price"]),
        extra_eu_bundle_mb=u["extra_eu_bundle"]["mb"],
        sharing_max_gb_per_month=u["sharing_max_gb_per_month"],
        day_bundle_notifications_percent=tuple(day["percent"]),
        daily_bundle_text=u["daily_bundle_text"], eu_limit_text=u["eu_limit_text"],
        sharing_text=u["sharing_text"], source=u["source"])


def connection_fee() -> ConnectionFee:
    """'Aansluitkosten' € 25,00, only for a new subscription, not for Kids.

    >>> connection_fee().amount
    Decimal('25.00')
    """
    fees = {f["product"]: f for f in load("subscriptions")["connection_fee"]}
    phone = fees["phone"]
    return ConnectionFee(amount=to_decimal(phone["amount"]),
                         only_new_subscription=phone["only_new_subscription"],
                         kids_exempt=phone["kids_exempt"], tablet_amount=to_decimal(fees["tablet"]["amount"]),
                         text=phone["text"], source=phone["source"])


def device_instalments(tablet: bool = False) -> DeviceInstalments:
    """'Toestel per maand': € 1,00 - € 41,00, depending on term and device.

    >>> device_instalments().max_per_month
    Decimal('41.00')
    """
    product = "tablet" if tablet else "phone"
    e = next(d for d in load("subscriptions")["device_instalments"] if d["product"] == product)
    return DeviceInstalments(product=product, min_per_month=to_decimal(e["min_per_month"]),
                             max_per_month=to_decimal(e["max_per_month"]),
                             instalment_terms=tuple(e["instalment_terms"]),
                             one_off_only_terms=tuple(e["one_off_only_terms"]), text=e["text"],
                             source=e["source"])
