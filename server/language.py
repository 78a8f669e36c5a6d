"""Which language a message is written in: Dutch ("nl") or English ("en").

Placeholder: a small word-list heuristic so the channel's own texts (server/channels.py)
can already answer in English. The conversation-language work replaces this function
with the real detector; keep the signature.
"""
from __future__ import annotations

import re

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# Short, frequent words that occur in one of the two languages only.
_ENGLISH = frozenset(
    "the a an is are was what how much does do can could would my your you i it this that "
    "to from with for of and or please thanks thank hello hi cost costs call calling abroad "
    "when where which why who there here not no yes help me about have has will "
    "i'm it's don't can't what's".split()
)
_DUTCH = frozenset(
    "de het een is zijn wat hoe veel kost kosten kan ik mijn je jij u van naar met voor en "
    "of niet nee ja graag bedankt dank hallo hoi bellen buitenland wanneer waar welke waarom "
    "wie er hier mij over heb heeft wordt bundel abonnement".split()
)


def message_language(text: str) -> str:
    """'en' when the text has more English than Dutch marker words, else 'nl'.

    >>> message_language("What does calling from Spain cost?")
    'en'
    >>> message_language("Wat kost bellen in Spanje?")
    'nl'
    >>> message_language("ok")
    'nl'
    """
    if not isinstance(text, str):
        return "nl"
    words = _WORD.findall(text[:2000].lower())
    english = sum(word in _ENGLISH for word in words)
    dutch = sum(word in _DUTCH for word in words)
    return "en" if english > dutch else "nl"
