"""Tracker retrieval from the SQL tracker store at a cost independent of the conversation's length.

Rasa 3.6's ``SQLTrackerStore.retrieve`` reads every event of the conversation's session on
every turn, decodes the JSON, resolves each event's class and replays them all into a new
tracker; ``save`` counts the stored events with a query before it inserts the new ones. At
turn 100 that was 40 % of the server's CPU per reply.

Here each Rasa process keeps the trackers of the conversations it served last (an LRU of
``TRACKER_CACHE_CONVERSATIONS``, default 1000; 0 turns it off) together with the id of the
last stored event. A retrieval asks the store only for the events from that id on:

* the first row must be that very event, else the conversation was changed or deleted in
  the store (``make purge``, ``scripts/forget.py``) and it is read again from scratch;
* the rows after it were written since (by this process or by another Rasa server behind
  the load balancer; the lock store serialises a conversation's turns): they are decoded
  and applied to the kept tracker, exactly as a full retrieval would apply them, and a new
  session among them makes it a full retrieval;
* the caller gets a copy (server/bounded_history.py ``clone``), never the kept tracker.

So the tracker handed out is the one a full retrieval would build from the same rows: the
store stays the only truth, every event is kept there, and whatever a save hook writes
(e.g. redacted texts) is what the next turn reads. ``save`` is Rasa's own (hooks wrapping
it keep working); only its count query is skipped for a tracker that came from here, whose
number of stored events is known, and the save of a new conversation's empty tracker
(nothing to store) is skipped. The two SELECTs are built once per store.
"""
from __future__ import annotations

import functools
import itertools
import json
import logging
import os
import weakref
from collections import OrderedDict
from typing import Any, Iterator, List, Optional, Text

import sqlalchemy as sa
from rasa.core import tracker_store as rasa_tracker_store
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core import events as rasa_events
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from server import bounded_history, patching

logger = logging.getLogger(__name__)

PINS = {
    "rasa.core.tracker_store.SQLTrackerStore._retrieve": "78c7e08ac30924b6",
    "rasa.core.tracker_store.SQLTrackerStore.retrieve": "677c6bcd5340d5f4",
    "rasa.core.tracker_store.SQLTrackerStore._event_query": "6484d8ac7d14284b",
    "rasa.core.tracker_store.SQLTrackerStore._additional_events": "5ad906f458419020",
    "rasa.core.tracker_store.SQLTrackerStore.save": "ded301e08f4c708e",
    "rasa.shared.core.trackers.DialogueStateTracker.from_dict": "2afd0a7b88d68714",
    "rasa.shared.core.trackers.DialogueStateTracker.from_events": "8655b641c67e14ae",
}


def _size() -> int:
    try:
        return max(0, int(os.environ.get("TRACKER_CACHE_CONVERSATIONS", "1000")))
    except ValueError:
        logger.warning("TRACKER_CACHE_CONVERSATIONS is not a number; using 1000")
        return 1000


class _Entry:
    __slots__ = ("tracker", "last_id", "count")

    def __init__(self, tracker: DialogueStateTracker, last_id: int, count: int) -> None:
        self.tracker, self.last_id, self.count = tracker, last_id, count


class TrackerCache:
    """The kept trackers of one tracker store, least recently used first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: "OrderedDict[Text, _Entry]" = OrderedDict()
        self.hits = self.misses = self.reloads = 0
        # Conversations retrieve() found nothing stored for: the tracker Rasa then creates
        # for them has no stored events, so its first save needs no count query.
        self.unstored: "OrderedDict[Text, None]" = OrderedDict()

    def note_unstored(self, sender_id: Text) -> None:
        self.unstored[sender_id] = None
        while len(self.unstored) > max(self.size, 1):
            self.unstored.popitem(last=False)

    def was_unstored(self, sender_id: Text) -> bool:
        """True once after note_unstored(sender_id)."""
        return self.unstored.pop(sender_id, False) is None

    def get(self, sender_id: Text) -> Optional[_Entry]:
        entry = self.entries.get(sender_id)
        if entry is not None:
            self.entries.move_to_end(sender_id)
        return entry

    def put(self, sender_id: Text, entry: _Entry) -> None:
        self.entries[sender_id] = entry
        self.entries.move_to_end(sender_id)
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)

    def drop(self, sender_id: Text) -> None:
        self.entries.pop(sender_id, None)


_caches: "weakref.WeakKeyDictionary[SQLTrackerStore, TrackerCache]" = weakref.WeakKeyDictionary()
# On trackers handed out by retrieve(): how many of their events are stored.
_STORED = bounded_history.STORED_MARK

_original_retrieve = SQLTrackerStore.retrieve
_original_additional_events = SQLTrackerStore._additional_events


def cache_of(store: SQLTrackerStore) -> TrackerCache:
    cache = _caches.get(store)
    if cache is None:
        cache = _caches[store] = TrackerCache(_size())
    return cache


def _decode(rows: List[Any]) -> List[rasa_events.Event]:
    return rasa_events.deserialise_events([json.loads(row.data) for row in rows])


def _apply(tracker: DialogueStateTracker, new_events: List[rasa_events.Event]) -> None:
    for event in new_events:
        tracker.update(event)


def _warm(store: SQLTrackerStore, tracker: DialogueStateTracker) -> None:
    """Extend the kept tracker's own history caches by the events just applied, so the
    copies start from them (server/bounded_history.py)."""
    if DialogueStateTracker.applied_events is bounded_history.incremental_applied_events:
        tracker.applied_events()
        if store.domain is not None and store.domain.slots is not None:
            bounded_history.last_states(tracker, store.domain, 1)


def _statements(store: SQLTrackerStore) -> Any:
    """The two SELECTs of this module, built once per store (SQLAlchemy builds and
    compiles an ORM query from scratch on every call otherwise)."""
    built = store.__dict__.get("_kpn_selects")
    if built is None:
        table = store.SQLEvent.__table__
        columns = (table.c.id, table.c.type_name, table.c.timestamp, table.c.data)
        sender = table.c.sender_id == sa.bindparam("sender_id")
        built = store.__dict__["_kpn_selects"] = (
            sa.select(*columns).where(sender).order_by(table.c.id),
            sa.select(*columns).where(sender, table.c.id >= sa.bindparam("last_id"))
            .order_by(table.c.id),
        )
    return built


def _latest_session(rows: List[Any]) -> List[Any]:
    """The rows of the latest session, as Rasa's SQL filter selects them: timestamp at or
    after the latest session start's (all rows when there is none)."""
    starts = [r.timestamp for r in rows
              if r.type_name == SessionStarted.type_name and r.timestamp is not None]
    if not starts:
        return rows
    latest = max(starts)
    return [r for r in rows if r.timestamp is not None and r.timestamp >= latest]


def _full_read(store: SQLTrackerStore, session: Any, sender_id: Text) -> Optional[_Entry]:
    """The session's rows as Rasa's retrieve reads them, with their ids."""
    everything, _ = _statements(store)
    rows = _latest_session(session.execute(everything, {"sender_id": sender_id}).all())
    events = _decode(rows)
    if not (store.domain and events):
        return None
    tracker = DialogueStateTracker.from_events(sender_id, events, store.domain.slots)
    return _Entry(tracker, rows[-1].id, len(tracker.events))


def _update(store: SQLTrackerStore, session: Any, sender_id: Text, entry: _Entry) -> bool:
    """Apply the rows stored after the kept tracker's last one; False: read afresh."""
    _, newer = _statements(store)
    rows = session.execute(newer, {"sender_id": sender_id, "last_id": entry.last_id}).all()
    if not rows or rows[0].id != entry.last_id:
        return False  # changed or deleted in the store
    new = rows[1:]
    if any(row.type_name == SessionStarted.type_name for row in new):
        return False  # a new session: the full read keeps only its events
    if new:
        events = _decode(new)
        _apply(entry.tracker, events)
        entry.last_id = new[-1].id
        entry.count = len(entry.tracker.events)
    return True


async def cached_retrieve(self: SQLTrackerStore, sender_id: Text) -> Optional[DialogueStateTracker]:
    """SQLTrackerStore.retrieve through the per-process cache (see the module doc)."""
    cache = cache_of(self)
    if not cache.size or self.max_event_history:
        return await _original_retrieve(self, sender_id)
    with self.session_scope() as session:
        entry = cache.get(sender_id)
        if entry is not None and _update(self, session, sender_id, entry):
            cache.hits += 1
        else:
            if entry is not None:
                cache.reloads += 1
                cache.drop(sender_id)
            cache.misses += 1
            entry = _full_read(self, session, sender_id)
            if entry is None:
                cache.note_unstored(sender_id)
                logger.debug(f"Can't retrieve tracker matching sender id '{sender_id}' from "
                             f"SQL storage. Returning `None` instead.")
                return None
            cache.put(sender_id, entry)
    _warm(self, entry.tracker)
    tracker = bounded_history.clone(entry.tracker)
    tracker.__dict__[_STORED] = entry.count
    return tracker


def known_additional_events(self: SQLTrackerStore, session: Any,
                            tracker: DialogueStateTracker) -> Iterator:
    """SQLTrackerStore._additional_events without the count query where the number of
    stored events is known (a tracker from cached_retrieve, or one without events)."""
    stored = tracker.__dict__.get(_STORED)
    if stored is None and cache_of(self).was_unstored(tracker.sender_id):
        stored = 0  # created after retrieve() found nothing (the lock store holds the turn)
    if stored is None and tracker.events:  # Rasa's count query, once for this tracker
        stored = len(tracker.events) - len(list(_original_additional_events(self, session, tracker)))
    stored = stored or 0
    tracker.__dict__[_STORED] = len(tracker.events)  # a second save stores only what is new
    return itertools.islice(tracker.events, stored, len(tracker.events))


def _wrap_save(save: Any) -> Any:
    @functools.wraps(save)  # __wrapped__: the save underneath stays inspectable
    async def save_unless_empty(self: SQLTrackerStore, tracker: DialogueStateTracker) -> None:
        """Rasa saves the new, empty tracker of every new conversation (a session, a count
        query and a commit) before anything happened; there is nothing to store."""
        if not tracker.events and self.event_broker is None:
            return None
        return await save(self, tracker)

    save_unless_empty._kpn_wrapped = True  # type: ignore[attr-defined]
    return save_unless_empty


def install() -> None:
    if not patching.unchanged("the tracker cache (server/tracker_cache.py)", PINS):
        return
    if SQLTrackerStore.retrieve is not cached_retrieve:
        SQLTrackerStore.retrieve = cached_retrieve  # type: ignore[assignment]
        SQLTrackerStore._additional_events = known_additional_events  # type: ignore[assignment]
        from server import stored_privacy  # its redaction wrapped the function replaced here:

        stored_privacy.install()  # wrap this one (idempotent; nothing when redaction is off)
    if not getattr(SQLTrackerStore.save, "_kpn_wrapped", False):
        # Wraps whatever save is installed (e.g. a redaction hook), does not replace it.
        SQLTrackerStore.save = _wrap_save(SQLTrackerStore.save)  # type: ignore[assignment]


__all__ = ["install", "cache_of", "cached_retrieve", "TrackerCache", "rasa_tracker_store"]
