"""Fill the slots from one user turn: entities from the NLU pipeline, normalised through
knowledge/, with the raw text as a second source (typos the NLU missed, units, dates).

Context rules, in one place:
- `country` persists ("Ik ga naar Egypte" ... "wat kost internet daar?"), unless the
  user asks about "het buitenland" in general;
- what is asked (usage, quantities, coverage, date, customer type) belongs to one
  question: a new question resets it, a follow-up ("en in Marokko?") keeps it;
- `question` remembers the last topic intent, so a bare "iPhone" or "Japan" continues it.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Optional

from knowledge import countries, dutch_dates, kpn_pay, quantities
from actions.intents import FOLLOW_UP, TOPIC_INTENTS
from actions.turn import Turn

QUESTION_SCOPED = ("usage", "duration_seconds", "called_seconds", "data_mb", "sms_count", "coverage",
                   "customer_type", "date", "purchase_amount", "destination")

USAGE_CUES = (  # order matters: "gebeld worden" before "bellen"
    ("called", re.compile(r"\b(gebeld\s+(word|wordt|worden|werd|werden)|(word|wordt|worden|werd|werden)\s+(ik\s+|je\s+)?(\S+\s+){0,4}gebeld|opnemen|opneem|binnenkomend\w*|inkomend\w*|being called|called)\b")),
    ("call", re.compile(r"\b(bel\w*|gebeld|telefoneren|gesprek\w*|minuten?|min|call\w*)\b")),
    ("sms", re.compile(r"\b(sms\w*|sms'\w*|berichtje\w*|texten|texts?|texting)\b")),
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
    new = _extract(turn, requested_slot, _is_follow_up(turn))
    if requested_slot and new.get(requested_slot) is not None and "question" in new:
        # "Mijn toestel kostte 1000 euro" answers the form's question, whatever NLU calls it
        new = _extract(turn, requested_slot, follow_up=True)
    return new


def _extract(turn: Turn, requested_slot: Optional[str], follow_up: bool) -> dict[str, Any]:
    text = turn.text or ""
    lowered = text.lower()
    new: dict[str, Any] = {}
    if not follow_up and turn.intent in TOPIC_INTENTS:
        new.update({name: None for name in QUESTION_SCOPED})
        new["question"] = turn.intent
    elif turn.intent in {"deny", "goodbye"}:
        new["question"] = None

    new.update(_places(turn, lowered, follow_up))
    usage = _usages(turn, _without_places(text).lower())
    if usage:
        new["usage"] = usage
    amounts = _quantities(_without_places(text))
    if amounts and follow_up:  # "en als ik 10 minuten gebeld word?": a new scenario
        new.update({name: None for name in ("duration_seconds", "called_seconds", "sms_count", "data_mb")})
    new.update(amounts)
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


ELLIPSIS = re.compile(r"^(en|met|zonder|liever|dan|ook|of|maar|toch)\b")


def _is_follow_up(turn: Turn) -> bool:
    """'inform', or the same question again in a short elliptic form ("en in Japan?",
    "met onbeperkt bellen graag")."""
    if turn.intent in FOLLOW_UP:
        return True
    text = (turn.text or "").strip().lower()
    return turn.intent == turn.slot("question") and (bool(ELLIPSIS.match(text)) or len(text.split()) <= 3)


HOME = re.compile(r"\b(vanuit|vanaf|van|uit)\s+(nl|nederland|holland|huis|thuis|hier)\b")
TRAVEL_BEFORE = re.compile(r"\b(ga|gaan|ging|gaat|reis|reizen|reist|vlieg|vliegen|vlieg|vakantie|trip|rijden|rij|verhuis\w*|emigreer\w*|op weg)\b(\s+\S+){0,3}\s*$")
PERSON_BEFORE = re.compile(r"\b(oma|opa|moeder|vader|ouders|familie|vriend\w*|iemand|collega\w*|zus|broer|zoon|dochter|kind\w*|neef|nicht|tante|oom|partner|vrouw|man|klant\w*|nummer)\s+(in|uit|op)\s+(\S+\s+)?$")
BEING_THERE = re.compile(r"\b(ik\s+(ben|zit|sta|verblijf|woon)(\s+\S+){0,3}\s+(in|op)|als\s+ik\s+in|wanneer\s+ik\s+in|tijdens|daar)\b[^,.;]*$")


def _places(turn: Turn, lowered: str, follow_up: bool) -> dict[str, Any]:
    """Where the user is (`country`) and, for a call to another country, `destination`.

    A place after "naar" is a call destination unless a travel verb goes with it ("ik ga
    naar Egypte"); "vanuit Nederland"/"van thuis" makes Nederland the origin; a ship or
    ferry is always where the user is (satellite rates do not depend on the destination).
    """
    text = turn.text or ""
    mentions = _unique(countries.find_countries_in_text(text))
    if not mentions:
        for value in turn.entity_values("country"):  # the CRF may catch what the scanner missed
            match = countries.find_country(value)
            if match.country:
                mentions = [countries.CountryMention(match.country, 0, 0, value, None)]
                break
    home = "Nederland" if HOME.search(lowered) else None
    if not mentions:
        if home and turn.slot("country") not in (None, "Nederland") and follow_up:
            return {"country": home, "destination": turn.slot("country")}
        if GENERIC_ABROAD.search(lowered) and not follow_up:
            return {"country": None, "destination": None}
        return {}
    ship = next((m for m in mentions if m.country.zone == countries.Zone.SATELLIET), None)
    if ship:
        return {"country": ship.country.name_nl, "destination": None}
    # "naar Kenia" after a question about calling from home names whom is called
    calls = bool(USAGE_CUES[1][1].search(lowered) or USAGE_CUES[2][1].search(lowered)) \
        or (follow_up and turn.slot("country") == "Nederland")
    # whom is called: "naar X" (not "ik ga naar X"), or "mijn oma in X"
    targets = [m for m in mentions if (m.preposition in ("naar", "richting")
                                       and not TRAVEL_BEFORE.search(lowered[:m.start]))
               or PERSON_BEFORE.search(lowered[:m.start])]
    target = targets[0] if targets and calls else None
    rest = [m for m in mentions if m is not target]
    origin = next((m for m in rest if m.preposition in ("vanuit", "uit", "vanaf") or BEING_THERE.search(lowered[:m.start])), None) \
        or next((m for m in rest if m.preposition in ("van", "in", "op")), None) or (rest[0] if rest else None)
    if target is None and origin is not None and calls and len(mentions) >= 2:
        target = next(m for m in mentions if m is not origin)  # "op Tenerife ... vriend in Marokko"
    if target is not None:
        if origin is not None:
            return {"country": origin.country.name_nl, "destination": target.country.name_nl}
        if follow_up and turn.slot("destination"):
            return {"destination": target.country.name_nl}
        return {"country": home or "Nederland", "destination": target.country.name_nl}
    place = origin.country.name_nl
    if place == "Nederland":
        return {"country": place, "destination": None}
    if home:
        return {"country": home, "destination": place}
    return {"country": place, "destination": None}


def _without_places(text: str) -> str:
    for mention in reversed(countries.find_countries_in_text(text)):
        text = text[:mention.start] + " " * (mention.end - mention.start) + text[mention.end:]
    return text


def _unique(mentions: list) -> list:
    """One mention per place ("satelliet op een veerboot" names one place twice)."""
    unique = []
    for mention in mentions:
        if all(mention.country.code != seen.country.code for seen in unique):
            unique.append(mention)
    return unique


CLAUSE = re.compile(r"[,.;!?]|\b(?:en|maar|plus|daarnaast|verder)\b")


def _clauses(lowered: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of the parts of a sentence, split at punctuation and 'en'."""
    parts, start = [], 0
    for match in CLAUSE.finditer(lowered):
        parts.append((start, match.start(), lowered[start:match.start()]))
        start = match.end()
    parts.append((start, len(lowered), lowered[start:]))
    return parts


def _kind(clause: str) -> Optional[str]:
    for usage, pattern in USAGE_CUES:
        if pattern.search(clause):
            return usage
    return None


def _usages(turn: Turn, lowered: str) -> Optional[str]:
    """What the user asks about: call, called, sms, data (text cues first, then NLU entities)."""
    found = set()
    for _, _, clause in _clauses(lowered):
        for usage, pattern in USAGE_CUES:
            if pattern.search(clause):
                found.add(usage)
                if usage == "called":
                    break  # "gebeld worden" is not also calling
    if not found:
        found = {v for v in turn.entity_values("usage") if v in {"call", "called", "sms", "data"}}
    order = ["call", "called", "sms", "data"]
    return ",".join(u for u in order if u in found) or None


def _in_parentheses(text: str, position: int) -> bool:
    return text.rfind("(", 0, position) > text.rfind(")", 0, position)


LONG_SPANS = re.compile(r"\b(dag|dagen|week|weken|maand|maanden|jaar|jaren)\b")


def _quantities(text: str) -> dict[str, Any]:
    """Minutes calling and being called (each duration goes with the verb of its clause),
    sms'jes and MB's; trip lengths ("3 weken") are no call durations."""
    lowered = text.lower()
    clauses = _clauses(lowered)
    call, called = Decimal(0), Decimal(0)
    for duration in quantities.parse_all_durations(text):
        if not isinstance(duration, quantities.Quantity) or LONG_SPANS.search(duration.text.lower()) \
                or _in_parentheses(lowered, duration.span[0]):
            continue  # "3 weken" is a trip, "(90 sec)" repeats what came before
        clause = next((c for s, e, c in clauses if s <= duration.span[0] < max(e, s + 1)), lowered)
        if _kind(clause) == "called" or (_kind(clause) is None and _kind(lowered) == "called"):
            called += duration.value
        else:
            call += duration.value
    new: dict[str, Any] = {}
    if call:
        new["duration_seconds"] = str(call)
    if called:
        new["called_seconds"] = str(called)
    # With several volumes the need comes last: "mijn 25 GB is op, ik heb nog 3 GB nodig".
    for slot, parse_all in (("data_mb", quantities.parse_all_data_volumes),
                            ("sms_count", quantities.parse_all_sms_counts)):
        found = [q for q in parse_all(text) if isinstance(q, quantities.Quantity)]
        if found:
            new[slot] = str(found[-1].value)
    return new


MONEY_SLOT_OF_QUESTION = {"ask_insurance": "device_value", "kpnpay_budget": "amount_spent",
                          "kpnpay_limits": "amount_spent"}
PURCHASE_BEFORE = re.compile(r"\b(app|game|aankoop|kopen|koop|iets|abonnement|film)\b(\s+\S+){0,2}\s*$")
PURCHASE_AFTER = re.compile(r"^\s*(euro|eur|,-)?\s*(kopen|bestellen|betalen\?|kost)")
SPENT_AFTER = re.compile(r"^[^,.?!\d]{0,25}(uitgegeven|besteed|betaald|gespendeerd|verbruikt|op)\b")
REPEATED_PURCHASES = re.compile(r"\b(\d{1,3})\s*(?:x\s*)?(aankopen|apps?|games?|keer|betalingen|dingen)\s+(van|à|a|voor)\b")
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
    repeated = REPEATED_PURCHASES.search(text.lower())
    if repeated:  # "3 aankopen van 49,99": what was spent is 3 x 49,99
        times, each = int(repeated.group(1)), next((a for a in amounts if a.span[0] >= repeated.start(3)), None)
        if each is not None and times <= 1000:
            return {"amount_spent": str(times * each.value)}
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
