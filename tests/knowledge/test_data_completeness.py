"""Every euro amount, name and quoted sentence of the two seed documents is in the data,
and nothing in the data is made up (amounts, names and quotes all come from the seeds)."""
import functools
import re
from decimal import Decimal
from pathlib import Path

import pytest

from knowledge import loader

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"  # ../shared beside the clone
SEED_FILES = ["000_98f3cde0e6c5d629.txt", "004_1aefe231f1aab8d5.txt"]
K1_FILES = ["countries", "rates", "bundles", "subscriptions", "extras", "insurance", "services",
            "terms", "kpn_pay"]

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not available")


@functools.lru_cache(maxsize=1)
def seed_text() -> str:
    return "\n".join((SEEDS / name).read_text(encoding="utf-8") for name in SEED_FILES)


@functools.lru_cache(maxsize=None)
def squash(text: str) -> str:
    # Compare quotes modulo whitespace and typographic quotes.
    text = text.replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", text).strip()


def seed_amounts(text: str) -> set[Decimal]:
    amounts = set()
    for raw in re.findall(r"€\s*(\d+(?:,\d+)?)", text):          # € 19,00  € 0,0454  € 1650,00
        amounts.add(Decimal(raw.replace(",", ".")))
    for raw in re.findall(r"(?<![\d,])(\d+),-", text):            # 50,-  300,-
        amounts.add(Decimal(raw))
    for raw in re.findall(r"(\d+(?:,\d+)?)\s*eurocent", text):    # 7,3 eurocent
        amounts.add(Decimal(raw.replace(",", ".")) / 100)
    return amounts


def walk(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, path + (index,))
    else:
        yield path, node


def data_values(names=K1_FILES):
    for name in names:
        for path, value in walk(loader.load(name)):
            yield name, path, value


AMOUNT = re.compile(r"^\d+\.\d+$")


def data_amounts() -> dict[Decimal, list[str]]:
    found: dict[Decimal, list[str]] = {}
    for name, path, value in data_values(loader.data_file_names()):
        if isinstance(value, str) and AMOUNT.match(value):
            found.setdefault(Decimal(value), []).append(f"{name}:{path}")
    return found


def test_seed_amount_extraction_sees_the_tricky_formats():
    amounts = seed_amounts(seed_text())
    for expected in ("19.00", "50", "300", "0.073", "0.0454", "0.075", "1.40", "0.01", "0.90",
                     "1650.00", "60.50", "3.99", "33.88", "1.00", "41.00"):
        assert Decimal(expected) in amounts, expected
    assert len(amounts) > 60


def test_every_seed_amount_is_in_the_data():
    present = data_amounts()
    missing = sorted(a for a in seed_amounts(seed_text()) if a not in present)
    assert not missing, f"amounts from the seeds missing in knowledge/data: {missing}"


def test_no_amount_in_the_data_is_invented():
    seeds = seed_amounts(seed_text())
    invented = {a: where for a, where in data_amounts().items() if a not in seeds}
    assert not invented, f"amounts in knowledge/data not found in the seeds: {invented}"


QUOTE_KEYS = re.compile(r"(^|_)(text|description|rule)$")


def quoted_values():
    for name, path, value in data_values():
        key = next((p for p in reversed(path) if isinstance(p, str)), "")
        if isinstance(value, str) and (QUOTE_KEYS.search(key) or key == "not_attributable"):
            yield name, path, value


@pytest.mark.parametrize("name, path, value", list(quoted_values()), ids=lambda v: str(v)[:60])
def test_quotes_are_verbatim_from_the_seeds(name, path, value):
    assert squash(value) in squash(seed_text()), f"{name}.yml {path} is not a verbatim quote"


NAMED = [
    ("subscriptions", ("hussel", "kids", "tablet"), "name"),
    ("bundles", ("buitenland_bundles", "nl_eu_bundles"), "name"),
    ("extras", ("extras",), "name"),
    ("services", ("voicemail", "services", "service_numbers"), "name"),
]


def test_product_names_are_spelled_as_in_the_seeds():
    text = squash(seed_text())
    for file, sections, key in NAMED:
        data = loader.load(file)
        for section in sections:
            entries = data[section] if isinstance(data[section], list) else [data[section]["plan"]]
            for entry in entries:
                assert squash(entry[key]) in text, f"{file}.yml {section}: {entry[key]!r}"


def test_country_names_are_spelled_as_in_the_seeds():
    data = loader.load("countries")
    text = seed_text()
    for section in ("home", "roam_like_home", "voordeellanden", "satellite"):
        for entry in data[section]:
            if "seed_name" in entry:
                assert entry["seed_name"] in text, entry
            if "note" in entry and entry["code"] != "BQ":
                assert entry["note"] in text, entry


def test_every_seed_country_is_listed():
    text = seed_text()
    rlh_sentence = re.search(r"als in Nederland: (.*?)\.\n", text).group(1)
    voordeel_sentence = re.search(r"Voordeellanden buiten NL/EU betreffen: (.*?)\.\n", text).group(1)
    data = loader.load("countries")
    for sentence, section in ((rlh_sentence, "roam_like_home"), (voordeel_sentence, "voordeellanden")):
        names = {e.get("seed_name") for e in data[section]}
        for raw in re.split(r",\s*(?![^()]*\))", sentence):
            name = re.sub(r"\s*\(.*\)", "", raw).strip()
            assert name in names, f"{name} missing in {section}"
            for inner in re.findall(r"\(inclusief (.*?)\)", raw):
                for part in re.split(r",\s*| en ", inner):
                    assert part in names, f"{part} (in {name}) missing in {section}"


BRIEF_LABELS = ["Betaling en Verzending", "Mobiele telefoon", "Gebruik dit mobiele nummer", "Betaalmethoden",
                "Factureren via KPN", "KPN/Mobiel", "Inschakelen", "Online aankopen",
                "Tunes Store en App Store", "Toon Apple ID", "Betaling en verzending", "bewerk",
                "mobiele telefoon", "verwijder", "Betalingen en abonnementen",
                "Meer betalingsinstellingen", "Verwijderen"]


def test_menu_labels_verbatim():
    data = loader.load("kpn_pay")
    labels = {value for path, value in walk(data) if "labels" in path}
    labels.add(data["invoice"]["section_label"])
    assert set(BRIEF_LABELS) <= labels
    text = seed_text()
    for label in labels:
        # each label is quoted on the page with straight or curly quotes
        assert re.search(rf"['’‘]{re.escape(label)}['’‘]", text), label


def test_kpn_pay_step_texts_verbatim():
    text = squash(seed_text())
    for path, value in walk(loader.load("kpn_pay")):
        if path and path[-1] == "text":
            assert squash(value) in text, path
