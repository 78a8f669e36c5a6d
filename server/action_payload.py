"""A request to the action server whose size does not grow with the conversation.

Rasa 3.6 sends the action server the whole tracker on every call, every event of the
session serialised (``tracker.current_state(EventVerbosity.ALL)``), plus the domain as a
dict rebuilt for every call. At turn 100 that was a fifth of the Rasa server's CPU per
reply, and the action server spent as much again decoding it.

The actions read the slots, ``tracker.latest_message`` and the events of the current turn
(docs/production.md). So the request carries the tracker's full current state (slots,
latest message, active loop, latest action, followup action, paused, input channel) but
only the recent events:

* ``ACTION_EVENT_TURNS`` (default 2): the events from the N-th latest user message on,
  i.e. the current turn and the one before it (1: the current turn only);
* ``ACTION_EVENTS_MAX`` (default 100): never more than this many events (the latest).

The domain dict is built once per domain instead of on every call. The tracker store
keeps every event; only the copy sent to the action server is bounded.
"""
from __future__ import annotations

import logging
import os
from typing import Any, Dict, List, Text

import rasa
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from server import patching

logger = logging.getLogger(__name__)

PINS = {
    "rasa.core.actions.action.RemoteAction._action_call_format": "b8da18ca9f78d3ae",
    "rasa.shared.core.trackers.DialogueStateTracker.current_state": "653e065543ece9c9",
}


def _env_int(name: str, default: int, minimum: int) -> int:
    try:
        return max(minimum, int(os.environ.get(name, default)))
    except ValueError:
        logger.warning("%s is not a whole number; using %s", name, default)
        return default


EVENT_TURNS = _env_int("ACTION_EVENT_TURNS", 2, 1)
EVENTS_MAX = _env_int("ACTION_EVENTS_MAX", 100, 1)


def recent_events(tracker: DialogueStateTracker, turns: int, limit: int) -> List[Event]:
    """The events from the `turns`-th latest user message on, at most `limit` of them."""
    picked: List[Event] = []
    for event in reversed(tracker.events):
        if len(picked) >= limit:
            break
        picked.append(event)
        if isinstance(event, UserUttered):
            turns -= 1
            if turns <= 0:
                break
    picked.reverse()
    return picked


_original_call_format = RemoteAction._action_call_format
_domains: Dict[int, Any] = {}


def domain_dict(domain: Domain) -> Dict[Text, Any]:
    """domain.as_dict(), once per domain object (the domain does not change at run time)."""
    known = _domains.get(id(domain))
    if known is None or known[0] is not domain:
        known = _domains[id(domain)] = (domain, domain.as_dict())
    return known[1]


def bounded_call_format(self: RemoteAction, tracker: DialogueStateTracker,
                        domain: Domain) -> Dict[Text, Any]:
    """RemoteAction._action_call_format with the recent events only (module doc)."""
    tracker_state = tracker.current_state(EventVerbosity.NONE)
    tracker_state["events"] = [e.as_dict() for e in recent_events(tracker, EVENT_TURNS, EVENTS_MAX)]
    result = {
        "next_action": self._name,
        "sender_id": tracker.sender_id,
        "tracker": tracker_state,
        "version": rasa.__version__,
    }
    if (not self._is_selective_domain_enabled()
            or domain.does_custom_action_explicitly_need_domain(self.name())):
        result["domain"] = domain_dict(domain)
    return result


def install() -> None:
    if patching.unchanged("the bounded action payload (server/action_payload.py)", PINS):
        RemoteAction._action_call_format = bounded_call_format  # type: ignore[assignment]
