"""Personal data is found in any common writing; the numbers the assistant needs are not
(server/personal_data.py)."""
from __future__ import annotations

import random

import pytest

from server.personal_data import (BSN_MASK, EMAIL_MASK, IBAN_MASK, PHONE_MASK, Span,
                                  bsn_check_ok, find_personal_data, iban_checksum_ok, mask)

PHONES = [  # (as typed, country)
    ("0612345678", "NL"), ("06-12345678", "NL"), ("06 12345678", "NL"), ("06 12 34 56 78", "NL"),
    ("06.12.34.56.78", "NL"), ("(06) 12345678", "NL"), ("06-1234 5678", "NL"),
    ("06 - 12345678", "NL"), ("06\u201312345678", "NL"), ("(+31) 6 12345678", "NL"),
    ("+31612345678", "NL"), ("+31 6 1234 5678", "NL"), ("+31 (0)6 12345678", "NL"),
    ("+31(0)612345678", "NL"), ("0031612345678", "NL"), ("00 31 6 12 34 56 78", "NL"),
    ("020-1234567", "NL"), ("(020) 123 4567", "NL"), ("+31 20 123 4567", "NL"),
    ("+90 532 123 4567", "TR"), ("+90-532-123-45-67", "TR"), ("0090 532 123 4567", "TR"),
    ("+32 470 12 34 56", "BE"), ("0032 470 12 34 56", "BE"),
    ("+44 7911 123456", "GB"), ("+44 (0)7911 123456", "GB"),
    ("+49 151 23456789", "DE"), ("+33 6 12 34 56 78", "FR"), ("+34 612 34 56 78", "ES"),
    ("+212 612-345678", "MA"), ("+1 (212) 555-0123", "US"), ("+66 81 234 5678", "TH"),
    ("+81 90-1234-5678", "JP"), ("+61 412 345 678", "AU"), ("+597 812 3456", "SR"),
    ("+48 512 345 678", "PL"), ("+55 11 91234-5678", "BR"), ("+86 138 0013 8000", "CN"),
    ("+7 912 345 67 89", "RU"), ("+971 50 123 4567", "AE"),
    # not valid, but clearly someone's number (a digit short, or a national foreign number)
    ("+31 6 1234 567", "NL"), ("06-1234567", "NL"), ("0532 123 45 67", "TR"), ("07911 123456", "GB"),
]
IBANS = [  # (as typed, country)
    ("NL91ABNA0417164300", "NL"), ("NL91 ABNA 0417 1643 00", "NL"), ("nl91abna0417164300", "NL"),
    ("NL91 abna 0417164300", "NL"), ("NL02RABO0123456789", "NL"),  # a typo'd Dutch IBAN still counts
    ("DE89 3704 0044 0532 0130 00", "DE"), ("DE89370400440532013000", "DE"),
    ("BE68 5390 0754 7034", "BE"), ("GB82 WEST 1234 5698 7654 32", "GB"),
    ("FR14 2004 1010 0505 0001 3M02 606", "FR"), ("ES91 2100 0418 4502 0005 1332", "ES"),
    ("IT60 X054 2811 1010 0000 0123 456", "IT"), ("TR33 0006 1005 1978 6457 8413 26", "TR"),
    ("MA64 0115 1900 0001 2050 0053 4921", "MA"),
]
EMAILS = ["jan@example.nl", "jan.de.vries@kpnmail.nl", "j.jansen+kpn@gmail.com",
          "Piet_Pieters@Sub.Domain.co.uk", "mevrouw@müller.de"]
BSNS = ["111222333", "123456782", "123.456.782", "123 456 782", "1234.56.782", "999999990"]
NOT_BSNS = ["123456789", "111222334", "000000000", "987654321"]  # fail the 11-check

UNTOUCHED = [
    "€ 49,99", "1.250 euro", "toestel van € 1.650,00", "500 MB", "30 minuten", "3-3-2026",
    "03-03-2026 om 14:30", "2024-03-01 tot 2025-02-28", "01-01-2026 tot en met 31-12-2026",
    "van 08:00 tot 22:00", "tussen 9.00 en 17.30 uur", "in 2026", "bel 1200 (gratis)", "1330",
    "112", "14020", "wat kost bellen naar 0900-1234?", "0800-0402 is gratis", "0900 123 4567",
    "0800 1234567", "088 123 4567", "21%", "Hussel 5 GB", "ordernummer 123456789",
    "klantnummer 1234567890", "Ik heb 1000000 euro", "100 minuten voor € 9,99", "0,25 per sms",
    "versie 3.6.21", "postcode 1012 AB", "+31", "0031", "landcode +90", "12345678",
    "0.9876543210", "10 GB voor € 15,00 per 30 dagen", "jan@ example.nl", "de12 abonnement",
    "NL", "wat kost bellen in japan? € 1,00 per minuut", "20000 MB", "ik wil 0 euro betalen",
    "van 9.00 - 17.30 uur", "01-01-2026 - 31-12-2026", "1.000.000 - 2.000.000",
    "2024 - 2025 - 2026", "timestamp 1712345678.123456", "3 x 30 min",
]


def _only(text: str, needle: str) -> list:
    spans = find_personal_data(text)
    start = text.index(needle)
    return [(s.kind, text[s.start:s.end]) for s in spans], start


@pytest.mark.parametrize("phone, country", PHONES)
def test_phone_numbers_of_every_country_are_found(phone, country):
    text = f"Bel me op {phone} a.u.b."
    assert find_personal_data(text) == [Span("phone", 10, 10 + len(phone))], country
    assert mask(text) == f"Bel me op {PHONE_MASK} a.u.b."


@pytest.mark.parametrize("iban, country", IBANS)
def test_ibans_of_every_country_are_found(iban, country):
    text = f"mijn rekening is {iban}, klopt dat?"
    assert find_personal_data(text) == [Span("iban", 17, 17 + len(iban))], country
    assert mask(text) == f"mijn rekening is {IBAN_MASK}, klopt dat?"


@pytest.mark.parametrize("email", EMAILS)
def test_email_addresses_are_found(email):
    assert mask(f"mail naar {email}.") == f"mail naar {EMAIL_MASK}."


@pytest.mark.parametrize("bsn", BSNS)
def test_bsns_passing_the_11_check_are_found(bsn):
    assert bsn_check_ok("".join(ch for ch in bsn if ch.isdigit()))
    assert mask(f"mijn bsn is {bsn}") == f"mijn bsn is {BSN_MASK}"


@pytest.mark.parametrize("number", NOT_BSNS)
def test_nine_digits_failing_the_11_check_stay(number):
    assert mask(f"nummer {number}") == f"nummer {number}"


@pytest.mark.parametrize("text", UNTOUCHED)
def test_numbers_the_assistant_needs_stay(text):
    assert find_personal_data(text) == [] and mask(text) == text


def test_several_kinds_in_one_message():
    text = ("Wat kost bellen in Turkije? Mijn nummer is 0612345678, mail jan@example.nl, "
            "IBAN NL91 ABNA 0417 1643 00, 100 minuten voor € 9,99 op 3-3-2026.")
    kinds = [(s.kind, text[s.start:s.end]) for s in find_personal_data(text)]
    assert kinds == [("phone", "0612345678"), ("email", "jan@example.nl"),
                     ("iban", "NL91 ABNA 0417 1643 00")]
    assert mask(text) == ("Wat kost bellen in Turkije? Mijn nummer is <telefoonnummer>, mail "
                          "<e-mail>, IBAN <iban>, 100 minuten voor € 9,99 op 3-3-2026.")


def test_the_nlu_can_blank_a_number_before_reading_quantities():
    text = "Wat kost bellen in Turkije? Mijn nummer is 0612345678"
    (span,) = find_personal_data(text)
    blanked = text[:span.start] + " " * (span.end - span.start) + text[span.end:]
    assert not any(ch.isdigit() for ch in blanked) and len(blanked) == len(text)


@pytest.mark.parametrize("text, expected", [
    ("bel +90 532 123 4567 of 06-12345678", "bel <telefoonnummer> of <telefoonnummer>"),
    ("NL91ABNA0417164300 en DE89370400440532013000", "<iban> en <iban>"),
    ("06-12345678/06-87654321", "<telefoonnummer>/<telefoonnummer>"),
    ('{"text": "nummer:0612345678"}', '{"text": "nummer:<telefoonnummer>"}'),
    ("NL91 ABNA 0417 1643 00 12 euro", "<iban> 12 euro"),  # the IBAN ends where its length says
    ("+31 6 1234 5678 voor 30 minuten", "<telefoonnummer> voor 30 minuten"),
])
def test_boundaries(text, expected):
    assert mask(text) == expected


def test_checksums():
    assert iban_checksum_ok("GB82WEST12345698765432") and not iban_checksum_ok("GB82WEST12345698765433")
    assert not iban_checksum_ok("NL91ABNA04171643!0")


@pytest.mark.parametrize("text", [None, "", " ", "@", "@@@", "0" * 5000, "+" * 300, "6" * 400,
                                  "😀" * 100, "\x00\ud800", "NL" + "9" * 300, "a@" * 500,
                                  "+31 " + "6 " * 400])
def test_odd_input_never_crashes(text):
    assert isinstance(find_personal_data(text), list)
    assert isinstance(mask(text) if text is not None else "", str)


def test_random_text_never_crashes():
    rng = random.Random(16)
    alphabet = "0123456789 +-.()/@abcNLDE€,:"
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60)))
        for span in find_personal_data(text):
            assert 0 <= span.start < span.end <= len(text)


def test_docstring_examples():
    import doctest

    from server import personal_data

    assert doctest.testmod(personal_data).failed == 0
