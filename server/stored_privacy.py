"""Personal data out of stored conversations (``REDACT_STORED_MESSAGES``, default on).

Rasa 3.6's ``SQLTrackerStore.save`` (SQLite and PostgreSQL alike) writes, for each event
that ``SQLTrackerStore._additional_events`` yields (the events of this turn),
``json.dumps(event.as_dict())`` into the ``events`` table. This module wraps
``_additional_events`` so that it yields *redacted copies* of the events that hold
personal data (server/personal_data.py); the tracker in memory keeps the original text,
so the turn itself (NLU, policies, the action server) works with what the user typed, and
the next turn reads the redacted text back from the store. Events without personal data
are passed through untouched (no copy).

Redacted, wherever a string holds personal data:

* a user message: its ``text``, ``parse_data.text`` and any other string in
  ``parse_data`` and ``metadata``; entity offsets are moved to match the redacted text,
  and an entity read *from* the personal data (a number, a digit string) gets the
  placeholder as its value — an entity such as a country name keeps its value;
* a bot message: ``text``, ``data`` (buttons, custom payloads) and ``metadata``, in case
  an answer echoes the user's input;
* every other event's string values (a slot value, an action's ``action_text``);
* a value *read from* personal data masked earlier in the same save — a slot or entity
  612345678 after "06-12345678" — becomes the placeholder too.

Numbers that are not personal data (amounts, dates, service numbers) stay, and so do the
slots and entities the answers need (country, amounts). ``TrackerStore._stream_new_events``
(an event broker, if one is ever configured) gets the same redacted copies.

Should the detection ever fail on an event, that event is stored with every string and
number withheld (``<niet opgeslagen>``) rather than verbatim, and the turn goes on.

Set ``REDACT_STORED_MESSAGES=0`` (``false``/``no``/``off``) to store the text verbatim.
The Rasa server installs this by importing server/channels.py. A test
(tests/test_stored_privacy.py) fails when the pinned Rasa's ``save`` stops going through
``_additional_events`` and ``as_dict``.
"""
from __future__ import annotations

import logging
import os
import re
from typing import Any, Dict, Iterator, List, Optional, Tuple

from server.personal_data import MASKS, Span, find_personal_data, mask

# Keys whose values are names and ids, never user text: not searched.
_NOT_TEXT = frozenset({"event", "timestamp", "message_id", "input_channel", "policy", "name",
                       "intent_name", "confidence", "extractor", "start", "end"})
_OFF = {"0", "false", "no", "off"}
WITHHELD = "<niet opgeslagen>"
logger = logging.getLogger(__name__)
_NUMBER_ONLY = re.compile(r"[\d\s.,+()/-]+")


def enabled() -> bool:
    """REDACT_STORED_MESSAGES: on unless set to 0 / false / no / off."""
    return os.environ.get("REDACT_STORED_MESSAGES", "1").strip().lower() not in _OFF


Derived = Dict[str, str]  # digits of personal data seen in this batch -> their kind


def _digits(value: Any) -> str:
    if isinstance(value, bool):
        return ""
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return str(abs(int(value)))
    if isinstance(value, str) and _NUMBER_ONLY.fullmatch(value):
        return "".join(ch for ch in value if ch.isdigit())
    return ""


def _derived_kind(value: Any, derived: Optional[Derived]) -> Optional[str]:
    """The kind of personal data ``value`` was read from ("612345678" from "06-12345678"),
    if any: 7 or more of its digits appear in a number masked in the same batch."""
    if not derived:
        return None
    digits = _digits(value)
    if len(digits) < 7:
        return None
    return next((kind for seen, kind in derived.items() if digits in seen), None)


def redact_value(value: Any, derived: Optional[Derived] = None) -> Any:
    """``value`` with personal data masked in every string inside it (dicts and lists too),
    and any value read from personal data in ``derived`` replaced by its placeholder; the
    very same object when there was nothing to mask."""
    if isinstance(value, str):
        masked = mask(value)
        if masked is value or masked == value:
            kind = _derived_kind(value, derived)
            return MASKS[kind] if kind else value
        return masked
    if isinstance(value, (int, float)):
        kind = _derived_kind(value, derived)
        return MASKS[kind] if kind else value
    if isinstance(value, dict):
        out = {k: v if k in _NOT_TEXT else redact_value(v, derived) for k, v in value.items()}
        return value if all(out[k] is v for k, v in value.items()) else out
    if isinstance(value, (list, tuple)):
        items = [redact_value(v, derived) for v in value]
        return value if all(a is b for a, b in zip(items, value)) else type(value)(items)
    return value


def _replace(text: str, spans: List[Span]) -> List[Tuple[Span, int, int]]:
    """Each span with its start and end in the masked text."""
    moved: List[Tuple[Span, int, int]] = []
    last, length = 0, 0
    for span in spans:
        length += span.start - last
        moved.append((span, length, length + len(MASKS[span.kind])))
        length += len(MASKS[span.kind])
        last = span.end
    return moved


def _new_offset(offset: int, moved: List[Tuple[Span, int, int]], at_end: bool) -> int:
    """Where an entity's start (or end) lands in the masked text; inside a masked span it
    moves to the placeholder's start (or end)."""
    shift = 0
    for span, new_start, new_end in moved:
        if offset < span.start or (at_end and offset == span.start):
            break
        if offset < span.end or (at_end and offset == span.end):
            return new_end if at_end else new_start
        shift = new_end - span.end
    return offset + shift


def _looks_like_the_data(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and any(ch.isdigit() or ch == "@" for ch in value)


def _redact_entities(entities: List[Any], moved: List[Tuple[Span, int, int]],
                     derived: Derived) -> List[Any]:
    out = []
    for entity in entities:
        if not isinstance(entity, dict):
            out.append(entity)
            continue
        entity = dict(redact_value(entity, derived))
        start, end = entity.get("start"), entity.get("end")
        if isinstance(start, int) and isinstance(end, int) and moved:
            hit = next((span for span, _, _ in moved if start < span.end and span.start < end), None)
            if hit is not None and _looks_like_the_data(entity.get("value")):
                entity["value"] = MASKS[hit.kind]
            entity["start"] = _new_offset(start, moved, at_end=False)
            entity["end"] = _new_offset(end, moved, at_end=True)
        out.append(entity)
    return out


def _redact_user(data: Dict[str, Any], derived: Derived) -> Dict[str, Any]:
    text = data.get("text")
    spans = find_personal_data(text) if isinstance(text, str) else []
    for span in spans:
        digits = _digits(text[span.start:span.end])
        if len(digits) >= 7:
            derived[digits] = span.kind
    moved = _replace(text, spans) if spans else []
    out = dict(redact_value({k: v for k, v in data.items() if k != "parse_data"}, derived))
    parse_data = data.get("parse_data")
    if isinstance(parse_data, dict):
        parsed = dict(redact_value({k: v for k, v in parse_data.items() if k != "entities"},
                                   derived))
        if isinstance(parse_data.get("entities"), list):
            parsed["entities"] = _redact_entities(parse_data["entities"], moved, derived)
        out["parse_data"] = parsed
    return out


def redact_event(data: Dict[str, Any], derived: Optional[Derived] = None) -> Dict[str, Any]:
    """An event's ``as_dict()`` with personal data masked (a new dict), or the same dict
    when it holds none. ``derived`` collects the digits of what a user event had masked,
    so that a later event of the same batch (a slot set from that message) can mask a
    value read from it.

    >>> redact_event({"event": "user", "text": "mijn nummer is 0612345678",
    ...               "parse_data": {"text": "mijn nummer is 0612345678", "entities": []}})["text"]
    'mijn nummer is <telefoonnummer>'
    >>> seen = {"0612345678": "phone"}
    >>> redact_event({"event": "slot", "name": "minutes", "value": 612345678}, seen)["value"]
    '<telefoonnummer>'
    """
    derived = {} if derived is None else derived
    if data.get("event") == "user":
        redacted = _redact_user(data, derived)
        return data if redacted == data else redacted
    return redact_value(data, derived)


def redacted_copy(event: Any, derived: Optional[Derived] = None) -> Any:
    """The event itself when it holds no personal data, else a redacted copy of it."""
    from rasa.shared.core.events import Event

    data = event.as_dict()
    try:
        redacted = redact_event(data, derived)
    except Exception:  # never store what could not be checked, never lose the turn
        logger.exception("Personal-data redaction failed for a '%s' event; its text is withheld",
                         data.get("event"))
        redacted = _withheld(data)
    if redacted is data:
        return event
    copy: Optional[Event] = Event.from_parameters(redacted)
    return copy if copy is not None else event


def _withheld(value: Any) -> Any:
    """Every string and number replaced by WITHHELD (names, ids and scores excepted)."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return WITHHELD
    if isinstance(value, dict):
        return {k: v if k in _NOT_TEXT else _withheld(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_withheld(v) for v in value]
    return value


def _redacting_events(events: Any) -> Iterator[Any]:
    derived: Derived = {}
    for event in events:
        yield redacted_copy(event, derived)


def install() -> None:
    """Redact what the SQL tracker store saves and what an event broker gets (idempotent;
    nothing happens when REDACT_STORED_MESSAGES is off)."""
    if not enabled():
        return
    from rasa.core.tracker_store import SQLTrackerStore, TrackerStore

    additional = SQLTrackerStore._additional_events
    if not getattr(additional, "_kpn_redacting", False):
        def _additional_events(self, session, tracker):  # type: ignore[no-untyped-def]
            return _redacting_events(additional(self, session, tracker))

        _additional_events._kpn_redacting = True  # type: ignore[attr-defined]
        SQLTrackerStore._additional_events = _additional_events  # type: ignore[assignment]

    stream = TrackerStore._stream_new_events
    if not getattr(stream, "_kpn_redacting", False):
        async def _stream_new_events(self, event_broker, new_events, sender_id):  # type: ignore[no-untyped-def]
            return await stream(self, event_broker, list(_redacting_events(new_events)), sender_id)

        _stream_new_events._kpn_redacting = True  # type: ignore[attr-defined]
        TrackerStore._stream_new_events = _stream_new_events  # type: ignore[assignment]


install()
