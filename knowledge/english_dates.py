"""Which date (and time) does a customer writing English mean, and how do we write one in English?

The English sibling of knowledge.dutch_dates, with the same results (``ParsedDate``,
``DateError``) and the same rules for what is assumed; only the words differ.
``parse_english_datetime(text, today)`` finds the first date in free text and an optional time:

* explicit dates: "3 March 2026", "March 3rd", "March 3, 2026", "the 5th of January",
  "on the first of May", "1 Oct", "Tuesday, March 3rd", "03/03/2026", "2026-03-03". Numeric
  dates are day first, as in the Netherlands, unless only the other order is a date
  ("3/15/2026" is 15 March);
* relative days: "today", "tonight", "this afternoon", "tomorrow", "tomorrow morning",
  "the day after tomorrow", "yesterday", "the day before yesterday", "in 3 days",
  "in two weeks", "in a month", "a week from now", "5 days ago";
* weekdays: "Monday" / "next Monday" / "coming Monday" = the first such day *after* today,
  "this Friday" = on or after today, "last Monday" = the last one before today,
  "Monday next week" / "next week Monday" = that day in next (ISO) week;
* times: "14:00", "at 9", "at nine", "9 o'clock", "2 pm", "2:30pm", "9 a.m.", "noon",
  "midnight", "half past 2" (2:30, unlike Dutch "half 3"), "quarter past 9", "quarter to 10",
  "ten past 4", "at 2.30". "afternoon", "evening" and "tonight" move 1-11 o'clock to the
  afternoon ("tomorrow evening at 8" = 20:00); "am"/"pm" and a leading zero ("09:00") fix it.

A bare day and month ("1 October") gets the year of ``today`` (``year_assumed=True``); a time
without a date gets ``today`` (``date_assumed=True``). Impossible input ("February 31, 2027",
"25:00") gives a ``DateError`` with an English message; no date gives code "not_found".
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Union

from babel.dates import get_day_names, get_month_names
from dateutil.relativedelta import relativedelta

from knowledge.dutch_dates import (  # the language-independent engine
    MAX_YEAR,
    DateError,
    DateResult,
    ParsedDate,
    _assemble,
    _build_date,
    _DateWords,
    _Found,
    _ISO_DATE_RE,
    _format_day,
    _format_moment,
    _format_parsed,
    _make_time,
    _offset_delta,
    _shift,
    _two_digit_year,
    _weekday_delta,
    format_time,  # "14:00" in English too: the 24-hour clock, as in the Netherlands
)
from knowledge.quantities import ENGLISH_NUMBER_WORD_PATTERN, english_number_word_value

_LOCALE = "en"

# --------------------------------------------------------------------------- vocabulary

_MONTH_NAMES: dict[int, str] = dict(get_month_names("wide", locale=_LOCALE))
_MONTH_WORDS: dict[str, int] = {name.lower(): number for number, name in _MONTH_NAMES.items()}
_MONTH_WORDS.update({name.lower(): number for number, name in get_month_names("abbreviated", locale=_LOCALE).items()})
# Spellings customers type besides Babel's ("Sept", "Febuary").
_MONTH_WORDS.update({"sept": 9, "febuary": 2, "feburary": 2, "janurary": 1, "agust": 8, "septmber": 9,
                     "octobre": 10, "decmber": 12})
_WEEKDAY_WORDS: dict[str, int] = {name.lower(): number
                                  for number, name in get_day_names("wide", locale=_LOCALE).items()}

_ORDINAL_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_ORDINALS: dict[str, int] = {word: n for n, word in enumerate(_ORDINAL_UNITS, start=1)}
_ORDINALS.update({"tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
                  "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
                  "twentieth": 20, "thirtieth": 30, "thirty-first": 31, "thirty first": 31})
_ORDINALS.update({f"twenty{joint}{word}": 20 + n for n, word in enumerate(_ORDINAL_UNITS, start=1)
                  for joint in ("-", " ")})

_HOUR_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
               "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_MINUTE_WORDS = {"quarter": 15, "half": 30, "five": 5, "ten": 10, "twenty": 20, "twenty-five": 25,
                 "twenty five": 25}

_WORDS = _DateWords(
    month_names=_MONTH_NAMES,
    no_month="{raw} does not exist: there is no month {month}.",
    bad_year="{raw}: that year does not look right.",
    day_zero="{raw} does not exist: there is no day 0.",
    not_leap="29 {name} {year} does not exist: {year} is not a leap year.",
    too_many_days_in_year="{day} {name} {year} does not exist: {name} {year} has {days} days.",
    too_many_days="{day} {name} does not exist: {name} has {days} days.",
    at_most_29="at most 29",
    too_far="{raw}: that date is too far away to calculate with.",
    bad_time="{shown} is not a valid time.",
    not_found="I did not find a date. Could you give the date, for example 3 March 2026?",
)


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


_MONTHS = _alt(_MONTH_WORDS)
_WEEKDAYS = _alt(_WEEKDAY_WORDS)
_WEEKDAY_PREFIX = rf"(?:(?:{_WEEKDAYS})\s*,?\s*(?:the\s+)?)?"
_DAY = rf"(?:(?<![0-9])(?P<day>[0-9]{{1,2}})(?P<suffix>st|nd|rd|th)?|\b(?P<dayword>{_alt(_ORDINALS)}))"
# Amounts that follow a number are no day or year: "March 3 GB", "1 October 1500 MB".
_NOT_AMOUNT = r"(?!\s*(?:mb|gb|kb|min|mins|minutes|sms|texts?|euros?|eur|hours?|sec|secs|seconds|€|%))"
_YEAR = (r"(?:\s*,?\s*(?:(?P<year>(?<![0-9])[0-9]{4,})(?![0-9]|[.,][0-9])" + _NOT_AMOUNT
         + r"|'(?P<year2>[0-9]{2})(?![0-9])))?")

_DAY_FIRST_RE = re.compile(
    _WEEKDAY_PREFIX + r"(?:\bthe\s+)?" + _DAY + r"\s*(?:of\s+)?" + rf"(?P<month>{_MONTHS})(?!\w)\.?" + _YEAR,
    re.IGNORECASE,
)
_MONTH_FIRST_RE = re.compile(
    _WEEKDAY_PREFIX + rf"\b(?P<month>{_MONTHS})(?!\w)\.?\s*(?:the\s+)?" + _DAY + r"(?![0-9])(?!\w)"
    + _NOT_AMOUNT + _YEAR,
    re.IGNORECASE,
)
_NUMERIC_DATE_RE = re.compile(
    _WEEKDAY_PREFIX
    + r"(?<![0-9.,/:-])(?P<day>[0-9]{1,2})(?P<sep>[-/.])(?P<month>[0-9]{1,2})(?P=sep)"
    + r"(?:(?P<year>[0-9]{4})|(?P<year2>[0-9]{2}))(?![0-9]|[.,/:-][0-9])",
    re.IGNORECASE,
)
_RELATIVE_DAYS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
                  "tomorrow": 1, "yesterday": -1, "day after tomorrow": 2, "day before yesterday": -2}
_RELATIVE_RE = re.compile(
    r"\b(?:the\s+)?(?P<rel>day\s+after\s+tomorrow|day\s+before\s+yesterday|today|tonight|tomorrow|yesterday"
    r"|this\s+(?:morning|afternoon|evening))\b",
    re.IGNORECASE,
)
_WEEKDAY_RE = re.compile(
    r"\b(?:(?P<mod>(?:next|this|last)\s+week(?:\s+on)?|this\s+coming|next|coming|this|last|past|previous)\s+)?"
    rf"(?P<wd>{_WEEKDAYS})"
    r"(?:\s+(?P<mod2>(?:next|this|last)\s+week))?(?!\w)",
    re.IGNORECASE,
)
_WEEKDAY_MODIFIERS = {"next week": "next week", "next week on": "next week", "this week": "this week",
                      "this week on": "this week", "last week": "last week", "last week on": "last week",
                      "this": "this", "last": "last", "past": "last", "previous": "last"}
_COUNT = rf"(?P<n>[0-9]{{1,6}}|{ENGLISH_NUMBER_WORD_PATTERN}|an?\b)"
_OFFSET_UNIT = r"(?P<unit>days|day|weeks|week|months|month|years|year)"
_OFFSET_IN_RE = re.compile(rf"\bin\s+{_COUNT}\s+{_OFFSET_UNIT}\b", re.IGNORECASE)
_OFFSET_FROM_NOW_RE = re.compile(rf"(?<![\w-]){_COUNT}\s+{_OFFSET_UNIT}\s+from\s+(?:now|today)\b", re.IGNORECASE)
_OFFSET_AGO_RE = re.compile(rf"(?<![\w-]){_COUNT}\s+{_OFFSET_UNIT}\s+ago\b", re.IGNORECASE)

_HOUR = rf"(?P<h>[0-9]{{1,2}}|{_alt(_HOUR_WORDS)})"
_AMPM = r"(?P<ampm>[ap]\.?m\b\.?)"
_END = r"(?![0-9]|[.,:][0-9])"
_TIME_COLON_RE = re.compile(
    r"(?:\bat\s+)?(?<![0-9.,:/€-])(?P<h>[0-9]{1,2}):(?P<m>[0-9]{2})" + _END + rf"(?:\s*{_AMPM})?(?:\s*(?:hrs|h)\b)?",
    re.IGNORECASE,
)
# "2.30" is a time only after "at" or before am/pm: "1.50 GB" and "€49.99" are amounts.
_TIME_DOT_RE = re.compile(
    r"(?:(?P<at>\bat\s+)(?<![0-9.,:/€-])(?P<h>[0-9]{1,2})\.(?P<m>[0-9]{2})" + _END + rf"(?:\s*{_AMPM})?"
    r"|(?<![0-9.,:/€-])(?P<h2>[0-9]{1,2})\.(?P<m2>[0-9]{2})" + _END + r"\s*(?P<ampm2>[ap]\.?m\b\.?))",
    re.IGNORECASE,
)
_TIME_AMPM_RE = re.compile(rf"(?:\bat\s+)?(?<![0-9.,:/-]){_HOUR}\s*{_AMPM}", re.IGNORECASE)
_TIME_OCLOCK_RE = re.compile(rf"(?:\bat\s+)?(?<![0-9.,:/-])\b{_HOUR}\s+o['’]?\s?clock\b", re.IGNORECASE)
_TIME_AT_RE = re.compile(rf"\bat\s+{_HOUR}{_END}(?!\w){_NOT_AMOUNT}", re.IGNORECASE)
_TIME_PAST_TO_RE = re.compile(
    rf"(?:\bat\s+)?\b(?:a\s+)?(?P<min>{_alt(_MINUTE_WORDS)}|[0-9]{{1,2}}\s+minutes)\s+(?P<dir>past|to)\s+"
    rf"{_HOUR}{_END}(?:\s*{_AMPM})?(?!\w)",
    re.IGNORECASE,
)
_TIME_NAMED_RE = re.compile(r"(?:\bat\s+)?\b(?P<named>noon|midday|midnight)\b", re.IGNORECASE)
_PM_RE = re.compile(r"\b(?:afternoon|evening|tonight)s?\b", re.IGNORECASE)


# --------------------------------------------------------------------------- finding

def _day_of(m: re.Match[str]) -> int:
    if m.group("dayword"):
        return _ORDINALS[" ".join(m.group("dayword").lower().split())]
    return int(m.group("day"))


def _year_of(m: re.Match[str], today: date) -> tuple[int, bool]:
    if m.group("year"):
        text = m.group("year")
        # int() of thousands of digits is slow (and refused); any 7+ digit year is out of range.
        return (int(text) if len(text) <= 6 else MAX_YEAR + 1), True
    if m.group("year2"):
        return _two_digit_year(int(m.group("year2")), today), True
    return today.year, False


def _explicit_dates(text: str, today: date) -> list[_Found]:
    found: list[_Found] = []
    for regex in (_DAY_FIRST_RE, _MONTH_FIRST_RE):
        for m in regex.finditer(text):
            month_text = m.group("month")
            if regex is _MONTH_FIRST_RE and month_text == "may" and not (m.group("suffix") or m.group("year")):
                continue  # "you may 2 ..." is the verb
            year, given = _year_of(m, today)
            found.append(_build_date(_day_of(m), _MONTH_WORDS[month_text.lower()], year, m.group().strip(),
                                     m.span(), given, _WORDS))
    for m in _NUMERIC_DATE_RE.finditer(text):
        year = int(m.group("year")) if m.group("year") else _two_digit_year(int(m.group("year2")), today)
        day, month = int(m.group("day")), int(m.group("month"))
        if month > 12 >= day:  # "3/15/2026" can only be American
            day, month = month, day
        found.append(_build_date(day, month, year, m.group().strip(), m.span(), True, _WORDS))
    for m in _ISO_DATE_RE.finditer(text):
        found.append(_build_date(int(m.group("day")), int(m.group("month")), int(m.group("year")),
                                 m.group(), m.span(), True, _WORDS))
    return found


def _count_value(text: str) -> int | None:
    lowered = text.lower()
    if lowered in ("a", "an"):
        return 1
    return int(text) if text.isdigit() else english_number_word_value(text)


def _relative_dates(text: str, today: date) -> list[_Found]:
    found: list[_Found] = []
    for m in _RELATIVE_RE.finditer(text):
        days = _RELATIVE_DAYS[" ".join(m.group("rel").lower().split())]
        found.append(_shift(today, relativedelta(days=days), m.span(), m.group(), _WORDS))
    for m in _WEEKDAY_RE.finditer(text):
        modifier = " ".join((m.group("mod") or m.group("mod2") or "").lower().split())
        delta = _weekday_delta(today, _WEEKDAY_WORDS[m.group("wd").lower()], _WEEKDAY_MODIFIERS.get(modifier, ""))
        found.append(_shift(today, delta, m.span(), m.group(), _WORDS))
    for regex, sign in ((_OFFSET_IN_RE, 1), (_OFFSET_FROM_NOW_RE, 1), (_OFFSET_AGO_RE, -1)):
        for m in regex.finditer(text):
            n = _count_value(m.group("n"))
            if n is None:  # pragma: no cover - the word regex and the evaluator agree
                continue
            if n > 100_000:  # a date this far away is never meant; avoid overflow work
                found.append(_shift(today, relativedelta(years=10_000), m.span(), m.group(), _WORDS))
                continue
            found.append(_shift(today, _offset_delta(n, m.group("unit").lower(), sign), m.span(), m.group(), _WORDS))
    return found


def _hour_value(token: str) -> int:
    return int(token) if token.isdigit() else _HOUR_WORDS[token.lower()]


def _to_24(hour: int, ampm: str | None) -> int:
    """ "12 am" is 0:00, "12 pm" 12:00, "2 pm" 14:00; without am/pm the hour stays."""
    if not ampm:
        return hour
    pm = ampm.lower().startswith("p")
    if hour == 12:
        return 12 if pm else 0
    return hour + 12 if hour < 12 and pm else hour


def _clock(hour: int, minute: int, ampm: str | None, m: re.Match[str], leading_zero: bool = False) -> _Found:
    """A time; "am"/"pm" turn the 12-hour clock into 24 hours and fix it."""
    return _make_time(_to_24(hour, ampm), minute, m.span(), m.group(), leading_zero or bool(ampm), _WORDS)


def _times(text: str) -> list[_Found]:
    found: list[_Found] = []
    for m in _TIME_COLON_RE.finditer(text):
        h = m.group("h")
        found.append(_clock(int(h), int(m.group("m")), m.group("ampm"), m, len(h) == 2 and h[0] == "0"))
    for m in _TIME_DOT_RE.finditer(text):
        h = m.group("h") or m.group("h2")
        found.append(_clock(int(h), int(m.group("m") or m.group("m2")), m.group("ampm") or m.group("ampm2"), m,
                            len(h) == 2 and h[0] == "0"))
    for m in _TIME_AMPM_RE.finditer(text):
        found.append(_clock(_hour_value(m.group("h")), 0, m.group("ampm"), m))
    for regex in (_TIME_OCLOCK_RE, _TIME_AT_RE):
        for m in regex.finditer(text):
            h = m.group("h")
            found.append(_clock(_hour_value(h), 0, None, m, h.startswith("0")))
    for m in _TIME_PAST_TO_RE.finditer(text):
        words = " ".join(m.group("min").lower().split())
        minutes = _MINUTE_WORDS[words] if words in _MINUTE_WORDS else int(words.split()[0])
        hour = _hour_value(m.group("h"))
        if m.group("dir").lower() == "past":
            found.append(_clock(hour, minutes, m.group("ampm"), m))
        elif words != "half" and 0 < minutes < 60 and hour <= 24:  # "half to" is no English time
            ampm = m.group("ampm")
            found.append(_make_time((_to_24(hour, ampm) - 1) % 24, 60 - minutes, m.span(), m.group(), bool(ampm),
                                    _WORDS))
    for m in _TIME_NAMED_RE.finditer(text):
        found.append(_make_time(0 if m.group("named").lower() == "midnight" else 12, 0, m.span(), m.group(),
                                True, _WORDS))
    return found


# --------------------------------------------------------------------------- public API

def find_english_datetimes(text: str, today: date) -> list[DateResult]:
    """Every date in English ``text``, in order, each with the nearest time that belongs to it.

    >>> [p.value for p in find_english_datetimes("from March 3rd 2026 to 5 April 2026", date(2026, 1, 1))]
    [datetime.date(2026, 3, 3), datetime.date(2026, 4, 5)]
    """
    if not isinstance(text, str) or not text.strip():
        return []
    if isinstance(today, datetime):
        today = today.date()
    return _assemble(text, today, _explicit_dates(text, today) + _relative_dates(text, today), _times(text), _PM_RE)


def parse_english_datetime(text: str, today: date) -> DateResult:
    """The first date (with optional time) in English free text, or a ``DateError``.

    >>> parse_english_datetime("March 3rd at 2 pm", date(2026, 1, 1)).value
    datetime.datetime(2026, 3, 3, 14, 0)
    >>> parse_english_datetime("February 31, 2027", date(2026, 1, 1)).message
    '31 February 2027 does not exist: February 2027 has 28 days.'
    """
    found = find_english_datetimes(text, today)
    if found:
        return found[0]
    return DateError(_WORDS.not_found, "not_found", None, text if isinstance(text, str) else "")


def format_date(day: Union[date, datetime]) -> str:
    """ "1 December 2026".

    >>> format_date(date(2026, 12, 1))
    '1 December 2026'
    """
    return _format_day(day, "d MMMM y", _LOCALE)


def format_date_long(day: Union[date, datetime]) -> str:
    """ "Tuesday 1 December 2026".

    >>> format_date_long(date(2026, 12, 1))
    'Tuesday 1 December 2026'
    """
    return _format_day(day, "EEEE d MMMM y", _LOCALE)


def format_datetime(moment: datetime) -> str:
    """ "Tuesday 3 March 2026, 14:00"; aware datetimes are shown in Amsterdam time.

    >>> format_datetime(datetime(2026, 3, 3, 14, 0))
    'Tuesday 3 March 2026, 14:00'
    """
    return _format_moment(moment, _LOCALE, ", ")


def format_parsed(parsed: ParsedDate) -> str:
    """A ``ParsedDate`` in words: with ", HH:MM" only when a time was given.

    >>> format_parsed(parse_english_datetime("3 March 2026", date(2026, 1, 1)))
    'Tuesday 3 March 2026'
    """
    return _format_parsed(parsed, _LOCALE, ", ")
