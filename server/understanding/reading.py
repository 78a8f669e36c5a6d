"""What one message plainly says, read through knowledge/: normalised entities and cues.

Pure functions over the text (no Rasa imports, no conversation state). The Rasa component
in `server.understanding.component` puts the result on the message, so the tracker, the
rules, `rasa test` and the actions all see the same reading.

Entities (names as in domain.yml; values normalised, spans on the words that say them):
- ``country`` with a role: ``location`` (where the user is or will be: "in Spanje",
  "vanuit Turkije", "ik ga naar Thailand", "op een cruiseschip") or ``destination`` (whom
  the user calls or texts: "naar Marokko bellen", "mijn oma in Suriname", "een Turks
  nummer"); no role when the message does not say ("Mexico", "en Japan?");
- ``usage`` call / called / sms / data, on the word that asks it;
- ``duration`` in seconds, role ``call`` or ``called`` (by the verb of its clause);
  ``data_volume`` in MB; ``sms_count``; ``amount`` in euros, role ``device_value``,
  ``spent`` or ``purchase`` where the words around it say so; ``date`` (ISO);
  ``platform`` ios/android; ``coverage`` standaard/extra; ``customer_type``; ``plan``.
Cues (``Reading.cues``): things the dialogue needs that are no value, e.g. ``elliptic``
("en in Marokko?"), ``correction`` ("nee, ik bedoel Mexico"), ``reference`` ("daar"),
``generic_abroad`` ("in het buitenland"), ``markup``/``no_words`` (no question at all).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any, Optional

from knowledge import countries, dates, kpn_pay, quantities
from knowledge.countries import CountryMention, Zone
from server import language as languages
from server.understanding import aspects
from server.personal_data import find_personal_data

MAX_READ_CHARS = 2000


@dataclass(frozen=True)
class Entity:
    entity: str
    value: str
    start: int
    end: int
    role: Optional[str] = None

    def as_rasa(self, extractor: str) -> dict[str, Any]:
        found = {"entity": self.entity, "value": self.value, "start": self.start, "end": self.end,
                 "confidence_entity": 1.0, "extractor": extractor}
        if self.role:
            found["role"] = self.role
        return found


@dataclass(frozen=True)
class Problem:
    """A value the user gave that cannot be used (negative, absurd, impossible date, unknown
    place); ``code`` names it, ``text`` is what the user typed."""

    kind: str
    code: str
    text: str
    message: str = ""


@dataclass(frozen=True)
class Language:
    """The language of the message: `code` (nl, en, or another ISO code) when the detector
    has a guess; `clear` when the message is plain enough to set the conversation's language
    ("ok", "Spanje", "500 MB" are not); `greeting` for a greeting alone ("hello")."""

    code: Optional[str] = None
    clear: bool = False
    greeting: bool = False
    requested: Optional[str] = None  # "Kun je verder in het Nederlands?": the language asked for

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "clear": self.clear, "greeting": self.greeting, "requested": self.requested}


@dataclass(frozen=True)
class Reading:
    entities: tuple[Entity, ...] = ()
    cues: frozenset[str] = frozenset()
    problems: tuple[Problem, ...] = ()
    language: Language = Language()

    def values(self, entity: str, role: Optional[str] = None) -> list[str]:
        return [e.value for e in self.entities if e.entity == entity and (role is None or e.role == role)]


# --------------------------------------------------------------------------- cues

MARKUP = re.compile(r"<\s*/?\s*[a-z][^>]{0,200}>|&[a-z]+;|javascript:|\bon\w+\s*=", re.I)
MARKUP_AND_SCRIPTS = re.compile(r"<\s*(script|style)\b.*?(<\s*/\s*\1\s*>|$)|<[^>]{0,200}>|&[a-z]+;|javascript:\S*",
                                re.I | re.S)
WORD_RUN = re.compile(r"[^\W\d_]{2,}\W+[^\W\d_]{2,}")  # two words in a row
# ... after a filler word ("Hmm, en dan met onbeperkt data erbij?", "oh and in Spain?")
ELLIPTIC_START = re.compile(rf"^\s*((hm+|ok[eé]?|okay|oh|ah|nou|well|so)\b\W*)?"
                            rf"({aspects.CONTINUATION_WORDS}|vanuit|vanaf|uit|from|naar|to|in)\b", re.I)
# A question with its own verb ("In Frankrijk, al mijn MB's op, wat kost een extra bundel?") is no
# fragment that continues the last one, however it starts.
OWN_CLAUSE = re.compile(r"\b(wat\s+kost|wat\s+betaal|kan\s+ik|kun\s+je|mag\s+ik|heb\s+ik|moet\s+ik|is\s+(er|het|mijn)|"
                        r"wil\s+ik|ik\s+wil|i\s+want|i'?d\s+like|"
                        r"what\s+(does|do|is|will)|can\s+i|do\s+i|should\s+i|is\s+(there|it|my))\b", re.I)
QUESTION_WORDS = re.compile(r"\b(hoe|waar|wanneer|waarom|welke|wie|how|where|when|why|which|who)\b", re.I)
CORRECTION = re.compile(r"\b(ik\s+bedoel(de)?|bedoel(de)?\s+ik|i\s+mean[t]?|correctie|verbetering|i\s+meant|"
                        r"ik\s+vergis\s+me|ik\s+vergiste\s+me|vergissing|my\s+mistake|i\s+was\s+wrong)\b"
                        r"|^\s*(oh\s+)?niet\s+\S+(\s+\S+)?\s*,?\s*maar\b|^\s*not\s+\S+(\s+\S+)?\s*,?\s*but\b"
                        r"|^\s*(sorry|oeps|oops|excuus|pardon)[\s,.!]+(?=\S)"
                        r"|^\s*(oh|o|ow|ohw|owh)[\s,]+(wacht|wait)\b(?!\s+(even|effe|ff|a\s+(sec|second|minute|moment)))"
                        r"|^\s*(wacht|wait)[\s,]+(nee|no|ik\s+bedoel)\b", re.I)
NOT_X_BUT = re.compile(r"^\s*(oh\s+)?(niet|not)\b.*?\b(maar|but)\b", re.I)
NEGATED = re.compile(r"\b(niet|not|geen|no)\s+(\w+\s+)?$", re.I)
INSTEAD_OF = re.compile(r"(\bin\s+plaats\s+van|\bi\.?p\.?v\.?|\binstead\s+of|\brather\s+than)\s+$", re.I)
# "vanaf hier": where the user is, which the conversation may already have named (Dubai).
REFERENCE = re.compile(r"\b(daar|daarheen|daarvandaan|daaruit|aldaar|there|dat land|die plek|that country)\b|"
                       r"\b(vanaf|vanuit|van|from)\s+(hier|here)\b", re.I)
# "een weekje weg", "paar weken weg", "going away for two weeks": a trip, not something missing
TRIP_AWAY = re.compile(r"\b((een\s+)?(weekje|weekendje|tijdje|maandje)|een\s+week|(een\s+)?paar\s+(dagen|weken)|"
                       r"(\d+|twee|drie|vier|vijf|zes|tien)\s+(dagen|weken|maanden))\s+(\w+\s+)?weg\b|"
                       r"\bgoing\s+away\b|\baway\s+for\s+(a|\d+|two|three|four)\s+(weeks?|days|months?)\b", re.I)
GENERIC_ABROAD = re.compile(r"\b(buitenland|buiten\s+europa|buiten\s+de\s+eu|op\s+(vakantie|reis)|"
                            r"abroad|travell?ing|on holiday|on vacation)\b|" + TRIP_AWAY.pattern, re.I)
NETHERLANDS = r"nl|nederland|holland|huis|thuis|home|the netherlands"
NETHERLANDS_NAMED = re.compile(rf"{NETHERLANDS}|the\s+netherlands|netherlands", re.I)
HOME = re.compile(rf"\b(vanuit|vanaf|van|uit|from)\s+({NETHERLANDS})\b", re.I)
CALL_ABROAD = re.compile(r"\bnaar\s+(het\s+)?buitenland|\binternationaal\b|\bbuitenlands[e]?\s+nummers?\b"
                         r"|\binternational(ly)?\b|\bforeign\s+numbers?\b|\bcall(ing)?\s+abroad\b", re.I)


EU_REGION = re.compile(r"\b(de\s+eu|in\s+eu|binnen\s+de\s+eu|europa|europese\s+unie|the\s+eu|europe|european\s+union|"
                       r"eu[- ]?(bundel|bundle|limiet|limit|tegoed))\b", re.I)


def _cues(text: str, lowered: str) -> set[str]:
    cues = aspects.aspects(lowered)
    if EU_REGION.search(lowered):
        cues.add("eu")

    if MARKUP.search(text) and not WORD_RUN.search(MARKUP_AND_SCRIPTS.sub(" ", text)):
        cues.add("markup")  # only code: a question wrapped in tags ("<b>wat kost ...</b>") is still read
    if not re.search(r"[^\W\d_]", text):
        cues.add("no_words")
    if ELLIPTIC_START.match(lowered) and len(lowered.split()) <= 12 and not QUESTION_WORDS.search(lowered) \
            and not (len(lowered.split()) > 6 and OWN_CLAUSE.search(lowered)):
        cues.add("elliptic")
    if CORRECTION.search(lowered):
        cues.add("correction")
    if REFERENCE.search(lowered):
        cues.add("reference")
    if GENERIC_ABROAD.search(lowered):
        cues.add("generic_abroad")
    if TRIP_AWAY.search(lowered):
        cues.discard("missing")  # "een paar weken weg" is away, not gone
    if HOME.search(lowered):
        cues.add("from_home")
    if CALL_ABROAD.search(lowered):
        cues.add("call_abroad")
    return cues


# --------------------------------------------------------------------------- usage

USAGE_CUES = (  # order matters: "gebeld worden" before "bellen"
    ("called", re.compile(r"\b(gebel[dt]\s+(te\s+)?(word|worde|wordt|worden|werd|werden|geworden)|(word|wordt|worden|werd|werden)\s+(ik\s+|je\s+)?"
                          r"(\S+\s+){0,4}gebeld|(?<!contact )(?<!contact met mij )(?<!contact met me )(opnemen|opneem)|binnenkomend\w*|inkomend\w*|being called|"
                          r"(get|gets|getting|got|am|is|are|was|were)\s+(\S+\s+){0,2}called|receiv\w+\s+(a\s+)?calls?|"
                          r"incoming|answer(ing)?\s+(a\s+)?calls?|calls\s+me|"
                          r"(mij|me)\s+((daar|hier|dan|ook|even|nog|wel|vaak|soms|elke\s+dag|iedere\s+dag|dagelijks|"
                          r"regelmatig|af\s+en\s+toe|morgen|straks|vanavond|elke\s+week|wekelijks)\s+){0,2}"
                          r"(op)?(belt|bellen|belde|belden)|"
                          r"(belt|bellen|belde|belden)\s+(mij|me)\b(?!\s+terug)|"
                          r"(someone|somebody|people|they)\s+calls?\s+me|call\s+me|(called|rang|rings?|phoned)\s+me|"
                          r"be(ing)?\s+called|get(ting)?\s+called|receiv(e|ing)\s+(a\s+)?calls?|"
                          r"(terug)?(bellen|belt|belde)\s+(ze|zij|hij|iemand)\s+(mij|me)|als\s+(ze|zij|hij|iemand)\s+(mij|me)\s+(terug)?bel\w*|"
                          # "als iemand mij daar opbelt", "als de kinderen ons aan boord bellen"
                          r"(iemand|ze|zij|hij|men|mensen|kinderen|familie)\s+(mij|me|ons)\s+(\S+\s+){0,3}(op|terug)?bel\w*|"
                          # "als mijn vrouw mij vanuit Nederland belt"
                          r"(mij|me|ons)\s+(vanuit|uit|from)\s+(\S+\s+){0,3}(op|terug)?(belt|belde|bellen|belden))\b", re.I)),
    # "bel", "bellen", "belminuut", "terugbellen", but not "belasting", "belangrijk", "belachelijk", "beleid", "beltegoed"
    ("call", re.compile(r"\b((?:terug|op|na)?bel(?!ang|ast|achel|eid|eef|eving|edig|oof|oft|oon|oning|emmer|eg|abber|uister|tegoed)\w*|gebeld|telefoneren|gesprek\w*|minuten?|min|(?<!something )(?<!option )(?<!app )call\w*|phon(e|ing)\s+(home|someone)|"
                        r"ring(ing|s)?(?=\s+\w)|"  # English "ring Egypt", "ring me back"
                        r"minutes?)\b", re.I)),
    ("sms", re.compile(r"\b(sms\w*|sms'\w*|berichtje\w*|texten|texts?|texting|text messages?)\b", re.I)),
    ("data", re.compile(r"\b(internet(?!blok)\w*|data|mb'?s?|gb'?s?|kb|surfen|mobiel\s+internet|whatsapp\w*|streamen|"
                        r"browsing|browse|streaming|gigs?)\b", re.I)),
)
CLAUSE = re.compile(r"[,.;!?]|\b(?:en|maar|plus|daarnaast|verder|and|but|also)\b", re.I)


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


# A clause that names a call without saying who calls ("dat gesprek duurt ...", "elk gesprek duurt maar ...").
NEUTRAL_CALL = re.compile(r"((dat|dit|het|elk|ieder|zo'?n|een)\s+)?(gesprek(je)?|telefoontje|belletje)\s+(duurt|duurde)"
                          r"(\s+(maar|ongeveer|zo'?n|ca\.?|precies|meestal))?", re.I)


def _kind_before(clauses: list[tuple[int, int, str]], position: int, lowered: str) -> Optional[str]:
    """The usage of the nearest clause before ``position`` in the same sentence ("elk gesprek duurt
    maar 15 seconden": the call of the clause before "maar")."""
    for start, _end, clause in reversed([c for c in clauses if c[1] <= position]):
        if re.search(r"[.?!]", lowered[start:position]):
            return None
        kind = _kind(clause)
        if kind is not None:
            return kind
    return None


def _usage_entities(lowered: str) -> list[Entity]:
    found: list[Entity] = []
    seen: set[str] = set()
    candidates: dict[str, list[tuple[int, int]]] = {}
    for start, _end, clause in _clauses(lowered):
        for usage, pattern in USAGE_CUES:
            match = pattern.search(clause)
            if match:
                candidates.setdefault(usage, []).extend(
                    (start + m.start(), start + m.end()) for m in pattern.finditer(clause))
            if match and usage not in seen:
                seen.add(usage)
                found.append(Entity("usage", usage, start + match.start(), start + match.end()))
            if match and usage == "called":
                break  # "gebeld worden" is not also calling
    # "20 minuten bellen", "mijn minuten zijn op, wat kost bellen": the verb asks it, a unit
    # ("minuten", "MB") counts an amount or names the bundle; the unit only when it is all there is
    found = [_verb_over_unit(e, candidates.get(e.value, []), lowered) for e in found]
    if "called" in seen:  # "als ze mij terugbellen, 10 minuten?": the unit alone is no call of one's own
        found = [e for e in found if not (e.value == "call" and DURATION_UNIT.fullmatch(lowered[e.start:e.end]))]
    return sorted(found, key=lambda e: e.start)


def _verb_over_unit(entity: Entity, spans: list[tuple[int, int]], lowered: str) -> Entity:
    if not UNIT_WORD.fullmatch(lowered[entity.start:entity.end]):
        return entity
    better = next(((start, end) for start, end in spans if not UNIT_WORD.fullmatch(lowered[start:end])), None)
    return replace(entity, start=better[0], end=better[1]) if better else entity


DURATION_UNIT = re.compile(r"minuten?|min|minutes?")
UNIT_WORD = re.compile(r"minuten?|min|minutes?|[mgk]b'?s?|sms\w*|texts?", re.I)


# --------------------------------------------------------------------------- places

TRAVEL_BEFORE = re.compile(r"\b(ga|gaan|ging|gaat|reis|reizen|reist|vlieg|vliegen|vakantie|trip|rijden|rij|verhuis\w*|"
                           r"emigreer\w*|op weg|going|go|travel\w*|fly|flying|heading|moving|trip|holiday|vacation|visit\w*|"
                           r"vliegen|vlogen|reizen|blijven|verblijven|logeren|staying|stay)\b"
                           r"(\s+\S+){0,8}\s*$", re.I)
PERSON_BEFORE = re.compile(r"\b(oma|opa|moeder|vader|ouders|familie|vriend\w*|iemand|collega\w*|zus|broer|zoon|dochter|"
                           r"kind\w*|neef|nicht|tante|oom|partner|vrouw|man|klant\w*|nummer|mother|mum|mom|father|dad|"
                           r"parents|family|friends?|someone|colleagues?|sister|brother|son|daughter|number|haar|hem|ze|"
                           r"hen|hun|her|him|them|hotel|restaurant|bedrijf|kantoor|winkel|dokter|arts|ziekenhuis|bank|"
                           r"ambassade|school|hotels?|office|company|doctor|hospital|embassy|shop)\s+"
                           r"(in|uit|op|from)\s+(\S+\s+)?$|"
                           # "bellen met een hotel in Marokko", "met de receptie in Spanje": whom you call
                           r"\b(bel\w*|call\w*)\s+(\S+\s+){0,2}(met|with)\s+(een|de|het|mijn|m'n|onze|a|the|my|our)\s+"
                           r"\w+\s+(in|uit|op)\s+(\S+\s+)?$", re.I)
BEING_THERE = re.compile(r"\b(ik\s+(ben|zit|sta|verblijf|woon)(\s+\S+){0,3}\s+(in|op)|als\s+ik\s+in|wanneer\s+ik\s+in|"
                         r"tijdens|daar|i'?m\s+(\S+\s+){0,2}in|i\s+am\s+(\S+\s+){0,2}in|while\s+in|when\s+in)\b[^,.;]*$", re.I)
# Home called ("naar huis in Nederland"), or the place of someone who calls me ("mij vanuit Nederland")
# A call or a text right before "naar X": X is the place called
CALLED_TO_BEFORE = re.compile(r"\b(bel|bellen|belt|belde|sms|sms'?en|smsen|call|calling|text|texting)\b(\s+\S+){0,7}\s*$", re.I)
HOME_OR_CALLER_BEFORE = re.compile(r"\b(naar|met)\s+(huis|thuis)\s+in\s*$|\b(call|ring|phone)\s+home\s+in\s*$|"
                                   r"\b(mij|me|ons)\s+(vanuit|uit|from)\s*$", re.I)
ORIGIN_PREPOSITIONS = ("vanuit", "uit", "vanaf", "from")
TARGET_PREPOSITIONS = ("naar", "richting", "to")


# How sure a role is: a place someone is plainly at beats one someone is called at, which beats
# the plain "in X", which beats "naar X" with a call (several mentions of one country keep the
# surest; "we vliegen naar Thailand ... vanuit Thailand bellen" is being in Thailand).
STRONG_LOCATION, PERSON, LOCATION, TARGET, UNSURE = 4, 3, 2, 1, 0


# Someone else aboard: "mijn opa zit op een cruiseschip" (called there from home)
PERSON_ABOARD = re.compile(r"\b(oma|opa|moeder|vader|ouders|familie|vriend\w*|iemand|collega\w*|zus|broer|zoon|dochter|"
                           r"kind\w*|neef|nicht|tante|oom|partner|vrouw|man|hij|zij|mother|mum|mom|father|dad|parents|"
                           r"friends?|someone|sister|brother|son|daughter|wife|husband|he|she)\s+"
                           r"(zit|is|vaart|werkt|verblijft|staat|sits|works|sails)\s+(\S+\s+){0,2}(op|aan|on|aboard)\s+(\S+\s+)?$",
                           re.I)


# "daar" right before "naar X": from there to X ("als ik daar naar Nederland bel", "from there to the US")
FROM_THERE_BEFORE = re.compile(r"\b(daar|daarvandaan|vanaf\s+daar|vanuit\s+daar|from\s+there|there)\s+(naar\s+|to\s+)?$", re.I)


# "vanuit daar mijn vriend in X": from the place before, someone in X
FROM_THERE_PERSON_BEFORE = re.compile(r"\b(vanuit|vanaf|from)\s+(daar|there)\s+(\S+\s+){0,3}$", re.I)


def _role(mention: CountryMention, before: str, calls: bool) -> tuple[Optional[str], int]:
    if mention.country.zone == Zone.SATELLIET:
        if mention.preposition in ORIGIN_PREPOSITIONS:
            return "location", STRONG_LOCATION  # "can I text my daughter from the ship itself?"
        if PERSON_ABOARD.search(before) or PERSON_BEFORE.search(before):
            return "destination", PERSON  # whom you call on the ship
        return "location", STRONG_LOCATION  # satellite rates do not depend on whom you call
    if HOME_OR_CALLER_BEFORE.search(before):
        return "destination", PERSON  # "naar huis in Nederland", "als mijn vrouw mij vanuit Nederland belt"
    # a trip told in this sentence ("We gaan naar Thailand. Is naar Nederland bellen ...?" calls home)
    sentence = before[_sentence_start(before, len(before)):]
    travelling = mention.preposition in TARGET_PREPOSITIONS + ("in", "door", "through") and TRAVEL_BEFORE.search(sentence)
    called_to = CALLED_TO_BEFORE.search(sentence) if mention.preposition in TARGET_PREPOSITIONS else None
    if called_to and (not travelling or called_to.start() > travelling.start()):
        return "destination", PERSON  # "ik ga naar Turkije en bel daar 60 minuten naar Nederland": called there
    if mention.preposition in TARGET_PREPOSITIONS and FROM_THERE_BEFORE.search(before):
        return "destination", PERSON  # "als ik daar naar Nederland bel": called from there
    if calls and FROM_THERE_PERSON_BEFORE.search(before):
        return "destination", PERSON  # "vanuit daar mijn vriend in Zwitserland bellen": whom you call
    if mention.preposition in ORIGIN_PREPOSITIONS or BEING_THERE.search(before):
        return "location", STRONG_LOCATION
    if travelling:
        return "location", LOCATION  # "we gaan naar (familie in) Marokko" is a trip
    if PERSON_BEFORE.search(before):
        return "destination", PERSON
    if mention.preposition in TARGET_PREPOSITIONS:
        # "naar Kenia" without a call: a trip or a call, the conversation decides
        return ("destination", TARGET) if calls else (None, UNSURE)
    if mention.preposition in ("in", "op", "van", "at", "langs", "along", "door", "through", "around"):
        return "location", LOCATION  # "op cruise langs Italië", "backpacken door Thailand": the places of the trip
    return None, UNSURE


SENTENCE_ENDS = (". ", "? ", "! ")
# A trip in the past: "vorig jaar in Egypte", "last summer in Turkey"
PAST_TRIP = re.compile(r"\b(vorig\w*|afgelopen|toen(\s+ik)?|destijds|ooit|laatst|last|previous|ago|geleden)\s*"
                       r"(jaar|zomer|winter|keer|maand|week|vakantie|year|summer|winter|time|month|week|trip|holiday)?\b", re.I)


def _sentence_start(lowered: str, position: int) -> int:
    return max(lowered.rfind(mark, 0, position) for mark in SENTENCE_ENDS) + 1


def _sentence_of(lowered: str, position: int) -> str:
    """The sentence around ``position`` (from the last ". ", "? " or "! " before it to the next)."""
    start = _sentence_start(lowered, position)
    ends = [end for end in (lowered.find(mark, position) for mark in SENTENCE_ENDS) if end != -1]
    return lowered[start:min(ends) if ends else len(lowered)]


def _place_entities(text: str, lowered: str, cues: set[str]) -> list[Entity]:
    """Each country named, with its role where the message says it."""
    found = countries.find_countries_in_text(text)
    if not found:
        return []
    calls = bool(USAGE_CUES[1][1].search(lowered) or USAGE_CUES[2][1].search(lowered))
    best: dict[str, tuple[CountryMention, Optional[str], int]] = {}
    for mention in found:
        role, sure = _role(mention, lowered[:mention.start], calls)
        seen = best.get(mention.country.code)
        if seen is None or sure > seen[2]:
            best[mention.country.code] = (mention, role, sure)
    ordered = sorted(best.values(), key=lambda item: item[0].start)
    mentions = [item[0] for item in ordered]
    roles = {i: item[1] for i, item in enumerate(ordered)}
    sureness = {i: item[2] for i, item in enumerate(ordered)}
    route = len(mentions) >= 2 and all(ROUTE.fullmatch(lowered[mentions[i - 1].end:mentions[i].start])
                                       for i in range(1, len(mentions)))
    if route:  # "NL > Duitsland > Polen > Oekraïne": a route, the places the user will be at
        roles = {i: "location" for i in roles}
    for i in range(1, len(mentions)):  # "langs Italië en Griekenland": an enumeration shares its role
        if roles[i] is None and roles[i - 1] is not None \
                and ENUMERATION.fullmatch(lowered[mentions[i - 1].end:mentions[i].start]):
            roles[i] = roles[i - 1]
    reference = REFERENCE.search(lowered)
    if reference:  # "ik ga naar Thailand. Wat kost bellen daar?": the place before "daar" is where you are
        for i, mention in enumerate(mentions):
            if mention.end <= reference.start() and roles[i] in (None, "destination") and sureness[i] < PERSON \
                    and mention.preposition in TARGET_PREPOSITIONS + ("in", "op"):
                roles[i] = "location"
    past = [i for i, mention in enumerate(mentions) if PAST_TRIP.search(_sentence_of(lowered, mention.start))]
    if past and len(past) < len(mentions):
        # "volgende maand naar Thailand. Vorig jaar in Egypte kreeg ik een flinke rekening": the trip
        # asked about, not the one told
        for i in past:
            roles[i] = None
    located = [i for i, role in roles.items() if role == "location"]
    if calls and len(located) >= 2 and not route and not any(role == "destination" for role in roles.values()):
        # "ik zit in Rotterdam ... vader in Paramaribo", "op Tenerife ... vriend in Marokko": with a
        # call, the place you are surest to be at is where you are, the other whom you call
        here = max(located, key=lambda i: (sureness[i], -i))
        for i in located:
            if i != here:
                roles[i] = "destination"
    if calls and "from_home" in cues:
        for i, role in roles.items():
            if role is None and mentions[i].country.zone != Zone.NL:
                roles[i] = "destination"  # "van Nederland naar Turkije bellen"
    return [Entity("country", m.country.name_nl, _after_article(text, m.start, m.end), m.end, roles[i])
            for i, m in enumerate(mentions)]


ARTICLE = re.compile(r"(de|het|een|the|a)\s+", re.I)
# A name after a place preposition ("vanuit Wakanda", "in Narnia"); checked against the countries.
PLACE_NAMED = re.compile(r"\b(?:in|vanuit|uit|naar|vanaf|from|to)\s+(?P<name>[A-Z][a-zà-ÿ]{3,}(?:[ -][A-Z][a-zà-ÿ]+)?)")
# Capitalised words after those prepositions that are no place ("naar KPN", "in Hussel", "in April").
NOT_A_PLACE = re.compile(r"(kpn|hussel|kids|android|apple|google|play|app|store|iphone|ipad|samsung|pixel|mijnkpn|"
                         r"flitsmeister|spotify|extra|standaard|januari|februari|maart|april|mei|juni|juli|augustus|"
                         r"september|oktober|november|december|january|february|march|may|june|july|august|october|"
                         r"europa|europe|azie|asia|afrika|africa|amerika|america|zuid-amerika|noord-amerika|"
                         r"the|het|een|de|mijn|my|your)$", re.I)


def _unknown_places(text: str, places: list[Entity]) -> list[Problem]:
    """Names put where a country goes that are no country nor anything else the assistant knows
    ("wat kost bellen vanuit Wakanda?"), so it can say so instead of answering for nowhere."""
    found = []
    for match in PLACE_NAMED.finditer(text):
        name = match.group("name")
        start = match.start("name")
        if any(e.start <= start < e.end for e in places) or NOT_A_PLACE.match(name) \
                or countries.find_country(name).country is not None:
            continue
        found.append(Problem("country", "unknown_place", name))
    return found


ROUTE = re.compile(r"\s*(>|->|→|=>|-)\s*")
ENUMERATION = re.compile(r"\s*(,|en|and|of|or|&)\s*")


def _after_article(text: str, start: int, end: int) -> int:
    """"the Netherlands", "de VS": the span is the name, as for "the US" and "Spanje"."""
    article = ARTICLE.match(text, start, end)
    return article.end() if article and article.end() < end else start


def _home_entity(text: str) -> list[Entity]:
    match = HOME.search(text)
    if not match:
        return []
    return [Entity("country", "Nederland", match.start(2), match.end(2), "location")]


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


# --------------------------------------------------------------------------- quantities

ONE_CALL_OF = re.compile(r"\b(zo'?n|zulk|dat|die|dit|een|such\s+a|that|this|a)\s+(gesprek\w*|belletje\w*|call)\s+(van|of)\s+$",
                         re.I)
LONG_SPANS = re.compile(r"\b(dag|dagen|week|weken|maand|maanden|jaar|jaren|days?|weeks?|months?|years?)\b", re.I)


def _in_parentheses(text: str, position: int) -> bool:
    return text.rfind("(", 0, position) > text.rfind(")", 0, position)


# "4 keer 10 seconden", "twee gesprekken van 3 minuten", "4 calls of 10 seconds each": a count
# of calls with the length of each; the 30-second minimum applies per call.
CALL_COUNT = re.compile(rf"\b(?P<count>\d{{1,3}}|{quantities.NUMBER_WORD_PATTERN[2:-2]}|{quantities.ENGLISH_NUMBER_WORD_PATTERN[2:-2]})"
                        r"\s*(x|keer|maal|times|calls?|gesprek(ken|jes)?|belletjes?|telefoontjes?)\b", re.I)
EACH = re.compile(r"^\s*(per\s+(keer|gesprek|belletje|call|time)|elk|ieder|each|apiece)\b", re.I)
OF_EACH = re.compile(r"\b(van|of|à|a|(elke?|iedere?)\s+(keer|gesprek|belletje)|(each|every)\s+(time|call)|each|"
                     r"(steeds|telkens|elke\s+keer|iedere\s+keer))(\s+(duurt|duren|duurde|duurden|lasts?|lasted|takes?|took))?"
                     r"(\s+(zo'?n|ongeveer|ca\.?|maar|precies|exact|lasted|duurde))?"
                     r"[\s,:]*$", re.I)


def _call_count(text: str, duration: quantities.Quantity, language: str) -> int:
    """How many calls of this length the text names (1 when it names none)."""
    for match in CALL_COUNT.finditer(text):
        if match.end() > duration.span[0] + 40 or duration.span[0] - match.end() > 60:
            continue
        before_duration = text[match.end():duration.span[0]]
        each = EACH.match(text[duration.span[1]:]) or (match.end() <= duration.span[0] and OF_EACH.search(before_duration))
        if not each and not match.end() <= duration.span[0] <= match.end() + 3:
            continue
        raw = match.group("count")
        count = int(raw) if raw.isdigit() else (quantities.number_word_value(raw.lower(), language)
                                                or quantities.number_word_value(raw.lower(), "nl"))
        if count and 1 < count <= 100:
            return count
    return 1


# "7 dagen, elke dag 10 minuten", "2 weeks, 100 MB a day": a daily amount over a trip.
DAILY = re.compile(r"\b(elke|iedere)\s+dag\b|\bper\s+dag\b|\bdagelijks\b|\bevery\s+day\b|\ba\s+day\b|\bper\s+day\b|\bdaily\b", re.I)
TRIP = re.compile(rf"\b(?P<n>\d{{1,3}}|een|a|an|{quantities.NUMBER_WORD_PATTERN[2:-2]}|"
                  rf"{quantities.ENGLISH_NUMBER_WORD_PATTERN[2:-2]})\s*(?P<unit>dagen|dag|days?|weken|weeks?|week)\b", re.I)


def _days(text: str, language: str) -> int:
    """Days of a trip the text names when it gives an amount per day ("7 dagen, elke dag"); else 1."""
    if not DAILY.search(text):
        return 1
    match = TRIP.search(text)
    if not match:
        return 1
    raw = match.group("n").lower()
    n = int(raw) if raw.isdigit() else 1 if raw in ("een", "a", "an") else (
        quantities.number_word_value(raw, language) or quantities.number_word_value(raw, "nl") or 1)
    days = n * 7 if match.group("unit").lower().startswith("we") else n
    return days if 1 < days <= 366 else 1


THE_SAME_BEFORE = re.compile(r"\b(die|deze|dezelfde|those|these|the\s+same)\s+$", re.I)
# "a 10-second call", "20 more minutes", "nog 20 extra minuten": the unit joined by a dash, or
# a word between number and unit. Replaced by spaces (same length, so spans stay right).
COMPOUND_UNIT = re.compile(r"(?<=\d)-(?=(second|seconds|sec|minute|minutes|min|hour|hours|seconden|minuten|uur)\b)", re.I)
WORD_BEFORE_UNIT = re.compile(r"(?<=\d\s)(more|extra|additional|further|meer|andere)(?=\s+(minutes?|mins?|seconds?|secs?|hours?|"
                              r"texts?|sms|mb|gb|minuten|seconden|uur|sms'?jes)\b)", re.I)


def _joined_units(text: str) -> str:
    text = COMPOUND_UNIT.sub(" ", text)
    return WORD_BEFORE_UNIT.sub(lambda m: " " * len(m.group()), text)


# A rate quoted ("€1 a minute", "0,30 per sms"): no duration, volume or amount of the customer's own.
_MONEY = r"(€\s*\d+(?:[.,]\d+)?|\d+(?:[.,]\d+)?\s*(?:euro|eur|cent|ct)\b)"
RATE_BEFORE = re.compile(_MONEY + r"\s*(?:a|an|per|each|/|p\.?)?\s*$", re.I)
RATE_AFTER = re.compile(r"^\s*(euro|eur|cent|ct)?\s*(a|an|per|each|/|p\.?)\s*(minute|minuut|min|mb|gb|kb|sms|text|"
                        r"message|bericht|call|gesprek)\b", re.I)


def _quoted_rate(lowered: str, span: tuple[int, int], text: str) -> bool:
    """"€1 a minute": the quantity is the unit of a price, not an amount used."""
    before = lowered[max(0, span[0] - 20):span[0]]
    return bool(RATE_BEFORE.search(before)) and (bool(re.match(r"(a|an|een|één|per)\s", text.lower()))
                                                  or bool(re.search(r"(a|an|per|each|/|p\.?)\s*$", before)))


def _quantity_entities(text: str, problems: list[Problem], language: str) -> list[Entity]:
    """Durations (each with the verb of its clause), data volumes and sms counts."""
    text = _joined_units(text)
    lowered = text.lower()
    clauses = _clauses(lowered)
    days = _days(text, language)
    found: list[Entity] = []
    for duration in quantities.parse_all_durations(text, language):
        if isinstance(duration, quantities.QuantityError):
            problems.append(Problem("duration", duration.code, duration.text, duration.message))
            continue
        if LONG_SPANS.search(duration.text.lower()) or _in_parentheses(lowered, duration.span[0]) \
                or _quoted_rate(lowered, duration.span, duration.text):
            continue  # "3 weken" is a trip, "(90 sec)" repeats what came before, "€1 a minute" is a rate
        before = lowered[max(0, duration.span[0] - 30):duration.span[0]]
        if (ONE_CALL_OF.search(before) or THE_SAME_BEFORE.search(before)) \
                and any(e.entity == "duration" and Decimal(e.value) == duration.value for e in found):
            # "zo'n 10 minuten per keer. Wat kost zo'n gesprek van 10 minuten?", "maar 10 seconden gebeld,
            # betaal ik alleen die 10 seconden?": the same call again
            continue
        clause = next((c for s, e, c in clauses if s <= duration.span[0] < max(e, s + 1)), lowered)
        # the duration's own unit ("10 minuten") says nothing about who calls
        own = clause.replace(duration.text.lower(), " ")
        kind = _kind(own) or _kind_before(clauses, duration.span[0], lowered)
        if kind == "call" and NEUTRAL_CALL.fullmatch(own.strip()):
            kind = _kind_before(clauses, duration.span[0], lowered) or kind  # "... gebeld en dat gesprek duurt 2 min"
        role = "called" if kind == "called" or (kind is None and _kind(lowered) == "called") else "call"
        if _allowance_role(text, duration.span):  # "als mijn 150 minuten op zijn": the plan's minutes, no call
            found.append(Entity("duration", _decimal(duration.value), *duration.span, role="allowance"))
            continue
        calls = _call_count(text, duration, language) if role == "call" else 1
        found.append(Entity("duration", _decimal(duration.value * calls * days), *duration.span, role=role))
        if calls > 1:
            found.append(Entity("call_count", str(calls), *duration.span))
    for entity, parse_all in (("data_volume", quantities.parse_all_data_volumes),
                              ("sms_count", quantities.parse_all_sms_counts)):
        for quantity in parse_all(text, language):
            if isinstance(quantity, quantities.QuantityError):
                problems.append(Problem(entity, quantity.code, quantity.text, quantity.message))
                continue
            if entity == "sms_count" and (RECEIVED_BEFORE.search(lowered[max(0, quantity.span[0] - 30):quantity.span[0]])
                                          or RECEIVED_AFTER.match(lowered[quantity.span[1]:])
                                          or VOICE_MESSAGE.match(lowered[quantity.span[0]:quantity.span[1]])):
                continue  # "ik kreeg een sms dat ...", "een bericht inspreken": a message received, none sent
            role = _allowance_role(text, quantity.span)
            value = quantity.value * (days if role is None else 1)
            found.append(Entity(entity, _decimal(value), *quantity.span, role=role))
    sms = [e for e in found if e.entity == "sms_count"]
    if sms and all(e.role == "allowance" for e in sms):  # "all my 150 texts are used and I send 40 more"
        more = next((m for m in MORE_OF_THE_SAME.finditer(text) if not any(e.start <= m.start() < e.end for e in found)),
                    None)
        if more is not None:
            number = more.group("n1") or more.group("n2")
            found.append(Entity("sms_count", number, *more.span()))
    return found


# "ik kreeg een sms", "er kwam een sms binnen", "stuurt kpn een sms als ...", "een sms met een code", "verify with an
# sms": a message KPN sends (a notice, a code), no text the customer pays for
RECEIVED_BEFORE = re.compile(r"\b(krijg|krijgt|kreeg|kregen|krijgen|ontvang|ontvangt|ontving|gekregen|ontvangen|kwam|komt|"
                             r"stuurt|sturen\s+jullie|verstuurt|verifiëren|bevestigen|"
                             r"get|gets|got|receive|received|receiving|verify)\b(\s+\S+){0,4}\s*$", re.I)
RECEIVED_AFTER = re.compile(r"\s*(binnen|gehad|gekregen|ontvangen|krijg|krijgt|ontvang|(met\s+(daarin\s+)?(een\s+)?)?(verificatie)?code\b|"
                            r"van\s+kpn\b|about\s+(high|the|my)\b|dat\s+(ik|mijn|je|jouw|u|uw)\b)", re.I)
VOICE_MESSAGE = re.compile(r"(een|a|an)\s+(bericht|message)$", re.I)

# "en 40?", "of 15 dan": a number alone, counting what the question before counted
BARE_NUMBER = re.compile(r"^\s*(en|of|and|or|maar|but|stel|say|dus|so)?\s*(?P<n>\d{1,4})\s*(dan|then|stuks|keer)?\s*[?.!]*\s*$",
                         re.I)
# After an allowance that is used up, a bare number with "more" counts more of the same.
MORE_OF_THE_SAME = re.compile(r"\b(?P<n1>\d{1,4})\s+(more|extra|meer)\b|\bnog\s+(?P<n2>\d{1,4})\b", re.I)


# "Hussel 5 GB", "een 25 GB abonnement", "mijn 5 GB van vandaag is op": a volume that names a
# plan or an allowance, not a need
ALLOWANCE_BEFORE = re.compile(r"\b(hussel|(hussel|abonnement)\s+(met|van|with)|bundel\s+(met|van)|mijn|my|plan\s+with|"
                              r"(hussel|abonnement|bundel|plan|subscription)\s+\d+\s*(gb|mb)\s+(met|en|with|and))\s*$",
                              re.I)  # ... "Hussel 15 GB met 150 minuten": the plan's minutes too
ALLOWANCE_AFTER = re.compile(r"^\s*(abonnement|bundel|plan|sim|hussel|(van\s+vandaag\s+)?(is|zijn|was)\s+(al\s+)?op|"
                             r"(al\s+)?op\s+(is|zijn|raakt|raken|gaan)|"
                             r"(is|was)\s+(used\s+up|gone|finished))\b", re.I)


def _allowance_role(text: str, span: tuple[int, int]) -> Optional[str]:
    before, after = text[max(0, span[0] - 30):span[0]], text[span[1]:span[1] + 40]
    return "allowance" if ALLOWANCE_BEFORE.search(before) or ALLOWANCE_AFTER.search(after) else None


def _decimal(value: Decimal) -> str:
    return f"{Decimal(value).normalize():f}"


# --------------------------------------------------------------------------- money

PURCHASE_BEFORE = re.compile(r"\b(app|game|aankoop|kopen|koop|iets|\w*abonnement|film|purchase|buy|buying)\b(\s+\S+){0,2}\s*$|"
                             r"\b(eentje|één|een\s+andere|nog\s+een|one|another)\s+(van|of|for)\s*(€\s*)?$", re.I)
PURCHASE_AFTER = re.compile(r"^\s*(euro|eur|,-)?\s*(iets\s+|wat\s+|something\s+)?(kopen|bestellen|betalen\?|kost|purchase|buy)",
                            re.I)
SPENT_AFTER = re.compile(r"^[^,.?!\d]{0,25}\b(uitgegeven|besteed|betaald|gespendeerd|verbruikt|op|spent|paid|used)\b", re.I)
SPENT_BEFORE = re.compile(r"\b(al|heb|had|totaal|sta op|already|spent|paid)\b(\s+\S+){0,3}\s*$", re.I)
DEVICE_BEFORE = re.compile(r"\b(toestel|telefoon|telefoontje|tel|gsm|mobiel|mobieltje|smartphone|iphone|samsung|phone|"
                           r"device|waarde|kostte|gekocht|worth|cost|value)\b"
                           r"(\s+\S+){0,4}\s*$", re.I)
# "tot 300 euro per aankoop", "max 50 per purchase": a limit told or asked about, no money spent
LIMIT_BEFORE = re.compile(r"\b(tot|maximaal|max\.?|maximum|limiet|grens|up\s+to|limit|at\s+most)\s*(van\s+|of\s+)?(€\s*)?$",
                          re.I)
PER_PURCHASE_AFTER = re.compile(r"^\s*(euro|eur|,-)?\s*per\s+(aankoop|transactie|purchase|transaction)\b", re.I)
# "verzekering 800", "insurance for 700": the number after insurance words is the device's value
INSURED_BEFORE = re.compile(r"\b(\w*verzeker\w*|insur\w*)(\s+(voor|for|van|of))?(\s+(een|a|mijn|my))?\s*$", re.I)
# An amount per month ("18 euro per maand", "€ 18 p/m", "18 a month").
PER_MONTH_AFTER = re.compile(r"\s*(euro|eur|€)?\s*(per\s+maand|p/?m\b|p\.m\.|/\s*(maand|mnd|month)|in\s+de\s+maand|"
                             r"per\s+month|a\s+month|monthly)", re.I)
# "a 25 euro a month phone": the device named after its monthly amount.
MONTHLY_DEVICE_AFTER = re.compile(PER_MONTH_AFTER.pattern + r"\s+(phone|device|handset|toestel|telefoon)\b", re.I)
# Purchases asked about, not made: "kan dat?", "lukt dat", "can I", "is that possible".
PLANNED = re.compile(r"\b(kan|mag|lukt|gaat|past)\s+(dat|het|ik|dit)\b|\b(wil|ga)\s+ik\b|\b(can|could|may)\s+i\b|"
                     r"\b(is|would)\s+(that|this|it)\s+(possible|ok|okay|allowed)\b|\bmogelijk\b|\bwill\s+that\b", re.I)
DONE = re.compile(r"\b(gedaan|gekocht|betaald|uitgegeven|besteed|heb|had|did|made|bought|spent|paid|have|already|al)\b", re.I)
REPEATED_PURCHASES = re.compile(rf"\b(\d{{1,3}}|{quantities.ANY_NUMBER_WORD_PATTERN})\s*(?:x\s*)?(aankopen|apps?|games?|keer|betalingen|dingen|purchases|times|things)\s+"
                                r"(?:(?:gekocht|betaald|gedaan|afgerekend|bought|paid|made)\s+)?(van|à|a|voor|of|at)\b", re.I)
# "3 apps": a number that counts things is no amount of money
# "4g", "2-jarig", "100%": no money; "iphone 15", "galaxy s23": a model
NO_MONEY_AFTER = re.compile(r"([a-z]\b|-?jarig|\s*%|\s*procent|\s*percent)", re.I)
MODEL_BEFORE = re.compile(r"\b(iphone|ipad|galaxy|pixel|samsung|model|versie|version|ios|android)\s*[a-z]?\s*$", re.I)
COUNTED_NOUN = re.compile(r"\s*(?!(heb|had|uitgegeven|besteed|betaald|gespendeerd|verbruikt|al|deze|dit|in|met|op|bij|aan|"
                          r"en|of|euro|eur|spent|paid|already|this|in|on|and|or)\b)[a-z]{2,}", re.I)


def _amount_entities(text: str, taken: list[tuple[int, int]], problems: list[Problem], language: str) -> list[Entity]:
    """Euro amounts, each with what the words around it make of it."""
    euros = []
    for amount in quantities.parse_all_euro_amounts(text, language):
        if isinstance(amount, quantities.QuantityError):
            problems.append(Problem("amount", amount.code, amount.text, amount.message))
        else:
            euros.append(amount)
    # "ik heb 270 betaald": a bare number next to money words is money too
    bare = [c for c in quantities.parse_all_counts(text, language) if isinstance(c, quantities.Quantity)
            and not any(e.span[0] <= c.span[0] < e.span[1] for e in euros)
            and not any(s <= c.span[0] < e for s, e in taken)
            and not COUNTED_NOUN.match(text[c.span[1]:])
            and not NO_MONEY_AFTER.match(text[c.span[1]:]) and not MODEL_BEFORE.search(text[:c.span[0]])]
    amounts = sorted(euros + bare, key=lambda a: a.span[0])
    lowered = text.lower()
    found: list[Entity] = []
    repeated = REPEATED_PURCHASES.search(lowered)
    if repeated:  # "3 aankopen van 49,99": what was spent is 3 x 49,99
        times = quantities.any_number_value(repeated.group(1).lower()) or 0
        if times < 2:  # "een app van 30 euro": one purchase, no count of them
            repeated = None
    if repeated:
        each = next((a for a in amounts if a.span[0] >= repeated.start(3)), None)
        if each is not None and times <= 1000 and PLANNED.search(lowered) and not DONE.search(lowered):
            # "7 aankopen van 45 euro, kan dat?": purchases to come, each and how many
            found.append(Entity("amount", _decimal(each.value), *each.span, "purchase"))
            found.append(Entity("purchase_count", str(times), repeated.start(), repeated.end()))
            amounts = [a for a in amounts if a is not each and not (repeated.start() <= a.span[0] < each.span[1])]
        elif each is not None and times <= 1000:
            found.append(Entity("amount", _decimal(times * each.value), repeated.start(), each.span[1], "spent"))
            amounts = [a for a in amounts if a is not each and not (repeated.start() <= a.span[0] < each.span[1])]
    for amount in amounts:
        before, after = lowered[max(0, amount.span[0] - 40):amount.span[0]], lowered[amount.span[1]:]
        is_euro = amount in euros
        if RATE_AFTER.match(after):
            continue  # "calls cost €1 a minute": a rate quoted, no amount of the customer's
        if LIMIT_BEFORE.search(before) and PER_PURCHASE_AFTER.match(after):
            found.append(Entity("amount", _decimal(amount.value), *amount.span, role="limit"))
            continue
        if SPENT_AFTER.search(after):
            role = "spent"
        elif PURCHASE_BEFORE.search(before):
            role = "purchase"
        elif DEVICE_BEFORE.search(before) and PER_MONTH_AFTER.match(after) or MONTHLY_DEVICE_AFTER.match(after):
            role = "device_monthly"  # "een toestel van 18 euro per maand": the instalment, not its value
        elif DEVICE_BEFORE.search(before) or INSURED_BEFORE.search(before):
            role = "device_value"
        elif SPENT_BEFORE.search(before):
            role = "spent"
        elif PURCHASE_AFTER.search(after):
            role = "purchase"
        elif is_euro:
            role = None
        else:
            continue  # a bare number with no money word near it is no amount
        found.append(Entity("amount", _decimal(amount.value), *amount.span, role=role))
    return _purchases_listed(lowered, found)


# "35,00, 49,99 en 20,00 euro": what joins the amounts of one list
LIST_GLUE = re.compile(r"\s*(euro|eur|€)?\s*(,|\ben\b|\band\b|\+|\bplus\b|&)\s*(€\s*)?", re.I)
PURCHASED = re.compile(r"\b(gekocht|kocht|betaald|uitgegeven|besteed|afgerekend|bought|spent|paid|purchased)\b", re.I)


def _purchases_listed(text: str, found: list[Entity]) -> list[Entity]:
    """"gekocht: 35,00, 49,99 en 20,00 euro": purchases made, listed one after the other, are
    what was spent, added up (a list of purchases asked about is left to each amount)."""
    merged: list[Entity] = []
    for entity in sorted(found, key=lambda e: e.start):
        last = merged[-1] if merged else None
        if last is not None and entity.entity == last.entity == "amount" and {last.role, entity.role} <= {None, "spent"} \
                and LIST_GLUE.fullmatch(text[last.end:entity.start]) and _said_bought(text, last.start, entity.end):
            merged[-1] = Entity("amount", _decimal(Decimal(last.value) + Decimal(entity.value)), last.start,
                                entity.end, "spent")
        else:
            merged.append(entity)
    return merged


def _said_bought(text: str, start: int, end: int) -> bool:
    """Does the sentence of a list say its things were bought ("gekocht: ..."), not to be bought?"""
    opening = max(text.rfind(mark, 0, start) for mark in ".?!\n") + 1
    closing = min([i for i in (text.find(mark, end) for mark in ".?!\n") if i >= 0] or [len(text)])
    return bool(PURCHASED.search(text[opening:closing]))


# --------------------------------------------------------------------------- the rest

COVERAGE_CUES = (("standaard", re.compile(r"\b(zonder|geen|niet\s+tegen|without|no)\s+(dekking\s+(voor|tegen)\s+)?"
                                          r"(diefstal|verlies|theft|loss)\b|"
                                          # "diefstal hoeft niet", "theft isn't needed"
                                          r"\b(diefstal|verlies|theft|loss)(\s+(en|of|or|and)\s+(diefstal|verlies|theft|loss))?"
                                          r"\s+(hoeft\s+niet|hoef\s+ik\s+niet|is\s+niet\s+nodig|niet\s+nodig|"
                                          r"is\s+not\s+needed|isn'?t\s+needed|not\s+needed|i\s+don'?t\s+need)\b", re.I)),
                 # "zonder diefstal": Standaard
                 ("extra", re.compile(r"\b(diefstal|gestolen|gejat|gepikt|verlies|verliezen|kwijt|kwijtraken|theft|stolen|lost(?!(\s+\S+){0,2}\s+op\b)|loss)\b"
                                      r"|\b\w*(verzeker|insur)\w*\b.*\bextra\b|\bextra\b.*\b\w*(verzeker|insur)\w*", re.I)),
                 ("standaard", re.compile(r"\b(standaard|alleen\s+schade|standard|only\s+damage|basic|"
                                          r"(just|only)\s+(drops?|damage)|alleen\s+(val|vocht|water)\w*)\b|"
                                          r"\bbasis(?=\s*(verzekering|toestelverzekering|dekking|cover))", re.I)))
# Theft or loss names the Extra cover only where the message is about insurance; elsewhere it
# is what happened ("mijn telefoon is gestolen, hoe blokkeer ik mijn sim?").
INSURANCE_CONTEXT = re.compile(r"\b(\w*verzeker\w*|\w*insur\w*|dek\w*|gedekt|cover\w*|vergoed\w*|premie\w*|schade\w*|"
                               r"toestelveilig\w*|extra|standaard|claim\w*|reimburs\w*|compensat\w*|pays?\s+out)\b", re.I)
INSURANCE_NAMED = re.compile(r"\b\w*(verzeker|insur)\w*|\bdekking\b|\bcover(age)?\b", re.I)
# "standaard betaalmethode", "5g standaard": a default, no insurance cover
NOT_A_COVER = re.compile(r"\b(betaal\w*|payment|pay|methode|method|[45]g|instelling\w*|setting\w*)\b", re.I)
CUSTOMER_CUES = (("een_mkb", re.compile(r"\b(een\s*mkb|mkb)\b", re.I)),
                 ("kleinzakelijk", re.compile(r"\b(klein\s*zakelijk\w*|zzp|small\s+business)\b", re.I)),
                 ("prepaid", re.compile(r"\b(prepaid|prepiad|prepayed|pre-paid|beltegoed|pay\s+as\s+you\s+go)\b", re.I)))


def _default_setting(text: str, cover: Entity) -> bool:
    """"standaard betaalmethode", "5g staat standaard aan": a default next to the word, no cover
    (unlike "wat betaal ik in totaal voor de standaard verzekering")."""
    return bool(re.match(rf"\s*(\S+\s+)?{NOT_A_COVER.pattern}", text[cover.end:], re.I)
                or re.search(rf"{NOT_A_COVER.pattern}(\s+\S+)?\s*$", text[:cover.start], re.I))


def _cue_entities(entity: str, cues, text: str, every: bool = False) -> list[Entity]:
    """The first value whose words the text has; `every`: each value it has, in text order
    ("EEN MKB op de zaak en mijn zoon heeft Prepaid")."""
    found = []
    for value, pattern in cues:
        match = pattern.search(text)
        if match:
            # "de extra verzekering": the span is the name ("extra"), not the words around it
            named = re.search(rf"\b{re.escape(value)}\b", match.group(), re.I)
            start, end = (match.start() + named.start(), match.start() + named.end()) if named and \
                match.group().lower() != value else match.span()
            found.append(Entity(entity, value, start, end))
            if not every:
                break
    return sorted(found, key=lambda e: e.start)


def _platform_entities(text: str) -> list[Entity]:
    mention = kpn_pay.platform_mention(text)
    return [Entity("platform", *mention)] if mention else []


# "wat kostte dat in 2020": a year alone names its last day (the price list then valid).
YEAR = re.compile(r"\b(in|sinds|during)\s+((?:19|20)\d\d)\b(?![-/.,]\d)"
                  r"(?!\s*(euro|eur|€|,-|gb|mb|kb|min|minuten|sms|seconden|sec|\d))", re.I)


def _date_entities(text: str, today: date, problems: list[Problem], language: str) -> list[Entity]:
    found = []
    for match in YEAR.finditer(text):
        found.append(Entity("date", f"{match.group(2)}-12-31", match.start(2), match.end(2)))
    for parsed in dates.find_datetimes(text, today, language):
        if isinstance(parsed, dates.ParsedDate):
            if not any(e.start <= parsed.span[0] < e.end or parsed.span[0] <= e.start < parsed.span[1] for e in found):
                found.append(Entity("date", parsed.value.isoformat(), *parsed.span))
        else:
            problems.append(Problem("date", parsed.code, text[parsed.span[0]:parsed.span[1]] if parsed.span else "",
                                    parsed.message))
    # "vandaag (17 juni)": the day in brackets says which day the customer means
    found.sort(key=lambda e: e.start)
    return [e for i, e in enumerate(found)
            if not (i + 1 < len(found) and RESTATED_BY_BRACKETS.fullmatch(text[e.end:found[i + 1].start]))]


RESTATED_BY_BRACKETS = re.compile(r"\s*\(\s*")


# A sentence about the language of the conversation: "Kun je verder in het Nederlands?",
# "English please", "sorry, I don't speak Dutch" (the other one), "mijn Engels is slecht".
LANGUAGE_NAMES = {"nederlands": "nl", "dutch": "nl", "engels": "en", "english": "en"}
LANGUAGE_NAME = re.compile(r"\b(nederlands|dutch|engels|english)\b", re.I)
LANGUAGE_ASK = re.compile(r"\b(graag|verder|spreek|spreekt|spreken|praat|praten|antwoord\w*|schrijf|begrijp\w*|help|"
                          r"alsjeblieft|please|switch|continue|answer|reply|speak|talk|chat|write|understand)\b|"
                          r"^\W*\w+\W*$", re.I)
LANGUAGE_CANNOT = re.compile(r"\b(niet|geen|slecht|bad|poor|not|don'?t|doesn'?t|can'?t|cannot|isn'?t)\b", re.I)
LANGUAGE_REQUEST_WORDS = 12


def language_request(sentence: str) -> Optional[str]:
    """The language a short sentence asks for, or None when it asks for none."""
    names = {LANGUAGE_NAMES[m.group(1).lower()] for m in LANGUAGE_NAME.finditer(sentence)}
    cannot = LANGUAGE_CANNOT.search(sentence)
    if len(names) != 1 or len(sentence.split()) > LANGUAGE_REQUEST_WORDS or not (cannot or LANGUAGE_ASK.search(sentence)):
        return None
    named = names.pop()
    if cannot:
        return "en" if named == "nl" else "nl"  # "I don't speak Dutch", "mijn Engels is slecht"
    return named


def _sentences(text: str) -> list[str]:
    return [m.group().strip() for m in SENTENCE.finditer(text) if m.group().strip()]


def _language(text: str) -> Language:
    guess = languages.detect(text)
    requested = next((found for found in map(language_request, _sentences(text)) if found), None)
    return Language(guess.language, guess.clear, guess.greeting, requested)


def read(text: str, today: date) -> Reading:
    """The entities, cues and language of one message."""
    text = (text or "")[:MAX_READ_CHARS]
    language = _language(text)
    parse_as = language.code if language.code in ("nl", "en") else "nl"
    personal = find_personal_data(text)
    # a phone number, IBAN or e-mail address is no quantity, amount, date or place
    text = _blank(text, [(span.start, span.end) for span in personal])
    lowered = text.lower()
    cues = _cues(text, lowered)
    problems: list[Problem] = []
    entities: list[Entity] = []
    places = _place_entities(text, lowered, cues)
    problems += _unknown_places(text, places)
    if not any(e.value == "Nederland" for e in places):
        places += _home_entity(text) if places or "from_home" in cues else []
    instead = NOT_X_BUT.match(lowered)
    if instead:  # "niet Spanje maar Portugal": only what comes after "maar" counts
        places = [e for e in places if e.start >= instead.end()]
    if not any(e.value != "Nederland" for e in places) and _kind(lowered) is None:
        # "de winkel in Utrecht", "storing in Groningen": a Dutch town with no call, text or data
        # abroad in sight says nothing about where the customer uses the phone
        places = [e for e in places if NETHERLANDS_NAMED.fullmatch(text[e.start:e.end])]
    meant = [e for e in places if not NEGATED.search(text[max(0, e.start - 12):e.start])
             and not INSTEAD_OF.search(text[max(0, e.start - 20):e.start])]
    if meant and len(meant) < len(places):  # "we gaan naar Tunesië, niet Marokko": the other one
        places = meant
    entities += places
    without_places = _blank(text, [(e.start, e.end) for e in places])
    usages = _usage_entities(without_places.lower())
    if any(e.value == "call" and DURATION_UNIT.fullmatch(without_places[e.start:e.end].lower()) for e in usages):
        cues.add("minutes_only")  # "en voor 20 minuten?": minutes, of calling or of being called
    entities += usages
    quantities_found = _quantity_entities(without_places, problems, parse_as)
    days = _date_entities(text, today, problems, parse_as)
    # "2 uur bellen" is an hour count, "om 2 uur bellen" a time of day: of a duration and a
    # time on the same words, the longer reading wins (the duration when they are equal).
    durations = [(e.start, e.end) for e in quantities_found if e.entity in ("duration", "call_count")]
    days = [e for e in days if not any(start <= e.start and e.end <= end for start, end in durations)]
    quantities_found = [e for e in quantities_found if e.entity not in ("duration", "call_count") or not any(
        d.start <= e.start and e.end <= d.end and d.end - d.start > e.end - e.start for d in days)]
    entities += quantities_found
    entities += days
    taken = [(e.start, e.end) for e in quantities_found + days]
    entities += _amount_entities(without_places, taken, problems, parse_as)
    entities += _platform_entities(text)
    if len(kpn_pay.platforms_named(text)) == 2:
        cues.add("both_platforms")  # "op een iPhone en op Android": no one platform, both
    term = aspects.term_months(text)
    if term:
        entities.append(Entity("term", str(term[0]), term[1], term[2]))
    period = aspects.period_months(text)
    if period:
        entities.append(Entity("period", str(period[0]), period[1], period[2]))
        # "hoeveel ben ik over twee jaar kwijt": a sum over two years, no date two years from now
        entities = [e for e in entities if e.entity != "date" or not period[1] <= e.start < period[2]]
    kids = aspects.kids_lines(text)
    if kids:
        entities.append(Entity("line_count", str(kids[0]), kids[1], kids[2]))
    size = aspects.bundle_size(text)
    if size:
        entities.append(Entity("bundle_size", str(size[0]), size[1], size[2]))
    for cover in _cue_entities("coverage", COVERAGE_CUES, text):
        if cover.value == "standaard" and (_default_setting(text, cover)
                                           or NOT_A_COVER.search(text) and not INSURANCE_NAMED.search(text)):
            continue  # "is kpn pay nu de standaard?", not "wat betaal ik voor de standaard verzekering"
        # the cue's span is "extra" where the message names the cover, else the theft or loss word
        if cover.value == "extra" and text[cover.start:cover.end].lower() != "extra" \
                and not INSURANCE_CONTEXT.search(text):
            cues.add("theft_or_loss")  # "mijn telefoon is gestolen": an incident; the dialogue keeps it
            continue
        entities.append(cover)
    entities += _cue_entities("customer_type", CUSTOMER_CUES, text, every=True)
    bare = BARE_NUMBER.match(text)
    if bare and not entities:  # "en 40?": so many of what was just counted (the dialogue knows what)
        entities.append(Entity("count", bare.group("n"), bare.start("n"), bare.end("n")))
    if "correction" in cues:  # "ik bedoel bellen, niet sms'en": what follows "niet" is not meant
        entities = [e for e in entities if not NEGATED.search(text[max(0, e.start - 12):e.start])]
    if personal:
        cues.add("personal_data")
    if {"markup", "no_words"} & cues:
        language = Language()  # code or symbols say nothing about the conversation's language
    return Reading(entities=tuple(sorted(entities, key=lambda e: (e.start, e.entity))),
                   cues=frozenset(cues), problems=tuple(problems), language=language)


# --------------------------------------------------------------------------- long messages

# A sentence ends at . ! ? or a line break; a point between digits ("3.96", "1.250") does not end it.
SENTENCE = re.compile(r"(?:[^.!?\n]|(?<=\d)[.](?=\d))+[.!?]*", re.M)
QUESTION_START = re.compile(r"^\s*(wat|hoe|hoeveel|waarom|wanneer|waar|welke|wie|kan|kun|kunnen|mag|moet|is|zijn|heb|"
                            r"krijg|werkt|geldt|klopt|betaal|zou|what|how|why|when|where|which|who|can|could|do|does|"
                            r"is|are|will|would|should|am)\b", re.I)
REQUEST = re.compile(r"\b(ik\s+wil\s+(graag\s+)?(weten|graag)|graag\s+(weten|hulp)|help\s+me|i\s+want\s+to\s+know|"
                     r"i\s+would\s+like|please\s+tell|leg\s+uit|vertel)\b", re.I)
POINTS_BACK = re.compile(r"\b(dat|dit|die|deze|daar|daarvoor|daarmee|that|this|it|there|those)\b", re.I)
LONG_MESSAGE_WORDS = 30
ENOUGH_CONTEXT_WORDS = 12  # a sentence this long before a question that points back is context enough
SHORT_QUESTION_WORDS = 6


def _names_a_place_abroad(sentence: str) -> bool:
    return any(mention.country.name_nl != "Nederland" for mention in countries.find_countries_in_text(sentence))


def focus(text: str) -> str:
    """The part of a long message that asks something: a customer who tells a story ("ik
    ben op vakantie in Turkije, gisteren werkte mijn internet nog, ...") and then asks a
    question is answered on the question. The last sentence that asks something (a question
    mark, a question word, a request), with the sentence before it when it is short ("Wat
    nu?") or points back to it ("Wat kost dat?"), with the two sentences before it. Short messages, and long ones without a question, stay as they are."""
    sentences = _sentences(text)
    asks_more = [sentence for sentence in sentences if not language_request(sentence)]
    if asks_more and len(asks_more) < len(sentences):  # "Kun je verder in het Nederlands? Wat kost 2 GB?"
        text, sentences = " ".join(asks_more), asks_more
    if len(text.split()) < LONG_MESSAGE_WORDS:
        return text
    if len(sentences) < 2:
        return text
    asking = [i for i, sentence in enumerate(sentences)
              if sentence.endswith("?") or QUESTION_START.match(sentence) or REQUEST.search(sentence)]
    if not asking:
        return text
    last = asking[-1]
    # "Wat kost dat?", "Kan ik daar bellen?" point back; "Welke bundels zijn er voor Kenia en wat kosten
    # die?" names its own place
    refers_back = len(sentences[last].split()) < SHORT_QUESTION_WORDS \
        or _points_back(sentences[last]) and not _names_a_place_abroad(sentences[last])
    if not refers_back:
        return sentences[last]
    # the sentences before it that say something, past any that only vent ("Wat is dit voor service."):
    # the nearest, and the one before it too when the nearest says little
    told: list[int] = []
    for i in range(last - 1, max(-1, last - 4), -1):
        if _vents(sentences[i]):
            continue
        told.insert(0, i)
        if len(told) == 2 or sum(len(sentences[j].split()) for j in told) >= ENOUGH_CONTEXT_WORDS:
            break
    return " ".join([sentences[i] for i in told] + [sentences[last]])


# A sentence that only vents: anger, or the customer's loyalty or the service judged, and nothing
# a question could be about (no number, no product or use named).
LOYALTY_OR_SERVICE = re.compile(r"\b(wat\s+is\s+dit\s+voor|zo\s+ga\s+je\s+(niet\s+)?met|\w+\s+jaar\s+klant|"
                                r"klantvriendelijk\w*|service|what\s+kind\s+of|customer\s+for\s+\w+\s+years|loyal)\b", re.I)
TOPIC_WORDS = re.compile(r"\b(\w*bundel\w*|abonnement\w*|abo|hussel|\w*gb|mb|minuten|\w*bel\w*|sms\w*|internet|data|"
                         r"kpn\s*pay|factuur|rekening|verzekering|toestel|telefoon|app\s*store|play\s*store|aankopen|aankoop|"
                         r"purchases?|opties?|options?|"
                         r"bundle|plan|subscription|calls?|texts?|bill|invoice|insurance|phone)\b", re.I)


def _points_back(sentence: str) -> bool:
    """A word that points back to the story: "wat kost dat?", "hoe zet ik die aan?"; not one that
    only goes with the thing it names ("onder welk kopje vind ik die aankopen op mijn factuur?")."""
    return any(not TOPIC_WORDS.match(sentence[m.end():].lstrip()) for m in POINTS_BACK.finditer(sentence))


def _vents(sentence: str) -> bool:
    lowered = sentence.lower()
    return bool(LOYALTY_OR_SERVICE.search(lowered) or aspects.ASPECTS["anger"].search(lowered)) \
        and not re.search(r"\d", lowered) and not TOPIC_WORDS.search(lowered)


# ", en hoe zet ik die uit?": a second question joined to the first within one sentence
JOINED_QUESTION = re.compile(r",\s+(?:en|and)\s+(?=(?:hoe|wat|waar|wanneer|welke|waarom|hoeveel|kan|kun|mag|moet|"
                             r"how|what|where|when|which|why|can|could|do|does|is|are)\b)|"
                             # "wat kost het Kids abonnement, en betalen we aansluitkosten?": a yes/no question joined
                             r",\s+(?:en|and)\s+(?=(?:betaal|betalen|krijg|krijgen|geldt|gelden|werkt|werken|zit|zitten|"
                             r"heb|hebben|wordt|worden|telt|tellen|valt|vallen|will|would|should)\s+"
                             r"(?:ik|je|jij|we|wij|u|ze|zij|hij|het|dat|die|er|i|you|they|it|there)\b)|"
                             # "wat zijn de aansluitkosten, wat kost 5G erbij en wat kost Spotify?"
                             r",\s+(?=(?:wat|hoeveel|what|how\s+much)\s+(?:kost|kosten|is|zijn|betaal|costs?|is|are|does)\b)|"
                             r"\s+(?:en|and)\s+(?=(?:wat|hoeveel|what|how\s+much)\s+(?:kost|kosten|betaal|costs?|does)\b)|"
                             # "hoe vaak mag ik mijn abbo aanpassen en wat is de opzegtermijn"
                             r"\s+(?:en|and)\s+(?=(?:wat|what)\s+(?:is|zijn|are)\s+(?:de|het|mijn|m'n|mn|je|the|my)\s+\w+)|"
                             # "welke bundels zijn er en hoe lang zijn die geldig?"
                             r"\s+(?:en|and)\s+(?=(?:hoe\s+lang|hoelang|hoe\s+vaak|wanneer|waar|how\s+long|how\s+often|when|where)\s+"
                             r"(?:\w+\s+){1,}\w+)", re.I)
# A question that only points back ("wat kost dat?", "and what does it cost?"): part of the one before.
_TOTAL_WORDS = r"samen|in\s+totaal|totaal|bij\s+elkaar|opgeteld|together|in\s+total|altogether"
BACK_ONLY = re.compile(r"(en\s+|and\s+)?(wat|hoeveel|what|how\s+much)\s+(kost|kosten|is|does|scheelt|bespaar\s+ik|save)\s+"
                       rf"(dat|dit|het|die|that|it|this|me|i)(\s+(dan|then|cost|eigenlijk|ongeveer|me|{_TOTAL_WORDS}))*\s*\??",
                       re.I)
TOTAL_ASKED = re.compile(rf"\b({_TOTAL_WORDS})\b", re.I)
# "en hoeveel goedkoper is Kids?", "and how much cheaper is that?": the things of the question before, compared
DIFFERENCE_ONLY = re.compile(r"(en\s+|and\s+)?(hoeveel|how\s+much)\s+(goedkoper|duurder|voordeliger|cheaper|"
                             r"more\s+expensive|dearer)\s+(is|zijn|ben\s+ik|am\s+i|are|would|will)\b[^?.!]{0,40}\??",
                             re.I)
# "2 vraagjes:", "Two questions:", "drie dingen:": a label before the questions, no part of them
QUESTIONS_LABEL = re.compile(r"^\s*(\d+|twee|drie|two|three|een\s+paar|a\s+few|paar)\s+(vraagjes|vragen|dingen|questions|things)"
                             r"\s*[:,.-]\s*", re.I)
MAX_QUESTION_PARTS = 3
MIN_QUESTION_WORDS = 3
MIN_SPLIT_WORDS = 10


def _question_units(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, asks) of each sentence; a sentence of two joined questions is two."""
    units = []
    for m in SENTENCE.finditer(text):
        sentence = m.group()
        if not sentence.strip():
            continue
        label = QUESTIONS_LABEL.match(sentence)
        opening = sentence[label.end():] if label else sentence
        # a chat's last sentence that opens as a question asks one, question mark or not
        asks = sentence.rstrip().endswith("?") or (
            m.end() >= len(text.rstrip()) and not sentence.rstrip().endswith((".", "!"))
            and bool(QUESTION_START.match(re.sub(r"^(en|and|maar|but|of|or)\s+", "", opening.strip(), flags=re.I))))
        joints = list(JOINED_QUESTION.finditer(sentence)) if asks and QUESTION_START.match(opening.strip()) else []
        if TOTAL_ASKED.search(sentence):  # "wat kost X, wat kost Y en hoeveel is dat samen?": one question
            joints = [joint for joint in joints if joint.group().lstrip(",").strip().lower() in ("en", "and")]
        cuts = [0] + [j for joint in joints for j in (joint.start(), joint.end())] + [len(sentence)]
        pieces = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]
        if len(pieces) > 1 and all(len(sentence[a:b].split()) >= MIN_QUESTION_WORDS
                                   and not BACK_ONLY.fullmatch(sentence[a:b].strip()) for a, b in pieces):
            units += [(m.start() + a, m.start() + b, True) for a, b in pieces]
        else:
            units.append((m.start(), m.end(), asks))
    return units


# The question before, asked again for someone or something else ("zij ook?", "dezelfde datum?", "same for him?").
SAME_AGAIN = re.compile(r"\b(zij|hij|die|dat|het|ze)\s+ook\b|\bdezelfde\b|\bhetzelfde\b|\bthe\s+same\b|"
                        r"\b(she|he|they|it)\s+(too|as\s+well)\b|\bsame\s+for\b", re.I)


def question_parts(text: str) -> list[str]:
    """The questions of a long message: a customer who writes one long message with two or
    three questions gets each answered, in turn. The first part holds the story told before
    its question, each later one what was written since the question before it, the last one
    also what follows it (a greeting, a signature). A question is a sentence that ends with a
    question mark (at least three words; not a request for another language); ", en hoe ...?"
    joins two. A message of fewer than ten words, and one with one question, is one part.

    >>> question_parts("Mijn zoon koopt steeds games in de Play Store, alles komt op mijn KPN rekening en "
    ...                "ik schrok van het bedrag. Hoeveel kan hij per maand uitgeven, en hoe zet ik dat uit?")
    ['Mijn zoon koopt steeds games in de Play Store, alles komt op mijn KPN rekening en ik schrok van het bedrag. Hoeveel kan hij per maand uitgeven?', 'hoe zet ik dat uit?']
    """
    if len(text.split()) < MIN_SPLIT_WORDS:
        return [text]
    units = _question_units(text)
    asking = [n for n, (start, end, asks) in enumerate(units)
              if asks and len(text[start:end].split()) >= MIN_QUESTION_WORDS
              and not language_request(text[start:end].strip())]
    # "..., zij ook per dezelfde datum?": the question before asked again for someone else, one question
    # ... and "Hoeveel scheelt dat?", "Wat kost dat dan?": the question before, asked on
    asking = [n for i, n in enumerate(asking) if i == 0 or not SAME_AGAIN.search(text[units[n][0]:units[n][1]])
              and not BACK_ONLY.fullmatch(text[units[n][0]:units[n][1]].strip())
              and not DIFFERENCE_ONLY.fullmatch(text[units[n][0]:units[n][1]].strip())]
    asking = asking[:MAX_QUESTION_PARTS]
    if len(asking) < 2:
        return [text]
    parts, start = [], 0
    for number, unit in enumerate(asking):
        last = number == len(asking) - 1
        end = len(text) if last else units[unit][1]
        part = text[start:end].strip()
        parts.append(part if last or part.endswith("?") else part + "?")
        start = units[unit + 1][0] if unit + 1 < len(units) else end
    return parts
