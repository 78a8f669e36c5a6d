"""Which language a message is written in: Dutch ("nl") or English ("en").

Placeholder with the agreed signature, so the rate limiter's polite reply
(server/rate_limit.py) can already answer in English; the conversation-language work
replaces it with the real detector.
"""
from __future__ import annotations

import re

_WORD = re.compile(r"[a-z]+")
_ENGLISH = frozenset("the what how much does do can my you is are please thanks hello hi "
                     "cost costs call calling abroad when where which why".split())
_DUTCH = frozenset("de het een wat hoe veel kost kosten kan ik mijn je is zijn van naar "
                   "met voor graag bedankt hallo hoi bellen buitenland wanneer waar".split())


def message_language(text: str) -> str:
    """'en' when the text has more English than Dutch marker words, else 'nl'."""
    words = _WORD.findall((text or "")[:2000].lower())
    english = sum(w in _ENGLISH for w in words)
    dutch = sum(w in _DUTCH for w in words)
    return "en" if english > dutch else "nl"
