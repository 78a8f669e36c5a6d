"""The catalogs: the same keys and placeholders in every language, and no fact typed in
them (facts come from knowledge/, the catalogs hold only words)."""
import re
import string

import pytest

from actions.phrasebook import LANGUAGES, catalog, fields
from actions.phrasebook.catalog import english_terms
from actions.phrasebook.formatters import SPECS

NL, EN = catalog("nl"), catalog("en")


def test_every_language_has_exactly_the_same_keys():
    assert sorted(set(NL) - set(EN)) == [], "missing in en"
    assert sorted(set(EN) - set(NL)) == [], "missing in nl"


@pytest.mark.parametrize("key", sorted(NL))
def test_the_same_placeholders_in_every_language(key):
    """A plural form may spell its count out ('once'), so `count` is optional there."""
    optional = {"count"} if key.endswith((".one", ".other")) else set()
    names = {language: sorted({name for name, _ in fields(catalog(language)[key])} - optional)
             for language in LANGUAGES}
    assert names["nl"] == names["en"], key


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_format_spec_exists(language):
    for key, text in catalog(language).items():
        for name, spec in fields(text):
            assert not spec or spec.partition(":")[0] in SPECS, (language, key, spec)


def test_plural_keys_come_in_pairs():
    for key in NL:
        if key.endswith(".one"):
            assert key[:-4] + ".other" in NL, key
        if key.endswith(".other"):
            assert key[:-6] + ".one" in NL, key


# Where a number in a catalog is no fact: each one named (key, the words in both
# languages), with the reason. The words are taken out before the checks below.
ALLOWED = {
    ("questions.device_value", r"650 euros?"): "an example of how to write an amount, not a price",
    ("questions.amount_spent", r"120 euros?"): "an example of how to write an amount, not a price",
    ("kpn_pay.sms_code", r"maar 1 keer"): "the KPN Pay page's own words for the one-off sms code (tested)",
    ("kpn_pay.setup_ios_code", r"maar 1 keer"): "the KPN Pay page's own words for the one-off sms code",
}

FACTS = {
    "a euro amount": re.compile(r"€|\d\s*(euro|eur)\b|\beuro?\s*\d", re.I),
    "a percentage": re.compile(r"\d\s*%|\bprocent\b|\bper ?cent\b", re.I),
    "a URL": re.compile(r"https?://|www\.|\b[\w-]+\.(com|nl|org|net)\b", re.I),
}


def literal_text(template: str) -> str:
    """The words of a template without its placeholders."""
    return "".join(literal for literal, _, _, _ in string.Formatter().parse(template))


def checked_words(key: str, template: str) -> str:
    words = literal_text(template)
    for (allowed_key, fragment) in ALLOWED:
        if allowed_key == key:
            words = re.sub(fragment, "", words)
    return words


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_fact_is_typed_in_a_catalog(language):
    problems = []
    for key, text in catalog(language).items():
        words = checked_words(key, text)
        for what, pattern in FACTS.items():
            if pattern.search(words):
                problems.append(f"{key}: {what} in {words!r}")
        for digits in re.findall(r"\d+", words):
            problems.append(f"{key}: the number {digits} in {words!r}")
    assert problems == []


@pytest.mark.parametrize("key, fragment", sorted(ALLOWED))
def test_each_allowed_number_is_still_needed(key, fragment):
    assert any(re.search(fragment, literal_text(catalog(language)[key])) for language in LANGUAGES), key


def test_an_english_term_keeps_the_numbers_of_its_dutch_original():
    for dutch, english in english_terms().items():
        assert sorted(re.findall(r"\d+", dutch)) == sorted(re.findall(r"\d+", english)), dutch
        assert english.strip() or dutch == "KPN/Mobiel", dutch  # a label that needs no gloss
