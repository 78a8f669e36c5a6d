"""Which country (and so which roaming zone) does the user mean?

Country names come from Babel (Dutch + English territory names); ``data/countries.yml``
adds aliases in both languages ("Holland", "the States", "Dubai", "a Turkish number") and
special regions (Turkish Cyprus, Alaska, Azoren, Bonaire, ...). The zones (Roam like Home
= NL/EU, Voordeellanden, everything else Overige landen, Satelliet) are facts of each price
list (``zones.yml`` of the version in use, see ``knowledge.price_lists``): a Country's
``zone`` follows the price list in use. Lookups ignore case, accents and punctuation and
tolerate typos (difflib) only after an exact lookup failed. A mention in a sentence keeps the
Dutch or English preposition before it ("vanuit", "naar", "from", "to", "in");
``CountryMention.role`` reads it as origin, destination or location.
"""
from __future__ import annotations

import dataclasses
import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

import babel

from knowledge.errors import DataFileError, UnknownCountryError
from knowledge.loader import display_path, load, path_for
from knowledge.price_lists import per_version


class Zone(str, Enum):
    """Tariff zones of the price list (NL = at home)."""

    NL = "NL"
    NL_EU = "NL_EU"
    VOORDEEL = "VOORDEEL"
    OVERIG = "OVERIG"
    SATELLIET = "SATELLIET"


@dataclass(frozen=True)
class Country:
    """A country or special region.

    ``parent`` is the code of the country a region belongs to; ``see_also`` codes the user
    may have meant instead (Cyprus <-> Turkish Cyprus, Sint Maarten <-> Saint Martin); ``name_en`` the English
    name (Babel's, or the one countries.yml gives a region or a display name).
    ``zone`` and ``note`` (the price list's own qualifier, e.g. 'Grieks deel') come from the
    price list in use, so the same Country answers for the list valid on the day asked about.
    """

    code: str
    name_nl: str
    parent: str | None = None
    see_also: tuple[str, ...] = ()
    name_en: str | None = None

    @property
    def zone(self) -> Zone:
        """The zone the price list in use puts this place in (not listed: Overige landen)."""
        return _membership().zones.get(self.code, Zone.OVERIG)

    @property
    def note(self) -> str | None:
        """The price list's qualifier for this place ('Grieks deel'), if it gives one."""
        return _membership().notes.get(self.code)


@dataclass(frozen=True)
class CountryMatch:
    """Result of ``find_country``: ``country`` or up to 3 ``suggestions`` (Dutch names)."""

    query: str
    country: Country | None
    suggestions: tuple[str, ...] = ()
    fuzzy: bool = False


@dataclass(frozen=True)
class CountryMention:
    """A country found in a sentence; ``start``/``end`` are character offsets in the text."""

    country: Country
    start: int
    end: int
    text: str
    preposition: str | None
    fuzzy: bool = False

    @property
    def role(self) -> str | None:
        """What the preposition makes of the place: "origin" ("vanuit Turkije", "from the
        US"), "destination" ("naar Marokko", "to the Netherlands"), "location" ("in Spanje",
        "at sea") or None (no preposition, or one that says neither: "met", "via", "for").

        >>> [m.role for m in find_countries_in_text("calling from the US to the Netherlands")]
        ['origin', 'destination']
        """
        return PREPOSITION_ROLES.get(self.preposition or "")


# Linguistic glue, not price-list facts.
PREPOSITIONS = frozenset({"in", "naar", "vanuit", "van", "uit", "op", "met", "via", "vanaf",
                          "binnen", "buiten", "richting", "door", "aan", "bij", "rond", "tussen",
                          "from", "to", "at", "on", "into", "inside", "outside", "within", "towards",
                          "toward", "through", "across", "around", "near", "between", "for", "aboard",
                          "langs", "along"})
PREPOSITION_ROLES = {
    **dict.fromkeys(("vanuit", "uit", "vanaf", "van", "from"), "origin"),
    **dict.fromkeys(("naar", "richting", "to", "towards", "toward", "into"), "destination"),
    **dict.fromkeys(("in", "op", "binnen", "bij", "at", "on", "inside", "within", "aboard", "langs", "along"),
                    "location"),
}
_ARTICLES = frozenset({"de", "het", "een", "t", "the", "a", "an"})
# Ordinary Dutch and English words never typo-matched to a country (some are close to one:
# polen/palen, hungry/hungary). The English ones: demonyms, words of this domain, and those
# of the 30 000 most frequent words of spacy-lookups-data's English table that came close.
FUZZY_STOPWORDS = frozenset("""
    bellen belle gebeld bel belt beller sms sms'en smsen smsje smsjes sms'je sms'jes versturen
    sturen gestuurd internet internetten data databundel bundel bundels minuten minuut
    seconden kosten kost kostte prijs prijzen tarief tarieven hoeveel waarom welke wanneer
    gewoon leven wonen spreken iemand medewerker mens voetbal wereld landen land buitenland vakantie
    telefoon mobiel mobiele abonnement abonnementen roaming gebruiken gebruik verbruik
    daar hier heel graag alstublieft alsjeblieft bedankt dankjewel hallo goedemorgen
    goedemiddag goedenavond vraag vragen antwoord betalen betaal betaling factuur rekening
    apple iphone android google store winkel aankoop aankopen kopen gekocht instellen
    verzekering toestel tablet extra extra's optie opties palen pollen sparen spanning
    bundeltje onbeperkt minder meer tijdens straks morgen vandaag gisteren volgende
    vorige maand maanden week weken jaar jaren dagen nummer nummers klant klanten
    service netwerk snelheid wifi werkt werken werkte blijven kunnen moeten willen
    zouden hebben krijgen gaan komen staan zitten liggen reizen reis vliegen vlucht
    hotel strand steden stad eiland eilanden europa europese buiten binnen tussen
    nederlands engels frans duits spaans italiaans turks grieks
    serie series serve servet serviet servies panorama samba sabra loden lonen loonden kamperen
    kalmeren sedan roemen roemende schellen interland emigranten sardine sardines poelen polsen
    polken polsband binaire sloven slovende seria domina gamba monoliet mongolen madera menora
    blaren bleren astrale italiek louwen malven hopland zweefden zweerden zwierden zwoegden
""".split()) | frozenset("""
    english dutch german french spanish italian turkish greek polish portuguese swedish danish
    norwegian finnish irish british scottish welsh swiss belgian austrian russian ukrainian
    chinese japanese korean indian american canadian mexican brazilian moroccan egyptian thai
    indonesian australian african european asian countries country abroad travel travelling
    calling called calls number numbers phone texts texting message messages minutes seconds
    internet roaming bundle bundles price prices costs charge charges money month months weeks
    holiday holidays trip cruise ferry where there their these those which while would could
    should about above again after before other under every still since maybe really thanks
    please hello spend spent limit limits apple apples store stores create services serviced
    liberal hungry island islands portal grenade bargain algebra whales bonfire benign russians
    americans americana surname surnames george chilli indica israeli portland sprain techie
    emigrate cuban swede germans
""".split())
_FUZZY_MIN_LETTERS = 5
_FUZZY_CUTOFF = 0.8
_FUZZY_CUTOFF_IN_TEXT = 0.85
_ADJECTIVE_SUFFIXES = ("se", "s", "er", "ers", "ische", "isch", "e")
_SUGGESTION_CUTOFF = 0.6
_EXCLUDED_PSEUDO = re.compile(r"^\d")  # Babel also lists UN M.49 regions ("150")


def normalize(text: str) -> str:
    """Lower-case, strip accents and punctuation, collapse spaces.

    >>> normalize("  Brazilië / Curaçao-eiland ")
    'brazilie curacao eiland'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.findall(r"[^\W_]+", stripped.lower()))


@dataclass(frozen=True)
class _Index:
    countries: dict[str, Country]
    keys: dict[str, str | None]          # normalised name -> code (None: blocks, not a country)
    weak: frozenset[str]
    capitals_only: frozenset[str]
    weak_prepositions: frozenset[str]
    satellite_prepositions: frozenset[str]
    max_tokens: int
    fuzzy_by_length: dict[int, tuple[str, ...]]
    multi_token_keys_by_initial: dict[str, tuple[str, ...]]  # the fuzzy match keeps the first letter
    suggestion_keys: dict[str, str]       # normalised display name -> code


@dataclass(frozen=True)
class _Membership:
    """Zone membership in one price list (zones.yml)."""

    zones: dict[str, Zone]
    notes: dict[str, str]
    labels: dict[Zone, str]


_ZONE_SECTIONS = (("home", Zone.NL), ("roam_like_home", Zone.NL_EU), ("voordeellanden", Zone.VOORDEEL),
                  ("satellite", Zone.SATELLIET))


@per_version
def _membership() -> _Membership:
    data = load("zones")
    zones: dict[str, Zone] = {}
    notes: dict[str, str] = {}
    for section, zone in _ZONE_SECTIONS:
        for entry in data[section]:
            if entry["code"] in zones:
                raise DataFileError(display_path(path_for("zones")), f"{section} ({entry['code']})",
                                    f"code already in {zones[entry['code']].value}; a place is in one zone")
            zones[entry["code"]] = zone
            if "note" in entry:
                notes[entry["code"]] = entry["note"]
    return _Membership(zones=zones, notes=notes, labels={Zone(z["zone"]): z["label"] for z in data["zones"]})


def _strip_parenthetical(name: str) -> str:
    return re.sub(r"\s*\(.*?\)", "", name).strip()


@functools.lru_cache(maxsize=1)
def _index() -> _Index:
    data = load("countries")
    nl_names = {c: n for c, n in babel.Locale("nl").territories.items() if len(c) == 2}
    en_names = {c: n for c, n in babel.Locale("en").territories.items() if len(c) == 2}
    excluded = {e["code"] for e in data["excluded_codes"]}

    entries: dict[str, dict] = {entry["code"]: entry for entry in data["places"]}
    display = {e["code"]: e["name"] for e in data["display_names"]}
    # English: the display name's, the region's own (not in Babel), else Babel's.
    names_en = {**en_names, **{c: e["name_en"] for c, e in entries.items() if "name_en" in e},
                **{e["code"]: e["name_en"] for e in data["display_names"] if "name_en" in e}}

    countries: dict[str, Country] = {}
    for code in sorted(set(nl_names) | set(entries)):
        if code in excluded or _EXCLUDED_PSEUDO.match(code):
            continue
        entry = entries.get(code, {})
        name = display.get(code) or entry.get("seed_name") or nl_names.get(code)
        if name is None:
            raise DataFileError("countries.yml", code, "no display name (add display_names)")
        countries[code] = Country(
            code=code, name_nl=name, parent=entry.get("parent"),
            see_also=tuple(entry.get("see_also", ())), name_en=names_en.get(code))

    # Name tiers, strongest first: a key claimed by a stronger tier is not overridden.
    demonyms = data.get("demonyms") or {"nouns": [], "by_country": {}}
    demonym_phrases = [(f"{demonym} {noun}", code) for code, names in demonyms["by_country"].items()
                       for demonym in names for noun in demonyms["nouns"]]
    tiers: list[list[tuple[str, str]]] = [
        [(alias, code) for code, aliases in data["aliases"].items() for alias in aliases] + demonym_phrases,
        [(name, code) for code, name in display.items()],
        [(e["seed_name"], c) for c, e in entries.items() if "seed_name" in e],
        [(n, c) for c, n in nl_names.items()] + [(_strip_parenthetical(n), c) for c, n in nl_names.items()],
        [(n, c) for c, n in en_names.items()] + [(_strip_parenthetical(n), c) for c, n in en_names.items()],
    ]
    keys: dict[str, str | None] = {}
    for tier_number, tier in enumerate(tiers):
        claimed: dict[str, str] = {}
        ambiguous: set[str] = set()
        for name, code in tier:
            key = normalize(name)
            if not key or code not in countries:
                continue
            if key in claimed and claimed[key] != code:
                if tier_number == 0:
                    raise DataFileError("countries.yml", f"aliases ({name})",
                                        f"alias used for both {claimed[key]} and {code}")
                ambiguous.add(key)  # e.g. seed 'Cyprus' for both parts: display names decide
            claimed.setdefault(key, code)
        for key, code in claimed.items():
            if key not in ambiguous:
                keys.setdefault(key, code)
    for phrase in data["not_countries"]:
        keys[normalize(phrase)] = None

    weak_data = data["weak_aliases"]
    weak = frozenset(normalize(w) for w in weak_data["words"])
    fuzzy_by_length: dict[int, list[str]] = {}
    for key, code in keys.items():
        if code is not None and key not in weak and " " not in key and len(key) >= 4:
            fuzzy_by_length.setdefault(len(key), []).append(key)
    suggestion_keys = {normalize(c.name_nl): c.code for c in countries.values()}
    multi_token_keys = tuple(sorted(k for k, c in keys.items() if c and " " in k))
    return _Index(
        countries=countries,
        keys=keys,
        weak=weak,
        capitals_only=frozenset(normalize(w) for w in weak_data.get("capitals_only", ())),
        weak_prepositions=frozenset(normalize(p) for p in weak_data["prepositions"]),
        satellite_prepositions=frozenset(normalize(p) for p in weak_data["satellite_prepositions"]),
        max_tokens=max(len(k.split()) for k in keys),
        fuzzy_by_length={n: tuple(sorted(v)) for n, v in fuzzy_by_length.items()},
        multi_token_keys_by_initial={initial: tuple(k for k in multi_token_keys if k[0] == initial)
                                     for initial in {k[0] for k in multi_token_keys}},
        suggestion_keys=suggestion_keys,
    )


def country_by_code(code: str) -> Country:
    """The country or region with this code (ISO 3166-1, or the region codes of countries.yml).

    >>> country_by_code("US").name_nl
    'Verenigde Staten'
    """
    try:
        return _index().countries[code.upper()]
    except KeyError:
        raise KeyError(f"unknown country code {code!r}") from None


def known_codes() -> frozenset[str]:
    """Codes of every country and region we know (Babel's and countries.yml's places).

    >>> {"NL", "CY-NORTH", "SATELLIET"} <= known_codes()
    True
    """
    return frozenset(_index().countries)


def countries_in_zone(zone: Zone) -> list[Country]:
    """All countries/regions of a zone, sorted by Dutch name.

    >>> "Zwitserland" in [c.name_nl for c in countries_in_zone(Zone.NL_EU)]
    True
    """
    zones = _membership().zones
    return sorted((c for c in _index().countries.values() if zones.get(c.code, Zone.OVERIG) == zone),
                  key=lambda c: normalize(c.name_nl))


def zone_label(zone: Zone) -> str:
    """Dutch label of a zone as the price list writes it.

    >>> zone_label(Zone.VOORDEEL)
    'Voordeellanden buiten NL/EU'
    """
    return _membership().labels[zone]


def all_country_names(include_weak: bool = False, include_english: bool = False) -> list[str]:
    """Every name and alias we recognise, in readable form (for an NLU lookup table).

    Weak aliases ('boot', 'zee', 'VS') are left out unless ``include_weak``; Babel's English
    names ('Germany', 'Morocco') only come with ``include_english`` (aliases, in either
    language, always do).

    >>> "Verenigde Staten" in all_country_names(), "Germany" in all_country_names(include_english=True)
    (True, True)
    """
    return list(_all_country_names(include_weak, include_english))


@functools.lru_cache(maxsize=4)
def _all_country_names(include_weak: bool, include_english: bool) -> tuple[str, ...]:
    index = _index()
    data = load("countries")
    names: dict[str, str] = {}
    candidates = [c.name_nl for c in index.countries.values()]
    candidates += [alias for aliases in data["aliases"].values() for alias in aliases]
    candidates += [n for c, n in babel.Locale("nl").territories.items() if c in index.countries]
    if include_english:
        candidates += [_strip_parenthetical(n) for c, n in babel.Locale("en").territories.items()
                       if c in index.countries]
    for name in candidates:
        key = normalize(name)
        if index.keys.get(key) is None or (key in index.weak and not include_weak):
            continue
        names.setdefault(key, name)
    return tuple(sorted(names.values(), key=normalize))


@functools.lru_cache(maxsize=4096)
def _fuzzy_single(token: str, strict: bool, after_preposition: bool = False) -> str | None:
    """Closest single-word key. ``strict`` (inside sentences, where ordinary words abound):
    same first letter, at most 2 letters longer/shorter, cutoff 0.85, or 0.8 right after a
    place preposition ('in egipt'); else 0.8."""
    index = _index()
    if strict:
        if any(token.endswith(suffix) and token[: -len(suffix)] in index.keys
               and (suffix != "e" or token[: -len(suffix)].endswith(("s", "sch"))) for suffix in _ADJECTIVE_SUFFIXES):
            return None  # 'nederlandse', 'thailandse': an adjective, not a place ('turkeye' is Turkey misspelt)
        lengths = range(len(token) - 2, len(token) + 3)
        candidates = [k for n in lengths for k in index.fuzzy_by_length.get(n, ()) if k[0] == token[0]]
        found = difflib.get_close_matches(token, candidates, n=1, cutoff=_FUZZY_CUTOFF_IN_TEXT)
        if not found and after_preposition:  # 'in egipt': one letter wrong, right after 'in'
            found = [k for k in difflib.get_close_matches(token, candidates, n=3, cutoff=_FUZZY_CUTOFF)
                     if _one_edit_apart(token, k)][:1]
        return found[0] if found else None
    lengths = range((2 * len(token) + 2) // 3, (3 * len(token)) // 2 + 1)
    candidates = [k for n in lengths for k in index.fuzzy_by_length.get(n, ())]
    found = difflib.get_close_matches(token, candidates, n=1, cutoff=_FUZZY_CUTOFF)
    return found[0] if found else None


def _one_edit_apart(a: str, b: str) -> bool:
    """One letter replaced, added or left out.

    >>> _one_edit_apart("egipt", "egypt"), _one_edit_apart("raakt", "rabat")
    (True, False)
    """
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


@functools.lru_cache(maxsize=4096)
def _fuzzy_multi(phrase: str) -> str | None:
    candidates = _index().multi_token_keys_by_initial.get(phrase[0], ())
    found = difflib.get_close_matches(phrase, candidates, n=1, cutoff=_FUZZY_CUTOFF_IN_TEXT)
    return found[0] if found else None


def _fuzzy_allowed(token: str) -> bool:
    return len(token) >= _FUZZY_MIN_LETTERS and token.isalpha() and token not in FUZZY_STOPWORDS


def _suggestions(key: str) -> tuple[str, ...]:
    index = _index()
    found = difflib.get_close_matches(key, list(index.suggestion_keys), n=3, cutoff=_SUGGESTION_CUTOFF)
    return tuple(index.countries[index.suggestion_keys[k]].name_nl for k in found)


def find_country(text: str) -> CountryMatch:
    """Resolve a country name, alias or typo (or the first country in a sentence).

    >>> find_country("Turkeije").country.name_nl
    'Turkije'
    >>> find_country("Atlantis").country is None
    True
    """
    index = _index()
    key = normalize(text)
    code = index.keys.get(key)
    if code is not None:
        return CountryMatch(query=text, country=index.countries[code])
    mentions = find_countries_in_text(text)
    exact = [m for m in mentions if not m.fuzzy]
    if exact:  # "a German mobile number" names Germany, however close "American ..." looks
        return CountryMatch(query=text, country=exact[0].country)
    if key and key not in index.keys:  # not a blocked phrase such as "Zuid-Amerika"
        fuzzy_key = None
        if " " in key:
            fuzzy_key = _fuzzy_multi(key) if len(key) >= _FUZZY_MIN_LETTERS else None
        elif _fuzzy_allowed(key):
            fuzzy_key = _fuzzy_single(key, strict=False)
        if fuzzy_key is not None:
            return CountryMatch(query=text, country=index.countries[index.keys[fuzzy_key]], fuzzy=True)
    if mentions:
        return CountryMatch(query=text, country=mentions[0].country, fuzzy=mentions[0].fuzzy)
    return CountryMatch(query=text, country=None, suggestions=_suggestions(key) if key else ())


_TOKEN = re.compile(r"[^\W_]+")


def _preposition_before(norm_tokens: list[str], position: int) -> str | None:
    i = position - 1
    while i >= 0 and norm_tokens[i] in _ARTICLES:
        i -= 1
    if i >= 0 and norm_tokens[i] in PREPOSITIONS:
        return norm_tokens[i]
    return None


def find_countries_in_text(text: str, typos: bool = True) -> list[CountryMention]:
    """All country mentions in a sentence, in order, with the preposition before each.

    Longest match wins (Noord-Ierland before Ierland), matches never overlap, typos are
    only considered for words of 5+ letters that are no ordinary Dutch or English words,
    and not at all with ``typos=False`` (exact names only: fast on any text).

    >>> [(m.country.name_nl, m.preposition) for m in
    ...  find_countries_in_text("Wat kost het om vanuit Turkije naar Marokko te bellen?")]
    [('Turkije', 'vanuit'), ('Marokko', 'naar')]
    """
    index = _index()
    spans = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    norm = [normalize(raw) for _, _, raw in spans]
    covered = [False] * len(spans)
    found: list[CountryMention] = []

    def add(first: int, last: int, code: str, fuzzy: bool) -> None:
        start, end = spans[first][0], spans[last][1]
        found.append(CountryMention(country=index.countries[code], start=start, end=end,
                                    text=text[start:end],
                                    preposition=_preposition_before(norm, first), fuzzy=fuzzy))

    i = 0
    while i < len(spans):
        for n in range(min(index.max_tokens, len(spans) - i), 0, -1):
            key = " ".join(norm[i:i + n])
            if key not in index.keys:
                continue
            code = index.keys[key]
            if code is not None and key in index.weak and not _weak_ok(index, text, spans, norm, i, n, code):
                continue
            for j in range(i, i + n):
                covered[j] = True
            if code is not None:
                add(i, i + n - 1, code, fuzzy=False)
            i += n
            break
        else:
            i += 1

    # Typo pass over what is left: word pairs first ('verenigde staaten'), then single words.
    for i in range(len(spans) if typos else 0):
        if covered[i]:
            continue
        pair_ok = (i + 1 < len(spans) and not covered[i + 1]
                   and all(len(t) >= 3 and t.isalpha() and t not in FUZZY_STOPWORDS
                           and t not in PREPOSITIONS and t not in _ARTICLES for t in norm[i:i + 2]))
        if pair_ok:
            key = _fuzzy_multi(f"{norm[i]} {norm[i + 1]}")
            if key is not None:
                covered[i] = covered[i + 1] = True
                add(i, i + 1, index.keys[key], fuzzy=True)
                continue
        if _fuzzy_allowed(norm[i]) and not _part_of_a_name(text, spans, covered, i):
            key = _fuzzy_single(norm[i], strict=True, after_preposition=_preposition_before(norm, i) is not None)
            if key is not None:
                covered[i] = True
                add(i, i, index.keys[key], fuzzy=True)
    found.sort(key=lambda m: m.start)
    # 'naar Thailand en Marokko', 'to Spain and Portugal': a coordinated country shares the preposition.
    for k in range(1, len(found)):
        between = normalize(text[found[k - 1].end:found[k].start])
        if found[k].preposition is None and between in ("", "en", "of", "en ook", "and", "or", "and also"):
            found[k] = dataclasses.replace(found[k], preposition=found[k - 1].preposition)
    return found


def _part_of_a_name(text: str, spans: list, covered: list[bool], i: int) -> bool:
    """'naar Machu Picchu', 'de Costa Brava': a capitalised word followed by another is part of
    a longer proper name, not a misspelt country ('Machu' is no 'Macau')."""
    def titled(j: int) -> bool:
        return 0 <= j < len(spans) and not covered[j] and text[spans[j][0]:spans[j][1]].istitle()
    return titled(i) and titled(i + 1)


def _weak_ok(index: _Index, text: str, spans: list, norm: list[str], i: int, n: int, code: str) -> bool:
    """Weak aliases ('boot', 'VS') count only after a fitting preposition or in capitals;
    capitals-only ones ('US') only in capitals."""
    raw = text[spans[i][0]:spans[i + n - 1][1]]
    preposition = _preposition_before(norm, i)
    if code == "SATELLIET":
        return preposition in index.satellite_prepositions
    capitals = raw.isupper() and len(raw.replace(".", "")) >= 2
    if " ".join(norm[i:i + n]) in index.capitals_only:
        return capitals
    return capitals or preposition in index.weak_prepositions


def resolve_country(country: Country | str) -> Country:
    """A Country as is, or the country a name/alias/typo resolves to.

    Raises ``UnknownCountryError`` (a KnowledgeInputError, with suggestions) otherwise.

    >>> resolve_country("brazilie").code
    'BR'
    """
    if isinstance(country, Country):
        return country
    match = find_country(country)
    if match.country is None:
        raise UnknownCountryError(country, match.suggestions)
    return match.country
