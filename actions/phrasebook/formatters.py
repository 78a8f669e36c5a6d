"""Format specs per language: `{amount:eur}`, `{x:rate}`, `{n:num}`, `{d:date}`,
`{d:daymonth}`, `{dt:datetime}`, `{s:duration}`, `{c:country}`, `{z:zone}`, `{t:term}`,
`{l:label}` (an app-store menu label: quoted as the documents write it; English adds a gloss) and
the list styles `bullets`, `numbered`, `lines`, `join`, `join_or` and `list:<separator>`, and
`{x:cap}` (first letter upper-cased, for a sentence that starts with a value).

Dutch goes through knowledge/ (money.py, dutch_dates.py, countries.py); English through
Babel's "en" locale. No fact is typed here, only how a value is written.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Callable, Sequence
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_date, format_datetime as babel_datetime
from babel.numbers import format_currency

from actions.phrasebook.catalog import PhrasebookError, english_terms
from knowledge import countries, dutch_dates
from knowledge.countries import Country, Zone
from knowledge.money import format_eur, format_rate, round_cents

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Same shapes as knowledge/money.py, without the space after the sign (English usage).
_EN_EUR = "¤#,##0.00"
_EN_RATE = "¤#,##0.00##"


def decimal_of(value: Any) -> Decimal:
    if isinstance(value, bool) or isinstance(value, float):
        raise PhrasebookError(f"a number must be Decimal or int, not {type(value).__name__}: {value!r}")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int, str)):
        return Decimal(value)
    raise PhrasebookError(f"not a number: {value!r}")


def _number(value: Any, point: str) -> str:
    """No trailing zeros, no grouping: 24.2 -> '24,2' (nl) / '24.2' (en), 200 -> '200'."""
    text = f"{decimal_of(value).normalize():f}"
    return text.replace(".", point)


def _seconds(value: Any, point: str) -> str:
    """A call duration: '8 min', '2 min 30 sec', '10 sec'."""
    whole_minutes, rest = divmod(decimal_of(value), 60)
    parts = []
    if whole_minutes:
        parts.append(f"{int(whole_minutes)} min")
    if rest:
        parts.append(f"{_number(rest, point)} sec")
    return " ".join(parts) or "0 sec"


def _day(value: Any) -> date:
    if isinstance(value, datetime):
        return (value.astimezone(AMSTERDAM) if value.tzinfo else value).date()
    if isinstance(value, date):
        return value
    raise PhrasebookError(f"not a date: {value!r}")


def _moment(value: Any) -> datetime:
    if not isinstance(value, datetime):
        raise PhrasebookError(f"not a datetime: {value!r}")
    return value.astimezone(AMSTERDAM) if value.tzinfo else value


def _country(value: Any) -> Country:
    if not isinstance(value, Country):
        raise PhrasebookError(f"not a Country: {value!r}")
    return value


def _zone(value: Any) -> Zone:
    if not isinstance(value, Zone):
        raise PhrasebookError(f"not a Zone: {value!r}")
    return value


def english_term(dutch: Any) -> str:
    """The English of a Dutch term from knowledge/ (terms_en.yml); a missing one is a bug."""
    if not isinstance(dutch, str):
        raise PhrasebookError(f"a term is a Dutch string from knowledge/, not {dutch!r}")
    try:
        return english_terms()[dutch]
    except KeyError:
        raise PhrasebookError(f"no English for the term {dutch!r} in terms_en.yml") from None


def _dutch_term(dutch: Any) -> str:
    if not isinstance(dutch, str):
        raise PhrasebookError(f"a term is a Dutch string from knowledge/, not {dutch!r}")
    return dutch


def _english_label(dutch: Any) -> str:
    """A menu label stays as the documents write it (Dutch); English adds a gloss."""
    gloss = english_term(dutch)
    return f"'{dutch}' ({gloss})" if gloss else f"'{dutch}'"


# English names that take "the" ("to the Netherlands", "in the United States").
_WITH_THE = re.compile(r"^United |Islands\b|Republic$|^(Netherlands|Caribbean Netherlands|Philippines|Bahamas|Maldives"
                       r"|Seychelles|Gambia|Comoros|Azores|Isle of Man)$")


def _english_country(country: Country) -> str:
    name = country.name_en or english_term(country.name_nl)
    return f"the {name}" if _WITH_THE.search(name) else name


Scalar = Callable[[Any], str]

SCALAR: dict[str, dict[str, Scalar]] = {
    "nl": {
        "eur": lambda v: format_eur(decimal_of(v)),
        "rate": lambda v: format_rate(decimal_of(v)),
        "num": lambda v: _number(v, ","),
        "duration": lambda v: _seconds(v, ","),
        "date": lambda v: dutch_dates.format_date(_day(v)),
        "daymonth": lambda v: babel_date(_day(v), "d MMMM", locale="nl_NL"),
        "datetime": lambda v: dutch_dates.format_datetime(_moment(v)),
        "country": lambda v: _country(v).name_nl,
        "zone": lambda v: countries.zone_label(_zone(v)),
        "term": _dutch_term,
        "label": lambda v: f"'{_dutch_term(v)}'",
    },
    "en": {
        "eur": lambda v: format_currency(round_cents(decimal_of(v)), "EUR", format=_EN_EUR, locale="en",
                                         currency_digits=False),
        "rate": lambda v: format_currency(decimal_of(v), "EUR", format=_EN_RATE, locale="en",
                                          currency_digits=False),
        "num": lambda v: _number(v, "."),
        "duration": lambda v: _seconds(v, "."),
        "date": lambda v: babel_date(_day(v), "d MMMM y", locale="en"),
        "daymonth": lambda v: babel_date(_day(v), "d MMMM", locale="en"),
        "datetime": lambda v: babel_datetime(_moment(v), "EEEE d MMMM y, HH:mm", locale="en"),
        "country": lambda v: _english_country(_country(v)),
        "zone": lambda v: english_term(countries.zone_label(_zone(v))),
        "term": english_term,
        "label": _english_label,
    },
}

# The last two items of a `join` list are linked by the language's "and" / "or".
AND = {"nl": " en ", "en": " and "}
OR = {"nl": " of ", "en": " or "}


def join(parts: Sequence[str], last: str) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + last + parts[-1]


def list_style(spec: str, arg: str, parts: Sequence[str], language: str) -> str:
    """Lay out already rendered items."""
    if spec == "bullets":
        return "\n".join(f"{arg or '- '}{p}" for p in parts)
    if spec == "numbered":
        return "\n".join(f"{i}. {p}" for i, p in enumerate(parts, start=1))
    if spec == "lines":
        return "\n".join(parts)
    if spec == "join":
        return join(parts, AND[language])
    if spec == "join_or":
        return join(parts, OR[language])
    if spec == "list":
        return arg.join(parts)
    raise PhrasebookError(f"unknown list style {spec!r}")


LIST_STYLES = frozenset({"bullets", "numbered", "lines", "join", "join_or", "list"})
# `{x:cap}`: the plain rendering with its first letter upper-cased (a sentence that starts
# with a value: "The Netherlands falls under ...").
SPECS = frozenset(SCALAR["nl"]) | LIST_STYLES | {"cap"}
