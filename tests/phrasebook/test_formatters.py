"""Every format spec in both languages, table-driven."""
from datetime import date, datetime, timezone
from decimal import Decimal as D

import pytest

from actions.phrasebook.catalog import PhrasebookError
from actions.phrasebook.formatters import SCALAR, list_style
from knowledge.countries import Zone, country_by_code

CASES = [
    # (spec, value, nl, en)
    ("eur", D("1250.5"), "€ 1.250,50", "€1,250.50"),
    ("eur", D("1000000"), "€ 1.000.000,00", "€1,000,000.00"),
    ("eur", D("0.725"), "€ 0,73", "€0.73"),
    ("eur", D("0.073"), "€ 0,07", "€0.07"),
    ("eur", D("15"), "€ 15,00", "€15.00"),
    ("eur", 0, "€ 0,00", "€0.00"),
    ("eur", "60.50", "€ 60,50", "€60.50"),
    ("rate", D("0.073"), "€ 0,073", "€0.073"),
    ("rate", D("0.0454"), "€ 0,0454", "€0.0454"),
    ("rate", D("2.00"), "€ 2,00", "€2.00"),
    ("rate", D("0.23"), "€ 0,23", "€0.23"),
    ("rate", D("1.4"), "€ 1,40", "€1.40"),
    ("num", D("24.2"), "24,2", "24.2"),
    ("num", D("6.050"), "6,05", "6.05"),
    ("num", D("200"), "200", "200"),
    ("num", D("1000.00"), "1000", "1000"),
    ("num", D("2.5"), "2,5", "2.5"),
    ("num", 5, "5", "5"),
    ("num", D("0.5"), "0,5", "0.5"),
    ("date", date(2026, 12, 1), "1 december 2026", "1 December 2026"),
    ("date", date(2020, 9, 28), "28 september 2020", "28 September 2020"),
    ("date", datetime(2027, 3, 1, 23, 30, tzinfo=timezone.utc), "2 maart 2027", "2 March 2027"),
    ("daymonth", date(2001, 10, 1), "1 oktober", "1 October"),
    ("daymonth", date(2001, 6, 30), "30 juni", "30 June"),
    ("datetime", datetime(2026, 3, 3, 14, 0), "dinsdag 3 maart 2026 om 14:00", "Tuesday 3 March 2026, 14:00"),
    ("datetime", datetime(2027, 1, 5, 9, 5), "dinsdag 5 januari 2027 om 09:05", "Tuesday 5 January 2027, 09:05"),
    ("datetime", datetime(2026, 7, 1, 12, 0, tzinfo=timezone.utc), "woensdag 1 juli 2026 om 14:00",
     "Wednesday 1 July 2026, 14:00"),
    ("duration", D("480"), "8 min", "8 min"),
    ("duration", D("510"), "8 min 30 sec", "8 min 30 sec"),
    ("duration", D("10"), "10 sec", "10 sec"),
    ("duration", D("2.5"), "2,5 sec", "2.5 sec"),
    ("duration", 0, "0 sec", "0 sec"),
    ("country", country_by_code("US"), "Verenigde Staten", "the United States"),
    ("country", country_by_code("NL"), "Nederland", "the Netherlands"),
    ("country", country_by_code("ES"), "Spanje", "Spain"),
    ("country", country_by_code("CY"), "Cyprus (Grieks deel)", "Cyprus (Greek part)"),
    ("country", country_by_code("US-HI"), "Hawaï", "Hawaii"),
    ("country", country_by_code("SATELLIET"), "Satelliet (veerboot, cruiseschip)", "Satellite (ferry, cruise ship)"),
    ("zone", Zone.NL_EU, "NL/EU", "NL/EU"),
    ("zone", Zone.VOORDEEL, "Voordeellanden buiten NL/EU", "Voordeellanden outside NL/EU"),
    ("term", "gratis", "gratis", "free"),
]


@pytest.mark.parametrize("spec, value, nl, en", CASES)
def test_each_spec_writes_the_value_the_way_of_its_language(spec, value, nl, en):
    assert SCALAR["nl"][spec](value) == nl
    assert SCALAR["en"][spec](value) == en


@pytest.mark.parametrize("spec, value", [
    ("eur", 1.5),            # floats are inexact: refused
    ("num", True),
    ("date", "2026-12-01"),  # a date, not a string
    ("datetime", date(2026, 12, 1)),
    ("country", "Spanje"),   # a Country, not its name
    ("zone", "NL_EU"),
    ("term", 3),
])
def test_a_value_of_the_wrong_kind_is_a_phrasebook_error(spec, value):
    for language in ("nl", "en"):
        with pytest.raises(PhrasebookError):
            SCALAR[language][spec](value)


def test_an_unknown_term_has_no_english():
    with pytest.raises(PhrasebookError, match="terms_en.yml"):
        SCALAR["en"]["term"]("iets dat niet in de lijst staat")
    assert SCALAR["nl"]["term"]("iets dat niet in de lijst staat") == "iets dat niet in de lijst staat"


LISTS = [
    # (style, arg, items, nl, en)
    ("bullets", "", ["a", "b"], "- a\n- b", "- a\n- b"),
    ("bullets", "  - ", ["a", "b"], "  - a\n  - b", "  - a\n  - b"),
    ("numbered", "", ["a", "b", "c"], "1. a\n2. b\n3. c", "1. a\n2. b\n3. c"),
    ("lines", "", ["a", "b"], "a\nb", "a\nb"),
    ("join", "", ["a"], "a", "a"),
    ("join", "", ["a", "b"], "a en b", "a and b"),
    ("join", "", ["a", "b", "c"], "a, b en c", "a, b and c"),
    ("join_or", "", ["a", "b", "c"], "a, b of c", "a, b or c"),
    ("list", "; ", ["a", "b"], "a; b", "a; b"),
    ("list", " + ", ["a", "b", "c"], "a + b + c", "a + b + c"),
    ("join", "", [], "", ""),
]


@pytest.mark.parametrize("style, arg, items, nl, en", LISTS)
def test_list_styles(style, arg, items, nl, en):
    assert list_style(style, arg, items, "nl") == nl
    assert list_style(style, arg, items, "en") == en
