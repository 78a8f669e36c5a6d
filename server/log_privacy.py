"""Mask phone numbers and IBANs that users type, in every log line of this process.

Importing this module installs the masking (idempotent):

* ``PrivacyFilter`` is a ``logging.Filter`` that rewrites a record's message (and its
  formatted traceback / stack) with :func:`mask`. It is added to every handler that
  exists at install time.
* The same scrubbing runs from a wrapped LogRecord factory, so records that reach
  handlers created *later* (Rasa, Sanic and rasa_sdk configure logging at start-up, and
  structlog renders through stdlib logging) are masked too.

Masked: Dutch phone numbers (06-12345678, 0612345678, 020 123 4567, +31 6 1234 5678,
+31(0)6..., 0031612345678) and IBANs (NL91ABNA0417164300, NL91 ABNA 0417 1643 00, any
case; other countries' IBANs when written in capitals).
"""
from __future__ import annotations

import logging
import re
import traceback

PHONE_MASK = "<telefoonnummer>"
IBAN_MASK = "<iban>"

_SEP = r"[ \t.\-/]{0,2}"
# +31 / 0031 (optionally "(0)") or a leading 0, then 9 more digits with separators.
PHONE_RE = re.compile(
    r"(?<![\w+])"
    r"(?:(?:\+|00)[ \t]?31" + _SEP + r"(?:\(0\)" + _SEP + r")?|\(?0)"
    r"(?:\d\)?" + _SEP + r"){8}\d"
    r"(?!\d)"
)
# Dutch IBAN: NL + 2 check digits + 4-letter bank code + 10 digits, spaces allowed.
NL_IBAN_RE = re.compile(
    r"\bNL[ \t]?\d{2}(?:[ \t]?[A-Z]){4}(?:[ \t]?\d){10}(?!\d)", re.IGNORECASE
)
# Other IBANs, capitals only (to leave ordinary words alone).
OTHER_IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b")


def mask(text: str) -> str:
    """Replace phone numbers and IBANs in ``text``.

    >>> mask("bel me op 06-12345678 of +31 6 1234 5678")
    'bel me op <telefoonnummer> of <telefoonnummer>'
    >>> mask("rekening NL91 ABNA 0417 1643 00")
    'rekening <iban>'
    >>> mask("wat kost bellen in japan? € 1,00")
    'wat kost bellen in japan? € 1,00'
    """
    if not text or not any(ch.isdigit() for ch in text):
        return text
    text = NL_IBAN_RE.sub(IBAN_MASK, text)
    text = OTHER_IBAN_RE.sub(
        lambda m: IBAN_MASK if sum(c.isdigit() for c in m.group()) >= 8 else m.group(), text
    )
    return PHONE_RE.sub(PHONE_MASK, text)


def scrub_record(record: logging.LogRecord) -> logging.LogRecord:
    """Mask the record in place: message (with its args), traceback text, stack info."""
    if getattr(record, "_kpn_masked", False):
        return record
    try:
        message = record.getMessage()
    except Exception:  # a broken format string: leave it to the handler to report
        message = None
    if message is not None:
        masked = mask(message)
        if masked != message or record.args:
            record.msg, record.args = masked, ()
    if record.exc_info and not record.exc_text:
        try:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        except Exception:
            pass
    if record.exc_text:
        record.exc_text = mask(record.exc_text)
    if record.stack_info:
        record.stack_info = mask(record.stack_info)
    record._kpn_masked = True
    return record


class PrivacyFilter(logging.Filter):
    """A logging filter that masks phone numbers and IBANs; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        scrub_record(record)
        return True


_FILTER = PrivacyFilter()


def _all_handlers():
    loggers = [logging.getLogger()] + [
        lg for lg in logging.Logger.manager.loggerDict.values() if isinstance(lg, logging.Logger)
    ]
    for lg in loggers:
        yield from lg.handlers


def install() -> None:
    """Install the masking in this process (safe to call more than once)."""
    factory = logging.getLogRecordFactory()
    if not getattr(factory, "_kpn_privacy", False):
        def masking_factory(*args, **kwargs):
            return scrub_record(factory(*args, **kwargs))

        masking_factory._kpn_privacy = True  # type: ignore[attr-defined]
        logging.setLogRecordFactory(masking_factory)
    for handler in _all_handlers():
        if _FILTER not in handler.filters:
            handler.addFilter(_FILTER)


install()
