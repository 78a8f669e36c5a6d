"""What do voicemail, service numbers (0900, 088, 112, ...) and service fees cost?"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from knowledge.countries import normalize
from knowledge.loader import load
from knowledge.price_lists import active, per_version
from knowledge.matching import distinct_in_order
from knowledge.money import to_decimal
from knowledge.quantities import NUMBER_WORD_PATTERN, dutch_number_word_value


@dataclass(frozen=True)
class VoicemailRate:
    """A voicemail row ('gratis' or a reference to the regular tariff)."""

    id: str
    name: str
    price_text: str
    free: bool
    counts_in_bundle: bool
    source: str


@dataclass(frozen=True)
class ServiceNumber:
    """A service-number row. Ranges are (low, high) euros; ``rate_announced_before_call``
    is the '*' footnote (tariff and any maximum announced before the call)."""

    id: str
    name: str
    patterns: tuple[str, ...]
    price_text: str
    free: bool
    counts_in_bundle: bool
    rate_announced_before_call: bool
    per_call_range: tuple[Decimal, Decimal] | None
    start_rate: Decimal | None
    per_minute_range: tuple[Decimal, Decimal] | None
    plus_regular_rate: bool
    footnote: str | None
    keywords: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Service:
    """A 'Diensten' row: ``price`` in euros, or ``price_text`` ('gratis', 'kosten van het
    gebelde gesprek'); ``footnote`` for Geheim nummer and Doorschakelen."""

    id: str
    name: str
    price: Decimal | None
    price_text: str
    free: bool
    footnote: str | None
    keywords: tuple[str, ...]
    source: str
    alternative: str | None = None  # the id of a row that does the same for less (paper bill -> online)
    # charged with every bill (the paper bill); the KPN Pay page calls the KPN factuur monthly
    with_each_bill: bool = False


@dataclass(frozen=True)
class CustomerService:
    """KPN klantenservice 1200: free in NL; roaming tariff outside the EU."""

    number: str
    price_text: str
    outside_eu_price_text: str
    text: str
    source: str


def _range(raw: list[str] | None) -> tuple[Decimal, Decimal] | None:
    return None if raw is None else (to_decimal(raw[0]), to_decimal(raw[1]))


@per_version
def _numbers() -> tuple[ServiceNumber, ...]:
    data = load("services")
    footnote = data["service_number_footnote"]["text"]
    return tuple(ServiceNumber(
        id=e["id"], name=e["name"], patterns=tuple(e["patterns"]), price_text=e["price_text"],
        free=e["free"], counts_in_bundle=e.get("counts_in_bundle", False),
        rate_announced_before_call=e.get("rate_announced_before_call", False),
        per_call_range=_range(e.get("per_call_range")),
        start_rate=to_decimal(e["start_rate"]) if "start_rate" in e else None,
        per_minute_range=_range(e.get("per_minute_range")),
        plus_regular_rate=e.get("plus_regular_rate", False),
        footnote=footnote if e.get("rate_announced_before_call") else None,
        keywords=tuple(e["keywords"]), source=e["source"])
        for e in data["service_numbers"])


@per_version
def _services() -> tuple[Service, ...]:
    return tuple(Service(
        id=e["id"], name=e["name"], price=to_decimal(e["price"]) if "price" in e else None,
        price_text=e.get("price_text", ""), free=e["free"], footnote=e.get("footnote"),
        keywords=tuple(e["keywords"]), source=e["source"], alternative=e.get("alternative"),
        with_each_bill=e.get("with_each_bill", False))
        for e in load("services")["services"])


def voicemail() -> list[VoicemailRate]:
    """Voicemail: receiving in NL/EU free; calling back at the regular rate (in bundle).

    >>> voicemail()[0].free
    True
    """
    return [VoicemailRate(id=e["id"], name=e["name"], price_text=e["price_text"], free=e["free"],
                          counts_in_bundle=e.get("counts_in_bundle", False), source=e["source"])
            for e in load("services")["voicemail"]]


def service_numbers() -> list[ServiceNumber]:
    """All service-number rows in price-list order.

    >>> len(service_numbers())
    12
    """
    return list(_numbers())


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    body = "".join(r"\d" if ch in "xyz" else re.escape(ch) for ch in pattern.rstrip("*"))
    return re.compile(rf"^{body}" + (r"\d*$" if pattern.endswith("*") else "$"))


@per_version
def _number_patterns() -> tuple[tuple[re.Pattern[str], int, ServiceNumber], ...]:
    return tuple((_pattern_regex(p), len(p.rstrip("*")), n) for n in _numbers() for p in n.patterns)


# A number said in words, digit by digit or in groups: "nul negen honderd" (0900), "twaalfhonderd" (1200),
# "nul acht nul nul" (0800), "honderdtwaalf" (112); "een" before them is the article ("een nul negen honderd nummer").
_SPOKEN_RUN = re.compile(rf"(?<!\w)(?!(?:een|één)[\s-])(?:nul|{NUMBER_WORD_PATTERN})(?:[\s-]+(?:nul|{NUMBER_WORD_PATTERN}))*(?!\w)", re.I)


def _spoken_digits(run: str) -> str:
    """The digits of a run of number words ("nul negen honderd" -> "0900"); each "nul" is a 0 and
    words between them are read as one number where they make one ("negen honderd": 900)."""
    digits, words = [], []

    def flush() -> None:
        joined = dutch_number_word_value("".join(words)) if words else None
        if joined is not None:
            digits.append(str(joined))
        else:
            digits.extend(str(dutch_number_word_value(word) or "") for word in words)
        words.clear()

    for word in re.split(r"[\s-]+", run.lower()):
        if word == "nul":
            flush()
            digits.append("0")
        else:
            words.append(word)
    flush()
    return "".join(digits)


def spoken_numbers(text: str) -> list[tuple[int, str]]:
    """(position, digits) of each number of three or more digits said in words.

    >>> spoken_numbers("bel ik twaalfhonderd of zo'n nul negen honderd nummer?")
    [(7, '1200'), (29, '0900')]
    """
    found = [(match.start(), _spoken_digits(match.group())) for match in _SPOKEN_RUN.finditer(text)]
    return [(start, digits) for start, digits in found if len(digits) >= 3]


def find_service_numbers(text: str) -> list[ServiceNumber]:
    """Every service-number row a text names, in order: the numbers it dials ("0800 en 0900")
    and the rows its keywords name ("de klantenservice of 0800 nummers").

    >>> [n.id for n in find_service_numbers("wat kost een 0800 nummer en een 0900 nummer?")]
    ['free_0800', 'paid_090x']
    >>> [n.id for n in find_service_numbers("kost bellen naar de klantenservice of naar 0800 nummers iets")]
    ['customer_service', 'free_0800']
    """
    found: list[tuple[int, ServiceNumber]] = []
    for match in re.finditer(r"\+?\d[\d\s\-]*\d|\d", text):
        number = find_service_number(match.group())
        if number is not None and all(number != other for _, other in found):
            found.append((match.start(), number))
    for start, digits in spoken_numbers(text):  # "zo'n nul negen honderd nummer"
        number = find_service_number(digits)
        if number is not None and all(number != other for _, other in found):
            found.append((start, number))
    for start, number in _keyword_rows(text):
        if all(number != other for _, other in found):
            found.append((start, number))
    return [number for _, number in sorted(found, key=lambda pair: pair[0])]


def _keyword_rows(text: str) -> list[tuple[int, ServiceNumber]]:
    """(position, row) of each row a keyword names; a keyword inside a longer one names only
    the longer one's row ("klantenservice buiten de eu")."""
    key = normalize(text)
    spans: list[tuple[int, int, ServiceNumber]] = []
    for number in _numbers():
        for keyword in number.keywords:
            for match in re.finditer(rf"(?<!\w){re.escape(normalize(keyword))}(?!\w)", key):
                spans.append((match.start(), match.end(), number))
    kept = [(start, end, number) for start, end, number in spans
            if not any(s <= start and end <= e and (e - s) > (end - start) for s, e, _ in spans)]
    rows: list[tuple[int, ServiceNumber]] = []
    for start, _, number in sorted(kept, key=lambda span: span[0]):
        if all(number != other for _, other in rows):
            rows.append((start, number))
    return rows


def find_service_number(text: str) -> ServiceNumber | None:
    """The service-number row for a number ('0900-1234567', '112', '1845') or a keyword.

    >>> find_service_number("wat kost bellen naar 0900-8844?").id
    'paid_090x'
    """
    for candidate in re.findall(r"\+?\d[\d\s\-]*\d|\d", text):
        digits = re.sub(r"\D", "", candidate)
        if candidate.startswith("+31"):
            digits = "0" + digits[2:]
        matches = [(length, number) for regex, length, number in _number_patterns() if regex.match(digits)]
        if matches:
            return max(matches, key=lambda m: m[0])[1]
    key = normalize(text)
    best: tuple[int, ServiceNumber] | None = None
    for number in _numbers():
        for keyword in number.keywords:
            k = normalize(keyword)
            if re.search(rf"(?<!\w){re.escape(k)}(?!\w)", key) and (best is None or len(k) > best[0]):
                best = (len(k), number)
    return best[1] if best else None


def services() -> list[Service]:
    """All 'Diensten' rows in price-list order.

    >>> [s.price for s in services() if s.id == "reminder_fee"]
    [Decimal('15.00')]
    """
    return list(_services())


def _spans(key: str) -> list[tuple[int, int, Service]]:
    """Where each 'Diensten' row is named in normalised text: its name or a keyword as a
    phrase, or their words in another order or form within a few words
    ("papieren gespecificeerde rekening" is 'Gespecificeerde rekening (papier)').
    """
    spans = []
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\w+", key)]
    for service, exact, name_words, keyword_words in _matchers():
        spans += [(m.start(), m.end(), service) for m in exact.finditer(key)]
        if name_words:  # "papieren gespecificeerde rekening": the whole naming counts
            spans += [(start, end, service) for start, end in _loose_spans(name_words, words, key, 1)]
        for phrase in keyword_words:  # a keyword's words further apart ("meenemen van mijn nummer") count
            # from the first, so the loose match does not hide another row named in between
            spans += [(start, start + 1, service) for start, _ in _loose_spans(phrase, words, key, 3)]
    return spans


@per_version
def _matchers() -> tuple[tuple[Service, re.Pattern[str], tuple[str, ...], tuple[tuple[str, ...], ...]], ...]:
    """Per row: one regex of its name and keywords as phrases, the words of its name, and the
    words of its keywords, for names and keywords whose words may also stand apart (two to
    four words of four letters or more)."""
    def loose(phrase: str) -> tuple[str, ...]:
        words = tuple(normalize(phrase).split())
        return words if 2 <= len(words) <= 4 and all(len(word) >= 4 for word in words) else ()

    table = []
    for service in _services():
        phrases = sorted({normalize(k) for k in (service.name,) + service.keywords}, key=len, reverse=True)
        exact = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\w)")
        keyword_words = tuple(words for words in map(loose, service.keywords) if words)
        table.append((service, exact, loose(service.name), keyword_words))
    return tuple(table)


def _loose_spans(phrase: tuple[str, ...], words: list[tuple[int, int, str]], key: str,
                 slack: int) -> list[tuple[int, int]]:
    """Where the words of a phrase stand within `slack` other words of each other, in any order
    or form ("meenemen van mijn nummer" names 'nummer meenemen')."""
    if not all(word in key for word in phrase) \
            or not all(re.search(rf"(?<!\w){re.escape(word)}", key) for word in phrase):  # cheap tests first
        return []
    spans = []
    for i in range(len(words)):
        window = words[i:i + len(phrase) + slack]
        hits = [next((w for w in window if w[2].startswith(word)), None) for word in phrase]
        if all(hits):
            spans.append((min(h[0] for h in hits), max(h[1] for h in hits)))
    return spans


def find_service(text: str) -> Service | None:
    """The 'Diensten' row a message is about (the longest naming wins).

    >>> find_service("wat kost een papieren rekening").price
    Decimal('1.95')
    >>> find_service("kost een papieren gespecificeerde rekening iets?").price
    Decimal('1.95')
    """
    spans = _spans(normalize(text))
    return max(spans, key=lambda span: span[1] - span[0])[2] if spans else None


def services_priced(amount: Decimal) -> list[Service]:
    """The 'Diensten' rows that cost exactly ``amount`` (an amount on a bill, a fine, a fee).

    >>> [s.id for s in services_priced(Decimal("15"))]
    ['reminder_fee']
    >>> services_priced(Decimal("15.01"))
    []
    """
    return [service for service in _services() if service.price is not None and service.price == amount]


def over_bills(service: Service, bills: int) -> Decimal:
    """What a service charged with every bill costs over so many (monthly) bills.

    >>> paper = next(s for s in services() if s.id == "itemised_bill_paper")
    >>> over_bills(paper, 12)
    Decimal('23.40')
    """
    if not service.with_each_bill or service.price is None or bills < 1:
        raise ValueError(f"{service.id} is not charged {bills} times")
    return service.price * bills


def find_services(text: str) -> list[Service]:
    """Every 'Diensten' row a message names, in order (a keyword inside a longer match
    does not count twice).

    >>> [s.price for s in find_services("wat kost de herinnering en heraansluiting")]
    [Decimal('15.00'), Decimal('33.88')]
    """
    return list(_services_in(active().path, normalize(text)))


@functools.lru_cache(maxsize=256)  # one message is read several times in its turn; keyed by price list
def _services_in(folder: Path, key: str) -> tuple[Service, ...]:
    return tuple(distinct_in_order(_spans(key)))


def customer_service() -> CustomerService:
    """KPN klantenservice: 1200, free; outside the EU at the roaming tariff.

    >>> customer_service().number
    '1200'
    """
    c = load("services")["customer_service"]
    return CustomerService(number=c["number"], price_text=c["price_text"],
                           outside_eu_price_text=c["outside_eu_price_text"], text=c["text"],
                           source=c["source"])
