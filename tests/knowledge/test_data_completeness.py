"""Every euro amount, name and quoted sentence of a source document is in the data, and
nothing in the data is made up: each price list version is checked against its own source
document (the list in its folder), the KPN Pay data against the KPN Pay page
(knowledge/data/kpn_pay.source.txt). The synthetic test version is checked the same way,
so a price change made as docs/knowledge-api.md describes passes these tests."""
import functools
import re
from decimal import Decimal
from pathlib import Path

import babel
import pytest

from knowledge import loader, price_lists

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "price_lists"
KPN_PAY_SOURCE = loader.DATA_DIR / "kpn_pay.source.txt"


@functools.lru_cache(maxsize=1)
def all_versions() -> tuple[price_lists.Version, ...]:
    with price_lists.extra_root(FIXTURES) as known:
        return known


VERSION_IDS = [v.id for v in all_versions()]


def version(version_id: str) -> price_lists.Version:
    return next(v for v in all_versions() if v.id == version_id)


def source_text(version_id: str) -> str:
    return version(version_id).source_document.read_text(encoding="utf-8")


def kpn_pay_text() -> str:
    return KPN_PAY_SOURCE.read_text(encoding="utf-8")


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


def documents(version_id: str | None) -> dict:
    """The data files of a version (None: the KPN Pay file), by name."""
    if version_id is None:
        return {"kpn_pay": loader.load("kpn_pay")}
    with price_lists.using(version(version_id)):
        return {name: loader.load(name) for name in price_lists.FILES}


AMOUNT = re.compile(r"^\d+\.\d+$")


def data_amounts(version_id: str | None) -> dict[Decimal, list[str]]:
    found: dict[Decimal, list[str]] = {}
    for name, document in documents(version_id).items():
        for path, value in walk(document):
            if isinstance(value, str) and AMOUNT.match(value):
                found.setdefault(Decimal(value), []).append(f"{name}:{path}")
    return found


def test_seed_amount_extraction_sees_the_tricky_formats():
    amounts = seed_amounts(source_text("2020-09-28")) | seed_amounts(kpn_pay_text())
    for expected in ("19.00", "50", "300", "0.073", "0.0454", "0.075", "1.40", "0.01", "0.90",
                     "1650.00", "60.50", "3.99", "33.88", "1.00", "41.00"):
        assert Decimal(expected) in amounts, expected
    assert len(amounts) > 60


def test_the_shipped_source_document_is_the_seed():
    # The copy in the version folder is the ground truth a CI machine without ../shared has.
    seed = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "004_1aefe231f1aab8d5.txt"
    if not seed.is_file():
        pytest.skip("seed documents not available")
    assert source_text("2020-09-28") == seed.read_text(encoding="utf-8")
    assert kpn_pay_text() == (seed.parent / "000_98f3cde0e6c5d629.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("version_id", VERSION_IDS + [None], ids=lambda v: v or "kpn_pay")
def test_every_source_amount_is_in_the_data(version_id):
    text = kpn_pay_text() if version_id is None else source_text(version_id)
    present = data_amounts(version_id)
    missing = sorted(a for a in seed_amounts(text) if a not in present)
    assert not missing, f"amounts of the source document missing in the data: {missing}"


@pytest.mark.parametrize("version_id", VERSION_IDS + [None], ids=lambda v: v or "kpn_pay")
def test_no_amount_in_the_data_is_invented(version_id):
    text = kpn_pay_text() if version_id is None else source_text(version_id)
    seeds = seed_amounts(text)
    invented = {a: where for a, where in data_amounts(version_id).items() if a not in seeds}
    assert not invented, f"amounts in the data not found in its source document: {invented}"


QUOTE_KEYS = re.compile(r"(^|_)(text|description|rule)$")


def quoted_values():
    for version_id in VERSION_IDS + [None]:
        for name, document in documents(version_id).items():
            for path, value in walk(document):
                key = next((p for p in reversed(path) if isinstance(p, str)), "")
                if isinstance(value, str) and (QUOTE_KEYS.search(key) or key == "not_attributable"):
                    yield version_id, name, path, value


@pytest.mark.parametrize("version_id, name, path, value", list(quoted_values()), ids=lambda v: str(v)[:60])
def test_quotes_are_verbatim_from_the_source(version_id, name, path, value):
    text = kpn_pay_text() if version_id is None else source_text(version_id)
    assert squash(value) in squash(text), f"{name}.yml {path} is not a verbatim quote"


NAMED = [
    ("subscriptions", ("hussel", "kids", "tablet"), "name"),
    ("bundles", ("buitenland_bundles", "nl_eu_bundles"), "name"),
    ("extras", ("extras",), "name"),
    ("services", ("voicemail", "services", "service_numbers"), "name"),
]


@pytest.mark.parametrize("version_id", VERSION_IDS)
def test_product_names_are_spelled_as_in_the_source(version_id):
    text = squash(source_text(version_id))
    data = documents(version_id)
    for file, sections, key in NAMED:
        for section in sections:
            entries = data[file][section] if isinstance(data[file][section], list) else [data[file][section]["plan"]]
            for entry in entries:
                assert squash(entry[key]) in text, f"{file}.yml {section}: {entry[key]!r}"


def list_names() -> dict[str, str]:
    """How the price lists spell each place: countries.yml seed_name, else Babel's Dutch name."""
    names = {code: name for code, name in babel.Locale("nl").territories.items()}
    names.update({p["code"]: p["seed_name"] for p in loader.load("countries")["places"] if "seed_name" in p})
    return names


ZONE_SECTIONS = ("home", "roam_like_home", "voordeellanden", "satellite")


@pytest.mark.parametrize("version_id", VERSION_IDS)
def test_country_names_are_spelled_as_in_the_source(version_id):
    zones, text, names = documents(version_id)["zones"], source_text(version_id), list_names()
    for section in ZONE_SECTIONS:
        for entry in zones[section]:
            if entry["code"] != "BQ":  # Caribisch Nederland: named by its three islands
                assert names[entry["code"]] in text, entry
            if "note" in entry and entry["code"] != "BQ":
                assert entry["note"] in text, entry


@pytest.mark.parametrize("version_id", VERSION_IDS)
def test_every_listed_country_is_in_the_data_and_no_other(version_id):
    text = source_text(version_id)
    rlh_sentence = re.search(r"als in Nederland: (.*?)\.\n", text).group(1)
    voordeel_sentence = re.search(r"Voordeellanden buiten NL/EU betreffen: (.*?)\.\n", text).group(1)
    zones, names = documents(version_id)["zones"], list_names()
    for sentence, section in ((rlh_sentence, "roam_like_home"), (voordeel_sentence, "voordeellanden")):
        listed = {names[e["code"]] for e in zones[section] if e["code"] != "BQ"}
        in_text = set()
        for raw in re.split(r",\s*(?![^()]*\))", sentence):
            in_text.add(re.sub(r"\s*\(.*\)", "", raw).strip())
            for inner in re.findall(r"\(inclusief (.*?)\)", raw):
                in_text.update(re.split(r",\s*| en ", inner))
        assert in_text - listed == set(), f"in the source's {section} sentence, missing in zones.yml"
        assert listed - in_text == set(), f"in zones.yml {section}, not in the source's sentence"


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
    text = kpn_pay_text()
    for label in labels:
        # each label is quoted on the page with straight or curly quotes
        assert re.search(rf"['’‘]{re.escape(label)}['’‘]", text), label


def test_kpn_pay_step_texts_verbatim():
    text = squash(kpn_pay_text())
    for path, value in walk(loader.load("kpn_pay")):
        if path and path[-1] == "text":
            assert squash(value) in text, path
