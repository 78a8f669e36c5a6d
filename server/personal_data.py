"""Personal data in free text: phone numbers, IBANs, e-mail addresses and Dutch BSNs.

``find_personal_data(text)`` lists where they are (``Span(kind, start, end)``, kinds
``phone``, ``iban``, ``email``, ``bsn``); ``mask(text)`` replaces each by a placeholder
(``<telefoonnummer>``, ``<iban>``, ``<e-mail>``, ``<bsn>``). The same masked form goes to
the logs (server/log_privacy.py) and to the tracker store (server/stored_privacy.py); the
NLU can blank the spans before it reads quantities, so "Mijn nummer is 0612345678" is
never read as 612345678 minutes.

What counts as what:

* **phone**: every number Google's libphonenumber (``phonenumbers``) calls *valid* when
  read from the Netherlands: any country written with ``+`` or ``00`` ("+90 532 123 4567",
  "0032 470 12 34 56", "+44 (0)7911 123456") and Dutch numbers written nationally
  ("06-12345678", "06 12 34 56 78", "(020) 123 4567"), with spaces, dashes, dots or
  brackets. Also, since a mistyped number is still someone's number: a ``+``/``00`` number
  of a possible length for its country, and a run of 9 to 12 digits that starts with 0
  (a national number, Dutch or foreign), unless it holds a date.
  **Not** personal, so never masked: service numbers (free 0800, paid 0900/0906/0909,
  shared-cost and company numbers such as 088 — "wat kost bellen naar 0900-1234?" is a
  question the assistant answers), short numbers (112, 1200, 1233, 14020: too short to
  be a subscriber's number), amounts, quantities, dates, times, years, percentages.
* **iban**: 2 letters, 2 check digits and the country's length from the ISO 13616 IBAN
  registry, with the mod-97 checksum right, in any case, grouped or not
  ("NL91 ABNA 0417 1643 00", "DE89370400440532013000"). A Dutch-shaped IBAN
  (NL + 2 digits + 4 letters + 10 digits) counts even when a typo broke its checksum.
* **email**: name@domain.tld.
* **bsn**: 9 digits ("111222333", "123.456.782", "1234 56 782") passing the BSN 11-check;
  9 digits that fail it (an order number) stay.

Pure Python without Rasa. ``phonenumbers`` is imported on first use, and only a text with
at least 7 digits (or an ``@``) is searched at all, so most chat messages cost ~1 µs
(bench/bench_personal_data.py).
"""
from __future__ import annotations

import functools
import re
from typing import Any, Iterator, List, NamedTuple, Sequence, Tuple

PHONE_MASK = "<telefoonnummer>"
IBAN_MASK = "<iban>"
EMAIL_MASK = "<e-mail>"
BSN_MASK = "<bsn>"
MASKS = {"phone": PHONE_MASK, "iban": IBAN_MASK, "email": EMAIL_MASK, "bsn": BSN_MASK}


class Span(NamedTuple):
    """One piece of personal data: its kind (a key of MASKS) and where it is in the text."""

    kind: str
    start: int
    end: int


# --- IBAN ------------------------------------------------------------------------------
# Lengths from the SWIFT ISO 13616 IBAN registry, plus the countries that use IBANs outside
# it (Morocco, Algeria, West and Central Africa, ...).
_IBAN_LENGTHS = {
    cc: int(n) for cc, n in (item.split(":") for item in """
    AD:24 AE:23 AL:28 AO:25 AT:20 AX:18 AZ:28 BA:20 BE:16 BF:28 BG:22 BH:22 BI:27 BJ:28
    BL:27 BR:29 BY:28 CF:27 CG:27 CH:21 CI:28 CM:27 CR:22 CV:25 CY:28 CZ:24 DE:22 DJ:27
    DK:18 DO:28 DZ:26 EE:20 EG:29 ES:24 FI:18 FK:18 FO:18 FR:27 GA:27 GB:22 GE:22 GF:27
    GG:22 GI:23 GL:18 GP:27 GQ:27 GR:27 GT:28 GW:25 HN:28 HR:21 HU:28 IE:22 IL:23 IM:22
    IQ:23 IR:26 IS:26 IT:27 JE:22 JO:30 KM:27 KW:30 KZ:20 LB:28 LC:32 LI:21 LT:20 LU:20
    LV:21 LY:25 MA:28 MC:27 MD:24 ME:22 MF:27 MG:27 MK:19 ML:28 MN:20 MQ:27 MR:27 MT:31
    MU:30 MZ:25 NC:27 NE:28 NI:28 NL:18 NO:15 OM:23 PF:27 PK:24 PL:28 PM:27 PS:29 PT:25
    QA:29 RE:27 RO:24 RS:22 RU:33 SA:24 SC:31 SD:18 SE:24 SI:19 SK:24 SM:27 SN:28 SO:23
    ST:25 SV:28 TD:27 TF:27 TG:28 TL:23 TN:24 TR:26 UA:29 VA:22 VG:24 WF:27 XK:20 YE:30
    YT:27""".split())
}
# Country code + check digits, then alphanumerics with at most one space between them.
_IBAN_START = re.compile(r"(?<![^\W_])([A-Za-z]{2})(\d{2})(?=[ \u00a0]?[A-Za-z0-9])")
_IBAN_SEP = " \u00a0"
_NL_SHAPE = re.compile(r"NL\d{2}[A-Z]{4}\d{10}")


def iban_checksum_ok(iban: str) -> bool:
    """ISO 13616 / ISO 7064 mod 97-10: the rearranged IBAN as a number leaves 1.

    >>> iban_checksum_ok("NL91ABNA0417164300"), iban_checksum_ok("NL91ABNA0417164301")
    (True, False)
    """
    rearranged = iban[4:] + iban[:4]
    try:
        return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1
    except ValueError:
        return False


def _ibans(text: str) -> Iterator[Span]:
    pos = 0
    while True:
        found = _IBAN_START.search(text, pos)
        if found is None:
            return
        pos = found.start() + 1
        length = _IBAN_LENGTHS.get(found.group(1).upper())
        if length is None:
            continue
        chars = [found.group(1).upper(), found.group(2)]
        count, i, n = 4, found.end(), len(text)
        while count < length and i < n:
            ch = text[i]
            if ch.isascii() and ch.isalnum():
                chars.append(ch.upper())
                count += 1
                i += 1
            elif ch in _IBAN_SEP and i + 1 < n and text[i + 1].isascii() and text[i + 1].isalnum():
                i += 1
            else:
                break
        if count < length or (i < n and text[i].isalnum()):
            continue
        iban = "".join(chars)
        if iban_checksum_ok(iban) or _NL_SHAPE.fullmatch(iban):
            yield Span("iban", found.start(), i)
            pos = i


# --- e-mail ----------------------------------------------------------------------------
_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)*\.[^\W\d_]{2,}\b")


# --- BSN -------------------------------------------------------------------------------
_BSN_SHAPE = re.compile(r"\d{9}|\d{3}([ .-])\d{3}\1\d{3}|\d{4}([ .-])\d{2}\2\d{3}")


def bsn_check_ok(digits: str) -> bool:
    """The BSN 11-check: 9×d1 + 8×d2 + … + 2×d8 − d9 is a multiple of 11 (and not 0).

    >>> bsn_check_ok("111222333"), bsn_check_ok("123456789")
    (True, False)
    """
    if len(digits) != 9 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1))) - int(digits[8])
    return total % 11 == 0 and total != 0


# --- phone numbers (and BSNs): runs of digits and separators -----------------------------
# Between digits: up to 3 of space, dot, slash, brackets, dashes ("06 - 12345678").
_PHONE_SEP = r"[ \t.\-/()\u00a0\u2010-\u2015]{0,3}"
# A run of digits and separators, not glued to a word: each is looked at on its own.
_RUN = re.compile(r"(?<![^\W_])\(?\+?\d(?:" + _PHONE_SEP + r"\d)*")
_INTERNATIONAL = re.compile(r"\(?(?:\+|00)\D{0,2}[1-9]")
_NATIONAL = re.compile(r"\(?0[1-9]")
_DECIMAL = re.compile(r"(?:0|[1-9]\d*)\.\d+")  # 0.9876543210, 1712345678.12 (log lines)
_DATE = re.compile(r"\b\d{1,2}[-./]\d{1,2}[-./](?:19|20)?\d{2}\b")
_SERVICE = "service"  # a phone number that is not personal: kept, and nothing else there


@functools.lru_cache(maxsize=1)
def _phonenumbers() -> Any:
    import phonenumbers  # imported on first use: ~0.1 s, and most messages never need it

    return phonenumbers


@functools.lru_cache(maxsize=1)
def _service_types() -> frozenset:
    kind = _phonenumbers().PhoneNumberType
    return frozenset({kind.TOLL_FREE, kind.PREMIUM_RATE, kind.SHARED_COST, kind.UAN})


@functools.lru_cache(maxsize=4096)
def _in_run(run: str) -> Tuple[Tuple[str, int, int], ...]:
    """(kind, start, end) of what a run of digits and separators holds: "phone", "bsn",
    or _SERVICE. Cached: a log repeats the same numbers, line after line."""
    digits = "".join(ch for ch in run if ch.isdigit())
    if len(digits) < 7 or _DATE.fullmatch(run) or _DECIMAL.fullmatch(run):
        return ()
    international = _INTERNATIONAL.match(run) is not None
    # Read from the Netherlands, a number without +, 00 or 0 in front is only valid with
    # the country code typed (11+ digits).
    if international or run.lstrip("(")[0] == "0" or len(digits) > 10:
        pn = _phonenumbers()
        try:  # most runs are one number: one parse instead of the matcher's many
            number = pn.parse(run, "NL")
            if pn.is_valid_number(number):
                kind = _SERVICE if pn.number_type(number) in _service_types() else "phone"
                return ((kind, 0, len(run)),)
            if international and pn.is_possible_number(number):
                return (("phone", 0, len(run)),)  # mistyped, but clearly someone's number
        except pn.NumberParseException:
            pass
        if len(digits) > 10:  # several numbers, or one with more digits around it
            found = tuple((_SERVICE if pn.number_type(m.number) in _service_types() else "phone",
                           m.start, m.end)
                          for m in pn.PhoneNumberMatcher(run, "NL", leniency=pn.Leniency.VALID))
            if found:
                return found
    if _BSN_SHAPE.fullmatch(run) and bsn_check_ok(digits):
        return (("bsn", 0, len(run)),)
    if _NATIONAL.match(run) and 9 <= len(digits) <= 12 and not _DATE.search(run):
        return (("phone", 0, len(run)),)  # a national number, Dutch or foreign
    return ()


def _numbers(text: str) -> Iterator[Span]:
    for run in _RUN.finditer(text):
        for kind, start, end in _in_run(run.group()):
            yield Span(kind, run.start() + start, run.start() + end)


# --- all together ----------------------------------------------------------------------
def _overlaps(start: int, end: int, spans: Sequence[Span]) -> bool:
    return any(start < s.end and s.start < end for s in spans)


_DIGIT = re.compile(r"\d")


def _worth_searching(text: str) -> bool:
    """Every phone number, IBAN and BSN has 7 digits or more; an e-mail address an @."""
    return "@" in text or len(_DIGIT.findall(text)) >= 7


def find_personal_data(text: str) -> List[Span]:
    """Phone numbers, IBANs, e-mail addresses and BSNs in ``text``, in order, not overlapping.

    >>> find_personal_data("Wat kost bellen in Turkije? Mijn nummer is 0612345678")
    [Span(kind='phone', start=43, end=53)]
    >>> find_personal_data("500 MB voor € 49,99 op 3-3-2026, of bel 1200")
    []
    """
    if not text or not isinstance(text, str) or not _worth_searching(text):
        return []
    spans = [Span("email", m.start(), m.end()) for m in _EMAIL.finditer(text)] if "@" in text else []
    for span in _ibans(text):
        if not _overlaps(span.start, span.end, spans):
            spans.append(span)
    spans += [span for span in _numbers(text) if not _overlaps(span.start, span.end, spans)]
    spans = [span for span in spans if span.kind != _SERVICE]
    spans.sort(key=lambda s: s.start)
    return spans


def foreign_region(number: str) -> str | None:
    """The country (ISO 3166 code) of a phone number written with its country code ("+32 470
    12 34 56", "0049 151 2345678") when that is not the Netherlands; None otherwise. Calling
    it is calling that country.

    >>> foreign_region("+32 470 12 34 56"), foreign_region("0612345678"), foreign_region("+31 6 12345678")
    ('BE', None, None)
    """
    if not _INTERNATIONAL.match(number):
        return None
    pn = _phonenumbers()
    try:
        region = pn.region_code_for_number(pn.parse(number, "NL"))
    except pn.NumberParseException:
        return None
    return region if region and region not in ("NL", "ZZ", "001") else None


def mask(text: str) -> str:
    """``text`` with every piece of personal data replaced by its placeholder.

    >>> mask("bel me op +32 470 12 34 56 of mail jan@example.nl")
    'bel me op <telefoonnummer> of mail <e-mail>'
    >>> mask("rekening NL91 ABNA 0417 1643 00, € 1.250,00")
    'rekening <iban>, € 1.250,00'
    """
    spans = find_personal_data(text)
    if not spans:
        return text
    parts, last = [], 0
    for span in spans:
        parts += [text[last:span.start], MASKS[span.kind]]
        last = span.end
    parts.append(text[last:])
    return "".join(parts)
