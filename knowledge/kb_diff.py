"""What changed between two price list versions, entry by entry.

    python -m knowledge.kb_diff [A] [B]        # make kb-diff A=2020-09-28 B=2030-10-01

A and B are version ids (the folder names, e.g. 2020-09-28) or folders of versions;
without them: the newest version against the one before it. One row per change: a value
that changed (old → new), an entry that was added or removed. List entries are matched by
their id (or zone, code, key, ...), not by position, so reordering a list is no change.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from knowledge import loader, price_lists
from knowledge.errors import DataFileError
from knowledge.price_lists import Version

# Fields that identify an entry of a list, in order of preference.
_ENTRY_KEYS = ("id", "code", "zone", "from_zone", "key", "product", "platform", "from")
_META = ("valid_from", "label", "title")
_SHOWN_FIELDS = ("name", "label", "price", "monthly_price", "amount", "premium", "units", "call_per_minute", "note")
_MAX_TEXT = 70


@dataclass(frozen=True)
class Change:
    """One row of the diff: ``kind`` is 'changed', 'added' or 'removed'."""

    file: str
    entry: str
    kind: str
    old: Any = None
    new: Any = None


def _entry_key(entry: Any) -> str | None:
    if isinstance(entry, dict):
        for field in _ENTRY_KEYS:
            if isinstance(entry.get(field), (str, int)):
                return str(entry[field])
    return None


def _keyed_list(items: list) -> dict[str, Any] | None:
    """A list of entries as {key: entry}, or None when its items have no (unique) keys."""
    keys = [_entry_key(item) for item in items]
    if not items or None in keys or len(set(keys)) != len(keys):
        return None
    return dict(zip(keys, items))  # type: ignore[arg-type]


def _short(value: Any) -> str:
    if isinstance(value, dict):
        shown = [f"{field} {value[field]}" for field in _SHOWN_FIELDS if field in value and value[field] is not None]
        if not shown and "code" in value:  # a zone member: name the place
            from knowledge.countries import country_by_code

            try:
                shown = [country_by_code(str(value["code"])).name_nl]
            except KeyError:
                shown = [str(value["code"])]
        return ", ".join(shown)
    text = "null" if value is None else str(value)
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 1] + "…"


def _compare(file: str, path: str, old: Any, new: Any) -> Iterator[Change]:
    if isinstance(old, dict) and isinstance(new, dict):
        yield from _compare_entries(file, old, new, lambda key: f"{path}.{key}" if path else str(key))
        return
    if isinstance(old, list) and isinstance(new, list):
        old_keyed, new_keyed = _keyed_list(old), _keyed_list(new)
        if old_keyed is not None and new_keyed is not None:
            yield from _compare_entries(file, old_keyed, new_keyed, lambda key: f"{path}[{key}]")
            return
    if old != new:
        yield Change(file, path, "changed", old=old, new=new)


def _compare_entries(file: str, old: dict, new: dict, name: Callable[[Any], str]) -> Iterator[Change]:
    """Entries by key: removed (only in old), added (only in new), else compared in depth."""
    for key in list(old) + [k for k in new if k not in old]:
        if key not in new:
            yield Change(file, name(key), "removed", old=old[key])
        elif key not in old:
            yield Change(file, name(key), "added", new=new[key])
        else:
            yield from _compare(file, name(key), old[key], new[key])


def diff(a: Version, b: Version) -> list[Change]:
    """Every change from version ``a`` to version ``b``, file by file.

    >>> v = price_lists.find("2020-09-28")
    >>> diff(v, v)
    []
    """
    changes = list(_compare("version.yml", "", {f: str(getattr(a, f)) for f in _META},
                            {f: str(getattr(b, f)) for f in _META}))
    for name in price_lists.FILES:
        documents = []
        for version in (a, b):
            with price_lists.using(version):
                documents.append(loader.load(name))
        changes += _compare(f"{name}.yml", "", documents[0], documents[1])
    return changes


def format_table(a: Version, b: Version, changes: list[Change]) -> str:
    """The changes as an aligned text table with a count at the end."""
    rows = [("file", "entry", f"{a.id} → {b.id}")]
    for change in changes:
        if change.kind == "changed":
            what = f"{_short(change.old)} → {_short(change.new)}"
        elif change.kind == "added":
            what = "added" + (f": {_short(change.new)}" if _short(change.new) else "")
        else:
            what = "removed" + (f": {_short(change.old)}" if _short(change.old) else "")
        rows.append((change.file, change.entry, what))
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    lines = [f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]}".rstrip() for row in rows]
    lines.insert(1, "-" * min(120, max(len(line) for line in lines)))
    counts = {kind: sum(1 for c in changes if c.kind == kind) for kind in ("changed", "added", "removed")}
    lines.append(f"{len(changes)} change(s): {counts['changed']} changed, {counts['added']} added, "
                 f"{counts['removed']} removed")
    return "\n".join(lines)


def _version(argument: str) -> Version:
    path = Path(argument)
    if (path / price_lists.VERSION_FILE).is_file():  # a folder, e.g. a draft list not yet in place
        for version in price_lists.versions():
            if version.path.resolve() == path.resolve():
                return version
        return price_lists.read_version(path)
    return price_lists.find(argument)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m knowledge.kb_diff", description=__doc__.split("\n")[0])
    parser.add_argument("a", nargs="?", help="older version (id or folder); default: the one before B")
    parser.add_argument("b", nargs="?", help="newer version (id or folder); default: the newest")
    args = parser.parse_args(argv)
    try:
        known = price_lists.versions()
        b = _version(args.b) if args.b else known[-1]
        if args.a:
            a = _version(args.a)
        else:
            older = [v for v in known if v.valid_from < b.valid_from]
            if not older:
                print(f"error: no price list older than {b.id} to compare with (known: "
                      f"{', '.join(v.id for v in known)}); give A and B", file=sys.stderr)
                return 2
            a = older[-1]
        print(format_table(a, b, diff(a, b)))
    except (KeyError, DataFileError) as error:
        print(f"error: {error.args[0] if isinstance(error, KeyError) else error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
