"""Tests for knowledge.dutch_dates: finding dates/times in Dutch text and writing them in Dutch."""
from __future__ import annotations

from datetime import date, datetime, time, timezone

import pytest

from knowledge.dutch_dates import (
    DateError,
    ParsedDate,
    find_dutch_datetimes,
    format_date,
    format_date_long,
    format_datetime,
    format_parsed,
    format_time,
    parse_dutch_datetime,
)

TODAY = date(2026, 3, 4)  # a Wednesday


# --------------------------------------------------------------------------- dates without time

@pytest.mark.parametrize(
    "text, expected",
    [
        # explicit dates
        ("3 maart 2026", date(2026, 3, 3)),
        # a part of a month: its 1st, 15th or last day
        ("half augustus 2025", date(2025, 8, 15)),
        ("medio augustus", date(2026, 8, 15)),
        ("begin maart 2021", date(2021, 3, 1)),
        ("eind februari 2028", date(2028, 2, 29)),
        ("eind van juni", date(2026, 6, 30)),
        ("03-03-2026", date(2026, 3, 3)),
        ("3/3/2026", date(2026, 3, 3)),
        ("3.3.2026", date(2026, 3, 3)),
        ("3-3-26", date(2026, 3, 3)),
        ("2026-03-03", date(2026, 3, 3)),
        ("1 december 2026", date(2026, 12, 1)),
        ("1 dec 2026", date(2026, 12, 1)),
        ("3 mrt. 2027", date(2027, 3, 3)),
        ("3 mrt '27", date(2027, 3, 3)),
        ("1e oktober 2026", date(2026, 10, 1)),
        ("1ste oktober 2026", date(2026, 10, 1)),
        ("15 sept 2026", date(2026, 9, 15)),
        ("3 MAART 2026", date(2026, 3, 3)),
        ("29 februari 2028", date(2028, 2, 29)),
        ("29-02-2028", date(2028, 2, 29)),
        ("31 december 2026", date(2026, 12, 31)),
        ("31-12-2026", date(2026, 12, 31)),
        ("12/11/2026", date(2026, 11, 12)),  # day first, Dutch order
        ("mijn contract begon op 20 februari 2026, klopt dat?", date(2026, 2, 20)),
        ("dinsdag 3 maart 2026", date(2026, 3, 3)),  # weekday before a date: the date wins
        ("1 okt 2026.", date(2026, 10, 1)),
        # relative days
        ("vandaag", date(2026, 3, 4)),
        ("Vandaag nog", date(2026, 3, 4)),
        ("vanavond", date(2026, 3, 4)),
        ("morgen", date(2026, 3, 5)),
        ("morgenochtend", date(2026, 3, 5)),
        ("overmorgen", date(2026, 3, 6)),
        ("gisteren", date(2026, 3, 3)),
        ("gister", date(2026, 3, 3)),
        ("eergisteren", date(2026, 3, 2)),
        ("over 3 dagen", date(2026, 3, 7)),
        ("over twee weken", date(2026, 3, 18)),
        ("over een maand", date(2026, 4, 4)),
        ("over 1 jaar", date(2027, 3, 4)),
        ("5 dagen geleden", date(2026, 2, 27)),
        ("twee weken geleden", date(2026, 2, 18)),
        # weekdays (today is Wednesday 4 March 2026)
        ("maandag", date(2026, 3, 9)),
        ("vrijdag", date(2026, 3, 6)),
        ("woensdag", date(2026, 3, 11)),  # the same weekday as today: next week
        ("komende maandag", date(2026, 3, 9)),
        ("aanstaande vrijdag", date(2026, 3, 6)),
        ("vrijdag a.s.", date(2026, 3, 6)),
        ("volgende maandag", date(2026, 3, 9)),
        ("deze woensdag", date(2026, 3, 4)),
        ("vorige woensdag", date(2026, 2, 25)),
        ("afgelopen maandag", date(2026, 3, 2)),
        ("volgende week maandag", date(2026, 3, 9)),
        ("volgende week vrijdag", date(2026, 3, 13)),
        ("maandag volgende week", date(2026, 3, 9)),
        ("vorige week dinsdag", date(2026, 2, 24)),
        ("zaterdagochtend", date(2026, 3, 7)),
        # the day written out
        ("vijftien maart", date(2026, 3, 15)),
        ("de eerste van oktober 2021", date(2021, 10, 1)),
        ("eenentwintigste juni", date(2026, 6, 21)),
        ("op de derde mei", date(2026, 5, 3)),
    ],
)
def test_dates(text, expected):
    result = parse_dutch_datetime(text, TODAY)
    assert isinstance(result, ParsedDate), result
    assert result.value == expected
    assert result.has_time is False
    assert result.day == expected
    start, end = result.span
    assert result.text == text[start:end]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1 okt", date(2026, 10, 1)),
        ("1 oktober", date(2026, 10, 1)),
        ("15 januari", date(2026, 1, 15)),  # in the past: still the current year, flagged
        ("3 mrt", date(2026, 3, 3)),
    ],
)
def test_bare_day_month_gets_the_current_year(text, expected):
    result = parse_dutch_datetime(text, TODAY)
    assert isinstance(result, ParsedDate)
    assert result.value == expected
    assert result.year_assumed is True


def test_explicit_year_is_not_assumed():
    result = parse_dutch_datetime("1 okt 2027", TODAY)
    assert result.year_assumed is False and result.value == date(2027, 10, 1)


def test_today_may_be_a_datetime():
    result = parse_dutch_datetime("morgen", datetime(2026, 12, 31, 23, 59))
    assert result.value == date(2027, 1, 1)


@pytest.mark.parametrize(
    "today, text, expected",
    [
        (date(2026, 12, 31), "morgen", date(2027, 1, 1)),  # year end
        (date(2028, 2, 28), "morgen", date(2028, 2, 29)),  # leap year
        (date(2027, 2, 28), "morgen", date(2027, 3, 1)),
        (date(2026, 1, 31), "over een maand", date(2026, 2, 28)),  # month end clipped
        (date(2026, 12, 28), "volgende week maandag", date(2027, 1, 4)),
        (date(2026, 3, 1), "gisteren", date(2026, 2, 28)),
        (date(2026, 3, 8), "maandag", date(2026, 3, 9)),  # today Sunday
        (date(2026, 3, 9), "maandag", date(2026, 3, 16)),  # today Monday
        (date(2026, 3, 9), "volgende week maandag", date(2026, 3, 16)),
        (date(2026, 3, 8), "volgende week maandag", date(2026, 3, 9)),
    ],
)
def test_relative_edges(today, text, expected):
    assert parse_dutch_datetime(text, today).value == expected


# --------------------------------------------------------------------------- with time

@pytest.mark.parametrize(
    "text, expected",
    [
        ("morgen om 09:00", datetime(2026, 3, 5, 9, 0)),
        ("morgen om 9:00", datetime(2026, 3, 5, 9, 0)),
        ("morgen om 9 uur", datetime(2026, 3, 5, 9, 0)),
        ("morgen 9 uur", datetime(2026, 3, 5, 9, 0)),
        ("morgen 14.30", datetime(2026, 3, 5, 14, 30)),
        ("morgen om 9", datetime(2026, 3, 5, 9, 0)),
        ("morgen 9u30", datetime(2026, 3, 5, 9, 30)),
        ("morgen om half 10", datetime(2026, 3, 5, 9, 30)),  # Dutch "half 10" = 9:30
        ("morgen kwart over 9", datetime(2026, 3, 5, 9, 15)),
        ("morgen kwart voor 10", datetime(2026, 3, 5, 9, 45)),
        ("morgen om negen uur", datetime(2026, 3, 5, 9, 0)),
        ("3 maart 2026 om 14:00", datetime(2026, 3, 3, 14, 0)),
        ("dinsdag 22 december 2026 om 14:00", datetime(2026, 12, 22, 14, 0)),
        ("22-12-2026 14:00", datetime(2026, 12, 22, 14, 0)),
        ("om 14:00 op 22 december 2026", datetime(2026, 12, 22, 14, 0)),  # time before the date
        ("1 okt 2026, om 9 uur", datetime(2026, 10, 1, 9, 0)),
        ("morgenavond om 8", datetime(2026, 3, 5, 20, 0)),  # evening: afternoon clock
        ("vanmiddag om 3 uur", datetime(2026, 3, 4, 15, 0)),
        ("morgen om 3 uur 's middags", datetime(2026, 3, 5, 15, 0)),
        ("zaterdagmiddag 2 uur", datetime(2026, 3, 7, 14, 0)),
        ("morgenavond om 08:00", datetime(2026, 3, 5, 8, 0)),  # leading zero is explicit
        ("morgen om 12 uur 's middags", datetime(2026, 3, 5, 12, 0)),
        ("morgen om 0:00", datetime(2026, 3, 5, 0, 0)),
        ("morgen om 23:59", datetime(2026, 3, 5, 23, 59)),
    ],
)
def test_dates_with_time(text, expected):
    result = parse_dutch_datetime(text, TODAY)
    assert isinstance(result, ParsedDate), result
    assert result.value == expected
    assert result.has_time is True
    assert result.date_assumed is False
    assert result.day == expected.date()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("om 09:00", datetime(2026, 3, 4, 9, 0)),
        ("14.30", datetime(2026, 3, 4, 14, 30)),
        ("9 uur", datetime(2026, 3, 4, 9, 0)),
        ("om 9:00", datetime(2026, 3, 4, 9, 0)),
    ],
)
def test_time_only_means_today(text, expected):
    result = parse_dutch_datetime(text, TODAY)
    assert isinstance(result, ParsedDate)
    assert result.value == expected and result.has_time and result.date_assumed


def test_span_covers_date_and_time():
    text = "Kan ik morgen om 9 uur bellen?"
    result = parse_dutch_datetime(text, TODAY)
    assert result.span == (7, 22)
    assert result.text == "morgen om 9 uur"


def test_several_dates_each_get_their_own_time():
    found = find_dutch_datetimes("op 3 maart om 10 uur en op 5 april om 11:15", TODAY)
    assert [f.value for f in found] == [datetime(2026, 3, 3, 10, 0), datetime(2026, 4, 5, 11, 15)]


def test_first_date_is_returned():
    result = parse_dutch_datetime("van 3 maart 2026 tot 5 april 2026", TODAY)
    assert result.value == date(2026, 3, 3)


@pytest.mark.parametrize(
    "text",
    [
        "goedemorgen, ik wil 1 april 2026 opzeggen",  # "goedemorgen" is no date
        "ik heb 's morgens geen bereik op 1 april 2026",
    ],
)
def test_morning_words_are_not_tomorrow(text):
    assert parse_dutch_datetime(text, TODAY).value == date(2026, 4, 1)


# --------------------------------------------------------------------------- impossible input

@pytest.mark.parametrize(
    "text, code, message",
    [
        ("31 februari 2027", "impossible_date", "31 februari 2027 bestaat niet: februari 2027 heeft 28 dagen."),
        ("30-02-2026", "impossible_date", "30 februari 2026 bestaat niet: februari 2026 heeft 28 dagen."),
        ("29 februari 2027", "impossible_date", "29 februari 2027 bestaat niet: 2027 is geen schrikkeljaar."),
        ("29 februari", "impossible_date", "29 februari 2026 bestaat niet: 2026 is geen schrikkeljaar."),
        ("31 april", "impossible_date", "31 april bestaat niet: april heeft 30 dagen."),
        ("30 februari", "impossible_date", "30 februari bestaat niet: februari heeft hoogstens 29 dagen."),
        ("31-06-2026", "impossible_date", "31 juni 2026 bestaat niet: juni 2026 heeft 30 dagen."),
        ("13-13-2026", "impossible_date", "13-13-2026 bestaat niet: er is geen maand 13."),
        ("0 maart 2026", "impossible_date", "0 maart 2026 bestaat niet: er is geen dag 0."),
        ("2026-02-30", "impossible_date", "30 februari 2026 bestaat niet: februari 2026 heeft 28 dagen."),
        ("3 maart 20226", "out_of_range", "3 maart 20226: dat jaartal lijkt niet te kloppen."),
        ("1 jan 0000", "out_of_range", "1 jan 0000: dat jaartal lijkt niet te kloppen."),
        ("morgen om 25:00", "impossible_time", "25:00 is geen geldige tijd."),
        ("morgen om 14:75", "impossible_time", "14:75 is geen geldige tijd."),
        ("om 25 uur", "impossible_time", "25:00 is geen geldige tijd."),
    ],
)
def test_impossible_dates(text, code, message):
    result = parse_dutch_datetime(text, TODAY)
    assert isinstance(result, DateError), result
    assert result.code == code
    assert result.message == message
    assert result.span is not None


@pytest.mark.parametrize(
    "text",
    ["", "   ", "hallo", "wat kost bellen in Spanje?", "NaN", "😀🎉📅", "<b>datum</b>", "over 99999999 jaar",
     None, "1.250 euro", "2-3 minuten", "mijn telefoon vraagt om een PUK-code"],
)
def test_no_date(text):
    result = parse_dutch_datetime(text, TODAY)  # type: ignore[arg-type]
    assert isinstance(result, DateError)
    assert result.code == "not_found"
    assert result.message.startswith("Ik heb geen datum gevonden")


def test_far_offset_is_out_of_range():
    result = parse_dutch_datetime("over 999999 jaar", TODAY)
    assert isinstance(result, DateError) and result.code == "out_of_range"


def test_html_around_a_date():
    result = parse_dutch_datetime("<p>Mijn contract loopt af op <b>20-02-2027</b></p>", TODAY)
    assert result.value == date(2027, 2, 20)


@pytest.mark.parametrize(
    "text",
    ["1" * 10_000, "a" * 10_000, "maandag " * 1_250, "1-" * 5_000, "om 1 " * 2_000, "3 maart " * 1_250,
     "<p>" * 3_000, "1 okt " + "9" * 5_000, "3-3-" + "2" * 5_000, "avond" * 2_000],
)
def test_long_input_is_safe(text):
    # How fast is measured in make bench (bench/bench_dates.py), not here.
    result = parse_dutch_datetime(text, TODAY)
    assert isinstance(result, (ParsedDate, DateError))


def test_results_are_frozen():
    result = parse_dutch_datetime("morgen", TODAY)
    with pytest.raises(AttributeError):
        result.value = date(2030, 1, 1)  # type: ignore[misc]


# --------------------------------------------------------------------------- formatting

@pytest.mark.parametrize(
    "day, short, long",
    [
        (date(2026, 12, 1), "1 december 2026", "dinsdag 1 december 2026"),
        (date(2027, 3, 3), "3 maart 2027", "woensdag 3 maart 2027"),
        (date(2028, 2, 29), "29 februari 2028", "dinsdag 29 februari 2028"),
        (date(2026, 10, 1), "1 oktober 2026", "donderdag 1 oktober 2026"),
        (datetime(2026, 12, 22, 14, 0), "22 december 2026", "dinsdag 22 december 2026"),
    ],
)
def test_format_date(day, short, long):
    assert format_date(day) == short
    assert format_date_long(day) == long


@pytest.mark.parametrize(
    "moment, expected",
    [
        (datetime(2026, 12, 22, 14, 0), "dinsdag 22 december 2026 om 14:00"),
        (datetime(2026, 12, 22, 9, 5), "dinsdag 22 december 2026 om 09:05"),
        # aware datetimes are shown in Amsterdam time
        (datetime(2026, 12, 22, 13, 0, tzinfo=timezone.utc), "dinsdag 22 december 2026 om 14:00"),
        (datetime(2027, 4, 5, 8, 0, tzinfo=timezone.utc), "maandag 5 april 2027 om 10:00"),
        (datetime(2026, 12, 31, 23, 30, tzinfo=timezone.utc), "vrijdag 1 januari 2027 om 00:30"),
    ],
)
def test_format_datetime(moment, expected):
    assert format_datetime(moment) == expected


def test_format_time_and_parsed():
    assert format_time(time(9, 5)) == "09:05"
    assert format_parsed(parse_dutch_datetime("3 maart 2026", TODAY)) == "dinsdag 3 maart 2026"
    assert format_parsed(parse_dutch_datetime("morgen om 14:00", TODAY)) == "donderdag 5 maart 2026 om 14:00"


def test_docstring_examples():
    import doctest

    from knowledge import dutch_dates

    assert doctest.testmod(dutch_dates).failed == 0
