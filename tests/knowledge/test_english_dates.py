"""Tests for knowledge.english_dates (dates and times in English text, written back in English)
and knowledge.dates (one call for either language)."""
from __future__ import annotations

import doctest
from datetime import date, datetime, time, timezone

import pytest

from knowledge import dates, english_dates
from knowledge.english_dates import (
    DateError,
    ParsedDate,
    find_english_datetimes,
    format_date,
    format_date_long,
    format_datetime,
    format_parsed,
    format_time,
    parse_english_datetime,
)

TODAY = date(2026, 3, 4)  # a Wednesday


@pytest.mark.parametrize(
    "text, expected",
    [
        # explicit dates
        ("3 March 2026", date(2026, 3, 3)),
        ("March 3, 2026", date(2026, 3, 3)),
        ("March 3rd 2026", date(2026, 3, 3)),
        ("3rd of March, 2026", date(2026, 3, 3)),
        ("the 5th of January 2027", date(2027, 1, 5)),
        ("on the first of May 2026", date(2026, 5, 1)),
        ("March the first, 2026", date(2026, 3, 1)),
        ("the twenty-first of June 2026", date(2026, 6, 21)),
        ("Oct 1st 2026", date(2026, 10, 1)),
        ("Sept 15 2026", date(2026, 9, 15)),
        ("1 Dec. 2026", date(2026, 12, 1)),
        ("3 Mar '27", date(2027, 3, 3)),
        ("Tuesday, March 3rd 2026", date(2026, 3, 3)),  # weekday before a date: the date wins
        ("Tuesday 3 March 2026", date(2026, 3, 3)),
        ("03/03/2026", date(2026, 3, 3)),
        ("12/11/2026", date(2026, 11, 12)),  # day first, as in the Netherlands
        ("3/15/2026", date(2026, 3, 15)),  # only the American order is a date
        ("3-3-26", date(2026, 3, 3)),
        ("2026-03-03", date(2026, 3, 3)),
        ("29 February 2028", date(2028, 2, 29)),
        ("MARCH 3 2026", date(2026, 3, 3)),
        ("my contract started on 20 February 2026, is that right?", date(2026, 2, 20)),
        # relative days
        ("today", date(2026, 3, 4)),
        ("tonight", date(2026, 3, 4)),
        ("this afternoon", date(2026, 3, 4)),
        ("tomorrow", date(2026, 3, 5)),
        ("tomorrow morning", date(2026, 3, 5)),
        ("the day after tomorrow", date(2026, 3, 6)),
        ("day after tomorrow", date(2026, 3, 6)),
        ("yesterday", date(2026, 3, 3)),
        ("the day before yesterday", date(2026, 3, 2)),
        ("in 3 days", date(2026, 3, 7)),
        ("in two weeks", date(2026, 3, 18)),
        ("in a month", date(2026, 4, 4)),
        ("in 1 year", date(2027, 3, 4)),
        ("a week from now", date(2026, 3, 11)),
        ("5 days ago", date(2026, 2, 27)),
        ("two weeks ago", date(2026, 2, 18)),
        # weekdays (today is Wednesday 4 March 2026)
        ("Monday", date(2026, 3, 9)),
        ("on Friday", date(2026, 3, 6)),
        ("Wednesday", date(2026, 3, 11)),  # the same weekday as today: next week
        ("next Monday", date(2026, 3, 9)),
        ("coming Friday", date(2026, 3, 6)),
        ("this coming Friday", date(2026, 3, 6)),
        ("this Wednesday", date(2026, 3, 4)),
        ("last Wednesday", date(2026, 2, 25)),
        ("past Monday", date(2026, 3, 2)),
        ("Monday next week", date(2026, 3, 9)),
        ("Friday next week", date(2026, 3, 13)),
        ("next week Friday", date(2026, 3, 13)),
        ("Monday last week", date(2026, 2, 23)),
    ],
)
def test_dates(text, expected):
    result = parse_english_datetime(text, TODAY)
    assert isinstance(result, ParsedDate), result
    assert (result.value, result.has_time) == (expected, False)


@pytest.mark.parametrize("text, expected", [
    ("1 October", date(2026, 10, 1)), ("March 3rd", date(2026, 3, 3)), ("the 5th of January", date(2026, 1, 5)),
    ("May 2", date(2026, 5, 2)),
])
def test_bare_day_month_gets_the_current_year(text, expected):
    result = parse_english_datetime(text, TODAY)
    assert result.value == expected and result.year_assumed


@pytest.mark.parametrize(
    "text, expected",
    [
        ("March 3rd at 2 pm", datetime(2026, 3, 3, 14, 0)),
        ("3 March 2026 14:00", datetime(2026, 3, 3, 14, 0)),
        ("3 March 2026 at 14:00", datetime(2026, 3, 3, 14, 0)),
        ("tomorrow at 9", datetime(2026, 3, 5, 9, 0)),
        ("tomorrow at nine", datetime(2026, 3, 5, 9, 0)),
        ("tomorrow at 9 o'clock", datetime(2026, 3, 5, 9, 0)),
        ("tomorrow evening at 8", datetime(2026, 3, 5, 20, 0)),
        ("tonight at 9", datetime(2026, 3, 4, 21, 0)),
        ("this afternoon at 3", datetime(2026, 3, 4, 15, 0)),
        ("tomorrow morning at 9", datetime(2026, 3, 5, 9, 0)),
        ("next Monday at 2:30pm", datetime(2026, 3, 9, 14, 30)),
        ("Monday at 9 a.m.", datetime(2026, 3, 9, 9, 0)),
        ("Friday at noon", datetime(2026, 3, 6, 12, 0)),
        ("Friday at midnight", datetime(2026, 3, 6, 0, 0)),
        ("tomorrow at half past 2", datetime(2026, 3, 5, 2, 30)),
        ("tomorrow at quarter past 9", datetime(2026, 3, 5, 9, 15)),
        ("tomorrow at a quarter to 10", datetime(2026, 3, 5, 9, 45)),
        ("tomorrow at ten past 4 in the afternoon", datetime(2026, 3, 5, 16, 10)),
        ("tomorrow at 20 minutes to 5 pm", datetime(2026, 3, 5, 16, 40)),
        ("tomorrow at quarter to 1", datetime(2026, 3, 5, 0, 45)),
        ("tomorrow at quarter to 12 pm", datetime(2026, 3, 5, 11, 45)),
        ("tomorrow at 2.30", datetime(2026, 3, 5, 2, 30)),
        ("tomorrow evening at 09:00", datetime(2026, 3, 5, 9, 0)),  # a leading zero is explicit
        ("tomorrow evening at 8 am", datetime(2026, 3, 5, 8, 0)),  # so is am
        ("12 am tomorrow", datetime(2026, 3, 5, 0, 0)),
        ("12 pm tomorrow", datetime(2026, 3, 5, 12, 0)),
        ("1 October at 14:30", datetime(2026, 10, 1, 14, 30)),
    ],
)
def test_dates_with_time(text, expected):
    result = parse_english_datetime(text, TODAY)
    assert isinstance(result, ParsedDate), result
    assert (result.value, result.has_time) == (expected, True)


@pytest.mark.parametrize("text, expected", [("at 14:00", time(14, 0)), ("2 pm", time(14, 0)), ("noon", time(12, 0))])
def test_time_only_means_today(text, expected):
    result = parse_english_datetime(text, TODAY)
    assert result.value == datetime.combine(TODAY, expected) and result.date_assumed


def test_span_covers_date_and_time():
    text = "can you call me March 3rd at 2 pm please"
    result = parse_english_datetime(text, TODAY)
    assert result.text == "March 3rd at 2 pm" == text[result.span[0]:result.span[1]]


def test_several_dates_each_get_their_own_time():
    found = find_english_datetimes("from Monday at 9 until Friday at 17:00", TODAY)
    assert [r.value for r in found] == [datetime(2026, 3, 9, 9, 0), datetime(2026, 3, 6, 17, 0)]


@pytest.mark.parametrize(
    "text",
    ["1.50 GB", "€49.99", "I spent 12.50 on apps", "you may 2 times", "March 3 GB", "at 5 euros",
     "I need 500 MB", "a second", "first things first", "I'm in Spain for 2 weeks", "no date here", ""],
)
def test_amounts_and_ordinary_words_are_no_date(text):
    result = parse_english_datetime(text, TODAY)
    assert isinstance(result, DateError) and result.code == "not_found"


@pytest.mark.parametrize(
    "text, code, message",
    [
        ("February 31, 2027", "impossible_date", "31 February 2027 does not exist: February 2027 has 28 days."),
        ("31 April", "impossible_date", "31 April does not exist: April has 30 days."),
        ("February 30", "impossible_date", "30 February does not exist: February has at most 29 days."),
        ("29 February 2027", "impossible_date", "29 February 2027 does not exist: 2027 is not a leap year."),
        ("30/02/2026", "impossible_date", "30 February 2026 does not exist: February 2026 has 28 days."),
        ("13/13/2026", "impossible_date", "13/13/2026 does not exist: there is no month 13."),
        ("0 March 2026", "impossible_date", "0 March 2026 does not exist: there is no day 0."),
        ("3 March 20226", "out_of_range", "3 March 20226: that year does not look right."),
        ("25:00", "impossible_time", "25:00 is not a valid time."),
        ("in 999999 days", "out_of_range", "in 999999 days: that date is too far away to calculate with."),
        ("hello", "not_found", "I did not find a date. Could you give the date, for example 3 March 2026?"),
    ],
)
def test_impossible_dates(text, code, message):
    result = parse_english_datetime(text, TODAY)
    assert isinstance(result, DateError)
    assert (result.code, result.message) == (code, message)


@pytest.mark.parametrize(
    "text",
    [None, 5, "March " * 2_000, "3 " * 5_000, "at " * 3_000, "the first of " * 800, "tomorrow " * 1_000,
     "12:" * 3_000, "😀" * 5_000, "<b>March 3rd</b>" * 500],
)
def test_any_input_never_raises(text):
    found = find_english_datetimes(text, TODAY)  # type: ignore[arg-type]
    assert all(isinstance(r, (ParsedDate, DateError)) for r in found)


def test_today_may_be_a_datetime():
    assert parse_english_datetime("tomorrow", datetime(2026, 3, 4, 23, 0)).value == date(2026, 3, 5)


# --------------------------------------------------------------------------- formatting

@pytest.mark.parametrize(
    "day, short, long",
    [(date(2026, 12, 1), "1 December 2026", "Tuesday 1 December 2026"),
     (date(2026, 3, 3), "3 March 2026", "Tuesday 3 March 2026")],
)
def test_format_date(day, short, long):
    assert format_date(day) == short
    assert format_date_long(day) == long


def test_format_datetime_and_time():
    assert format_datetime(datetime(2026, 3, 3, 14, 0)) == "Tuesday 3 March 2026, 14:00"
    # aware datetimes are shown in Amsterdam time (UTC+1 in winter)
    assert format_datetime(datetime(2026, 3, 3, 13, 0, tzinfo=timezone.utc)) == "Tuesday 3 March 2026, 14:00"
    assert format_time(time(9, 5)) == "09:05"
    assert format_parsed(parse_english_datetime("March 3rd 2026", TODAY)) == "Tuesday 3 March 2026"
    assert format_parsed(parse_english_datetime("March 3rd at 2 pm", TODAY)) == "Tuesday 3 March 2026, 14:00"


# --------------------------------------------------------------------------- either language

@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("volgende maandag om 9 uur", "nl", datetime(2026, 3, 9, 9, 0)),
        ("next Monday at 9", "en", datetime(2026, 3, 9, 9, 0)),
        ("3 maart 2026", "nl", date(2026, 3, 3)),
        ("3 March 2026", "en", date(2026, 3, 3)),
        ("half 3", "nl", datetime(2026, 3, 4, 2, 30)),  # Dutch "half 3" is 2:30 ...
        ("half past 3", "en", datetime(2026, 3, 4, 3, 30)),  # ... English "half past 3" is 3:30
    ],
)
def test_parse_datetime_in_either_language(text, language, expected):
    assert dates.parse_datetime(text, TODAY, language).value == expected
    assert [r.value for r in dates.find_datetimes(text, TODAY, language)] == [expected]


def test_each_language_reads_only_its_own_words():
    assert dates.parse_datetime("next Monday", TODAY).code == "not_found"
    assert dates.parse_datetime("volgende maandag", TODAY, "en").code == "not_found"
    assert dates.parse_datetime("hello", TODAY, "en").message.startswith("I did not find a date")
    assert dates.parse_datetime("hallo", TODAY).message.startswith("Ik heb geen datum gevonden")


def test_format_in_either_language():
    moment = datetime(2026, 3, 3, 14, 0)
    assert dates.format_datetime(moment) == "dinsdag 3 maart 2026 om 14:00"
    assert dates.format_datetime(moment, "en") == "Tuesday 3 March 2026, 14:00"
    assert dates.format_date(moment.date(), "en") == "3 March 2026"
    assert dates.format_date_long(moment.date()) == "dinsdag 3 maart 2026"
    assert dates.format_time(moment, "en") == "14:00"
    assert dates.format_parsed(dates.parse_datetime("3 maart 2026", TODAY)) == "dinsdag 3 maart 2026"


@pytest.mark.parametrize("module", [english_dates, dates])
def test_docstring_examples(module):
    assert doctest.testmod(module).failed == 0
