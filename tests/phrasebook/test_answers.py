"""The answers after the split: no sentence written in Python, every Dutch term that
knowledge/ feeds into a phrase has its English, and the milestone-2 fixes."""
import ast
import re
from pathlib import Path

import pytest

from actions.answers import answer
from actions.phrasebook import render_reply
from actions.phrasebook.catalog import english_terms
from actions.phrasebook.rendering import LAST_RESORT
from knowledge import bundles, countries, extras, kpn_pay, roaming, services, subscriptions, terms
from knowledge.countries import Zone
from tests.phrasebook.answer_paths import turn_of

ROOT = Path(__file__).resolve().parents[2]
REGEX_OR_LOG = {"compile", "search", "match", "sub", "findall", "fullmatch", "split",
                "exception", "error", "warning", "info", "debug", "ValueError", "PhrasebookError"}
# Strings of three words or more that are no user-facing sentence, each with its reason.
NOT_SENTENCES = {
    "d MMMM y": "a Babel date pattern",
    "EEEE d MMMM y, HH:mm": "a Babel date pattern",
    **{text: "the last-resort apology when no catalog can be read" for text in LAST_RESORT.values()},
}


def python_strings(path: Path):
    """String constants that are no docstring, regex or log/exception message."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant):
            skip.add(id(body[0].value))
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in REGEX_OR_LOG:
                skip.update(id(n) for n in ast.walk(node) if isinstance(n, ast.Constant))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node.lineno, node.value


def test_no_sentence_is_written_in_python():
    found = [f"{path.relative_to(ROOT)}:{line}: {text!r}"
             for path in sorted((ROOT / "actions").rglob("*.py"))
             for line, text in python_strings(path)
             if len(text.split()) >= 3 and text not in NOT_SENTENCES]
    assert found == []


def knowledge_terms() -> set[str]:
    """Every Dutch text knowledge/ hands to a `{x:term}` or `{x:label}` placeholder."""
    found = {countries.zone_label(z) for z in Zone} | {roaming.zone_rates(z).label for z in Zone}
    found |= {c.note for c in countries._index().countries.values() if c.note}
    found |= {roaming.internet_protection().period, terms.bundle_terms().validity,
              kpn_pay.invoice_info().when, kpn_pay.invoice_info().section_label,
              subscriptions.unlimited_data_rules().free_option, services.customer_service().price_text,
              services.customer_service().outside_eu_price_text}
    found |= {a.settled_via for a in kpn_pay.account_types() if a.settled_via}
    found |= set(bundles.bundle_rules().activation_channels)
    found |= {p.device_term for p in subscriptions.tablet_plans()}
    d = subscriptions.device_instalments()
    found |= set(d.instalment_terms) | set(d.one_off_only_terms)
    for guide in (kpn_pay.setup_steps("ios"), kpn_pay.setup_steps("android"), kpn_pay.ios_settings_route(),
                  kpn_pay.removal_steps("ios"), kpn_pay.removal_steps("android")):
        found |= {label for step in guide.steps for label in step.labels}
    for e in extras.extras():
        found |= {e.description} | ({e.price_text} if e.price_text else set()) \
            | ({e.mandatory_for} if e.mandatory_for else set())
    for n in services.service_numbers():
        found |= {n.name} | (set() if n.per_call_range else {n.price_text})  # ranges: built from the amounts
    for s in services.services():
        found |= {s.name} | ({s.price_text} if s.price_text else set()) | ({s.footnote} if s.footnote else set())
    found |= {v.price_text for v in services.voicemail() if v.free}
    # the fields knowledge/ names in its errors
    source = "".join(line for p in (ROOT / "knowledge").glob("*.py")
                     for line in p.read_text(encoding="utf-8").splitlines(keepends=True) if ">>>" not in line)
    found |= set(re.findall(r'(?:non_negative\([^,()]+|TooLargeError\()\s*,?\s*"([^"]+)"', source))
    return found


def test_every_dutch_term_from_knowledge_has_its_english():
    assert sorted(knowledge_terms() - set(english_terms())) == []


def test_every_region_has_an_english_name():
    assert [c.code for c in countries._index().countries.values() if not c.name_en] == []


def nl(text, intent, **slots):
    return render_reply(answer(turn_of(text, intent, slots)), "nl").text


def test_android_setup_opens_the_play_store_without_a_qr_code():
    steps = nl("kpn pay op android", "kpnpay_setup", platform="android")
    assert "QR" not in steps and "Open de Google Play Store-app" in steps


def test_ios_setup_keeps_the_link_from_knowledge():
    assert kpn_pay.setup_steps("ios").steps[0].url in nl("kpn pay op iphone", "kpnpay_setup", platform="ios")


@pytest.mark.parametrize("text, intent, says, leaves_out", [
    # at a menu of the setup: the steps from there on, whatever platform the slot says
    ("ik sta bij Betaalmethoden, welke kies ik?", "kpnpay_setup", ["'Factureren via KPN'", "'Inschakelen'"],
     ["Open de Google Play Store-app"]),
    ("ik ben bij betaling en verzending", "kpnpay_setup", ["'Mobiele telefoon'", "'Gebruik dit mobiele nummer'"],
     ["apple.co"]),
    ("heb op Inschakelen getikt, klaar?", "kpnpay_setup", ["aangemeld en gecontroleerd"], ["1."]),
    # the Play Store's other name for the option is right, and then 'Inschakelen'
    ("alleen KPN/Mobiel staat erbij, niet Factureren via KPN", "kpnpay_option_missing",
     ["Zolang er KPN in de naam staat", "'Inschakelen'"], []),
    ("ik zie de optie niet", "kpnpay_option_missing", ["1200"], ["'Inschakelen'"]),
])
def test_setup_goes_on_from_the_menu_named(text, intent, says, leaves_out):
    reply = nl(text, intent, platform="ios")
    assert all(part in reply for part in says) and not any(part in reply for part in leaves_out)


@pytest.mark.parametrize("text, intent, slots", [
    ("buitenlandbundel Turkije", "ask_buitenland_bundle", {"country": "Turkije"}),
    ("welke buitenlandbundels zijn er", "ask_buitenland_bundle", {}),
    ("buitenlandbundel Spanje", "ask_buitenland_bundle", {"country": "Spanje"}),
    ("welke bundel voor Turkije", "ask_bundle_advice", {"country": "Turkije"}),
    ("200 MB in de VS", "ask_bundle_advice", {"country": "Verenigde Staten", "data_mb": "200", "usage": "data"}),
    ("extra nl/eu bundel", "ask_nl_eu_bundle", {}),
    ("wat kost bellen in Egypte", "ask_foreign_rates", {"country": "Egypte"}),
    ("Wat kost 8 minuten bellen in Egypte?", "ask_foreign_rates",
     {"country": "Egypte", "usage": "call", "duration_seconds": "480"}),
])
def test_every_bundle_answer_says_what_a_unit_is(text, intent, slots):
    answer_text = nl(text, intent, **slots)
    assert re.search(r"(minuut, sms of MB is één eenheid|eenheden \(minuten, sms'jes of MB's\))", answer_text)
    assert "hetzelfde tegoed" in answer_text or "één eenheid van de bundel" in answer_text


def test_a_used_up_bundle_is_no_negative_subtraction():
    text = nl("bundel 25, al 30 MB gebruikt", "ask_buitenland_bundle", usage="data", data_mb="30")
    assert "is op" in text and "25 − 30" not in text


def test_a_note_already_in_the_name_is_not_repeated():
    assert "(Grieks deel) (Grieks deel)" not in nl("bellen op Cyprus", "ask_foreign_rates",
                                                   country="Cyprus (Grieks deel)")
