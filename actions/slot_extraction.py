"""Fill the slots from one user turn: entities from the NLU pipeline, normalised through
knowledge/, with the raw text as a second source (typos DIET missed, units, dates).

Context rules, in one place:
- `country` persists ("Ik ga naar Egypte" ... "wat kost internet daar?"), unless the
  user asks about "het buitenland" in general;
- what is asked (usage, quantities, coverage, date, customer type) belongs to one
  question: a new question resets it, a follow-up ("en in Marokko?") keeps it;
- `question` remembers the last topic intent, so a bare "iPhone" or "Japan" continues it.
"""
from __future__ import annotations

import re
from typing import Any, Optional

from knowledge import countries, dutch_dates, kpn_pay, quantities
from actions.intents import FOLLOW_UP, TOPIC_INTENTS
from actions.turn import Turn

QUESTION_SCOPED = ("usage", "duration_seconds", "data_mb", "sms_count", "coverage",
                   "customer_type", "date", "purchase_amount", "destination")

USAGE_CUES = (  # order matters: "gebeld worden" before "bellen"
    ("called", re.compile(r"\b(gebeld\s+word\w*|word\w*\s+(ik\s+)?gebeld|opnemen|binnenkomend\w*|inkomend\w*)\b")),
    ("call", re.compile(r"\b(bel\w*|gebeld|telefoneren|gesprek\w*|minuten?|min)\b")),
    ("sms", re.compile(r"\b(sms\w*|sms'\w*|berichtje\w*|texten)\b")),
    ("data", re.compile(r"\b(internet\w*|data|mb'?s?|gb'?s?|kb|surfen|mobiel\s+internet|whatsapp\w*|streamen)\b")),
)
GENERIC_ABROAD = re.compile(r"\b(buitenland|buiten\s+europa|buiten\s+de\s+eu|op\s+vakantie)\b")
COVERAGE_CUES = (("extra", re.compile(r"\b(diefstal|gestolen|verlies|verliezen|kwijt|extra)\b")),
                 ("standaard", re.compile(r"\b(standaard|alleen\s+schade)\b")))
CUSTOMER_CUES = (("een_mkb", re.compile(r"\b(een\s*mkb|mkb)\b")),
                 ("kleinzakelijk", re.compile(r"\b(klein\s*zakelijk\w*|zzp)\b")),
                 ("prepaid", re.compile(r"\b(prepaid|beltegoed|tegoed)\b")))


def extract_slots(turn: Turn, requested_slot: Optional[str] = None) -> dict[str, Any]:
    """The slot values after this turn (only the slots that change)."""
    text = turn.text or ""
    lowered = text.lower()
    follow_up = _is_follow_up(turn)
    new: dict[str, Any] = {}
    if not follow_up and turn.intent in TOPIC_INTENTS:
        new.update({name: None for name in QUESTION_SCOPED})
        new["question"] = turn.intent
    elif turn.intent in {"deny", "goodbye"}:
        new["question"] = None

    new.update(_places(turn, lowered, follow_up))
    usage = _usages(turn, lowered)
    if usage:
        new["usage"] = usage
    new.update(_quantities(text))
    platform = _first([kpn_pay.platform_from_text(v) for v in turn.entity_values("platform")]) \
        or kpn_pay.platform_from_text(text)
    if platform:
        new["platform"] = platform
    insurance = "ask_insurance" in (turn.intent, turn.slot("question")) or requested_slot == "device_value"
    coverage = _cue(lowered, COVERAGE_CUES, turn.entity_values("coverage")) if insurance else None
    if coverage:
        new["coverage"] = coverage
    customer = _cue(lowered, CUSTOMER_CUES, turn.entity_values("customer_type"))
    if customer:
        new["customer_type"] = customer
    parsed = dutch_dates.parse_dutch_datetime(text, turn.now.date()) if text else None
    if isinstance(parsed, dutch_dates.ParsedDate):
        new["date"] = parsed.value.isoformat()
    new.update(_amounts(turn, text, requested_slot, new.get("question", turn.slot("question"))))
    return {name: value for name, value in new.items() if turn.slot(name) != value}


def _is_follow_up(turn: Turn) -> bool:
    """'inform', or the same question again in a short elliptic form ("en in Japan?")."""
    if turn.intent in FOLLOW_UP:
        return True
    text = (turn.text or "").strip().lower()
    return turn.intent == turn.slot("question") and (text.startswith("en ") or len(text.split()) <= 3)


def _places(turn: Turn, lowered: str, follow_up: bool) -> dict[str, Any]:
    mentions = countries.find_countries_in_text(turn.text or "")
    if not mentions:
        # DIET may tag a country the scanner missed (it learned from context).
        for value in turn.entity_values("country"):
            match = countries.find_country(value)
            if match.country:
                mentions = [countries.CountryMention(match.country, 0, 0, None)]
                break
    unique = []
    for mention in mentions:  # "satelliet op een veerboot" names one place twice
        if all(mention.country.code != seen.country.code for seen in unique):
            unique.append(mention)
    mentions = unique
    if not mentions:
        if GENERIC_ABROAD.search(lowered) and not follow_up:
            return {"country": None, "destination": None}
        return {}
    origin = next((m for m in mentions if m.preposition in {"vanuit", "uit", "van", "vanaf", "in"}), None)
    target = next((m for m in mentions if m.preposition == "naar" and m is not origin), None)
    if len(mentions) >= 2:
        origin = origin or mentions[0]
        target = target or next(m for m in mentions if m is not origin)
        return {"country": origin.country.name_nl, "destination": target.country.name_nl}
    only = mentions[0]
    if only.preposition == "naar" and follow_up and turn.slot("destination"):
        return {"destination": only.country.name_nl}
    return {"country": only.country.name_nl, "destination": None}


def _usages(turn: Turn, lowered: str) -> Optional[str]:
    found = {v for v in turn.entity_values("usage") if v in {"call", "called", "sms", "data"}}
    for usage, pattern in USAGE_CUES:
        if pattern.search(lowered):
            if usage == "call" and "called" in found and not re.search(r"\bbel(len)?\b", lowered):
                continue  # "gebeld worden" is being called, not calling
            found.add(usage)
    order = ["call", "called", "sms", "data"]
    return ",".join(u for u in order if u in found) or None


def _quantities(text: str) -> dict[str, Any]:
    new: dict[str, Any] = {}
    for slot, parse in (("duration_seconds", quantities.parse_duration),
                        ("data_mb", quantities.parse_data_volume),
                        ("sms_count", quantities.parse_sms_count)):
        result = parse(text)
        if isinstance(result, quantities.Quantity):
            new[slot] = str(result.value)
    return new


MONEY_SLOT_OF_QUESTION = {"ask_insurance": "device_value", "kpnpay_budget": "amount_spent",
                          "kpnpay_limits": "amount_spent"}
PURCHASE_BEFORE = re.compile(r"\b(app|game|aankoop|kopen|koop|iets|abonnement|film)\b(\s+\S+){0,2}\s*$")
PURCHASE_AFTER = re.compile(r"^\s*(euro|eur|,-)?\s*(kopen|bestellen|betalen\?|kost)")
SPENT_AFTER = re.compile(r"^[^,.?!\d]{0,25}(uitgegeven|besteed|betaald|gespendeerd|verbruikt|op)\b")
# "3 apps": a number that counts things is no amount of money
COUNTED_NOUN = re.compile(r"\s*(?!(heb|had|uitgegeven|besteed|betaald|gespendeerd|verbruikt|al|deze|dit|in|met|op|bij|aan|en|of|euro|eur)\b)[a-z]{2,}", re.I)
SPENT_BEFORE = re.compile(r"\b(al|heb|had|totaal|sta op)\b(\s+\S+){0,3}\s*$")


def _amounts(turn: Turn, text: str, requested_slot: Optional[str], question: Optional[str]) -> dict[str, Any]:
    """Euro amounts go where the question needs them: a device value, or KPN Pay spending."""
    target = requested_slot if requested_slot in ("device_value", "amount_spent") \
        else MONEY_SLOT_OF_QUESTION.get(question or "")
    if target is None:
        return {}
    euros = [a for a in quantities.parse_all_euro_amounts(text) if isinstance(a, quantities.Quantity)]
    # "ik heb 270 betaald": a bare number is money too when the question is about money
    bare = [c for c in quantities.parse_all_counts(text) if isinstance(c, quantities.Quantity)
            and not any(e.span[0] <= c.span[0] < e.span[1] for e in euros)
            and not COUNTED_NOUN.match(text[c.span[1]:])]
    amounts = sorted(euros + bare, key=lambda a: a.span[0])
    if not amounts:
        return {}
    if target == "device_value":
        return {"device_value": str(amounts[0].value)}
    spent, purchase = None, None
    lowered = text.lower()
    for amount in amounts:
        before, after = lowered[max(0, amount.span[0] - 30):amount.span[0]], lowered[amount.span[1]:]
        if SPENT_AFTER.search(after):
            spent = spent or amount
        elif PURCHASE_BEFORE.search(before):
            purchase = purchase or amount
        elif SPENT_BEFORE.search(before) or requested_slot == "amount_spent":
            spent = spent or amount
        elif PURCHASE_AFTER.search(after):
            purchase = purchase or amount
        else:
            spent = spent or amount
    result = {}
    if spent is not None:
        result["amount_spent"] = str(spent.value)
    if purchase is not None:
        result["purchase_amount"] = str(purchase.value)
    return result


def _cue(lowered: str, cues, entity_values: list[str]) -> Optional[str]:
    for value in entity_values:
        if value in {name for name, _ in cues}:
            return value
    for name, pattern in cues:
        if pattern.search(lowered):
            return name
    return None


def _first(values):
    return next((v for v in values if v), None)
