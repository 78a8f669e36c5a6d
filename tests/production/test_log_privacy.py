"""Phone numbers and IBANs typed by users never reach the logs (server/log_privacy.py)."""
from __future__ import annotations

import io
import logging

import pytest

from server.log_privacy import IBAN_MASK, PHONE_MASK, PrivacyFilter, install, mask

PHONES = [
    "0612345678", "06-12345678", "06 12345678", "06 1234 5678", "06-1234 5678", "06.12.34.56.78",
    "+31612345678", "+31 6 12345678", "+31 6 1234 5678", "+31 (0)6 12345678", "+31(0)612345678",
    "0031612345678", "0031 6 12345678", "00 31 6 12 34 56 78", "020-1234567", "020 123 4567",
    "(020) 1234567", "0101234567", "+31 20 123 4567",
]
IBANS = [
    "NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "nl91abna0417164300", "NL91 abna 0417164300",
    "NL02RABO0123456789", "DE89370400440532013000", "BE68 5390 0754 7034",
]
UNTOUCHED = [
    "wat kost bellen in japan? € 1,00 per minuut", "1000 euro", "toestel van € 1.650,00",
    "100 minuten voor € 9,99", "bundel van 10 GB", "2024-03-01", "bel 1200 (gratis)",
    "ordernummer 12345", "NL", "versie 3.6.21", "0,25 per sms", "ik wil 0 euro betalen",
]


@pytest.mark.parametrize("phone", PHONES)
def test_phone_numbers_are_masked(phone):
    masked = mask(f"bel me op {phone} a.u.b.")
    assert masked == f"bel me op {PHONE_MASK} a.u.b.", masked


@pytest.mark.parametrize("iban", IBANS)
def test_ibans_are_masked(iban):
    masked = mask(f"mijn rekening is {iban}, klopt dat?")
    assert masked == f"mijn rekening is {IBAN_MASK}, klopt dat?", masked


@pytest.mark.parametrize("text", UNTOUCHED)
def test_ordinary_text_is_left_alone(text):
    assert mask(text) == text


def test_several_in_one_message_and_in_json():
    text = '{"text": "nummer 0612345678, iban NL91ABNA0417164300 en 06-87654321"}'
    masked = mask(text)
    assert "0612345678" not in masked and "0417164300" not in masked and "87654321" not in masked
    assert masked.count(PHONE_MASK) == 2 and masked.count(IBAN_MASK) == 1


def _capture(logger_name: str):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    return logger, stream


def test_filter_masks_message_args_and_traceback():
    install()
    logger, stream = _capture("kpn.privacy.test1")
    logger.info("Received user message '%s' from %s", "mijn nummer is 06-12345678", "NL91ABNA0417164300")
    try:
        raise ValueError("bad input: +31 6 1234 5678")
    except ValueError:
        logger.exception("failed for %s", "0031612345678")
    out = stream.getvalue()
    for raw in ("12345678", "0417164300", "1234 5678", "0031612345678"):
        assert raw not in out, out
    assert out.count(PHONE_MASK) >= 3 and IBAN_MASK in out and "Traceback" in out


def test_filter_on_a_handler_created_later():
    """A handler added after install() (as Rasa and Sanic do) still gets masked records,
    and the plain logging.Filter works on its own too."""
    install()
    logger, stream = _capture("kpn.privacy.test2")
    logger.handlers[0].addFilter(PrivacyFilter())
    logger.warning("iban %s", "NL91 ABNA 0417 1643 00")
    assert stream.getvalue().strip() == f"WARNING iban {IBAN_MASK}"


def test_install_is_idempotent():
    install()
    factory = logging.getLogRecordFactory()
    install()
    assert logging.getLogRecordFactory() is factory


def test_action_server_package_installs_the_masking():
    import actions  # noqa: F401  (actions/__init__.py imports server.log_privacy)

    assert getattr(logging.getLogRecordFactory(), "_kpn_privacy", False)
