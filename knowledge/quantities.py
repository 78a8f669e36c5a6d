"""Which duration, data volume, sms count, euro amount or plain number does free text mention?

Customers type informally ("8 min", "anderhalf uur", "1,5 gig", "twee smsjes", "€65,-"), so every
parser here reads digits in Dutch notation (decimal comma, thousands dot), Dutch number words
("twintig", "eenentwintig", "honderd") and common spellings/typos of the units. With
``language="en"`` they read English instead: number words ("ten", "twenty-five", "a hundred"),
"an hour", "half an hour", "an hour and a half", "3 texts", and English digits: a decimal
point and a thousands comma ("1.5 GB", "€1,250.50"; "1.250" is 1.25 in English but 1250 in
Dutch). A decimal comma with other than three digits after it ("1,5 GB") still reads as
Dutch habit, and so does the full Dutch notation ("1.250,50").

Results are ``Quantity`` (value as ``Decimal`` in a fixed base unit, the span in the text, the
matched text), ``QuantityError`` (negative or absurd amount, ``message`` for the user in the
language asked for)
or ``None`` when nothing was found. Nothing here raises on user text: emoji, HTML, 10,000
characters or "NaN" simply give ``None``. All regexes are precompiled and free of nested
ambiguous repetition, so matching stays linear in the text length.

Base units: durations in seconds ("s"), data in MB ("MB"; 1 GB = 1000 MB and 1 kB = 0,001 MB,
as the price list says "Een hoeveelheid van 1 GB staat gelijk aan 1.000 MB"), sms in messages
("sms"), money in euros ("EUR"), plain numbers ("count").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Callable, Iterable, Optional, Union

from babel.numbers import format_decimal

UNIT_SECONDS = "s"
UNIT_MB = "MB"
UNIT_SMS = "sms"
UNIT_EUR = "EUR"
UNIT_COUNT = "count"
DUTCH = "nl"
ENGLISH = "en"
LANGUAGES = (DUTCH, ENGLISH)

# Upper bounds beyond which a question cannot be meant literally (and brute-force searches in
# the bundle advice would explode). Values equal to the bound are still accepted.
MAX_SECONDS = Decimal(31 * 24 * 3600)  # one bundle period of 31 x 24 uur
MAX_MB = Decimal(1_000_000)  # 1.000 GB
MAX_SMS = Decimal(100_000)
MAX_EUR = Decimal(1_000_000)
MAX_COUNT = Decimal(1_000_000)

_LIMIT_TEXT = {
    DUTCH: {
        UNIT_SECONDS: "31 dagen",
        UNIT_MB: "1.000.000 MB (1.000 GB)",
        UNIT_SMS: "100.000 sms'jes",
        UNIT_EUR: "€ 1.000.000",
        UNIT_COUNT: "1.000.000",
    },
    ENGLISH: {
        UNIT_SECONDS: "31 days",
        UNIT_MB: "1,000,000 MB (1,000 GB)",
        UNIT_SMS: "100,000 texts",
        UNIT_EUR: "€1,000,000",
        UNIT_COUNT: "1,000,000",
    },
}
_LIMITS = {
    UNIT_SECONDS: MAX_SECONDS,
    UNIT_MB: MAX_MB,
    UNIT_SMS: MAX_SMS,
    UNIT_EUR: MAX_EUR,
    UNIT_COUNT: MAX_COUNT,
}
# A digit run longer than this is absurd for every unit; refusing it early keeps Decimal
# arithmetic small.
_MAX_DIGITS = 20
_MAX_EXPONENT = 30


@dataclass(frozen=True)
class Quantity:
    """An amount found in text, in the base unit ``unit`` ("s", "MB", "sms", "EUR", "count")."""

    value: Decimal
    unit: str
    span: tuple[int, int]
    text: str


@dataclass(frozen=True)
class QuantityError:
    """An amount found in text that cannot be calculated with.

    ``code`` is "negative", "too_large" or "invalid"; ``message`` is for the user, in Dutch
    unless English was asked for.
    """

    message: str
    code: str
    span: tuple[int, int]
    text: str


QuantityResult = Union[Quantity, QuantityError]

# --------------------------------------------------------------------------- number words

_UNITS_WORDS = {
    "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5,
    "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
}
_TEENS_WORDS = {
    "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
    "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19,
}
_TENS_WORDS = {
    "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50,
    "zestig": 60, "zeventig": 70, "tachtig": 80, "negentig": 90,
}
_BASE_WORDS = {"nul": 0, **_UNITS_WORDS, **_TEENS_WORDS, **_TENS_WORDS}


def _alt(words: Iterable[str]) -> str:
    # Longest first so a shorter word never shadows a longer one ("zes" vs "zestien").
    return "|".join(sorted(set(words), key=len, reverse=True))


_U = "(?:een|één|eén|" + _alt(w for w in _UNITS_WORDS if w != "een") + ")"
_T = "(?:" + _alt(_TEENS_WORDS) + ")"
_X = "(?:" + _alt(_TENS_WORDS) + ")"
_B100 = rf"(?:{_U}(?:en|ën){_X}|{_X}|{_T}|{_U})"
# "twaalfhonderd" (1200) as well as "tweehonderd": hundreds counted in teens, as years and phone numbers are said
_B1000 = rf"(?:(?:{_T}|{_U})?honderd(?:en)?{_B100}?|{_B100})"
# Regex source for one Dutch number word from "nul" to "negenhonderdnegenennegentigduizend...".
NUMBER_WORD_PATTERN = rf"\b(?:{_B1000}?duizend(?:en)?{_B1000}?|{_B1000}|nul)\b"


def dutch_number_word_value(word: str) -> Optional[int]:
    """Value of one Dutch number word, or None.

    >>> dutch_number_word_value("tweeëntwintig"), dutch_number_word_value("honderdvijftig")
    (22, 150)
    """
    w = word.strip().lower().replace("é", "e").replace("ë", "e")
    if not w:
        return None
    for big, factor in (("duizend", 1000), ("honderd", 100)):
        if big in w:
            head, tail = w.split(big, 1)
            head_value = dutch_number_word_value(head) if head else 1
            if tail.startswith("en") and tail not in _BASE_WORDS:
                tail = tail[2:]
            tail_value = dutch_number_word_value(tail) if tail else 0
            if head_value is None or tail_value is None:
                return None
            return head_value * factor + tail_value
    if w in _BASE_WORDS:
        return _BASE_WORDS[w]
    for tens_word, tens_value in _TENS_WORDS.items():
        if w.endswith(tens_word):
            head = w[: -len(tens_word)]
            if head.endswith("en") and head[:-2] in _UNITS_WORDS:
                return tens_value + _UNITS_WORDS[head[:-2]]
    return None


_EN_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_EN_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
            "seventy": 70, "eighty": 80, "ninety": 90}
_EN_BASE_WORDS = {"zero": 0, **_EN_ONES, **_EN_TEENS, **_EN_TENS}
_EO = "(?:" + _alt(_EN_ONES) + ")"
_ET = "(?:" + _alt(_EN_TEENS) + ")"
_EX = "(?:" + _alt(_EN_TENS) + ")"
_EB100 = rf"(?:{_EX}(?:[ -]{_EO})?|{_ET}|{_EO})"
_EB1000 = rf"(?:(?:(?:{_EO}|a)[ -])?hundred(?:[ -](?:and )?{_EB100})?|{_EB100})"
# Regex source for one English number from "zero" to "nine hundred and ninety-nine thousand ...":
# words joined by one space or hyphen ("twenty-five", "a hundred and fifty", "two thousand").
ENGLISH_NUMBER_WORD_PATTERN = (
    rf"\b(?:(?:(?:{_EB1000}|a)[ -])?thousand(?:[ -](?:and )?{_EB1000})?|{_EB1000}|zero)\b"
)


def english_number_word_value(word: str) -> Optional[int]:
    """Value of an English number in words, or None.

    >>> english_number_word_value("twenty-five"), english_number_word_value("a hundred and fifty")
    (25, 150)
    """
    tokens = [t for t in re.split(r"[\s-]+", word.strip().lower()) if t and t != "and"]
    if not tokens:
        return None
    total = current = 0
    for position, token in enumerate(tokens):
        if token == "a" and position + 1 < len(tokens) and tokens[position + 1] in ("hundred", "thousand"):
            current += 1
        elif token in _EN_BASE_WORDS:
            current += _EN_BASE_WORDS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token == "thousand":
            total, current = total + (current or 1) * 1000, 0
        else:
            return None
    return total + current


# A number in words in either language ("vijfentwintig", "twenty-five"), for texts read in both
ANY_NUMBER_WORD_PATTERN = rf"(?:{NUMBER_WORD_PATTERN}|{ENGLISH_NUMBER_WORD_PATTERN})"


def any_number_value(text: str) -> Optional[int]:
    """Value of a number in digits or in Dutch or English words, or None.

    >>> any_number_value("250"), any_number_value("tweehonderdvijftig"), any_number_value("twenty-five")
    (250, 250, 25)
    """
    if text.isdigit():
        return int(text)
    value = dutch_number_word_value(text)
    return value if value is not None else english_number_word_value(text)


def number_word_value(word: str, language: str = DUTCH) -> Optional[int]:
    """Value of a number in words in ``language`` ("nl" or "en"), or None.

    >>> number_word_value("tien"), number_word_value("ten", "en")
    (10, 10)
    """
    return english_number_word_value(word) if language == ENGLISH else dutch_number_word_value(word)


# --------------------------------------------------------------------------- regex pieces

# Digits in any notation: "300", "1,5", "1.5", "1.250,50", "2:30", "1e9". The look-behind makes a
# match start only at the beginning of a digit run, which keeps scanning linear.
_NUMERIC = r"(?<![\w.,:])[0-9]+(?:[.,:][0-9]+)*(?:[eE][+-]?[0-9]+)?(?![0-9])"
# Minus written as "-", unicode minus/dash, "minus" or "min" (Dutch "min 5" = -5). "min" after a
# number is the minutes unit and is consumed by that earlier match, so "8 min 30 sec" stays positive.
_SIGN = r"(?P<sign>(?<![\w\-−–])[-−–]\s?|\bminus\s+|(?<![0-9] )(?<![0-9])\bmin\s+)?"
_HALF_TAIL = r"(?:\s+en\s+(?:een\s+|'n\s+)?half)?"
_AMOUNT = (
    r"(?:"
    rf"(?P<num>{_NUMERIC})(?P<numhalf>{_HALF_TAIL})"
    # "een paar honderd MB" is a vague amount, not 100 MB.
    rf"|(?<!\bpaar )(?<!\benkele )(?P<word>{NUMBER_WORD_PATTERN})(?P<wordhalf>{_HALF_TAIL})"
    r"|(?P<anderhalf>\banderhal(?:ve|f))"
    r"|(?P<half>(?:(?:\been|\béén|(?<!\w)'n)\s+)?\bhal(?:ve|f))"
    r")"
)

_DURATION_UNITS = [
    # hours
    "uur", "uren", "uurtje", "uurtjes", "uurr", "hr", "hrs", "hour", "hours",
    # quarter hours
    "kwartier", "kwartiertje", "kwartieren",
    # minutes, with the usual typos
    "minuut", "minuten", "minuutje", "minuutjes", "minuuten", "minuts", "minute", "minutes",
    "minutn", "mintuen", "minten", "mniuten", "minuite", "min", "mins", "min.", "mnt", "mnt.",
    # seconds
    "seconde", "seconden", "secondes", "seconds", "second", "sekonde", "sekonden", "secondjes",
    "sec", "secs", "sec.", "sek",
    # days and weeks (only to recognise absurd amounts and "31 dagen")
    "dag", "dagen", "dagje", "dagjes", "etmaal", "etmalen", "week", "weken",
]
_DATA_UNITS = [
    "kb", "kbs", "kb's", "kilobyte", "kilobytes",
    "mb", "mbs", "mb's", "megabyte", "megabytes", "meg", "megs", "mega",
    "gb", "gbs", "gb's", "gigabyte", "gigabytes", "gig", "gigs", "giga", "gigabite",
    "tb", "terabyte", "terabytes",
]
_SMS_UNITS = [
    "sms", "sms'je", "sms'jes", "smsje", "smsjes", "sms-je", "sms-jes", "sms'en", "smsen",
    "sms'jes", "sms’je", "sms’jes", "sms`jes", "sms´jes", "sms's", "smsen",
    "sms-bericht", "sms-berichten", "smsbericht", "smsberichten", "sms bericht", "sms berichten",
    "bericht", "berichten", "berichtje", "berichtjes", "tekstbericht", "tekstberichten",
]
_EURO_SUFFIX_UNITS = ["euro", "euros", "euro's", "euro’s", "eur", "eur.", "€", "eurocent", "cent",
                      "centen", "tientje", "tientjes", "vijfje", "vijfjes"]


def _unit_group(units: list[str]) -> str:
    return "(?P<unit>" + _alt(re.escape(u) for u in units) + ")"


# Seconds written "10s" only when glued to the digits (a loose "s" is too ambiguous).
_DURATION_RE = re.compile(
    _SIGN + _AMOUNT + r"\s*(?:" + _unit_group(_DURATION_UNITS) + r"(?!\w)|(?P<s_unit>(?<=[0-9])s)\b)",
    re.IGNORECASE,
)
_DATA_RE = re.compile(_SIGN + _AMOUNT + r"\s*" + _unit_group(_DATA_UNITS) + r"(?!\w)", re.IGNORECASE)
_SMS_RE = re.compile(_SIGN + _AMOUNT + r"\s*" + _unit_group(_SMS_UNITS) + r"(?!\w)", re.IGNORECASE)

# Any unit at all: a bare "1,50" followed by one of these is not an amount of money.
_ANY_UNIT = _alt(re.escape(u) for u in _DURATION_UNITS + _DATA_UNITS + _SMS_UNITS + ["%", "procent"])

_EURO_SIGN_CHAR = r"(?P<sign>(?<![\w\-−–])[-−–]\s?|\bminus\s+)?"
_EURO_PREFIX_RE = re.compile(
    _EURO_SIGN_CHAR
    + r"(?:€|&euro;|\beur\b\.?)\s*(?P<sign2>[-−–]\s?)?"
    + rf"(?P<num>{_NUMERIC})(?P<dash>,-{{1,2}}|,=)?",
    re.IGNORECASE,
)
_EURO_SUFFIX_RE = re.compile(
    _EURO_SIGN_CHAR
    + rf"(?:(?P<num>{_NUMERIC})|(?P<word>{NUMBER_WORD_PATTERN}))(?P<dash>,-{{1,2}}|,=)?\s*"
    + r"(?P<unit>" + _alt(re.escape(u) for u in _EURO_SUFFIX_UNITS) + r")(?!\w)"
    # the cents said after the euros, as a price is spoken: "12 euro 99", "twaalf euro negenennegentig"
    # (not "5 euro 20 minuten": a count of something else)
    + rf"(?:\s+(?P<cents>(?<![\w,.])[0-9]{{2}}(?![\w,.])|\b{_B100}\b)(?!\s*(?:{_ANY_UNIT}|keer|x)(?!\w)))?",
    re.IGNORECASE,
)
# "65,-" (no currency word, but the dash only ever means euros).
_EURO_DASH_RE = re.compile(_EURO_SIGN_CHAR + rf"(?P<num>{_NUMERIC})(?P<dash>,-{{1,2}}|,=)", re.IGNORECASE)
# "65,50" / "1.250,50": exactly two decimals after a comma reads as a price.
_EURO_CENTS_RE = re.compile(
    _EURO_SIGN_CHAR
    + r"(?P<num>(?<![\w.,:])(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+),[0-9]{2})(?![0-9]|[.,][0-9])"
    + rf"(?!\s*(?:{_ANY_UNIT})(?!\w))",
    re.IGNORECASE,
)
# Dutch "een minuut of twintig", "een sms of drie", "een MB of 200": about twenty minutes, three
# messages, 200 MB. Read as "twintig minuut" (the grammar's own match), over the whole phrase;
# "om een uur of twee" is a time.
_APPROXIMATION_TAIL = (rf"\s+of\s+(?P<amount>{_NUMERIC}|{NUMBER_WORD_PATTERN})(?!\w|[.,]\d)"
                       rf"(?!\s*(?:{_ANY_UNIT})(?!\w))")
_APPROXIMATIONS = {
    kind: re.compile(r"(?<![\w'’])(?:een|één|'n)\s+" + _unit_group(units) + _APPROXIMATION_TAIL, re.IGNORECASE)
    for kind, units in (("duration", _DURATION_UNITS), ("data", _DATA_UNITS), ("sms", _SMS_UNITS))
}

_AT_THE_HOUR = re.compile(r"\bom\s+$", re.IGNORECASE)

_ONLY_NUMBER_RE = re.compile(r"\s*" + _EURO_SIGN_CHAR + rf"(?P<num>{_NUMERIC})\s*[.!?]?\s*", re.IGNORECASE)

_COUNT_RE = re.compile(
    _EURO_SIGN_CHAR + rf"(?:(?P<num>{_NUMERIC})|(?P<word>{NUMBER_WORD_PATTERN}))", re.IGNORECASE
)

# English: number words, "an hour", "half an hour", "an hour and a half", "3 texts"; the
# minus is "-" or "minus" only ("min 5" is Dutch). Units are the Dutch lists plus English ones.
_EN_HALF_TAIL = r"(?:\s+and\s+(?:a\s+)?half)?"
_EN_AMOUNT = (
    r"(?:"
    rf"(?P<num>{_NUMERIC})(?P<numhalf>{_EN_HALF_TAIL})"
    rf"|(?P<word>{ENGLISH_NUMBER_WORD_PATTERN})(?P<wordhalf>{_EN_HALF_TAIL})"
    r"|(?P<half>(?:\ban?\s+)?\bhalf(?:\s+an?(?=\s))?)"
    r"|(?P<one>\ban?(?=\s))"
    r")"
)
_EN_UNIT_HALF = r"(?P<unithalf>\s+and\s+a\s+half\b)?"
_EN_DURATION_UNITS = _DURATION_UNITS + [
    "quarter of an hour", "quarters of an hour", "quarter hour", "quarter-hour", "quarter hours",
    "day", "days", "weeks",
]
_EN_SMS_UNITS = _SMS_UNITS + [
    "text", "texts", "text message", "text messages", "txt", "txts", "message", "messages", "msg",
    "msgs", "sms message", "sms messages", "smses", "smss",
]
_EN_DURATION_RE = re.compile(
    _EURO_SIGN_CHAR + _EN_AMOUNT + r"\s*(?:" + _unit_group(_EN_DURATION_UNITS)
    + r"(?!\w)|(?P<s_unit>(?<=[0-9])s)\b)" + _EN_UNIT_HALF,
    re.IGNORECASE,
)
_EN_DATA_RE = re.compile(
    _EURO_SIGN_CHAR + _EN_AMOUNT + r"\s*" + _unit_group(_DATA_UNITS) + r"(?!\w)" + _EN_UNIT_HALF, re.IGNORECASE
)
_EN_SMS_RE = re.compile(_EURO_SIGN_CHAR + _EN_AMOUNT + r"\s*" + _unit_group(_EN_SMS_UNITS) + r"(?!\w)", re.IGNORECASE)
_EN_EURO_SUFFIX_RE = re.compile(
    _EURO_SIGN_CHAR
    + rf"(?:(?P<num>{_NUMERIC})|(?P<word>{ENGLISH_NUMBER_WORD_PATTERN}))(?P<dash>,-{{1,2}}|,=)?\s*"
    + r"(?P<unit>" + _alt(re.escape(u) for u in _EURO_SUFFIX_UNITS + ["cents", "eurocents"]) + r")(?!\w)",
    re.IGNORECASE,
)
# "I was charged 12.99", "a 3.96 option": exactly two decimals after a point reads as a price,
# as "65,50" does in Dutch; not a time ("at 2.30", "from 9.30 till 17.00", "2.30 pm").
_EN_TIME_BEFORE = "".join(rf"(?<!\b{word} )" for word in ("at", "around", "from", "until", "till", "to",
                                                          "by", "before", "after", "between", "and"))
_EN_EURO_CENTS_RE = re.compile(
    _EURO_SIGN_CHAR + _EN_TIME_BEFORE
    + r"(?P<num>(?<![\w.,:])(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)\.[0-9]{2})(?![0-9.,:])"
    + rf"(?!\s*(?:{_ANY_UNIT}|am|pm|a\.m\.|p\.m\.|h|hrs?|hours?|o'clock|uur)(?!\w))",
    re.IGNORECASE,
)
_EN_COUNT_RE = re.compile(
    _EURO_SIGN_CHAR + rf"(?:(?P<num>{_NUMERIC})|(?P<word>{ENGLISH_NUMBER_WORD_PATTERN}))", re.IGNORECASE
)


@dataclass(frozen=True)
class _Grammar:
    """The regexes of one language."""

    duration: re.Pattern[str]
    data: re.Pattern[str]
    sms: re.Pattern[str]
    euros: tuple[re.Pattern[str], ...]  # by priority between matches at the same start: currency first
    count: re.Pattern[str]


_GRAMMARS = {
    DUTCH: _Grammar(_DURATION_RE, _DATA_RE, _SMS_RE,
                    (_EURO_PREFIX_RE, _EURO_SUFFIX_RE, _EURO_DASH_RE, _EURO_CENTS_RE), _COUNT_RE),
    ENGLISH: _Grammar(_EN_DURATION_RE, _EN_DATA_RE, _EN_SMS_RE,
                      (_EURO_PREFIX_RE, _EN_EURO_SUFFIX_RE, _EURO_DASH_RE, _EN_EURO_CENTS_RE), _EN_COUNT_RE),
}


def _matches(text: str, language: str, kind: str) -> list[tuple[tuple[int, int], re.Match[str], str]]:
    """(span, match, matched text) of every amount of ``kind`` in ``text``, in order: the
    grammar's matches and, in Dutch, the approximations ("een minuut of twintig"), whose match
    is the grammar's match of "twintig minuut" and which replace the "een minuut" inside them."""
    regex = getattr(_GRAMMARS[language], kind)
    found = []
    if language == DUTCH:
        for approximation in _APPROXIMATIONS[kind].finditer(text):
            if _AT_THE_HOUR.search(text[:approximation.start()]) and approximation.group("unit").lower().startswith("uur"):
                continue  # "om een uur of twee" is a time of day
            m = regex.fullmatch(f"{approximation.group('amount')} {approximation.group('unit')}")
            if m:
                found.append((approximation.span(), m, approximation.group()))
    found += [(m.span(), m, m.group()) for m in regex.finditer(text)
              if not any(start <= m.start() < end for (start, end), _, _ in found)]
    return sorted(found, key=lambda item: item[0])


def _language(language: str) -> str:
    """ "en" stays English; anything else (None, "nl", an unknown code) reads as Dutch."""
    return ENGLISH if language == ENGLISH else DUTCH


_THOUSANDS_DOT_RE = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?")
_DUTCH_FULL_RE = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+")
_DOT_GROUPS_RE = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3}){2,}")
_COMMA_THOUSANDS_RE = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_COMMA_DECIMAL_RE = re.compile(r"[0-9]+,[0-9]+")
_DOT_DECIMAL_RE = re.compile(r"[0-9]+\.[0-9]+")
_INTEGER_RE = re.compile(r"[0-9]+")
_MINSEC_RE = re.compile(r"([0-9]{1,4}):([0-5][0-9])")
_DURATION_JOINER_RE = re.compile(r"\s*(?:,|\+|&|\ben\b|\band\b)?\s*", re.IGNORECASE)


class _Absurd(Exception):
    """Internal: a number too long or with too large an exponent to be meant literally."""


class _Invalid(Exception):
    """Internal: digits that follow no Dutch notation ("1.2.3")."""


def _parse_numeric(raw: str, language: str = DUTCH) -> Decimal:
    """Dutch digits to Decimal: "1.250,50" -> 1250.50, "1,5" -> 1.5, "1.5" -> 1.5, "1.000" -> 1000.

    A dot followed by exactly three digits is a thousands separator (Dutch notation);
    otherwise a single dot is a decimal point (customers also type "1.5 gb").
    In English a comma followed by groups of three digits separates thousands and a single
    dot is a decimal point: "1,250.50" -> 1250.50, "1.250" -> 1.25; "1,5", "1.250,50" and
    "1.000.000" still read the Dutch way.
    """
    mantissa, exponent = raw, 0
    if "e" in raw.lower():
        mantissa, exp_text = re.split("[eE]", raw, maxsplit=1)
        if len(exp_text.lstrip("+-")) > 4:
            raise _Absurd
        exponent = int(exp_text)
        if abs(exponent) > _MAX_EXPONENT:
            raise _Absurd
    if language == ENGLISH and _COMMA_THOUSANDS_RE.fullmatch(mantissa):
        normal = mantissa.replace(",", "")
    elif language == ENGLISH and not (_DUTCH_FULL_RE.fullmatch(mantissa) or _DOT_GROUPS_RE.fullmatch(mantissa)) \
            and _DOT_DECIMAL_RE.fullmatch(mantissa):
        normal = mantissa
    elif _THOUSANDS_DOT_RE.fullmatch(mantissa):
        normal = mantissa.replace(".", "").replace(",", ".")
    elif _COMMA_DECIMAL_RE.fullmatch(mantissa):
        normal = mantissa.replace(",", ".")
    elif _DOT_DECIMAL_RE.fullmatch(mantissa) or _INTEGER_RE.fullmatch(mantissa):
        normal = mantissa
    else:
        raise _Invalid
    if len(normal.split(".")[0]) > _MAX_DIGITS:
        raise _Absurd
    try:
        return Decimal(normal).scaleb(exponent)
    except InvalidOperation as exc:  # pragma: no cover - the regexes only let digits through
        raise _Invalid from exc


def _clean(value: Decimal) -> Decimal:
    """Drop a meaningless exponent/trailing zeros: 1500.0 -> 1500, 0.50 -> 0.5."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "…"


_MESSAGES = {
    DUTCH: {
        "negative_money": "Een negatief bedrag kan ik niet uitrekenen.",
        "negative": "Een negatieve hoeveelheid kan ik niet uitrekenen.",
        "too_large": "Dat is wel erg veel: {text}. Ik kan rekenen met maximaal {limit}.",
        "invalid": "Ik begrijp het getal in '{text}' niet. Kunt u het anders schrijven, bijvoorbeeld 1,5?",
    },
    ENGLISH: {
        "negative_money": "I can't calculate with a negative amount.",
        "negative": "I can't calculate with a negative quantity.",
        "too_large": "That is a lot: {text}. I can calculate with at most {limit}.",
        "invalid": "I don't understand the number in '{text}'. Could you write it differently, for example 1.5?",
    },
}


def _negative(unit: str, span: tuple[int, int], text: str, language: str = DUTCH) -> QuantityError:
    message = _MESSAGES[language]["negative_money" if unit == UNIT_EUR else "negative"]
    return QuantityError(message, "negative", span, text)


def _too_large(unit: str, span: tuple[int, int], text: str, language: str = DUTCH) -> QuantityError:
    message = _MESSAGES[language]["too_large"].format(text=_short(text), limit=_LIMIT_TEXT[language][unit])
    return QuantityError(message, "too_large", span, text)


def _invalid(span: tuple[int, int], text: str, language: str = DUTCH) -> QuantityError:
    return QuantityError(_MESSAGES[language]["invalid"].format(text=_short(text)), "invalid", span, text)


def _finish(value: Decimal, negative: bool, unit: str, span: tuple[int, int], text: str,
            language: str = DUTCH) -> QuantityResult:
    if negative and value != 0:
        return _negative(unit, span, text, language)
    if value > _LIMITS[unit]:
        return _too_large(unit, span, text, language)
    return Quantity(_clean(value), unit, span, text)


_HALF = Decimal("0.5")


def _amount(m: re.Match[str], allow_minsec: bool = False, language: str = DUTCH) -> tuple[Decimal, bool]:
    """Value of the amount groups of a match (plus "... and a half" after the unit); second
    item is True for "m:ss" notation."""
    value, minsec = _base_amount(m, allow_minsec, language)
    return (value + _HALF if m.groupdict().get("unithalf") else value), minsec


def _base_amount(m: re.Match[str], allow_minsec: bool, language: str) -> tuple[Decimal, bool]:
    groups = m.groupdict()
    if groups.get("anderhalf"):
        return Decimal("1.5"), False
    if groups.get("half"):
        return _HALF, False
    if groups.get("one"):
        return Decimal(1), False
    if groups.get("word"):
        value = number_word_value(groups["word"], language)
        if value is None:  # pragma: no cover - the word regex and the evaluator agree
            raise _Invalid
        return Decimal(value) + (_HALF if groups.get("wordhalf") else 0), False
    raw = groups["num"]
    minsec = _MINSEC_RE.fullmatch(raw)
    if minsec and allow_minsec:
        whole, seconds = int(minsec.group(1)), int(minsec.group(2))
        return Decimal(whole) + Decimal(seconds) / Decimal(60), True
    if ":" in raw:
        raise _Invalid
    return _parse_numeric(raw, language) + (_HALF if groups.get("numhalf") else 0), False


def _is_negative(m: re.Match[str]) -> bool:
    groups = m.groupdict()
    return bool(groups.get("sign")) or bool(groups.get("sign2"))


# --------------------------------------------------------------------------- durations

def _duration_factor(unit: str) -> tuple[Decimal, int]:
    """Seconds per unit and a rank (larger unit = higher rank) for joining "1 uur en 15 minuten"."""
    u = unit.lower()
    if u.startswith(("kwart", "quarter")):
        return Decimal(900), 3
    if u.startswith(("uu", "ur", "hr", "hour")):
        return Decimal(3600), 4
    if u.startswith("m"):
        return Decimal(60), 2
    if u.startswith("s"):
        return Decimal(1), 1
    if u.startswith(("dag", "etma", "day")):
        return Decimal(86400), 5
    return Decimal(604800), 6  # week, weken, weeks


@dataclass(frozen=True)
class _Segment:
    start: int
    end: int
    seconds: Optional[Decimal]  # None when the segment is an error
    rank: int
    error: Optional[QuantityError]
    negative: bool


def _duration_segments(text: str, language: str) -> list[_Segment]:
    segments: list[_Segment] = []
    for span, m, piece in _matches(text, language, "duration"):
        unit = m.group("unit") or m.group("s_unit")
        factor, rank = _duration_factor(unit)
        try:
            amount, _ = _amount(m, allow_minsec=True, language=language)
        except _Absurd:
            segments.append(_Segment(*span, None, rank, _too_large(UNIT_SECONDS, span, piece, language), False))
            continue
        except _Invalid:
            segments.append(_Segment(*span, None, rank, _invalid(span, piece, language), False))
            continue
        segments.append(_Segment(*span, amount * factor, rank, None, _is_negative(m)))
    return segments


def parse_all_durations(text: str, language: str = DUTCH) -> list[QuantityResult]:
    """Every duration in ``text``, in seconds, in order; "1 uur en 15 minuten" is one result.

    >>> [q.value for q in parse_all_durations("eerst 8 min, later 2 minuten en 30 seconden")]
    [Decimal('480'), Decimal('150')]
    >>> [q.value for q in parse_all_durations("half an hour, then an hour and a half", "en")]
    [Decimal('1800'), Decimal('5400')]
    """
    if not isinstance(text, str):
        return []
    language = _language(language)
    results: list[QuantityResult] = []
    group: list[_Segment] = []

    def flush() -> None:
        if not group:
            return
        span = (group[0].start, group[-1].end)
        piece = text[span[0] : span[1]]
        first_error = next((s.error for s in group if s.error), None)
        if first_error is not None:
            results.append(first_error)
        else:
            total = sum((s.seconds for s in group if s.seconds is not None), Decimal(0))
            results.append(_finish(total, any(s.negative for s in group), UNIT_SECONDS, span, piece, language))
        group.clear()

    for seg in _duration_segments(text, language):
        if group:
            prev = group[-1]
            gap = text[prev.end : seg.start]
            # Join "1 uur en 15 minuten" / "8 min 30 sec": smaller unit right after a larger one.
            if seg.rank < prev.rank and _DURATION_JOINER_RE.fullmatch(gap) and prev.error is None:
                group.append(seg)
                continue
            flush()
        group.append(seg)
    flush()
    return results


def parse_duration(text: str, language: str = DUTCH) -> Optional[QuantityResult]:
    """First duration in ``text`` in seconds, a ``QuantityError``, or None.

    >>> parse_duration("ik bel anderhalf uur").value, parse_duration("90 secs", "en").value
    (Decimal('5400'), Decimal('90'))
    """
    found = parse_all_durations(text, language)
    return found[0] if found else None


# --------------------------------------------------------------------------- data, sms

def _data_factor(unit: str) -> Decimal:
    first = unit.lower()[0]
    return {"k": Decimal("0.001"), "m": Decimal(1), "g": Decimal(1000), "t": Decimal(1_000_000)}[first]


def _simple_all(text: str, language: str, kind: str, unit: str,
                factor: Callable[[str], Decimal]) -> list[QuantityResult]:
    if not isinstance(text, str):
        return []
    language = _language(language)
    results: list[QuantityResult] = []
    for span, m, piece in _matches(text, language, kind):
        try:
            amount, _ = _amount(m, language=language)
        except _Absurd:
            results.append(_too_large(unit, span, piece, language))
            continue
        except _Invalid:
            results.append(_invalid(span, piece, language))
            continue
        results.append(_finish(amount * factor(m.group("unit")), _is_negative(m), unit, span, piece, language))
    return results


def parse_all_data_volumes(text: str, language: str = DUTCH) -> list[QuantityResult]:
    """Every data volume in ``text``, in MB, in order.

    >>> [q.value for q in parse_all_data_volumes("300mb of 1,5 GB")]
    [Decimal('300'), Decimal('1500')]
    >>> [q.value for q in parse_all_data_volumes("1.5 GB or 2 gigs", "en")]
    [Decimal('1500'), Decimal('2000')]
    """
    return _simple_all(text, language, "data", UNIT_MB, _data_factor)


def parse_data_volume(text: str, language: str = DUTCH) -> Optional[QuantityResult]:
    """First data volume in ``text`` in MB (1 GB = 1000 MB, 1 kB = 0,001 MB), error, or None.

    >>> parse_data_volume("2 gig").value, parse_data_volume("half a gig", "en").value
    (Decimal('2000'), Decimal('500'))
    """
    found = parse_all_data_volumes(text, language)
    return found[0] if found else None


def parse_all_sms_counts(text: str, language: str = DUTCH) -> list[QuantityResult]:
    """Every sms count in ``text``, in order.

    >>> [q.value for q in parse_all_sms_counts("3 sms'jes en twee berichten")]
    [Decimal('3'), Decimal('2')]
    >>> [q.value for q in parse_all_sms_counts("3 texts and a text message", "en")]
    [Decimal('3'), Decimal('1')]
    """
    return _simple_all(text, language, "sms", UNIT_SMS, lambda _unit: Decimal(1))


def parse_sms_count(text: str, language: str = DUTCH) -> Optional[QuantityResult]:
    """First sms count in ``text`` ("een sms", "a text" = 1), error, or None.

    >>> parse_sms_count("twee smsjes").value, parse_sms_count("ten texts", "en").value
    (Decimal('2'), Decimal('10'))
    """
    found = parse_all_sms_counts(text, language)
    return found[0] if found else None


# --------------------------------------------------------------------------- euros

def _euro_factor(unit: Optional[str]) -> Decimal:
    if not unit:
        return Decimal(1)
    u = unit.lower()
    if u.startswith(("eurocent", "cent")):
        return Decimal("0.01")
    if u.startswith("tientje"):
        return Decimal(10)
    if u.startswith("vijfje"):
        return Decimal(5)
    return Decimal(1)


# "€1.250" in an English sentence is the Dutch habit (1250): no price has three decimals.
_MONEY_THOUSANDS_DOT_RE = re.compile(r"[1-9][0-9]{0,2}\.[0-9]{3}")


def _plain_number(m: re.Match[str], language: str, money: bool = False) -> Decimal:
    """The number of a match with a ``num`` or ``word`` group (no halves, no m:ss)."""
    word = m.groupdict().get("word")
    if word:
        value = number_word_value(word, language)
        if value is None:  # pragma: no cover - the word regex and the evaluator agree
            raise _Invalid
        return Decimal(value)
    raw = m.group("num")
    if ":" in raw:
        raise _Invalid
    if money and _MONEY_THOUSANDS_DOT_RE.fullmatch(raw):
        return _parse_numeric(raw, DUTCH)
    return _parse_numeric(raw, language)


def _euro_candidate(m: re.Match[str], language: str) -> QuantityResult:
    span = (m.start(), m.end())
    try:
        amount = _plain_number(m, language, money=True)
    except _Absurd:
        return _too_large(UNIT_EUR, span, m.group(), language)
    except _Invalid:
        return _invalid(span, m.group(), language)
    unit = m.groupdict().get("unit")
    cents = m.groupdict().get("cents")
    if cents and unit and unit.lower().startswith(("euro", "eur", "€")) and "." not in str(amount) \
            and (cents.isdigit() or dutch_number_word_value(cents) is not None):
        said = int(cents) if cents.isdigit() else dutch_number_word_value(cents)
        if said is not None and 0 < said < 100:
            amount += Decimal(said) / 100
    return _finish(amount * _euro_factor(unit), _is_negative(m), UNIT_EUR, span, m.group(), language)


def parse_all_euro_amounts(text: str, language: str = DUTCH) -> list[QuantityResult]:
    """Every euro amount in ``text``, in text order, each with its span.

    Recognised: "€ 65", "€65", "EUR 65", "65 euro", "65 eur", "65,-", "65,50", "€ 1.250,50",
    "vijftig euro", "50 cent" (0,50), "een tientje" (10). A bare number only counts when the
    whole text is that number ("65"); in a sentence a bare "30" may be anything.
    The spans let a caller tell "ik heb al 280 euro uitgegeven" from "ik wil 30 euro betalen".
    In English: "€49.99", "€1,250.50", "EUR 12.50", "49.99 euro", "50 euros", "fifty euros",
    "50 cents", a bare "65.50" (two decimals, not a time: "at 2.30" is none); "€1.250" is 1250
    there too (no price has three decimals: it is the Dutch habit).

    >>> [(q.value, q.span) for q in parse_all_euro_amounts("al €280 uitgegeven, nu 30 euro")]
    [(Decimal('280'), (3, 7)), (Decimal('30'), (23, 30))]
    >>> [q.value for q in parse_all_euro_amounts("spent €1,250.50, now 50 euros", "en")]
    [Decimal('1250.5'), Decimal('50')]
    """
    if not isinstance(text, str):
        return []
    language = _language(language)
    only = _ONLY_NUMBER_RE.fullmatch(text)
    if only:
        return [_euro_candidate(only, language)]
    candidates: list[tuple[int, int, int, QuantityResult]] = []
    # Priority decides between overlapping matches at the same start: currency first.
    for priority, regex in enumerate(_GRAMMARS[language].euros):
        for m in regex.finditer(text):
            candidates.append((m.start(), priority, m.end(), _euro_candidate(m, language)))
    candidates.sort(key=lambda c: (c[0], c[1], -c[2]))
    results: list[QuantityResult] = []
    last_end = -1
    for start, _priority, end, result in candidates:
        if start < last_end:
            continue
        results.append(result)
        last_end = end
    return results


def parse_euro_amount(text: str, language: str = DUTCH) -> Optional[QuantityResult]:
    """First euro amount in ``text``, error, or None (see ``parse_all_euro_amounts``).

    >>> parse_euro_amount("€ 1.250,50").value, parse_euro_amount("€1,250.50", "en").value
    (Decimal('1250.5'), Decimal('1250.5'))
    """
    found = parse_all_euro_amounts(text, language)
    return found[0] if found else None


# --------------------------------------------------------------------------- plain numbers

_ONLY_WORD_RE = re.compile(r"\s*(?:een|één|eén)\s*[.!?]?\s*", re.IGNORECASE)


def parse_all_counts(text: str, language: str = DUTCH) -> list[QuantityResult]:
    """Every plain number in ``text`` (digits or number words), unit "count", in order.

    The Dutch article "een" is not counted as 1 unless it is accented ("één") or the whole text.

    >>> [q.value for q in parse_all_counts("ik wil er drie, of 1.000")]
    [Decimal('3'), Decimal('1000')]
    >>> [q.value for q in parse_all_counts("three of them, or 1,000", "en")]
    [Decimal('3'), Decimal('1000')]
    """
    if not isinstance(text, str):
        return []
    language = _language(language)
    whole_een = language == DUTCH and bool(_ONLY_WORD_RE.fullmatch(text))
    results: list[QuantityResult] = []
    for m in _GRAMMARS[language].count.finditer(text):
        span = (m.start(), m.end())
        word = m.group("word")
        if language == DUTCH and word is not None and word.lower() == "een" and not whole_een:
            continue
        try:
            amount = _plain_number(m, language)
        except _Absurd:
            results.append(_too_large(UNIT_COUNT, span, m.group(), language))
            continue
        except _Invalid:
            results.append(_invalid(span, m.group(), language))
            continue
        results.append(_finish(amount, _is_negative(m), UNIT_COUNT, span, m.group(), language))
    return results


def parse_count(text: str, language: str = DUTCH) -> Optional[QuantityResult]:
    """First plain number in ``text`` (unit "count"), error, or None.

    >>> parse_count("twintig").value, parse_count("twenty", "en").value
    (Decimal('20'), Decimal('20'))
    """
    found = parse_all_counts(text, language)
    return found[0] if found else None


_UNIT_WORDS = {
    DUTCH: {UNIT_SECONDS: ("seconde", "seconden"), UNIT_SMS: ("sms", "sms'jes")},
    ENGLISH: {UNIT_SECONDS: ("second", "seconds"), UNIT_SMS: ("text", "texts")},
}


def format_quantity(quantity: Quantity, language: str = DUTCH) -> str:
    """Short rendering of a parsed quantity: Dutch "150 seconden", "1.500 MB", "3 sms'jes",
    "€ 1.250,50"; English "150 seconds", "1,500 MB", "3 texts", "€1,250.50".

    >>> format_quantity(Quantity(Decimal(1500), UNIT_MB, (0, 6), "1,5 GB"))
    '1.500 MB'
    >>> format_quantity(Quantity(Decimal(1500), UNIT_MB, (0, 6), "1.5 GB"), "en")
    '1,500 MB'
    """
    language = _language(language)
    locale = "en" if language == ENGLISH else "nl_NL"
    number = format_decimal(quantity.value, locale=locale)
    if quantity.unit in (UNIT_SECONDS, UNIT_SMS):
        one, many = _UNIT_WORDS[language][quantity.unit]
        return f"{number} {one}" if quantity.value == 1 else f"{number} {many}"
    if quantity.unit == UNIT_EUR:
        amount = format_decimal(quantity.value, format="#,##0.00", locale=locale)
        return f"€{amount}" if language == ENGLISH else f"€ {amount}"
    if quantity.unit == UNIT_MB:
        return f"{number} MB"
    return number


def unit_words(kind: str) -> tuple[str, ...]:
    """The unit words this module reads for ``kind`` ("duration", "data", "sms", "euro"), Dutch
    and English together (for the NLU's regex features, scripts/generate_lookups.py).

    >>> "minuten" in unit_words("duration") and "texts" in unit_words("sms")
    True
    """
    words = {"duration": _EN_DURATION_UNITS, "data": _DATA_UNITS, "sms": _EN_SMS_UNITS,
             "euro": _EURO_SUFFIX_UNITS + ["euros"]}[kind]
    return tuple(sorted({w.lower() for w in words if w.strip(".") and w != "€"}, key=lambda w: (-len(w), w)))
