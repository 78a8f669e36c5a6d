"""Mask personal data that users type (phone numbers, IBANs, e-mail addresses, BSNs) in
every log line of this process, at every level.

Importing this module installs the masking (idempotent):

* ``PrivacyFilter`` is a ``logging.Filter`` that rewrites a record's message (and its
  formatted traceback / stack) with :func:`mask`. It is added to every handler that
  exists at install time.
* The same scrubbing runs from a wrapped LogRecord factory, so records that reach
  handlers created *later* (Rasa, Sanic and rasa_sdk configure logging at start-up, and
  structlog renders through stdlib logging) are masked too.

What is masked, and what is not (service numbers, amounts, dates, ...), is decided by
server/personal_data.py: "+90 532 123 4567" becomes ``<telefoonnummer>``,
"NL91 ABNA 0417 1643 00" ``<iban>``, "jan@example.nl" ``<e-mail>``, "111222333" ``<bsn>``.
The Rasa server imports this module through server/channels.py, the action server through
actions/__init__.py.
"""
from __future__ import annotations

import logging
import traceback

from server.personal_data import BSN_MASK, EMAIL_MASK, IBAN_MASK, PHONE_MASK, mask

__all__ = ["BSN_MASK", "EMAIL_MASK", "IBAN_MASK", "PHONE_MASK", "PrivacyFilter", "install",
           "mask", "scrub_record"]


def _safe_mask(text: str) -> str:
    """mask(), or, should the detection ever fail, a line that holds none of the text."""
    try:
        return mask(text)
    except Exception:
        return "[log text withheld: personal-data masking failed]"


def scrub_record(record: logging.LogRecord) -> logging.LogRecord:
    """Mask the record in place: message (with its args), traceback text, stack info."""
    if getattr(record, "_kpn_masked", False):
        return record
    try:
        message = record.getMessage()
    except Exception:  # a broken format string: leave it to the handler to report
        message = None
    if message is not None:
        masked = _safe_mask(message)
        if masked != message or record.args:
            record.msg, record.args = masked, ()
    if record.exc_info and not record.exc_text:
        try:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        except Exception:
            pass
    if record.exc_text:
        record.exc_text = _safe_mask(record.exc_text)
    if record.stack_info:
        record.stack_info = _safe_mask(record.stack_info)
    record._kpn_masked = True
    return record


class PrivacyFilter(logging.Filter):
    """A logging filter that masks personal data (server/personal_data.py); never drops a record."""

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
