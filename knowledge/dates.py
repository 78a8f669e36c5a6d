"""Dates in the conversation's language: one call for Dutch and English.

``find_datetimes`` / ``parse_datetime`` read Dutch (knowledge.dutch_dates, the default) or
English (knowledge.english_dates, ``language="en"``) and return the same ``ParsedDate`` /
``DateError``; the ``format_*`` functions write a date back in that language. Any language
but "en" reads and writes Dutch.
"""
from __future__ import annotations

from datetime import date, datetime, time
from typing import Union

from knowledge import dutch_dates, english_dates
from knowledge.dutch_dates import DateError, DateResult, ParsedDate

__all__ = ["DateError", "DateResult", "ParsedDate", "find_datetimes", "parse_datetime", "format_date",
           "format_date_long", "format_time", "format_datetime", "format_parsed"]


def _module(language: str):
    return english_dates if language == "en" else dutch_dates


def find_datetimes(text: str, today: date, language: str = "nl") -> list[DateResult]:
    """Every date in ``text``, in order, each with its time.

    >>> [p.value for p in find_datetimes("tomorrow at 9", date(2026, 3, 4), "en")]
    [datetime.datetime(2026, 3, 5, 9, 0)]
    """
    if language == "en":
        return english_dates.find_english_datetimes(text, today)
    return dutch_dates.find_dutch_datetimes(text, today)


def parse_datetime(text: str, today: date, language: str = "nl") -> DateResult:
    """The first date (with optional time) in ``text``, or a ``DateError`` in that language.

    >>> parse_datetime("volgende maandag", date(2026, 3, 4)).value, parse_datetime("next Monday", date(2026, 3, 4), "en").value
    (datetime.date(2026, 3, 9), datetime.date(2026, 3, 9))
    """
    if language == "en":
        return english_dates.parse_english_datetime(text, today)
    return dutch_dates.parse_dutch_datetime(text, today)


def format_date(day: Union[date, datetime], language: str = "nl") -> str:
    """ "1 december 2026" / "1 December 2026".

    >>> format_date(date(2026, 12, 1)), format_date(date(2026, 12, 1), "en")
    ('1 december 2026', '1 December 2026')
    """
    return _module(language).format_date(day)


def format_date_long(day: Union[date, datetime], language: str = "nl") -> str:
    """ "dinsdag 1 december 2026" / "Tuesday 1 December 2026".

    >>> format_date_long(date(2026, 12, 1), "en")
    'Tuesday 1 December 2026'
    """
    return _module(language).format_date_long(day)


def format_time(moment: Union[time, datetime], language: str = "nl") -> str:
    """ "14:00" in both languages (24-hour clock, as in the Netherlands).

    >>> format_time(time(14, 0), "en")
    '14:00'
    """
    return _module(language).format_time(moment)


def format_datetime(moment: datetime, language: str = "nl") -> str:
    """ "dinsdag 3 maart 2026 om 14:00" / "Tuesday 3 March 2026, 14:00".

    >>> format_datetime(datetime(2026, 3, 3, 14, 0)), format_datetime(datetime(2026, 3, 3, 14, 0), "en")
    ('dinsdag 3 maart 2026 om 14:00', 'Tuesday 3 March 2026, 14:00')
    """
    return _module(language).format_datetime(moment)


def format_parsed(parsed: ParsedDate, language: str = "nl") -> str:
    """A ``ParsedDate`` in words, with the time only when one was given.

    >>> format_parsed(parse_datetime("March 3rd at 2 pm", date(2026, 1, 1), "en"), "en")
    'Tuesday 3 March 2026, 14:00'
    """
    return _module(language).format_parsed(parsed)


def month_words() -> tuple[str, ...]:
    """Every month name and abbreviation the date readers know, Dutch and English (for the
    NLU's regex features, scripts/generate_lookups.py)."""
    from knowledge import dutch_dates, english_dates

    words = set(dutch_dates._MONTH_WORDS) | set(english_dates._MONTH_WORDS)
    return tuple(sorted((w.rstrip(".") for w in words), key=lambda w: (-len(w), w)))
