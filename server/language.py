"""Which language is a customer's message in, and may it switch the conversation's language?

``detect(text)`` returns a ``LanguageGuess``: the most likely language ("nl", "en", another
ISO 639-1 code the sentence encoder understands, or None), whether the message is *clear*
enough to switch the conversation's language, a confidence, and whether it is only a greeting.
``message_language(text)`` is "nl" or "en" for code without conversation state (the channel's
error texts): "en" for a message clearly in any language but Dutch, else "nl".

How it decides (measured in bench/language_detect.py, table in bench/README.md):

1. What carries no language is set aside: digits and amounts ("500 MB", "€ 49,99"), emoji,
   links, KPN product and brand names ("KPN Pay", "Hussel", "Roam like Home"), country names
   (found by knowledge.countries; "Spanje" and "Spain" still tell the language of a bare
   name) and a lexicon of greetings, thanks and yes/no words ("ok", "thanks", "hoi").
2. What is left (the *content words*) goes to py3langid (langid.py's naive Bayes over byte
   n-grams, restricted to Dutch, English and the 13 other languages below). Function words
   that only Dutch ("het", "wat", "niet") or only English ("the", "what", "does") has among
   these languages each multiply the odds of their language by 4: on three words the
   n-gram model alone often has too little to go on ("wat kots in" reads as English).
   Another language needs py3langid's confidence and no Dutch or English function word.
3. A message is ``clear`` with at least three content words (a product name counts as one)
   and a confident reading. Shorter messages still get a best guess, from the lexicon
   ("thanks" -> en, "hoi" -> nl, "ok" -> None), the country name's language ("Spanje" -> nl)
   or the detector, but never switch the conversation.

Pure functions, no Rasa imports; nothing here raises on user text. The detector model
(about 1 MB, in the py3langid wheel) and the country index load on first use or with
``warm_up()``.
"""
from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Optional, Protocol, Sequence

DUTCH = "nl"
ENGLISH = "en"
# Languages besides Dutch and English that the multilingual sentence encoder understands;
# the detector chooses among these 15 only.
OTHER_LANGUAGES = ("tr", "pl", "ar", "de", "fr", "es", "it", "pt", "ru", "zh", "ja", "ko", "th")
CANDIDATES = (DUTCH, ENGLISH) + OTHER_LANGUAGES

# A message must have this many content words to switch the conversation's language, and
# the reading this much confidence.
MIN_CLEAR_WORDS = 3
MIN_CLEAR_CONFIDENCE = 0.8
# Another language than Dutch or English needs more: a false "you wrote German" is worse
# than answering a German question in English.
MIN_OTHER_CONFIDENCE = 0.9
SURE_OTHER_CONFIDENCE = 0.95
# Below this the best guess of a short message is None rather than a coin toss.
MIN_GUESS_CONFIDENCE = 0.6
# Each Dutch-only or English-only function word multiplies the odds of its language by this.
MARKER_ODDS = 4.0
# py3langid's naive Bayes is overconfident on a few words ("wat kots in": 99 % English): its
# log-odds count for this much against the function words.
DETECTOR_WEIGHT = 0.5
# Only the start of a very long message is read: its language is settled long before.
MAX_CHARS = 1000


@dataclass(frozen=True)
class LanguageGuess:
    """The language of one message.

    ``language``: "nl", "en", a code of ``OTHER_LANGUAGES``, or None (no language: "ok",
    "500 MB", an emoji). ``clear``: the message may switch the conversation's language (a
    sentence clearly in one language); False for "ok", "thanks", "Spanje", "500 MB", numbers,
    product names, emoji and a greeting alone. ``confidence``: 0-1, how sure ``language`` is.
    ``greeting``: the message is only a greeting or goodbye ("hi", "hoi", "Hello KPN"); it
    may set the language at the start of a conversation, if the caller wants.
    ``words``: the content words counted.
    """

    language: Optional[str]
    clear: bool
    confidence: float
    greeting: bool = False
    words: int = 0


# --------------------------------------------------------------------------- vocabulary
# Linguistic glue, not facts: the words that show (or hide) a language.

# Greetings and goodbyes: phrase (lower case) -> the language it shows (None: several).
GREETINGS: dict[str, Optional[str]] = {
    "hoi": DUTCH, "hoihoi": DUTCH, "hallo": DUTCH, "hallo daar": DUTCH, "hee": DUTCH, "hey": None,
    "heey": None, "hai": None, "yo": None, "goedemorgen": DUTCH, "goedemiddag": DUTCH,
    "goedenavond": DUTCH, "goede morgen": DUTCH, "goedendag": DUTCH, "dag": DUTCH, "doei": DUTCH,
    "doeg": DUTCH, "tot ziens": DUTCH, "fijne dag": DUTCH, "groetjes": DUTCH,
    "hello": ENGLISH, "hi": ENGLISH, "hi there": ENGLISH, "hello there": ENGLISH, "hiya": ENGLISH,
    "good morning": ENGLISH, "good afternoon": ENGLISH, "good evening": ENGLISH, "bye": ENGLISH,
    "goodbye": ENGLISH, "bye bye": ENGLISH, "see you": ENGLISH, "have a nice day": ENGLISH,
    "merhaba": "tr", "selam": "tr", "günaydın": "tr", "cześć": "pl", "dzień dobry": "pl",
    "guten tag": "de", "guten morgen": "de", "servus": "de", "bonjour": "fr", "bonsoir": "fr",
    "salut": "fr", "hola": "es", "buenos días": "es", "buenas": "es", "ciao": "it",
    "buongiorno": "it", "olá": "pt", "ola": "pt", "bom dia": "pt", "привет": "ru",
    "здравствуйте": "ru", "مرحبا": "ar", "السلام عليكم": "ar", "你好": "zh", "您好": "zh",
    "こんにちは": "ja", "안녕하세요": "ko", "สวัสดี": "th", "สวัสดีครับ": "th", "สวัสดีค่ะ": "th",
}
# Thanks, approval, yes/no: phrase -> language (None: several).
COURTESY: dict[str, Optional[str]] = {
    "ok": None, "oké": None, "oke": None, "okay": None, "okey": None, "oki": None, "okido": DUTCH,
    "top": None, "prima": None, "perfect": None, "super": None, "cool": None, "merci": None,
    "sorry": None, "tnx": None, "helder": DUTCH, "duidelijk": DUTCH, "fijn": DUTCH, "mooi": DUTCH,
    "great": ENGLISH, "nice": ENGLISH, "fine": ENGLISH, "got it": ENGLISH,
    "thanks": ENGLISH, "thank you": ENGLISH, "thx": ENGLISH, "thnx": ENGLISH, "thanx": ENGLISH,
    "ty": ENGLISH, "cheers": ENGLISH, "many thanks": ENGLISH, "thanks a lot": ENGLISH,
    "bedankt": DUTCH, "bedank": DUTCH, "dank": DUTCH, "dank je": DUTCH, "dank je wel": DUTCH,
    "dankje": DUTCH, "dankjewel": DUTCH, "dank u": DUTCH, "dank u wel": DUTCH, "dankuwel": DUTCH,
    "hartelijk dank": DUTCH,
    "yes": ENGLISH, "no": ENGLISH, "yep": ENGLISH, "yeah": ENGLISH, "nope": ENGLISH,
    "please": ENGLISH, "sure": ENGLISH, "ja": DUTCH, "jawel": DUTCH, "jazeker": DUTCH, "nee": DUTCH,
    "neen": DUTCH, "graag": DUTCH, "klopt": DUTCH, "precies": DUTCH,
    "teşekkürler": "tr", "teşekkür ederim": "tr", "dziękuję": "pl", "danke": "de",
    "danke schön": "de", "bitte": "de", "gracias": "es", "grazie": "it", "obrigado": "pt",
    "obrigada": "pt", "спасибо": "ru", "شكرا": "ar", "谢谢": "zh", "ありがとう": "ja",
    "ありがとうございます": "ja", "감사합니다": "ko", "고마워요": "ko", "ขอบคุณ": "th",
    "ขอบคุณครับ": "th", "ขอบคุณค่ะ": "th",
}
# Words Dutch and English customers use alike: they show no language.
NEUTRAL_WORDS = frozenset("""
    data internet roaming sms mb gb kb tb euro euros eur cent cents min sec wifi wi fi sim esim
    app apps iphone ipad android samsung apple google kpn help info menu stop test agent lol
    haha hahaha hmm hm eh uh oh ah pfff wow mobiel mobile
""".split())
# Marker words: frequent function words and words of this domain that only Dutch, or only
# English, has among the 15 candidate languages (so not "in", "is", "of", "was", "to", "my",
# "die", "je", "te", "de", "me", "we", "can", "limit", "change").
DUTCH_MARKERS = frozenset("""
    het een ik wat hoe mijn naar niet ook dat voor met op bij zijn hebben heb heeft hebt wordt
    worden waar waarom wanneer hoeveel kost kosten bellen gebeld moet moeten wil wilt welke deze
    nog maar om door uit geen kunt kun kunnen jij jouw uw mij wij zij hun hoor wel dan toch nu
    daar heel veel alleen betalen betaal gratis duur goedkoop abonnement bundel buitenland
    telefoon nummer gaat zit bent spreek spreken engels nederlands wijzigen opzeggen sturen
    versturen gesprekken verzekering verzekerd kwijt gestolen houden werkt werken zetten maand
    maanden dagen uur kaart rekening factuur toestel kopen aankopen verhogen instellen vakantie
    limiet blokkeren geblokkeerd abbo abo prijs prijzen
""".split())
ENGLISH_MARKERS = frozenset("""
    the what how does did your could would should i'm i'd i've i'll don't doesn't didn't can't
    isn't aren't won't it it's this that with from and for you much many when where why which
    who there have has need want about if not be been are at get use using call calling cost
    costs price phone number bundle abroad free pay buy know speak understand tell just any
    some or than now still only also english dutch subscription cancel send text texts calls
    incoming outgoing insurance insured lost stolen keep work works turn off up out set month
    monthly day days hours time money bill invoice card travel travelling going holiday
""".split())
# KPN product and brand names (one content word each: "Hoe werkt KPN Pay?" is a sentence).
PRODUCT_PATTERN = re.compile(
    r"\b(?:kpn\s+pay|kpn\s+wifi|kpn\s+spotify\s+premium|spotify\s+premium|spotify|google\s+play"
    r"|app\s*store|apple\s+pay|apple\s+id|itunes|roam\s+like\s+home|fair\s+use(?:\s+policy)?"
    r"|buitenland\s*bundel(?:s|tje)?|buitenland\s*bundle"
    r"|(?:voordeellanden|overige\s+landen)(?:\s+buiten\s+(?:de\s+)?(?:nl\s*/\s*)?eu)?(?:\s+bundel)?"
    r"|nl\s*/\s*eu(?:\s+bundel)?|toestel\s*veilig|toestelverzekering|kleinzakelijke\s+extra'?s"
    r"|hussel|kids|mijn\s*kpn|whats\s*app|wifi\s+calling|e-?sim|[45]g)\b",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Scripts written without spaces between words (Thai, kana, Han): each letter counts as a
# word; a Korean word as one per two syllables (a short phrase in a script no other candidate
# language uses is clearly that language).
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")


def _phrase_pattern(phrases: Sequence[str]) -> re.Pattern[str]:
    alternatives = sorted(phrases, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in alternatives)
    return re.compile(rf"(?<![^\W\d_])(?:{body})(?![^\W\d_])", re.IGNORECASE)


_GREETING_PATTERN = _phrase_pattern(list(GREETINGS))
_COURTESY_PATTERN = _phrase_pattern(list(COURTESY))


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().replace("’", "'").split())


# --------------------------------------------------------------------------- detectors

class Scorer(Protocol):
    """A statistical language detector as the rules below use it."""

    def rank(self, text: str) -> list[tuple[str, float]]:
        """(code, probability) over ``CANDIDATES``, most likely first."""

    def dutch_or_english(self, text: str) -> tuple[str, float]:
        """The likelier of "nl" and "en" and its probability between the two."""


class Py3LangidScorer:
    """py3langid 0.2.2 (langid.py's model, 97 languages) restricted to ``CANDIDATES``."""

    def __init__(self) -> None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
        identifier.set_languages(list(CANDIDATES))
        self._identifier = identifier
        self._last: tuple[str, list[tuple[str, float]]] = ("", [])

    def rank(self, text: str) -> list[tuple[str, float]]:
        last = self._last  # one read: detect() may run in several threads
        if last[0] == text and last[1]:
            return last[1]
        features = self._identifier.instance2fv(text)
        if not features.any():  # none of the model's n-grams: it would only echo its prior
            ranked = [(code, 1 / len(CANDIDATES)) for code in CANDIDATES]
        else:
            # langid's own nb_classprobs multiplies all ~7 500 features; the few present suffice.
            present = features.nonzero()[0]
            log_probs = features[present].astype(float) @ self._identifier.nb_ptc[present] + self._identifier.nb_pc
            probabilities = self._identifier.norm_probs(log_probs)
            ranked = sorted(zip(self._identifier.nb_classes, map(float, probabilities)), key=lambda kv: -kv[1])
        self._last = (text, ranked)
        return ranked

    def dutch_or_english(self, text: str) -> tuple[str, float]:
        probabilities = dict(self.rank(text))
        dutch, english = probabilities[DUTCH], probabilities[ENGLISH]
        total = dutch + english
        if total <= 0:  # pragma: no cover - the model never gives both exactly zero
            return DUTCH, 0.5
        return (DUTCH, dutch / total) if dutch >= english else (ENGLISH, english / total)


@dataclass(frozen=True)
class _Parts:
    content: tuple[str, ...]           # the words left for the detector
    words: int                         # content words (+1 per product name)
    tags: tuple[Optional[str], ...]    # languages shown by lexicon words and country names
    greeting_only: bool
    countries: str                     # the country names, for a message of a word or two


def _fold(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)).lower()


@functools.lru_cache(maxsize=1)
def _names_by_language() -> tuple[frozenset[str], frozenset[str]]:
    import babel

    def names(locale: str) -> frozenset[str]:
        return frozenset(" ".join(_WORD.findall(_fold(re.sub(r"\s*\(.*?\)", "", name))))
                         for code, name in babel.Locale(locale).territories.items()
                         if len(code) == 2 and not code.isdigit())

    return names("nl"), names("en")


def _name_language(name: str) -> Optional[str]:
    """ "nl" for a Dutch-only country name ("Spanje"), "en" for an English-only one ("Spain"),
    None for one both share ("Thailand") or an alias."""
    dutch, english = _names_by_language()
    key = " ".join(_WORD.findall(_fold(name)))
    if (key in dutch) == (key in english):
        return None
    return DUTCH if key in dutch else ENGLISH


def _blank(text: str, spans: Sequence[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _lexicon(pattern: re.Pattern[str], lexicon: dict[str, Optional[str]], text: str) -> tuple[list, str]:
    found = [lexicon[_key(m.group())] for m in pattern.finditer(text) if _key(m.group()) in lexicon]
    return found, pattern.sub(" ", text)


def _split(text: str) -> _Parts:
    from knowledge.countries import find_countries_in_text

    text = _URL.sub(" ", unicodedata.normalize("NFC", text[:MAX_CHARS]))
    mentions = find_countries_in_text(text, typos=False)  # a misspelt name is just a word here
    tags: list[Optional[str]] = [_name_language(m.text) for m in mentions]
    text = _blank(text, [(m.start, m.end) for m in mentions])
    products = len(PRODUCT_PATTERN.findall(text))
    text = PRODUCT_PATTERN.sub(" ", text)
    greetings, text = _lexicon(_GREETING_PATTERN, GREETINGS, text)
    courtesy, text = _lexicon(_COURTESY_PATTERN, COURTESY, text)
    tags += greetings + courtesy
    content = [w for w in _WORD.findall(text) if w.lower() not in NEUTRAL_WORDS]
    words = products + sum(_word_count(word) for word in content)
    rest = re.sub(r"\bkpn\b", " ", text, flags=re.IGNORECASE)
    greeting_only = bool(greetings) and not (courtesy or products or mentions or any(c.isalnum() for c in rest))
    return _Parts(tuple(content), words, tuple(tags), greeting_only, " ".join(m.text for m in mentions))


def _word_count(word: str) -> int:
    unspaced = sum(1 for ch in word if _UNSPACED.match(ch) and unicodedata.category(ch).startswith("L"))
    if unspaced:
        return unspaced
    hangul = len(_HANGUL.findall(word))
    return max(1, hangul // 2) if hangul else 1


def _vote(tags: Sequence[Optional[str]]) -> Optional[str]:
    """The one language the lexicon words and country names show, if they agree."""
    shown = {t for t in tags if t is not None}
    return shown.pop() if len(shown) == 1 else None


def _with_markers(language: str, probability: float, balance: int) -> tuple[str, float]:
    """Combine the detector's Dutch/English reading with the function-word balance."""
    p_english = probability if language == ENGLISH else 1 - probability
    p_english = min(max(p_english, 1e-6), 1 - 1e-6)
    log_odds = DETECTOR_WEIGHT * math.log(p_english / (1 - p_english)) + balance * math.log(MARKER_ODDS)
    p_english = 1 / (1 + math.exp(-log_odds))
    return (ENGLISH, p_english) if p_english >= 0.5 else (DUTCH, 1 - p_english)


class Detector:
    """The rules of this module around one ``Scorer`` (py3langid unless another is given;
    bench/language_detect.py plugs in others to compare them)."""

    def __init__(self, scorer: Optional[Scorer] = None) -> None:
        self._scorer = scorer

    @property
    def scorer(self) -> Scorer:
        if self._scorer is None:
            self._scorer = _default_scorer()
        return self._scorer

    def detect(self, text: str) -> LanguageGuess:
        if not isinstance(text, str) or not text.strip():
            return LanguageGuess(None, False, 0.0)
        parts = _split(text)
        voted = _vote(parts.tags)
        if not parts.content:
            return LanguageGuess(voted, False, 1.0 if voted else 0.0, parts.greeting_only, parts.words)
        if parts.words >= MIN_CLEAR_WORDS:
            language, confidence = self._read(" ".join(parts.content), parts.content)
            clear = language is not None and confidence >= MIN_CLEAR_CONFIDENCE
            return LanguageGuess(language, clear, round(confidence, 3), False, parts.words)
        # A word or two: read with the country names around them; a language the lexicon
        # words and country names agree on outweighs them ("en Spanje?", "ok thanks").
        language, confidence = self._read(f"{' '.join(parts.content)} {parts.countries}".strip(),
                                          parts.content)
        if voted is not None:
            confidence = max(confidence, MIN_GUESS_CONFIDENCE) if voted == language else MIN_GUESS_CONFIDENCE
            language = voted
        if confidence < MIN_GUESS_CONFIDENCE:
            language = None
        # Two words plainly in a language we do not speak ("¿hablas español?") are clear enough
        # for the note that we answer in Dutch or English; Dutch and English need three.
        clear = language in OTHER_LANGUAGES and voted in (None, language) and parts.words >= 2 and confidence >= SURE_OTHER_CONFIDENCE
        return LanguageGuess(language, clear, round(confidence, 3), False, parts.words)

    def _read(self, text: str, words: Sequence[str]) -> tuple[Optional[str], float]:
        """(language, confidence); another language than Dutch or English only when the
        words hold no Dutch or English function word."""
        keys = [_key(w) for w in words]
        english = sum(k in ENGLISH_MARKERS for k in keys)
        dutch = sum(k in DUTCH_MARKERS for k in keys)
        language, confidence = self.scorer.rank(text)[0]
        if language in OTHER_LANGUAGES and not english and not dutch:
            return (language, confidence) if confidence >= MIN_OTHER_CONFIDENCE else (None, confidence)
        return _with_markers(*self.scorer.dutch_or_english(text), english - dutch)


@functools.lru_cache(maxsize=1)
def _default_scorer() -> Scorer:
    return Py3LangidScorer()


_DEFAULT = Detector()


def detect(text: str) -> LanguageGuess:
    """The language of one message and whether it may switch the conversation's language.

    >>> detect("What does it cost to call from the US to the Netherlands?").language
    'en'
    >>> detect("Spanje")
    LanguageGuess(language='nl', clear=False, confidence=1.0, greeting=False, words=0)
    >>> detect("hoi")
    LanguageGuess(language='nl', clear=False, confidence=1.0, greeting=True, words=0)
    """
    return _detect_recent(text)


# The channel and the NLU reader each ask about the same message: the second asks a cache.
_detect_recent = functools.lru_cache(maxsize=256)(_DEFAULT.detect)


def message_language(text: str) -> str:
    """ "en" when ``text`` is clearly in a language other than Dutch, else "nl" (also when
    unclear: "ok", "500 MB", a greeting alone).

    >>> message_language("My message was too long, sorry"), message_language("ok")
    ('en', 'nl')
    """
    guess = detect(text)
    return ENGLISH if guess.clear and guess.language not in (None, DUTCH) else DUTCH


def warm_up() -> None:
    """Load the detector model and the country index now (about 1 s) instead of at the
    first message."""
    detect("Wat kost bellen naar Spanje? What does calling Spain cost?")
