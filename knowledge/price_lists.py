"""Price lists as dated versions: which list applies on a day, and reading from it.

Each price list is a folder ``knowledge/data/price_lists/<valid_from>/`` holding
``version.yml`` (valid_from, label, title, source_document), the list itself (its source
document, the ground truth the tests check the folder against) and one data file per kind
of fact (``FILES``: rates, zone membership, bundles, plans, extras, insurance, services,
terms, date rules). Everything else in ``knowledge/data/`` (country names, the KPN Pay
page) is the same for every list.

The list in use is the one valid on the conversation's day::

    with price_lists.valid_on(date(2030, 10, 1)):
        roaming.zone_rates(Zone.VOORDEEL)     # figures of the list valid on that day

Without ``valid_on`` the list valid today (Europe/Amsterdam) applies. ``loader.load`` and
every cached accessor of the knowledge modules (``per_version``) follow the selection, so
callers need no version argument. The selection is a context variable: concurrent
conversations (asyncio tasks, threads) each keep their own.

More folders of versions (tests, a draft list) come from the environment variable
``PRICE_LISTS_EXTRA`` (paths separated by ':', read once at first use) or
``extra_root(path)``.
"""
from __future__ import annotations

import contextlib
import contextvars
import functools
import os
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

from knowledge import clock
from knowledge.errors import DataFileError, KnowledgeInputError
from knowledge.loader import DATA_DIR, display_path, load, load_file, schema_path_for

ROOT = DATA_DIR / "price_lists"
EXTRA_ENV = "PRICE_LISTS_EXTRA"
# Another folder in place of ROOT (the e2e stack: the seed list alone, whatever was added later).
ROOT_ENV = "PRICE_LISTS_ROOT"
PIN_ENV = "KPN_PRICE_LIST"  # a version id: the list in use when no day is asked about (tests)
VERSION_FILE = "version.yml"
# The data files every version holds (knowledge/schemas/<name>.schema.yml validates each).
FILES = ("rates", "zones", "bundles", "subscriptions", "extras", "insurance", "services", "terms",
         "date_rules")

T = TypeVar("T")


@dataclass(frozen=True)
class Version:
    """One price list: valid from ``valid_from`` until the next version's valid_from.

    ``label`` names it in an answer ("prijslijst van 28 september 2020"), ``title`` is the
    document's heading, ``source_document`` the list itself, ``path`` its folder.
    """

    id: str
    valid_from: date
    label: str
    title: str
    path: Path
    source_document: Path

    def __str__(self) -> str:
        return self.id

    def file(self, name: str) -> Path:
        """The path of data file ``name`` in this version.

        >>> active().file("rates").name
        'rates.yml'
        """
        return self.path / f"{name}.yml"


class NoPriceListError(KnowledgeInputError):
    """No price list was valid on ``day`` (before the oldest one we have).

    >>> NoPriceListError(date(2019, 1, 1), date(2020, 9, 28)).message
    'Ik heb geen prijslijst die op 1 januari 2019 gold; de oudste die ik ken geldt vanaf 28 september 2020.'
    """

    def __init__(self, day: date, earliest: date | None) -> None:
        from knowledge.dutch_dates import format_date  # local: dutch_dates is not needed otherwise

        since = f"; de oudste die ik ken geldt vanaf {format_date(earliest)}" if earliest else ""
        super().__init__(f"Ik heb geen prijslijst die op {format_date(day)} gold{since}.")
        self.day = day
        self.earliest = earliest


_selected: contextvars.ContextVar[Version | None] = contextvars.ContextVar("price_list", default=None)
# The folders of versions when extra_root() added some (None: the shipped one and the env's).
_roots: contextvars.ContextVar[tuple[Path, ...] | None] = contextvars.ContextVar("price_list_roots", default=None)


def roots() -> tuple[Path, ...]:
    """The folders that hold versions: the shipped one (or ``PRICE_LISTS_ROOT``), then
    ``PRICE_LISTS_EXTRA``, then ``extra_root`` ones.

    >>> roots()[0].name
    'price_lists'
    """
    return _roots.get() or _env_roots()


@functools.lru_cache(maxsize=1)
def _env_roots() -> tuple[Path, ...]:
    # Read once, at first use: the variable is set before the process starts (and reading
    # os.environ costs microseconds on every lookup).
    shipped = Path(os.environ.get(ROOT_ENV) or ROOT)
    value = os.environ.get(EXTRA_ENV, "")
    return (shipped,) + tuple(Path(p) for p in value.split(os.pathsep) if p.strip())


def read_version(folder: Path) -> Version:
    """The version in ``folder`` (its version.yml checked: schema, date, folder name, source).

    >>> read_version(ROOT / "2020-09-28").title
    'Tarieven KPN Mobiel'
    """
    meta_path = folder / VERSION_FILE
    meta = load_file(meta_path, schema_path_for("version"))
    where = display_path(meta_path)
    try:
        valid_from = date.fromisoformat(meta["valid_from"])
    except ValueError:
        raise DataFileError(where, "valid_from", f"{meta['valid_from']!r} is not a date (YYYY-MM-DD)") from None
    if folder.name != valid_from.isoformat():
        raise DataFileError(where, "valid_from", (
            f"{valid_from.isoformat()} does not match the folder name {folder.name!r}; "
            "name the folder after the day the list is valid from"))
    source = folder / meta["source_document"]
    if not source.is_file():
        raise DataFileError(where, "source_document", f"{display_path(source)} not found")
    return Version(id=folder.name, valid_from=valid_from, label=meta["label"], title=meta["title"],
                   path=folder, source_document=source)


@functools.lru_cache(maxsize=8)
def _discover(folders: tuple[Path, ...]) -> tuple[Version, ...]:
    found: dict[date, Version] = {}
    for root in folders:
        if not root.is_dir():
            raise DataFileError(display_path(root), "(folder)", "no such folder of price lists")
        for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
            if not (folder / VERSION_FILE).is_file():
                raise DataFileError(display_path(folder), "(folder)",
                                    f"not a price list: {VERSION_FILE} is missing")
            version = read_version(folder)
            if version.valid_from in found:
                raise DataFileError(display_path(folder), "valid_from", (
                    f"two price lists are valid from {version.valid_from.isoformat()}: "
                    f"{display_path(found[version.valid_from].path)} and this one"))
            found[version.valid_from] = version
    if not found:
        raise DataFileError(display_path(roots()[0]), "(folder)", "no price list found")
    return tuple(found[day] for day in sorted(found))


def versions() -> tuple[Version, ...]:
    """Every known price list, oldest first.

    >>> versions()[0].id
    '2020-09-28'
    """
    return _discover(roots())


def find(version_id: str) -> Version:
    """The version with this id (its folder name, the day it is valid from).

    >>> find("2020-09-28").label
    'prijslijst van 28 september 2020'
    """
    for version in versions():
        if version.id == version_id:
            return version
    known = ", ".join(v.id for v in versions())
    raise KeyError(f"no price list {version_id!r} (known: {known})")


def _day(day: date | datetime) -> date:
    return day.date() if isinstance(day, datetime) else day


def version_on(day: date | datetime) -> Version | None:
    """The price list valid on ``day``: the newest one valid from that day or earlier;
    None before the oldest one.

    >>> version_on(date(2020, 9, 28)).id
    '2020-09-28'
    >>> version_on(date(2020, 9, 27)) is None
    True
    """
    day = _day(day)
    valid = None
    for version in versions():
        if version.valid_from > day:
            break
        valid = version
    return valid


_today_cache: list = [0.0, None]  # [monotonic time it is good until, day]
_active_cache: list = [None, None, None]  # [roots it was chosen from, day, version]


def today() -> date:
    """Today in the Netherlands (the default day for choosing a price list).

    >>> today() >= date(2020, 9, 28)
    True
    """
    now = time.monotonic()
    if now >= _today_cache[0]:  # read the clock at most once a second (this runs on every lookup)
        _today_cache[:] = [now + 1.0, clock.today()]
    return _today_cache[1]


def active() -> Version:
    """The price list in use: the one chosen by ``valid_on``/``using``, else today's.

    Raises ``NoPriceListError`` when no list is valid today (never with the shipped list).

    >>> active().valid_from
    datetime.date(2020, 9, 28)
    """
    version = _selected.get() or _pinned()
    if version is not None:
        return version
    folders, day = roots(), today()
    chosen_from, chosen_on, version = _active_cache
    if chosen_from is folders and chosen_on == day:  # runs on every lookup: keep it cheap
        return version
    version = _valid_today(folders, day)
    _active_cache[:] = [folders, day, version]
    return version


@functools.lru_cache(maxsize=1)
def _pinned() -> Version | None:
    """The version ``KPN_PRICE_LIST`` names (read once): the tests answer from the list their
    expectations quote, whatever newer list is added; questions about a date still get the
    list valid then (``valid_on``)."""
    value = os.environ.get(PIN_ENV, "").strip()
    return find(value) if value else None


@functools.lru_cache(maxsize=8)
def _valid_today(folders: tuple[Path, ...], day: date) -> Version:
    version = version_on(day)
    if version is None:
        raise NoPriceListError(day, versions()[0].valid_from)
    return version


@contextlib.contextmanager
def using(version: Version) -> Iterator[Version]:
    """Read from ``version`` inside the block (tools, tests; answers use ``valid_on``).

    >>> with using(find("2020-09-28")) as v:
    ...     active() is v
    True
    """
    token = _selected.set(version)
    try:
        yield version
    finally:
        _selected.reset(token)


@contextlib.contextmanager
def valid_on(day: date | datetime) -> Iterator[Version]:
    """Answer from the price list valid on ``day`` inside the block.

    Raises ``NoPriceListError`` (a KnowledgeInputError with a Dutch message) when no list
    was valid then; check ``version_on(day)`` first to phrase that yourself.

    >>> with valid_on(date(2021, 3, 1)) as version:
    ...     version.id
    '2020-09-28'
    """
    day = _day(day)
    version = version_on(day)
    if version is None:
        raise NoPriceListError(day, versions()[0].valid_from)
    with using(version):
        yield version


@contextlib.contextmanager
def extra_root(path: Path | str) -> Iterator[tuple[Version, ...]]:
    """Also know the versions in folder ``path`` inside the block (tests, draft lists).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder, extra_root(folder) as known:
    ...     [version.id for version in known] == [version.id for version in versions()]
    True
    """
    token = _roots.set(roots() + (Path(path),))
    try:
        yield versions()
    finally:
        _roots.reset(token)


def per_version(func: Callable[..., T]) -> Callable[..., T]:
    """Cache ``func`` per price list version (and per argument), like ``functools.lru_cache``.

    For accessors that build objects from a version's data files: each version gets its
    own results, computed on first use inside that version.

    >>> calls = []
    >>> @per_version
    ... def label() -> str:
    ...     calls.append(1)
    ...     return active().label
    >>> label(), label(), len(calls)
    ('prijslijst van 28 september 2020', 'prijslijst van 28 september 2020', 1)
    """
    @functools.lru_cache(maxsize=None)
    def cached(folder: Path, *args: Any, **kwargs: Any) -> T:  # keyed by folder: its hash is cached
        return func(*args, **kwargs)

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        return cached(active().path, *args, **kwargs)

    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return wrapper


def inflation_note_applies(version: Version, today: date | datetime) -> bool:
    """True when a yearly inflation correction day (1 October, from the version's date
    rules) after the list's ``valid_from`` has come by ``today``: prices may since have been
    raised (kpn.com/inflatiecorrectie). The new figures are not known; never invent them.

    >>> v = find("2020-09-28")
    >>> inflation_note_applies(v, date(2020, 9, 30)), inflation_note_applies(v, date(2020, 10, 1))
    (False, True)
    """
    with using(version):
        rule = load("date_rules")["inflation_correction"]
    first = date(version.valid_from.year, rule["month"], rule["day"])
    if first <= version.valid_from:
        first = date(first.year + 1, rule["month"], rule["day"])
    return _day(today) >= first
