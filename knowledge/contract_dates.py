"""When does a bundle expire, a plan change take effect, the inflation correction apply, a contract end?

Pure date arithmetic on the rules in ``date_rules.yml`` of the price list in use (sections
"Abonnement aanpassen", "Contractsduur", "Inflatiecorrectie", "Werking BuitenlandBundels",
"ExtraOpties", "Bundeltarief Voorwaarden").

Month arithmetic uses ``dateutil.relativedelta``, which clips to the last day of a shorter
month: 31 januari + 1 maand = 28 (or 29) februari, 29 februari 2024 + 12 maanden =
28 februari 2025. The price list does not say otherwise, so this is the documented choice.

Impossible input (a term other than 1, 12 or 24 months, dates before 2000 or after 2099, a
notice date before the contract start) raises ``ContractDateError``, a
``KnowledgeInputError`` with a Dutch ``message`` and a ``code``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Optional, Union
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from knowledge.dutch_dates import format_date
from knowledge.errors import KnowledgeInputError
from knowledge.loader import load
from knowledge.price_lists import per_version

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Dates outside this window are typos or jokes, not contract dates; refusing them also keeps
# datetime arithmetic far from its limits (year 1 / 9999).
EARLIEST_SUPPORTED = date(2000, 1, 1)
LATEST_SUPPORTED = date(2099, 12, 31)


class ContractDateError(KnowledgeInputError):
    """Input the contract date rules cannot answer for.

    ``code``: "invalid_term", "out_of_range", "notice_before_start", "not_a_date".

    >>> ContractDateError("Een minimumduur van 3 maanden bestaat niet.", "invalid_term").code
    'invalid_term'
    """

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


# --------------------------------------------------------------------------- rules

@dataclass(frozen=True)
class PlanChangeRule:
    free_changes_per_interval: int  # 1
    interval_days: int  # 31
    source: str
    text: str


@dataclass(frozen=True)
class ContractTermRule:
    minimum_terms_months: tuple[int, ...]  # (1, 12, 24)
    notice_period_months: int  # 1
    source: str
    text: str


@dataclass(frozen=True)
class InflationRule:
    month: int  # 10
    day: int  # 1
    min_months_elapsed: int  # 3
    strictly_more_than: bool  # True: "meer dan 3 maanden"
    index: str  # "CBS Consumentenprijsindex"
    index_period_start: tuple[int, int]  # (month, day) of the previous year: (7, 1)
    index_period_end: tuple[int, int]  # (month, day) of the correction year: (6, 30)
    skipped_when_index_negative: bool
    url: str  # "kpn.com/inflatiecorrectie"
    source: str
    text: str


@dataclass(frozen=True)
class BuitenlandBundleValidity:
    periods: int  # 31
    hours_per_period: int  # 24
    stackable: bool
    source: str
    text: str

    @property
    def total_hours(self) -> int:
        """31 x 24 = 744."""
        return self.periods * self.hours_per_period


@dataclass(frozen=True)
class NlEuBundleValidity:
    days: int  # 31
    one_off: bool
    unused_credit_lapses: bool
    source: str
    text: str


@dataclass(frozen=True)
class SubscriptionBundleValidity:
    months: int  # 1
    carry_over: bool  # False: left-over minutes/sms/data are not carried over
    source: str
    text: str


@dataclass(frozen=True)
class DateRules:
    plan_change: PlanChangeRule
    contract_terms: ContractTermRule
    inflation: InflationRule
    buitenland_bundle: BuitenlandBundleValidity
    nl_eu_bundle: NlEuBundleValidity
    subscription_bundle: SubscriptionBundleValidity


@per_version
def date_rules() -> DateRules:
    """All date rules from ``date_rules.yml`` (validated by the loader), as dataclasses.

    >>> date_rules().contract_terms.minimum_terms_months
    (1, 12, 24)
    """
    raw = load("date_rules")
    plan, terms, infl = raw["plan_change"], raw["contract_terms"], raw["inflation_correction"]
    buitenland, nl_eu, sub = (raw["buitenland_bundle_validity"], raw["nl_eu_bundle_validity"],
                              raw["subscription_bundle_validity"])
    return DateRules(
        plan_change=PlanChangeRule(plan["free_changes_per_interval"], plan["interval_days"],
                                   plan["source"], plan["text"]),
        contract_terms=ContractTermRule(tuple(terms["minimum_terms_months"]), terms["notice_period_months"],
                                        terms["source"], terms["text"]),
        inflation=InflationRule(
            infl["month"], infl["day"], infl["min_months_elapsed"], infl["strictly_more_than"], infl["index"],
            (infl["index_period_start"]["month"], infl["index_period_start"]["day"]),
            (infl["index_period_end"]["month"], infl["index_period_end"]["day"]),
            infl["skipped_when_index_negative"], infl["url"], infl["source"], infl["text"],
        ),
        buitenland_bundle=BuitenlandBundleValidity(buitenland["periods"], buitenland["hours_per_period"],
                                                   buitenland["stackable"], buitenland["source"],
                                                   buitenland["text"]),
        nl_eu_bundle=NlEuBundleValidity(nl_eu["days"], nl_eu["one_off"], nl_eu["unused_credit_lapses"],
                                        nl_eu["source"], nl_eu["text"]),
        subscription_bundle=SubscriptionBundleValidity(sub["months"], sub["carry_over"], sub["source"],
                                                       sub["text"]),
    )


# --------------------------------------------------------------------------- input checks

def _check_day(value: object, what: str) -> date:
    """A date within the supported window; a datetime is reduced to its day."""
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        raise ContractDateError(f"Voor de {what} heb ik een datum nodig.", "not_a_date")
    if value < EARLIEST_SUPPORTED:
        raise ContractDateError(
            f"De {what} {format_date(value)} ligt te ver in het verleden om mee te rekenen.", "out_of_range")
    if value > LATEST_SUPPORTED:
        raise ContractDateError(
            f"De {what} {format_date(value)} ligt te ver in de toekomst om mee te rekenen.", "out_of_range")
    return value


def _check_term(term_months: object) -> int:
    allowed = date_rules().contract_terms.minimum_terms_months
    if isinstance(term_months, bool) or not isinstance(term_months, int) or term_months not in allowed:
        raise ContractDateError(
            f"Een minimumduur van {term_months} maanden bestaat niet: contracten lopen minimaal "
            "1 maand, 1 jaar (12 maanden) of 2 jaar (24 maanden).",
            "invalid_term",
        )
    return term_months


def _to_local(moment: object, what: str) -> datetime:
    """Aware Amsterdam time; naive input is Amsterdam wall-clock time, a date is its midnight."""
    if isinstance(moment, datetime):
        local = moment.replace(tzinfo=AMSTERDAM) if moment.tzinfo is None else moment.astimezone(AMSTERDAM)
    elif isinstance(moment, date):
        local = datetime.combine(moment, datetime.min.time(), tzinfo=AMSTERDAM)
    else:
        raise ContractDateError(f"Voor de {what} heb ik een datum en tijd nodig.", "not_a_date")
    _check_day(local.date(), what)
    return local


# --------------------------------------------------------------------------- bundles

def bundle_expiry(activated: Union[datetime, date]) -> datetime:
    """End of a BuitenlandBundel: 31 x 24 hours of elapsed time after activation.

    Naive input is Amsterdam local time. The 744 hours are real hours, so across a DST change
    the wall-clock time shifts: activated 5 maart 2027 09:00 (CET) -> 5 april 2027 10:00
    (CEST); activated 5 oktober 2027 09:00 (CEST) -> 5 november 2027 08:00 (CET). A local time
    that does not exist (02:30 on the last Sunday of March) is read with the winter offset, an
    ambiguous one (02:30 on the last Sunday of October) as the first (summer-time) occurrence.
    Returns an aware datetime in Europe/Amsterdam.

    >>> bundle_expiry(datetime(2027, 1, 5, 9, 0)).isoformat()
    '2027-02-05T09:00:00+01:00'
    """
    local = _to_local(activated, "activeringsdatum")
    hours = date_rules().buitenland_bundle.total_hours
    return (local.astimezone(timezone.utc) + timedelta(hours=hours)).astimezone(AMSTERDAM)


def nl_eu_bundle_expiry(bought: Union[datetime, date]) -> datetime:
    """End of a one-off NL/EU bundel: "eenmalig 31 dagen geldig", after which unused credit lapses.

    The price list counts days, not hours, so this adds 31 calendar days on the Amsterdam wall
    clock (same time of day, also across a DST change). Naive input is Amsterdam local time.

    >>> nl_eu_bundle_expiry(datetime(2027, 3, 5, 9, 0)).isoformat()
    '2027-04-05T09:00:00+02:00'
    """
    local = _to_local(bought, "aankoopdatum")
    days = date_rules().nl_eu_bundle.days
    wall = local.replace(tzinfo=None) + timedelta(days=days)
    return wall.replace(tzinfo=AMSTERDAM)


# --------------------------------------------------------------------------- plan changes

def plan_change_effective(change_day: date) -> date:
    """A plan change takes effect on the first day of the next month.

    >>> plan_change_effective(date(2027, 3, 10)), plan_change_effective(date(2027, 12, 31))
    (datetime.date(2027, 4, 1), datetime.date(2028, 1, 1))
    """
    day = _check_day(change_day, "wijzigingsdatum")
    return day + relativedelta(months=1, day=1)


def next_free_plan_change(last_change: date) -> date:
    """Earliest day of the next free plan change: 1 change per 31 days, so last change + 31 days.

    >>> next_free_plan_change(date(2027, 3, 1))
    datetime.date(2027, 4, 1)
    """
    day = _check_day(last_change, "datum van de vorige wijziging")
    return day + timedelta(days=date_rules().plan_change.interval_days)


@dataclass(frozen=True)
class PlanChangeAnswer:
    """Can the plan be changed for free on ``requested``, and when does it take effect?

    ``reason``: "free", "before_contract_start" or "within_interval" (a change less than 31 days
    after ``last_change``). ``next_free_date`` is the first day on/after ``requested`` on which a
    free change is possible; ``effective_date`` is when a change made on ``requested`` would start.
    """

    requested: date
    free: bool
    reason: str
    effective_date: date
    next_free_date: date
    effective_if_changed_on_next_free_date: date
    last_change: Optional[date]
    interval_days: int
    source: str


def plan_change(contract_start: date, requested: date, last_change: Optional[date] = None) -> PlanChangeAnswer:
    """Combine the plan-change rules for one request.

    The contract is in force from its start date, so a change on the start date itself counts
    as "na ingangsdatum". The price list does not say what a change within 31 days costs, so
    ``free=False`` only means "not free of charge under this rule".

    >>> a = plan_change(date(2026, 1, 15), date(2026, 3, 10), last_change=date(2026, 3, 1))
    >>> a.free, a.next_free_date, a.effective_date
    (False, datetime.date(2026, 4, 1), datetime.date(2026, 4, 1))
    """
    start = _check_day(contract_start, "ingangsdatum van het contract")
    day = _check_day(requested, "wijzigingsdatum")
    previous = _check_day(last_change, "datum van de vorige wijziging") if last_change is not None else None
    earliest = start
    if previous is not None:
        earliest = max(earliest, next_free_plan_change(previous))
    if day < start:
        reason = "before_contract_start"
    elif day < earliest:
        reason = "within_interval"
    else:
        reason = "free"
    next_free = max(day, earliest)
    return PlanChangeAnswer(
        requested=day,
        free=reason == "free",
        reason=reason,
        effective_date=plan_change_effective(day),
        next_free_date=next_free,
        effective_if_changed_on_next_free_date=plan_change_effective(next_free),
        last_change=previous,
        interval_days=date_rules().plan_change.interval_days,
        source=date_rules().plan_change.source,
    )


# --------------------------------------------------------------------------- inflation correction

@dataclass(frozen=True)
class InflationAnswer:
    """Does the yearly inflation correction (1 October) apply to this contract?

    ``date_checked``: the first 1 October on/after the asked date. ``threshold_date``: contract
    start + 3 months; the correction applies on a 1 October strictly *after* it ("meer dan 3
    maanden"). ``first_applicable``: the first 1 October on/after ``date_checked`` on which it
    applies. ``months_elapsed``: whole months of the contract on ``date_checked`` (0 if it had
    not started). ``index_period``: the CBS CPI period (1 July previous year - 30 June) used on
    ``date_checked``. Prices are not changed when that CPI is negative.
    """

    contract_start: date
    date_checked: date
    applies: bool
    first_applicable: date
    months_elapsed: int
    threshold_date: date
    index_period: tuple[date, date]
    index: str
    skipped_when_index_negative: bool
    url: str
    source: str


def _correction_day(year: int) -> date:
    rule = date_rules().inflation
    return date(year, rule.month, rule.day)


def _next_correction_day(on_or_after: date) -> date:
    candidate = _correction_day(on_or_after.year)
    return candidate if candidate >= on_or_after else _correction_day(on_or_after.year + 1)


def inflation_correction(contract_start: date, on_or_after: date) -> InflationAnswer:
    """Check the inflation correction on the first 1 October on/after ``on_or_after``.

    Start 1 aug 2026, checked 1 okt 2026: 2 months elapsed -> no; first time 1 okt 2027.
    Start 1 jul 2026: on 1 okt 2026 exactly 3 months, not more -> no. Start 30 jun 2026 -> yes.

    >>> a = inflation_correction(date(2026, 8, 1), date(2026, 9, 15))
    >>> a.date_checked, a.applies, a.months_elapsed, a.first_applicable
    (datetime.date(2026, 10, 1), False, 2, datetime.date(2027, 10, 1))
    """
    start = _check_day(contract_start, "ingangsdatum van het contract")
    asked = _check_day(on_or_after, "datum")
    rule = date_rules().inflation
    checked = _next_correction_day(asked)
    threshold = start + relativedelta(months=rule.min_months_elapsed)

    def applies_on(day: date) -> bool:
        return day > threshold if rule.strictly_more_than else day >= threshold

    first = checked
    while not applies_on(first):
        first = _correction_day(first.year + 1)
    if checked >= start:
        elapsed = relativedelta(checked, start)
        months = elapsed.years * 12 + elapsed.months
    else:
        months = 0
    start_month, start_day = rule.index_period_start
    end_month, end_day = rule.index_period_end
    return InflationAnswer(
        contract_start=start,
        date_checked=checked,
        applies=applies_on(checked),
        first_applicable=first,
        months_elapsed=months,
        threshold_date=threshold,
        index_period=(date(checked.year - 1, start_month, start_day), date(checked.year, end_month, end_day)),
        index=rule.index,
        skipped_when_index_negative=rule.skipped_when_index_negative,
        url=rule.url,
        source=rule.source,
    )


# --------------------------------------------------------------------------- contract term and notice

def minimum_term_end(start: date, term_months: int) -> date:
    """The day the minimum term is over and the contract becomes indefinite: start + term.

    Month ends are clipped (dateutil): 31 jan 2026 + 1 maand -> 28 feb 2026;
    29 feb 2024 + 12 maanden -> 28 feb 2025.

    >>> minimum_term_end(date(2026, 2, 20), 12)
    datetime.date(2027, 2, 20)
    """
    day = _check_day(start, "ingangsdatum van het contract")
    return day + relativedelta(months=_check_term(term_months))


def last_day_of_minimum_term(start: date, term_months: int) -> date:
    """The last day that still belongs to the minimum term: ``minimum_term_end`` - 1 day.

    >>> last_day_of_minimum_term(date(2026, 2, 20), 12)
    datetime.date(2027, 2, 19)
    """
    return minimum_term_end(start, term_months) - timedelta(days=1)


@dataclass(frozen=True)
class EndAnswer:
    """When does a contract end if notice is given on ``notice_given``?

    ``end_date`` = max(notice_given + 1 month notice, ``minimum_term_end``): the date from which
    the contract no longer runs ("opgezegd per"); ``last_day`` = ``end_date`` - 1 day.
    ``notice_deadline_for_earliest_end``: the latest notice date that still ends the contract at
    ``minimum_term_end`` (``minimum_term_end`` - 1 month, moved to the month end when the term
    ends on the last day of a month: term end 28 feb -> deadline 31 jan); ``notice_in_time`` says whether
    ``notice_given`` met that deadline. ``in_minimum_term``: notice given before the minimum
    term was over.
    """

    start: date
    term_months: int
    notice_given: date
    minimum_term_end: date
    last_day_of_minimum_term: date
    end_date: date
    last_day: date
    notice_deadline_for_earliest_end: date
    notice_in_time: bool
    in_minimum_term: bool
    notice_period_months: int
    source: str


def end_after_notice(notice_given: date) -> date:
    """The end of a contract past its minimum term, cancelled on ``notice_given``: the notice
    period later (counted from the notice date, as in ``earliest_end``).

    >>> end_after_notice(date(2026, 11, 30))
    datetime.date(2026, 12, 30)
    """
    notice = _check_day(notice_given, "opzegdatum")
    return notice + relativedelta(months=date_rules().contract_terms.notice_period_months)


def earliest_end(start: date, term_months: int, notice_given: date) -> EndAnswer:
    """Earliest end date with 1 month notice, never before the minimum term is over.

    After the minimum term the contract is indefinite and ends monthly, counted from the notice
    date (notice 10 mei -> ends 10 juni); the price list does not tie it to calendar months.

    >>> a = earliest_end(date(2026, 2, 20), 12, date(2026, 6, 1))
    >>> a.end_date, a.notice_deadline_for_earliest_end
    (datetime.date(2027, 2, 20), datetime.date(2027, 1, 20))
    """
    begin = _check_day(start, "ingangsdatum van het contract")
    notice = _check_day(notice_given, "opzegdatum")
    term_end = minimum_term_end(begin, term_months)
    if notice < begin:
        raise ContractDateError(
            f"De opzegdatum {format_date(notice)} ligt vóór de ingangsdatum van het contract "
            f"({format_date(begin)}).",
            "notice_before_start",
        )
    rules = date_rules().contract_terms
    notice_period = relativedelta(months=rules.notice_period_months)
    end = max(notice + notice_period, term_end)
    # term_end - 1 month is not always the latest day: month ends clip (notice 31 jan + 1 maand
    # = 28 feb), so walk forward while a later notice still ends at term_end (at most 3 days).
    deadline = term_end - notice_period
    while deadline + timedelta(days=1) + notice_period <= term_end:
        deadline += timedelta(days=1)
    return EndAnswer(
        start=begin,
        term_months=term_months,
        notice_given=notice,
        minimum_term_end=term_end,
        last_day_of_minimum_term=term_end - timedelta(days=1),
        end_date=end,
        last_day=end - timedelta(days=1),
        notice_deadline_for_earliest_end=deadline,
        notice_in_time=notice <= deadline,
        in_minimum_term=notice < term_end,
        notice_period_months=rules.notice_period_months,
        source=rules.source,
    )
