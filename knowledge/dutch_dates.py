"""Which date (and time) does a Dutch customer mean, and how do we write a date back in Dutch?

``parse_dutch_datetime(text, today)`` finds the first date in free text and an optional time:

* explicit dates: "3 maart 2026", "3 mrt", "1 okt.", "1e oktober", "03-03-2026", "3/3/2026",
  "3.3.26", "2026-03-03" (numeric dates are always day first, as in the Netherlands);
* relative days: "vandaag", "vanavond", "morgen", "morgenochtend", "overmorgen", "gisteren",
  "eergisteren", "over 3 dagen", "over twee weken", "over een maand", "5 dagen geleden";
* weekdays: "maandag" / "komende maandag" / "volgende maandag" = the first such day *after*
  today (a customer saying "maandag" on a Monday means next week), "deze vrijdag" = on or after
  today, "vorige maandag" / "afgelopen maandag" = the last one before today,
  "volgende week maandag" / "maandag volgende week" = that day in next (ISO) week;
* times: "om 09:00", "9:00", "14.30", "9 uur", "9u30", "om 9", "om negen uur", "half 10" (9:30),
  "kwart over 9", "kwart voor 10"; "'s middags", "'s avonds", "vanavond", "...middag",
  "...avond" move 1-11 o'clock to the afternoon ("morgenavond om 8" = 20:00).

A bare day and month ("1 okt") gets the year of ``today`` (``year_assumed=True``) so the caller
can decide whether to ask "bedoelt u 1 oktober 2026?"; a time without a date gets ``today``
(``date_assumed=True``). When a weekday is written before an explicit date ("dinsdag 3 maart")
the explicit date wins. Impossible input ("31 februari 2027", "30-02-2026", "25:00") gives a
``DateError`` with a Dutch message; no date at all gives a ``DateError`` with code "not_found".

knowledge.english_dates reads English the same way and returns the same ``ParsedDate`` and
``DateError``; it reuses the engine here (``_DateWords`` for the messages, ``_assemble`` to pair
each date with its time).
"""
from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import accumulate
from typing import Optional, Sequence, Union
from zoneinfo import ZoneInfo

from babel.dates import format_date as _babel_format_date
from babel.dates import get_day_names, get_month_names
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from knowledge.quantities import NUMBER_WORD_PATTERN, dutch_number_word_value

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
_LOCALE = "nl_NL"
# Years outside this window are typos ("3 maart 20226") rather than real contract dates.
MIN_YEAR = 1900
MAX_YEAR = 2199


@dataclass(frozen=True)
class ParsedDate:
    """A date (``has_time=False``, ``value`` is a ``date``) or date+time (``value`` is a naive
    ``datetime`` in Dutch local time) found in text at ``span`` (start, end)."""

    value: Union[date, datetime]
    has_time: bool
    span: tuple[int, int]
    text: str
    year_assumed: bool = False  # "1 okt": the year of ``today`` was filled in
    date_assumed: bool = False  # only a time ("om 14:00"): ``today`` was filled in

    @property
    def day(self) -> date:
        """The calendar day, also when ``value`` is a datetime."""
        return self.value.date() if isinstance(self.value, datetime) else self.value


@dataclass(frozen=True)
class DateError:
    """No usable date: ``code`` is "not_found", "impossible_date", "impossible_time" or
    "out_of_range"; ``message`` is for the user, in the language of the parser (Dutch here)."""

    message: str
    code: str
    span: Optional[tuple[int, int]] = None
    text: str = ""


DateResult = Union[ParsedDate, DateError]

# --------------------------------------------------------------------------- vocabulary

_MONTH_NAMES: dict[int, str] = dict(get_month_names("wide", locale=_LOCALE))
_DAY_NAMES: dict[int, str] = dict(get_day_names("wide", locale=_LOCALE))  # 0 = maandag

_MONTH_WORDS: dict[str, int] = {name: number for number, name in _MONTH_NAMES.items()}
_MONTH_WORDS.update({name: number for number, name in get_month_names("abbreviated", locale=_LOCALE).items()})
# Abbreviations and spellings customers type besides Babel's ("mrt", "okt").
_MONTH_WORDS.update({
    "jan": 1, "febr": 2, "feb": 2, "febuari": 2, "feburari": 2, "februarie": 2, "maa": 3, "mar": 3,
    "mrt": 3, "april": 4, "apr": 4, "mei": 5, "jun": 6, "juni": 6, "jul": 7, "juli": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "oct": 10, "october": 10, "oktober": 10, "nov": 11, "dec": 12,
})
_WEEKDAY_WORDS: dict[str, int] = {name: number for number, name in _DAY_NAMES.items()}
_RELATIVEDELTA_DAYS = (MO, TU, WE, TH, FR, SA, SU)
_WEEKDAY_MODIFIERS = {
    "volgende week": "next week", "komende week": "next week", "deze week": "this week",
    "vorige week": "last week", "vorige": "last", "afgelopen": "last", "deze": "this",
}


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_MONTHS = _alt(_MONTH_WORDS)
_WEEKDAYS = _alt(_WEEKDAY_WORDS)
_DAYPART = r"(?:ochtend|middag|avond|morgen|nacht)"
_WEEKDAY_PREFIX = rf"(?:(?:{_WEEKDAYS}){_DAYPART}?\s*,?\s*(?:de\s+)?)?"

# A day written out: "vijftien maart", "de eerste van oktober", "eenentwintigste juni"
_DAY_CARDINALS = ("een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf",
                  "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien", "twintig",
                  "eenentwintig", "tweeëntwintig", "drieëntwintig", "vierentwintig", "vijfentwintig", "zesentwintig",
                  "zevenentwintig", "achtentwintig", "negenentwintig", "dertig", "eenendertig")
_DAY_ORDINALS = {1: "eerste", 3: "derde", 8: "achtste"}
_DAY_WORDS: dict[str, int] = {"één": 1}
for _n, _word in enumerate(_DAY_CARDINALS, 1):
    if _n > 1:  # "een mei-weekend" is no date
        _DAY_WORDS[_word] = _n
    _DAY_WORDS[_DAY_ORDINALS.get(_n) or (_word + ("ste" if _n >= 20 else "de"))] = _n
_DAY_WORD = _alt(_DAY_WORDS)

_TEXT_DATE_RE = re.compile(
    _WEEKDAY_PREFIX
    + rf"(?:(?<![0-9])(?P<day>[0-9]{{1,2}})(?:ste|de|e)?|(?:\bde\s+)?\b(?P<dayword>{_DAY_WORD}))\s*(?:van\s+)?"
    + rf"(?P<month>{_MONTHS})(?!\w)\.?"
    # Four or more digits: a typo like "20226" must give an error, not a silently assumed year;
    # "1 okt 1500 MB" is an amount, not a year.
    + r"(?:\s*,?\s*(?:(?P<year>(?<![0-9])[0-9]{4,})(?![0-9]|[.,][0-9])(?!\s*(?:mb|gb|kb|min|sms|euro|eur|uur|sec|€))"
    + r"|'(?P<year2>[0-9]{2})(?![0-9])))?",
    re.IGNORECASE,
)
# A part of a month ("half augustus", "begin maart 2021", "eind juni"): its 1st, 15th or last day.
_PART_OF_MONTH_RE = re.compile(
    r"\b(?P<part>begin|start|half|medio|midden|halverwege|eind|einde)\s+(?:van\s+)?"
    + rf"(?P<month>{_MONTHS})(?![\w-])\.?(?:\s*,?\s*(?P<year>(?<![0-9])[0-9]{{4}})(?![0-9]))?",
    re.IGNORECASE,
)
_PART_OF_MONTH_DAY = {"begin": 1, "start": 1, "half": 15, "medio": 15, "midden": 15, "halverwege": 15}
_NUMERIC_DATE_RE = re.compile(
    _WEEKDAY_PREFIX
    + r"(?<![0-9.,/:-])(?P<day>[0-9]{1,2})(?P<sep>[-/.])(?P<month>[0-9]{1,2})(?P=sep)"
    + r"(?:(?P<year>[0-9]{4})|(?P<year2>[0-9]{2}))(?![0-9]|[.,/:-][0-9])",
    re.IGNORECASE,
)
_ISO_DATE_RE = re.compile(
    r"(?<![0-9.,/:-])(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})(?![0-9]|[-/:.,][0-9])"
)
_RELATIVE_RE = re.compile(
    r"(?<!goede )\b(?P<rel>eergisteren|gisteren|gister|vandaag|vanavond|vanmiddag|vanochtend|vanmorgen|vannacht"
    r"|overmorgen|morgen(?:ochtend|middag|avond|vroeg|nacht)?)\b",
    re.IGNORECASE,
)
_WEEKDAY_RE = re.compile(
    r"\b(?:(?P<mod>(?:volgende|komende|deze|vorige)\s+week|volgende|komende|aanstaande|deze|vorige|afgelopen)\s+)?"
    rf"(?P<wd>{_WEEKDAYS}){_DAYPART}?"
    r"(?:\s+(?P<mod2>a\.s\.|aanstaande|(?:volgende|komende|deze|vorige)\s+week))?(?!\w)",
    re.IGNORECASE,
)
_COUNT = rf"(?P<n>[0-9]{{1,6}}|{NUMBER_WORD_PATTERN})"
_OFFSET_UNIT = r"(?P<unit>dagen|dag|weken|week|maanden|maand|jaren|jaar)"
_OFFSET_FUTURE_RE = re.compile(rf"\bover\s+{_COUNT}\s+{_OFFSET_UNIT}\b", re.IGNORECASE)
_OFFSET_PAST_RE = re.compile(rf"(?<![\w-]){_COUNT}\s+{_OFFSET_UNIT}\s+geleden\b", re.IGNORECASE)

_HOUR_WORDS = {w: n for w, n in (("een", 1), ("één", 1), ("twee", 2), ("drie", 3), ("vier", 4),
                                 ("vijf", 5), ("zes", 6), ("zeven", 7), ("acht", 8), ("negen", 9),
                                 ("tien", 10), ("elf", 11), ("twaalf", 12))}
_HOUR_WORD = _alt(_HOUR_WORDS)
_HOUR = rf"(?P<h>[0-9]{{1,2}}|{_HOUR_WORD})"

_TIME_HM_RE = re.compile(
    r"(?:\bom\s+)?(?<![0-9.,:/-])(?P<h>[0-9]{1,2})(?P<sep>[:.uh])(?P<m>[0-9]{2})(?![0-9]|[.,:][0-9])(?:\s*uur\b)?",
    re.IGNORECASE,
)
_TIME_H_RE = re.compile(
    r"(?:\bom\s+)?(?<![0-9.,:/-])(?P<h>[0-9]{1,2})(?:\s*uur|u|h)(?!\w)", re.IGNORECASE
)
_TIME_OM_RE = re.compile(
    # "om een" is "om 1" only with "uur": "vraagt om een PUK-code" is no time
    rf"\bom\s+(?!(?:een|één)\b(?!\s+uur\b)){_HOUR}(?![0-9]|[.,:][0-9])(?:\s+uur)?(?!\w)", re.IGNORECASE
)
_TIME_HALF_RE = re.compile(rf"(?:\bom\s+)?\bhalf\s+{_HOUR}(?![0-9]|[.,:][0-9])(?!\w)", re.IGNORECASE)
_TIME_QUARTER_RE = re.compile(
    rf"(?:\bom\s+)?\bkwart\s+(?P<dir>over|voor)\s+{_HOUR}(?![0-9]|[.,:][0-9])(?!\w)", re.IGNORECASE
)
# No leading \w*: it would make the search quadratic on one long word; "dinsdagavond" still matches.
_PM_RE = re.compile(r"(?:avond|middag)s?\b", re.IGNORECASE)


# --------------------------------------------------------------------------- helpers

@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    value: Optional[Union[date, time]]
    error: Optional[DateError] = None
    year_assumed: bool = False
    leading_zero: bool = False  # "09:00" (or "9 am") is explicit: never moved to the afternoon


@dataclass(frozen=True)
class _DateWords:
    """What the engine says in one language: month names and the error messages."""

    month_names: dict[int, str]
    no_month: str
    bad_year: str
    day_zero: str
    not_leap: str
    too_many_days_in_year: str
    too_many_days: str
    at_most_29: str
    too_far: str
    bad_time: str
    not_found: str


_DUTCH_WORDS = _DateWords(
    month_names=_MONTH_NAMES,
    no_month="{raw} bestaat niet: er is geen maand {month}.",
    bad_year="{raw}: dat jaartal lijkt niet te kloppen.",
    day_zero="{raw} bestaat niet: er is geen dag 0.",
    not_leap="29 {name} {year} bestaat niet: {year} is geen schrikkeljaar.",
    too_many_days_in_year="{day} {name} {year} bestaat niet: {name} {year} heeft {days} dagen.",
    too_many_days="{day} {name} bestaat niet: {name} heeft {days} dagen.",
    at_most_29="hoogstens 29",
    too_far="{raw}: die datum ligt te ver weg om mee te rekenen.",
    bad_time="{shown} is geen geldige tijd.",
    not_found="Ik heb geen datum gevonden. Kunt u de datum noemen, bijvoorbeeld 3 maart 2026?",
)


def _short(raw: str) -> str:
    return raw if len(raw) <= 40 else raw[:37] + "…"


def _build_date(day: int, month: int, year: int, raw: str, span: tuple[int, int], year_given: bool,
                words: _DateWords = _DUTCH_WORDS) -> _Found:
    """Validate day/month/year and explain (in the language of ``words``) what is wrong."""
    if not 1 <= month <= 12:
        return _Found(*span, None, DateError(words.no_month.format(raw=raw, month=month),
                                             "impossible_date", span, raw))
    name = words.month_names[month]
    if not MIN_YEAR <= year <= MAX_YEAR:
        return _Found(*span, None, DateError(words.bad_year.format(raw=_short(raw)), "out_of_range", span, raw))
    if day == 0:
        return _Found(*span, None, DateError(words.day_zero.format(raw=raw), "impossible_date", span, raw))
    days_in_month = calendar.monthrange(year, month)[1]
    if day > days_in_month:
        if month == 2 and day == 29:
            message = words.not_leap.format(name=name, year=year)
        elif year_given:
            message = words.too_many_days_in_year.format(day=day, name=name, year=year, days=days_in_month)
        else:
            most = words.at_most_29 if month == 2 else str(days_in_month)
            message = words.too_many_days.format(day=day, name=name, days=most)
        return _Found(*span, None, DateError(message, "impossible_date", span, raw))
    return _Found(*span, date(year, month, day), year_assumed=not year_given)


def _two_digit_year(yy: int, today: date) -> int:
    # "3-3-26" is 2026; only a year far in the future flips back to the 1900s ("1-1-99").
    year = 2000 + yy
    return year - 100 if year > today.year + 50 else year


def _explicit_dates(text: str, today: date) -> list[_Found]:
    found: list[_Found] = []
    for m in _TEXT_DATE_RE.finditer(text):
        month = _MONTH_WORDS[m.group("month").lower()]
        year_text = m.group("year")
        if year_text:
            # int() of thousands of digits is slow (and refused); any 7+ digit year is out of range.
            year, given = (int(year_text) if len(year_text) <= 6 else MAX_YEAR + 1), True
        elif m.group("year2"):
            year, given = _two_digit_year(int(m.group("year2")), today), True
        else:
            year, given = today.year, False
        day = int(m.group("day")) if m.group("day") else _DAY_WORDS[m.group("dayword").lower()]
        found.append(_build_date(day, month, year, m.group().strip(), m.span(), given))
    for m in _PART_OF_MONTH_RE.finditer(text):
        month = _MONTH_WORDS[m.group("month").lower()]
        year = int(m.group("year")) if m.group("year") else today.year
        if not MIN_YEAR <= year <= MAX_YEAR:
            continue
        day = _PART_OF_MONTH_DAY.get(m.group("part").lower()) or calendar.monthrange(year, month)[1]
        found.append(_build_date(day, month, year, m.group().strip(), m.span(), bool(m.group("year"))))
    for m in _NUMERIC_DATE_RE.finditer(text):
        year = int(m.group("year")) if m.group("year") else _two_digit_year(int(m.group("year2")), today)
        found.append(_build_date(int(m.group("day")), int(m.group("month")), year, m.group().strip(),
                                 m.span(), True))
    for m in _ISO_DATE_RE.finditer(text):
        found.append(_build_date(int(m.group("day")), int(m.group("month")), int(m.group("year")),
                                 m.group(), m.span(), True))
    return found


def _shift(today: date, delta: relativedelta, span: tuple[int, int], raw: str,
           words: _DateWords = _DUTCH_WORDS) -> _Found:
    try:
        value = today + delta
    except (OverflowError, ValueError):
        value = None
    if value is None or not MIN_YEAR <= value.year <= MAX_YEAR:
        return _Found(*span, None, DateError(words.too_far.format(raw=raw), "out_of_range", span, raw))
    return _Found(*span, value)


def _weekday_delta(today: date, weekday: int, modifier: str) -> relativedelta:
    """How far the weekday (0 = Monday) is from today. ``modifier`` is "next week", "this week",
    "last week" (that day in that ISO week), "this" (on or after today), "last" (before today)
    or "" (strictly after today: a customer saying "Monday" on a Monday means next week)."""
    rd_day = _RELATIVEDELTA_DAYS[weekday]
    if modifier.endswith("week"):
        weeks = {"next week": 1, "this week": 0, "last week": -1}[modifier]
        # relativedelta applies day offsets before the weekday jump, so go via this Monday.
        this_monday = today + relativedelta(weekday=MO(-1))
        return relativedelta(this_monday + relativedelta(weeks=weeks, days=weekday), today)
    if modifier == "last":
        return relativedelta(days=-1, weekday=rd_day(-1))
    if modifier == "this":
        return relativedelta(weekday=rd_day(+1))
    return relativedelta(days=+1, weekday=rd_day(+1))


def _offset_delta(n: int, unit: str, sign: int) -> relativedelta:
    """``n`` days/weeks/months/years (Dutch or English unit word) forward (sign 1) or back."""
    if unit.startswith(("dag", "day")):
        return relativedelta(days=sign * n)
    if unit.startswith("we"):
        return relativedelta(weeks=sign * n)
    if unit.startswith(("maand", "month")):
        return relativedelta(months=sign * n)
    return relativedelta(years=sign * n)


def _relative_dates(text: str, today: date) -> list[_Found]:
    found: list[_Found] = []
    offsets = {"eergisteren": -2, "gisteren": -1, "gister": -1, "overmorgen": 2}
    for m in _RELATIVE_RE.finditer(text):
        word = m.group("rel").lower()
        days = offsets.get(word, 1 if word.startswith("morgen") else 0)
        found.append(_shift(today, relativedelta(days=days), m.span(), m.group()))
    for m in _WEEKDAY_RE.finditer(text):
        weekday = _WEEKDAY_WORDS[m.group("wd").lower()]
        modifier = " ".join((m.group("mod") or m.group("mod2") or "").lower().split())
        # bare, "komende", "volgende", "aanstaande", "a.s.": strictly after today
        found.append(_shift(today, _weekday_delta(today, weekday, _WEEKDAY_MODIFIERS.get(modifier, "")),
                            m.span(), m.group()))
    for regex, sign in ((_OFFSET_FUTURE_RE, 1), (_OFFSET_PAST_RE, -1)):
        for m in regex.finditer(text):
            n_text = m.group("n")
            n = int(n_text) if n_text.isdigit() else dutch_number_word_value(n_text)
            if n is None:  # pragma: no cover - the word regex and the evaluator agree
                continue
            unit = m.group("unit").lower()
            if n > 100_000:  # a date this far away is never meant; avoid overflow work
                found.append(_shift(today, relativedelta(years=10_000), m.span(), m.group()))
                continue
            found.append(_shift(today, _offset_delta(n, unit, sign), m.span(), m.group()))
    return found


def _hour_value(token: str) -> int:
    return int(token) if token.isdigit() else _HOUR_WORDS[token.lower()]


def _make_time(hour: int, minute: int, span: tuple[int, int], raw: str, leading_zero: bool,
               words: _DateWords = _DUTCH_WORDS) -> _Found:
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        shown = f"{hour}:{minute:02d}"
        return _Found(*span, None, DateError(words.bad_time.format(shown=shown), "impossible_time", span, raw))
    return _Found(*span, time(hour, minute), leading_zero=leading_zero)


def _times(text: str) -> list[_Found]:
    found: list[_Found] = []
    for m in _TIME_HM_RE.finditer(text):
        h = m.group("h")
        found.append(_make_time(int(h), int(m.group("m")), m.span(), m.group(), len(h) == 2 and h[0] == "0"))
    for m in _TIME_H_RE.finditer(text):
        h = m.group("h")
        found.append(_make_time(int(h), 0, m.span(), m.group(), len(h) == 2 and h[0] == "0"))
    for m in _TIME_OM_RE.finditer(text):
        h = m.group("h")
        found.append(_make_time(_hour_value(h), 0, m.span(), m.group(), h.startswith("0")))
    for m in _TIME_HALF_RE.finditer(text):
        # Dutch "half 10" is 9:30.
        hour = (_hour_value(m.group("h")) - 1) % 24
        found.append(_make_time(hour, 30, m.span(), m.group(), False))
    for m in _TIME_QUARTER_RE.finditer(text):
        hour = _hour_value(m.group("h"))
        if m.group("dir").lower() == "over":
            found.append(_make_time(hour, 15, m.span(), m.group(), False))
        else:
            found.append(_make_time((hour - 1) % 24, 45, m.span(), m.group(), False))
    return found


def _non_overlapping(items: list[_Found], taken: Sequence[tuple[int, int]] = ()) -> list[_Found]:
    """Earliest first, longest first at the same start; drop anything overlapping a kept item
    or a ``taken`` span. Kept items never overlap, so only the last one can reach a new item;
    of the taken spans, the furthest reaching one that starts before it ("om 1 " x 2000 stays
    linear)."""
    blocked = sorted(taken)
    starts = [start for start, _ in blocked]
    reach = list(accumulate((end for _, end in blocked), max))
    kept: list[_Found] = []
    for item in sorted(items, key=lambda f: (f.start, -(f.end - f.start))):
        if kept and item.start < kept[-1].end:
            continue
        before = bisect_left(starts, item.end)
        if before and reach[before - 1] > item.start:
            continue
        kept.append(item)
    return kept


def _combine(text: str, day: _Found, clock: Optional[_Found], afternoon: bool) -> DateResult:
    """The date with its time; ``afternoon``: the text speaks of the afternoon or evening,
    which moves 1-11 o'clock (not "09:00") to the afternoon."""
    if day.error:
        return day.error
    if clock is not None and clock.error:
        return clock.error
    if clock is None:
        span = (day.start, day.end)
        return ParsedDate(day.value, False, span, text[span[0]:span[1]], year_assumed=day.year_assumed)
    span = (min(day.start, clock.start), max(day.end, clock.end))
    moment: time = clock.value  # type: ignore[assignment]
    if not clock.leading_zero and afternoon and 1 <= moment.hour <= 11:
        moment = moment.replace(hour=moment.hour + 12)
    return ParsedDate(
        datetime.combine(day.value, moment),  # type: ignore[arg-type]
        True,
        span,
        text[span[0]:span[1]],
        year_assumed=day.year_assumed,
    )


# --------------------------------------------------------------------------- public API

def find_dutch_datetimes(text: str, today: date) -> list[DateResult]:
    """Every date in ``text``, in order, each with the nearest time that belongs to it.

    >>> [p.value for p in find_dutch_datetimes("van 3 maart 2026 tot 5 april 2026", date(2026, 1, 1))]
    [datetime.date(2026, 3, 3), datetime.date(2026, 4, 5)]
    """
    if not isinstance(text, str) or not text.strip():
        return []
    if isinstance(today, datetime):
        today = today.date()
    return _assemble(text, today, _explicit_dates(text, today) + _relative_dates(text, today), _times(text))


def _assemble(text: str, today: date, day_items: list[_Found], clock_items: list[_Found],
              pm: re.Pattern[str] = _PM_RE) -> list[DateResult]:
    """Pair each date with the nearest time that belongs to it (the language-independent part)."""
    days = _non_overlapping(day_items)
    clocks = _non_overlapping(clock_items, [(d.start, d.end) for d in days])
    afternoon = bool(clocks) and bool(pm.search(text))
    if not days:
        if not clocks:
            return []
        # Only a time: it is about today.
        clock = clocks[0]
        result = _combine(text, _Found(clock.start, clock.start, today), clock, afternoon)
        if isinstance(result, ParsedDate):
            result = ParsedDate(result.value, True, result.span, result.text, date_assumed=True)
        return [result]
    # Times between two dates belong to one of them: the closest time wins, a time after the
    # date before one in front of it, and each time goes to one date.
    starts, ends = [c.start for c in clocks], [c.end for c in clocks]
    used = [False] * len(clocks)
    results: list[DateResult] = []
    for index, day in enumerate(days):
        lower = days[index - 1].end if index > 0 else 0
        upper = days[index + 1].start if index + 1 < len(days) else len(text)
        first, last = bisect_left(starts, lower), bisect_right(ends, upper)
        after = bisect_left(starts, day.end)
        before = after - 1
        while after < last and used[after]:
            after += 1
        while before >= first and used[before]:
            before -= 1
        options = []
        if after < last:
            options.append(((clocks[after].start - day.end, 0), after))
        if before >= first:
            options.append(((day.start - clocks[before].end, 1), before))
        chosen = min(options)[1] if options else None
        if chosen is not None:
            used[chosen] = True
        results.append(_combine(text, day, clocks[chosen] if chosen is not None else None, afternoon))
    return results


def parse_dutch_datetime(text: str, today: date) -> DateResult:
    """The first date (with optional time) in Dutch free text, or a ``DateError``.

    >>> parse_dutch_datetime("kan het morgen om 9 uur?", date(2026, 12, 21)).value
    datetime.datetime(2026, 12, 22, 9, 0)
    >>> parse_dutch_datetime("31 februari 2027", date(2026, 1, 1)).message
    '31 februari 2027 bestaat niet: februari 2027 heeft 28 dagen.'
    """
    found = find_dutch_datetimes(text, today)
    if found:
        return found[0]
    return DateError(_DUTCH_WORDS.not_found, "not_found", None, text if isinstance(text, str) else "")


def _local(moment: datetime) -> datetime:
    # Aware datetimes are shown in Dutch local time; naive ones are taken as already local.
    return moment.astimezone(AMSTERDAM) if moment.tzinfo is not None else moment


def _format_day(day: Union[date, datetime], pattern: str, locale: str) -> str:
    if isinstance(day, datetime):
        day = _local(day).date()
    return _babel_format_date(day, pattern, locale=locale)


def _format_moment(moment: datetime, locale: str, joiner: str) -> str:
    local = _local(moment)
    return f"{_format_day(local.date(), 'EEEE d MMMM y', locale)}{joiner}{format_time(local)}"


def _format_parsed(parsed: ParsedDate, locale: str, joiner: str) -> str:
    if parsed.has_time and isinstance(parsed.value, datetime):
        return _format_moment(parsed.value, locale, joiner)
    return _format_day(parsed.day, "EEEE d MMMM y", locale)


def format_date(day: Union[date, datetime]) -> str:
    """ "1 december 2026".

    >>> format_date(date(2026, 12, 1))
    '1 december 2026'
    """
    return _format_day(day, "d MMMM y", _LOCALE)


def format_date_long(day: Union[date, datetime]) -> str:
    """ "dinsdag 1 december 2026".

    >>> format_date_long(date(2026, 12, 1))
    'dinsdag 1 december 2026'
    """
    return _format_day(day, "EEEE d MMMM y", _LOCALE)


def format_time(moment: Union[time, datetime]) -> str:
    """ "14:00" (24-hour clock, as in the Netherlands).

    >>> format_time(time(9, 5))
    '09:05'
    """
    if isinstance(moment, datetime):
        moment = _local(moment).time()
    return f"{moment.hour:02d}:{moment.minute:02d}"


def format_datetime(moment: datetime) -> str:
    """ "dinsdag 22 december 2026 om 14:00"; aware datetimes are shown in Amsterdam time.

    >>> format_datetime(datetime(2026, 12, 22, 14, 0))
    'dinsdag 22 december 2026 om 14:00'
    """
    return _format_moment(moment, _LOCALE, " om ")


def format_parsed(parsed: ParsedDate) -> str:
    """A ``ParsedDate`` in words: with "om HH:MM" only when a time was given.

    >>> format_parsed(parse_dutch_datetime("3 maart 2026", date(2026, 1, 1)))
    'dinsdag 3 maart 2026'
    """
    return _format_parsed(parsed, _LOCALE, " om ")
