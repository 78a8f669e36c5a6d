"""Keyword matching shared by the lookups of ExtraOpties and services."""
from __future__ import annotations

from typing import Hashable, Iterable, TypeVar

T = TypeVar("T", bound=Hashable)


def distinct_in_order(spans: Iterable[tuple[int, int, T]]) -> list[T]:
    """The items of (start, end, item) matches in text order, once each, dropping a match
    that lies inside a longer one ("NL/EU bundel 1000" holds "bundel").

    >>> distinct_in_order([(0, 7, "spotify"), (12, 14, "5g"), (0, 3, "spo")])
    ['spotify', '5g']
    """
    spans = list(spans)
    kept = [s for s in spans if not any(o[0] <= s[0] and s[1] <= o[1] and (o[1] - o[0]) > (s[1] - s[0])
                                        for o in spans)]
    found: list[T] = []
    for _, _, item in sorted(kept, key=lambda s: s[0]):
        if item not in found:
            found.append(item)
    return found
