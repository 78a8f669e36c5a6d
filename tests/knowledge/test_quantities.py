"""Tests for knowledge.quantities: durations, data volumes, sms counts, euro amounts, numbers."""
from __future__ import annotations

from decimal import Decimal

import pytest

from knowledge.quantities import (
    ENGLISH_NUMBER_WORD_PATTERN,
    MAX_EUR,
    MAX_MB,
    MAX_SECONDS,
    MAX_SMS,
    Quantity,
    QuantityError,
    dutch_number_word_value,
    english_number_word_value,
    format_quantity,
    number_word_value,
    parse_all_counts,
    parse_all_data_volumes,
    parse_all_durations,
    parse_all_euro_amounts,
    parse_all_sms_counts,
    parse_count,
    parse_data_volume,
    parse_duration,
    parse_euro_amount,
    parse_sms_count,
)

ALL_PARSERS = [parse_duration, parse_data_volume, parse_sms_count, parse_euro_amount, parse_count]
ALL_LIST_PARSERS = [parse_all_durations, parse_all_data_volumes, parse_all_sms_counts, parse_all_euro_amounts,
                    parse_all_counts]


def _ok(result, unit):
    assert isinstance(result, Quantity), result
    assert result.unit == unit
    assert isinstance(result.value, Decimal)
    return result


# --------------------------------------------------------------------------- number words

@pytest.mark.parametrize(
    "word, value",
    [
        ("een", 1), ("één", 1), ("twee", 2), ("drie", 3), ("tien", 10), ("elf", 11), ("twaalf", 12),
        ("negentien", 19), ("twintig", 20), ("dertig", 30), ("negentig", 90), ("honderd", 100),
        ("eenentwintig", 21), ("tweeëntwintig", 22), ("drieëntwintig", 23), ("vierenvijftig", 54),
        ("negenennegentig", 99), ("honderdvijftig", 150), ("tweehonderd", 200), ("duizend", 1000),
        ("tweeduizend", 2000), ("nul", 0), ("Twintig", 20),
    ],
)
def test_number_words(word, value):
    assert dutch_number_word_value(word) == value


@pytest.mark.parametrize("word", ["", "fiets", "tweeëntwee", "twintigen"])
def test_not_number_words(word):
    assert dutch_number_word_value(word) is None


# --------------------------------------------------------------------------- durations

@pytest.mark.parametrize(
    "text, seconds",
    [
        ("8 minuten", 480),
        ("8 min", 480),
        ("8 min.", 480),
        ("8min", 480),
        ("8 minuutjes", 480),
        ("8 mintuen", 480),  # typo
        ("10 seconden", 10),
        ("10 sec", 10),
        ("10s", 10),
        ("2 minuten en 30 seconden", 150),
        ("2 min 30 sec", 150),
        ("8 min 30 sec", 510),
        ("anderhalf uur", 5400),
        ("anderhalve minuut", 90),
        ("1,5 uur", 5400),
        ("1.5 uur", 5400),
        ("een half uur", 1800),
        ("half uurtje", 1800),
        ("een halve minuut", 30),
        ("een kwartier", 900),
        ("drie kwartier", 2700),
        ("1 uur en 15 minuten", 4500),
        ("1 uur en een kwartier", 4500),
        ("1 uur, 15 min en 10 sec", 4510),
        ("2:30 minuten", 150),
        ("1:30 uur", 5400),
        ("een minuut", 60),
        ("één minuut", 60),
        ("twee minuten", 120),
        ("tien minuten", 600),
        ("twintig minuten", 1200),
        ("honderd minuten", 6000),
        ("eenentwintig minuten", 1260),
        ("tweeëntwintig min", 1320),
        ("twee en een half uur", 9000),
        ("2 en een half uur", 9000),
        ("2 uur", 7200),
        ("2 uren", 7200),
        ("0 minuten", 0),
        ("ik bel ongeveer 8 min naar huis", 480),
        ("IK BEL 8 MINUTEN", 480),
        ("31 dagen", 31 * 86400),  # the upper bound itself is fine
        ("<b>8 minuten</b>", 480),
        # Dutch approximations: "een minuut of twintig" is about twenty minutes
        ("mijn zus belt een minuut of twintig. Wat kost dat?", 1200),
        ("een minuutje of 10", 600),
        ("een uur of twee", 7200),
        ("wat kost het om een minuut of tien te bellen", 600),  # "om" as in "in order to"
    ],
)
def test_parse_duration(text, seconds):
    result = _ok(parse_duration(text), "s")
    assert result.value == seconds
    assert result.text == text[result.span[0]:result.span[1]]


def test_duration_span_and_text():
    result = parse_duration("ik bel 2 minuten en 30 seconden met Spanje")
    assert result.span == (7, 31)
    assert result.text == "2 minuten en 30 seconden"


def test_separate_durations_are_not_joined():
    found = parse_all_durations("eerst 8 min, later 2 minuten en 30 seconden")
    assert [q.value for q in found] == [480, 150]
    # same unit twice is two durations, not a sum
    assert [q.value for q in parse_all_durations("5 minuten en 10 minuten")] == [300, 600]


@pytest.mark.parametrize(
    "text, kind, value, piece",
    [
        ("ik stuur een sms of drie", parse_all_sms_counts, 3, "een sms of drie"),
        ("een MB of 200 per dag", parse_all_data_volumes, 200, "een MB of 200"),
        ("een minuut of 5 en een sms of 3", parse_all_sms_counts, 3, "een sms of 3"),
        ("een minuut of 5 en een sms of 3", parse_all_durations, 300, "een minuut of 5"),
    ],
)
def test_approximation_spans_the_whole_phrase(text, kind, value, piece):
    [found] = kind(text)
    assert (found.value, found.text) == (value, piece)
    assert text[found.span[0]:found.span[1]] == piece


@pytest.mark.parametrize(
    "text, parser",
    [
        ("een paar honderd MB", parse_all_data_volumes),  # vague: no number to compute with
        ("enkele duizenden sms'jes", parse_all_sms_counts),
    ],
)
def test_vague_amounts_are_no_quantity(text, parser):
    assert parser(text) == []


def test_about_an_hour_after_om_is_a_time_not_an_approximation():
    assert all(q.value != 7200 for q in parse_all_durations("ik bel om een uur of twee"))


def test_compact_duration_values():
    assert str(parse_duration("1,5 uur").value) == "5400"
    assert str(parse_duration("0,5 sec").value) == "0.5"


# --------------------------------------------------------------------------- data volumes

@pytest.mark.parametrize(
    "text, mb",
    [
        ("300 MB", 300),
        ("300mb", 300),
        ("300 mb's", 300),
        ("300 megabyte", 300),
        ("1,5 GB", 1500),
        ("1.5 gb", 1500),
        ("2 gig", 2000),
        ("2 gigabyte", 2000),
        ("2GB", 2000),
        ("500 kB", Decimal("0.5")),
        ("500 KB", Decimal("0.5")),
        ("1.000 MB", 1000),
        ("1.500,5 MB", Decimal("1500.5")),
        ("een GB", 1000),
        ("twee gig", 2000),
        ("een half GB", 500),
        ("anderhalve GB", 1500),
        ("1 TB", 1_000_000),  # exactly the upper bound
        ("ik wil 300 MB gebruiken in Turkije", 300),
    ],
)
def test_parse_data_volume(text, mb):
    result = _ok(parse_data_volume(text), "MB")
    assert result.value == Decimal(mb)


def test_all_data_volumes_in_order():
    assert [q.value for q in parse_all_data_volumes("300mb of 1,5 GB")] == [300, 1500]


# --------------------------------------------------------------------------- sms

@pytest.mark.parametrize(
    "text, count",
    [
        ("3 sms'jes", 3),
        ("3 sms’jes", 3),
        ("3 smsjes", 3),
        ("3 sms-jes", 3),
        ("10 sms", 10),
        ("10 SMS", 10),
        ("een sms", 1),
        ("5 berichten", 5),
        ("5 sms-berichten", 5),
        ("twee smsjes", 2),
        ("twintig sms'jes", 20),
    ],
)
def test_parse_sms_count(text, count):
    assert _ok(parse_sms_count(text), "sms").value == count


# --------------------------------------------------------------------------- euros

@pytest.mark.parametrize(
    "text, euros",
    [
        ("€ 65", 65),
        ("€65", 65),
        ("65 euro", 65),
        ("65,50", Decimal("65.50")),
        ("€ 65,50", Decimal("65.50")),
        ("€ 1.250,50", Decimal("1250.50")),
        ("€1.250", 1250),
        ("65,-", 65),
        ("€ 65,-", 65),
        ("65 eur", 65),
        ("EUR 65", 65),
        ("280 euro", 280),
        ("280 euro's", 280),
        ("65", 65),  # only a number: euros
        (" 65 ", 65),
        ("65,5", Decimal("65.5")),
        ("vijftig euro", 50),
        ("50 cent", Decimal("0.50")),
        ("een tientje", 10),
        ("&euro;65", 65),
        ("€ 0,073", Decimal("0.073")),
        ("kost dat € 65 per maand?", 65),
        # the cents said after the euros
        ("een aankoop van twaalf euro negenennegentig", Decimal("12.99")),
        ("12 euro 99 gekocht", Decimal("12.99")),
        ("2 euro 50 per maand", Decimal("2.50")),
        # a count after the euros is no cents
        ("voor 5 euro 20 minuten bellen", 5),
        ("12 euro, 99 procent zeker", 12),
    ],
)
def test_parse_euro_amount(text, euros):
    assert _ok(parse_euro_amount(text), "EUR").value == Decimal(euros)


def test_all_euro_amounts_in_order_with_spans():
    text = "ik heb al €280 uitgegeven en wil nog 30 euro betalen"
    found = parse_all_euro_amounts(text)
    assert [q.value for q in found] == [280, 30]
    assert [text[q.span[0]:q.span[1]] for q in found] == ["€280", "30 euro"]
    assert found[0].span[0] < text.index("uitgegeven") < found[1].span[0]


def test_euro_amounts_mixed_notations():
    found = parse_all_euro_amounts("€ 1.250,50 en 65,- en 12,99 en 7 euro")
    assert [q.value for q in found] == [Decimal("1250.50"), 65, Decimal("12.99"), 7]


@pytest.mark.parametrize(
    "text",
    ["ik heb 280 uitgegeven", "1,50 GB", "2,50 minuten", "300 MB", "hallo", "", "65 apps"],
)
def test_not_euro(text):
    assert parse_euro_amount(text) is None


# --------------------------------------------------------------------------- plain counts

@pytest.mark.parametrize(
    "text, value",
    [
        ("3", 3), ("drie", 3), ("één", 1), ("een", 1), ("1.000", 1000), ("1,5", Decimal("1.5")),
        ("ik wil er twintig", 20), ("nummer 12 graag", 12),
    ],
)
def test_parse_count(text, value):
    assert _ok(parse_count(text), "count").value == Decimal(value)


def test_article_een_is_not_a_count():
    assert parse_count("ik wil een bundel") is None
    assert [q.value for q in parse_all_counts("ik wil er drie, of 1.000")] == [3, 1000]


# --------------------------------------------------------------------------- bad input

@pytest.mark.parametrize(
    "parser, text",
    [
        (parse_duration, "-5 minuten"),
        (parse_duration, "min 5 minuten"),  # Dutch "min 5" is minus 5; "5 min" is minutes
        (parse_duration, "minus 5 minuten"),
        (parse_duration, "−5 min"),
        (parse_data_volume, "-5 MB"),
        (parse_data_volume, "min 5 MB"),
        (parse_sms_count, "-3 sms"),
        (parse_euro_amount, "-65 euro"),
        (parse_euro_amount, "€ -65"),
        (parse_euro_amount, "-€65"),
        (parse_euro_amount, "-65"),
        (parse_count, "-3"),
    ],
)
def test_negative(parser, text):
    result = parser(text)
    assert isinstance(result, QuantityError), result
    assert result.code == "negative"
    assert result.message in ("Een negatieve hoeveelheid kan ik niet uitrekenen.",
                              "Een negatief bedrag kan ik niet uitrekenen.")


@pytest.mark.parametrize(
    "parser, text",
    [
        (parse_duration, "1e9 minuten"),
        (parse_duration, "32 dagen"),
        (parse_duration, "1000 uur"),
        (parse_duration, "99999999999999999999999999999999 seconden"),
        (parse_data_volume, "999999999999 MB"),
        (parse_data_volume, "1.001 GB"),  # dot + 3 digits = thousands: 1001 GB
        (parse_data_volume, "2 TB"),
        (parse_sms_count, "100001 sms"),
        (parse_euro_amount, "€ 1.000.000,01"),
        (parse_euro_amount, "1e9 euro"),
        (parse_euro_amount, "1" * 10_000),
        (parse_count, "9999999"),
    ],
)
def test_too_large(parser, text):
    result = parser(text)
    assert isinstance(result, QuantityError), result
    assert result.code == "too_large"
    assert result.message.startswith("Dat is wel erg veel: ")
    assert len(result.message) < 200


def test_too_large_message():
    result = parse_duration("1e9 minuten")
    assert result.message == "Dat is wel erg veel: 1e9 minuten. Ik kan rekenen met maximaal 31 dagen."
    assert result.span == (0, 11)


def test_upper_bounds():
    assert MAX_SECONDS == 31 * 24 * 3600
    assert MAX_MB == 1_000_000 and MAX_SMS == 100_000 and MAX_EUR == 1_000_000
    assert isinstance(parse_sms_count("100000 sms"), Quantity)
    assert isinstance(parse_euro_amount("€ 1.000.000"), Quantity)


@pytest.mark.parametrize(
    "parser, text",
    [(parse_duration, "2:75 minuten"), (parse_data_volume, "1.2.3 MB")],
)
def test_invalid_number(parser, text):
    result = parser(text)
    assert isinstance(result, QuantityError) and result.code == "invalid"


@pytest.mark.parametrize(
    "text",
    [
        "", "   ", "NaN", "nan MB", "inf minuten", "Infinity", "😀🎉📱", "hallo", "minuten", "MB", "sms",
        "<script>alert(1)</script>", "<b></b>", "een paar minuten", "veel data", "null", "None",
        "\x00\x01\x02", "ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ", "٣ MB",  # non-ASCII digits are not read
    ],
)
def test_nothing_found(text):
    for parser in (parse_duration, parse_data_volume, parse_sms_count, parse_euro_amount):
        assert parser(text) is None, (parser.__name__, text)


@pytest.mark.parametrize("value", [None, 5, 3.5, b"5 MB", ["5 MB"]])
def test_non_text_input(value):
    for parser in ALL_PARSERS:
        assert parser(value) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "1" * 10_000,
        "1." * 5_000,
        "1," * 5_000,
        "9:" * 5_000,
        "a" * 10_000,
        "een " * 2_500,
        "min " * 2_500,
        "-" * 10_000,
        "<p>" * 3_000,
        "€" * 10_000,
        "twintig" * 1_400,
        "8 minuten " * 1_000,
        "😀" * 10_000,
        ("lorem ipsum 300 MB dolor " * 400)[:10_000],
    ],
)
def test_long_input_never_raises(text):
    # How fast is measured in make bench (bench/bench_knowledge.py), not here.
    for parser in ALL_LIST_PARSERS:
        results = parser(text)
        assert all(isinstance(r, (Quantity, QuantityError)) for r in results)


def test_results_are_frozen():
    result = parse_duration("8 minuten")
    with pytest.raises(AttributeError):
        result.value = Decimal(1)  # type: ignore[misc]


# --------------------------------------------------------------------------- formatting

@pytest.mark.parametrize(
    "quantity, text",
    [
        (Quantity(Decimal(1500), "MB", (0, 6), "1,5 GB"), "1.500 MB"),
        (Quantity(Decimal(150), "s", (0, 12), "2:30 minuten"), "150 seconden"),
        (Quantity(Decimal(3), "sms", (0, 9), "3 sms'jes"), "3 sms'jes"),
        (Quantity(Decimal(1), "sms", (0, 7), "een sms"), "1 sms"),
        (Quantity(Decimal("1250.5"), "EUR", (0, 10), "€ 1.250,50"), "€ 1.250,50"),
        (Quantity(Decimal("0.5"), "MB", (0, 6), "500 kB"), "0,5 MB"),
    ],
)
def test_format_quantity(quantity, text):
    assert format_quantity(quantity) == text


# --------------------------------------------------------------------------- English

@pytest.mark.parametrize(
    "word, value",
    [
        ("one", 1), ("two", 2), ("ten", 10), ("eleven", 11), ("nineteen", 19), ("twenty", 20),
        ("twenty-five", 25), ("twenty five", 25), ("forty", 40), ("fourty", 40), ("ninety-nine", 99),
        ("a hundred", 100), ("one hundred", 100), ("hundred", 100), ("a hundred and fifty", 150),
        ("two hundred and five", 205), ("a thousand", 1000), ("two thousand", 2000),
        ("three thousand five hundred", 3500), ("zero", 0), ("Twenty", 20),
    ],
)
def test_english_number_words(word, value):
    import re

    assert re.fullmatch(ENGLISH_NUMBER_WORD_PATTERN, word, re.IGNORECASE)
    assert english_number_word_value(word) == value
    assert number_word_value(word, "en") == value


@pytest.mark.parametrize("word", ["", "bike", "someone", "often", "a", "and"])
def test_not_english_number_words(word):
    assert english_number_word_value(word) is None


@pytest.mark.parametrize(
    "text, seconds",
    [
        ("2 hours", 7200),
        ("2 hrs", 7200),
        ("an hour", 3600),
        ("half an hour", 1800),
        ("a half hour", 1800),
        ("half a minute", 30),
        ("an hour and a half", 5400),
        ("2 hours and a half", 9000),
        ("one and a half hours", 5400),
        ("1.5 hours", 5400),
        ("2 and a half hours", 9000),
        ("90 secs", 90),
        ("90 seconds", 90),
        ("ten minutes", 600),
        ("twenty-five minutes", 1500),
        ("a minute", 60),
        ("10 mins", 600),
        ("a quarter of an hour", 900),
        ("three quarters of an hour", 2700),
        ("1 hour and 15 minutes", 4500),
        ("2 minutes and 30 seconds", 150),
        ("2 min 30 sec", 150),
        ("2:30 minutes", 150),
        ("31 days", 31 * 86400),
        ("I call about 8 minutes a day", 480),
        ("<b>8 minutes</b>", 480),
    ],
)
def test_parse_duration_english(text, seconds):
    result = _ok(parse_duration(text, "en"), "s")
    assert result.value == seconds
    assert result.text == text[result.span[0]:result.span[1]]


@pytest.mark.parametrize(
    "text, mb",
    [
        ("1.5 GB", 1500), ("1,5 GB", 1500), ("500MB", 500), ("500 MB", 500), ("2 gigs", 2000),
        ("a gig", 1000), ("half a GB", 500), ("two gigabytes", 2000), ("1.250 GB", 1250),
        ("1,250 MB", 1250), ("1,500.5 MB", Decimal("1500.5")), ("500 kB", Decimal("0.5")),
        ("1 TB", 1_000_000), ("I need 300 MB in Turkey", 300),
    ],
)
def test_parse_data_volume_english(text, mb):
    assert _ok(parse_data_volume(text, "en"), "MB").value == Decimal(mb)


@pytest.mark.parametrize(
    "text, count",
    [
        ("3 texts", 3), ("a text", 1), ("ten texts", 10), ("5 text messages", 5), ("2 messages", 2),
        ("10 SMS", 10), ("4 sms messages", 4), ("twenty texts", 20), ("3 sms'jes", 3),
    ],
)
def test_parse_sms_count_english(text, count):
    assert _ok(parse_sms_count(text, "en"), "sms").value == count


@pytest.mark.parametrize(
    "text, euros",
    [
        ("€49.99", Decimal("49.99")),
        ("50 euros", 50),
        ("EUR 12.50", Decimal("12.50")),
        ("49.99 euro", Decimal("49.99")),
        ("€1,250.50", Decimal("1250.50")),
        ("€ 1.250,50", Decimal("1250.50")),  # the Dutch notation still reads
        ("€1.250", 1250),  # three decimals in a price: the Dutch thousands dot
        ("€0.073", Decimal("0.073")),
        ("€ 65,-", 65),
        ("fifty euros", 50),
        ("a hundred euros", 100),
        ("50 cents", Decimal("0.50")),
        ("65", 65),  # only a number: euros
        ("65.50", Decimal("65.50")),
        ("I spent €280 in the app store", 280),
        ("I spent 49.99 on apps", Decimal("49.99")),  # two decimals after a point: a price
        ("there's a 3.96 option on my bill", Decimal("3.96")),
        ("charged 1,250.50 last month", Decimal("1250.50")),
    ],
)
def test_parse_euro_amount_english(text, euros):
    assert _ok(parse_euro_amount(text, "en"), "EUR").value == Decimal(euros)


@pytest.mark.parametrize("text", ["call me at 2.30", "open from 9.30 till 17.00", "landing 14.45 pm",
                                  "version 3.1", "1.5 GB", "2.50 GB of data", "3 apps", "hello", "10.30am"])
def test_not_euro_english(text):
    assert parse_euro_amount(text, "en") is None


@pytest.mark.parametrize(
    "text, value",
    [("3", 3), ("three", 3), ("1,000", 1000), ("1.5", Decimal("1.5")), ("1.250", Decimal("1.25")),
     ("I want twenty", 20), ("a hundred", 100)],
)
def test_parse_count_english(text, value):
    assert _ok(parse_count(text, "en"), "count").value == Decimal(value)


@pytest.mark.parametrize(
    "text, dutch, english",
    [
        ("1.250", 1250, Decimal("1.25")),  # thousands dot in Dutch, decimal point in English
        ("1,250", Decimal("1.25"), 1250),  # decimal comma in Dutch, thousands comma in English
        ("1.5", Decimal("1.5"), Decimal("1.5")),
        ("1,5", Decimal("1.5"), Decimal("1.5")),
        ("1.250,50", Decimal("1250.50"), Decimal("1250.50")),
        ("1.000.000", 1_000_000, 1_000_000),
    ],
)
def test_digits_read_per_language(text, dutch, english):
    assert parse_count(text).value == dutch
    assert parse_count(text, "nl").value == dutch
    assert parse_count(text, "en").value == english


def test_english_words_are_not_read_in_dutch_and_vice_versa():
    assert parse_duration("ten minutes") is None
    assert parse_duration("tien minuten", "en") is None
    assert parse_duration("an hour") is None
    assert parse_sms_count("3 texts") is None


def test_unknown_language_reads_dutch():
    assert parse_count("1.250", "de").value == 1250
    assert parse_count("1.250", None).value == 1250  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "parser, text, code, message",
    [
        (parse_duration, "-5 minutes", "negative", "I can't calculate with a negative quantity."),
        (parse_euro_amount, "-€5", "negative", "I can't calculate with a negative amount."),
        (parse_duration, "1e9 minutes", "too_large",
         "That is a lot: 1e9 minutes. I can calculate with at most 31 days."),
        (parse_euro_amount, "€1,000,000.01", "too_large",
         "That is a lot: €1,000,000.01. I can calculate with at most €1,000,000."),
        (parse_data_volume, "1.2.3 MB", "invalid",
         "I don't understand the number in '1.2.3 MB'. Could you write it differently, for example 1.5?"),
    ],
)
def test_errors_in_english(parser, text, code, message):
    result = parser(text, "en")
    assert isinstance(result, QuantityError)
    assert (result.code, result.message) == (code, message)


@pytest.mark.parametrize(
    "text",
    ["", "NaN", "a few minutes", "a couple of minutes", "minutes", "a", "an", "half", "amin",
     "😀🎉📱", "<script>alert(1)</script>", "\x00\x01"],
)
def test_nothing_found_english(text):
    for parser in (parse_duration, parse_data_volume, parse_sms_count, parse_euro_amount):
        assert parser(text, "en") is None, (parser.__name__, text)


@pytest.mark.parametrize(
    "text",
    ["twenty " * 1_400, "a " * 5_000, "half an " * 1_200, "1," * 5_000, "and a half " * 900,
     "one hundred and " * 600, "€1,250.50 " * 1_000],
)
def test_long_english_input_never_raises(text):
    for parser in ALL_LIST_PARSERS:
        results = parser(text, "en")
        assert all(isinstance(r, (Quantity, QuantityError)) for r in results)


@pytest.mark.parametrize(
    "quantity, text",
    [
        (Quantity(Decimal(1500), "MB", (0, 6), "1.5 GB"), "1,500 MB"),
        (Quantity(Decimal(150), "s", (0, 12), "2:30 minutes"), "150 seconds"),
        (Quantity(Decimal(1), "s", (0, 5), "1 sec"), "1 second"),
        (Quantity(Decimal(3), "sms", (0, 7), "3 texts"), "3 texts"),
        (Quantity(Decimal(1), "sms", (0, 6), "a text"), "1 text"),
        (Quantity(Decimal("1250.5"), "EUR", (0, 9), "€1,250.50"), "€1,250.50"),
        (Quantity(Decimal("0.5"), "MB", (0, 6), "500 kB"), "0.5 MB"),
        (Quantity(Decimal(1000), "count", (0, 5), "1,000"), "1,000"),
    ],
)
def test_format_quantity_english(quantity, text):
    assert format_quantity(quantity, "en") == text


def test_docstring_examples():
    import doctest

    from knowledge import quantities

    assert doctest.testmod(quantities).failed == 0
