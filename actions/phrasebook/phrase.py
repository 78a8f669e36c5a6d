"""A Phrase names a catalog entry and carries the values its template needs."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping


def _frozen(value: Any) -> Any:
    """Lists become tuples, so a Phrase stays immutable and comparable."""
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    return value


@dataclass(frozen=True, init=False)
class Phrase:
    """`Phrase("abroad.rate_line", rate=Decimal("2.00"))`: what to say, not how.

    Values may be Decimal, int, str, date, datetime, knowledge objects (Country, Zone), a
    nested Phrase, or tuples/lists of those; the catalog of a language decides the words.
    """

    key: str
    items: tuple[tuple[str, Any], ...]

    def __init__(self, key: str, /, **values: Any) -> None:
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "items", tuple(sorted((k, _frozen(v)) for k, v in values.items())))

    @property
    def values(self) -> Mapping[str, Any]:
        return dict(self.items)

    def __repr__(self) -> str:
        inner = "".join(f", {k}={v!r}" for k, v in self.items)
        return f"Phrase({self.key!r}{inner})"


def plural(key: str, count: Any, /, **values: Any) -> Phrase:
    """`<key>.one` when `count` is 1, else `<key>.other`; `count` is passed on as a value.

    Both keys exist in every catalog; the choice is explicit in the code that counts.
    """
    return Phrase(f"{key}.{'one' if count == 1 else 'other'}", count=count, **values)
