"""Per-turn cost independent of the conversation's length: Rasa's walks over the history.

Rasa 3.6 walks over every event of the conversation several times per turn; at turn 100
of a conversation that is most of the CPU time of a reply (bench/README.md, "Where the
reply time goes"). Three patches make those steps cost the same at turn 1 and turn 100,
with results identical to Rasa's own (tests/test_server_speedups.py compares them on
conversations with forms, reverted turns, restarts and new sessions):

1. ``DialogueStateTracker.copy()`` (called for every action the processor runs, and when a
   form starts) built a new tracker and replayed every event into it. Here the copy takes
   the current state instead: the events deque is copied at C speed, the slot objects and
   the active loop are copied, and the few attributes the replay would set differently
   (``followup_action``, ``model_id``, ``assistant_id``, ``sender_source``) are set as the
   replay sets them. Where that cannot be told from the last events (a reverted turn), the
   original replay runs.
2. ``DialogueStateTracker.applied_events()`` (the session-expiry check, the session start,
   the policies) filtered all events every time. Here the result is remembered on the
   tracker and extended with the events added since; it is recomputed from scratch only
   when the history was rewritten in a way the extension cannot follow (a form that was
   never active before becomes active, or the deque dropped old events).
3. ``RulePolicy`` turned the whole history into states, twice per prediction, compared all
   of them with every rule, and deep-copied them all for a debug log line. A rule only
   looks at as many states as it is long, so the policy now gets the last
   ``longest rule`` states, computed incrementally: the states of earlier turns are kept
   with the tracker, with checkpoints of the replay for when a form's next step drops the
   turns in between from the applied events. The matched rule is the same.
4. The slot-mapping validation (``ActionExtractSlots``) and a form's validation build a
   temporary tracker with ``DialogueStateTracker.from_events(
   tracker.events_after_latest_restart() + new_events, slots=domain.slots)``, a replay of
   the whole history for every call to the action server. Here that pattern is recognised
   (the list remembers its tracker) and served by the copy of 1. plus the new events;
   any other use of ``from_events`` replays as before.

The caches travel with the tracker objects (copies share what they can and fork the rest
when they change), so nothing here is shared between conversations or processes.
"""
from __future__ import annotations

import copy as copy_module
import dataclasses
import functools
import operator
import weakref
from collections import deque
from typing import Any, Deque, Dict, List, Optional, Text, Tuple

from rasa.core.policies.rule_policy import RULES, RULES_FOR_LOOP_UNHAPPY_PATH, RulePolicy
from rasa.shared.core import trackers as rasa_trackers
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    FollowupAction,
    Restarted,
    SessionStarted,
    UserUttered,
    UserUtteranceReverted,
)
from rasa.shared.core.trackers import AnySlotDict, DialogueStateTracker

from server import patching

PINS = {
    "rasa.shared.core.trackers.DialogueStateTracker.applied_events": "78464fb46cdecd20",
    "rasa.shared.core.trackers.DialogueStateTracker.copy": "ee85e538659b5a76",
    "rasa.shared.core.trackers.DialogueStateTracker.travel_back_in_time": "ac5dbfd3e3bc2df3",
    "rasa.shared.core.trackers.DialogueStateTracker.init_copy": "cfd7129f08dcee1b",
    "rasa.shared.core.trackers.DialogueStateTracker.__init__": "174966138a5c0aa0",
    "rasa.shared.core.trackers.DialogueStateTracker.update": "50024c8a1cd4ce3b",
    "rasa.shared.core.trackers.DialogueStateTracker.generate_all_prior_trackers": "a8ee3547f7588887",
    "rasa.shared.core.domain.Domain.states_for_tracker_history": "9d6f120379ee768e",
    "rasa.core.policies.policy.Policy._prediction_states": "44545353b1ac5b87",
    "rasa.core.policies.rule_policy.RulePolicy._get_possible_keys": "ae2257980a444fb0",
    "rasa.core.policies.rule_policy.RulePolicy._is_rule_applicable": "c60740c10d00a4cf",
    "rasa.core.featurizers.tracker_featurizers.MaxHistoryTrackerFeaturizer.prediction_states": "27fac93ddb32db34",
    "rasa.core.featurizers.tracker_featurizers.TrackerFeaturizer._choose_last_user_input": "19592c8645e7e397",
    "rasa.core.policies.rule_policy.RulePolicy._find_action_from_rules": "9a6c28d7af23def6",
    "rasa.shared.core.trackers.DialogueStateTracker._first_loop_execution_or_unhappy_path": "2559b16a1b07ab70",
    "rasa.shared.core.trackers.DialogueStateTracker._undo_till_previous_loop_execution": "d7d6f98f16583b46",
    "rasa.shared.core.trackers.DialogueStateTracker.events_after_latest_restart": "8b03f6926a6d9e5e",
    "rasa.shared.core.trackers.DialogueStateTracker.from_events": "8655b641c67e14ae",
    "rasa.core.actions.action.ActionExtractSlots._execute_validation_action": "50379f5d69efe0d3",
    "rasa.core.actions.forms.FormAction._temporary_tracker": "01ff5ba740924b1c",
}

_APPLIED = "_kpn_applied"
_STATES = "_kpn_states"
STORED_MARK = "_kpn_stored"  # server/tracker_cache.py: events of this tracker in the store
CHECKPOINTS = 32  # replay snapshots kept per conversation (a form's undo goes back 1-3)

_original_applied_events = DialogueStateTracker.applied_events
_original_copy = DialogueStateTracker.copy
_original_prediction_states = RulePolicy._prediction_states
_original_after_restart = DialogueStateTracker.events_after_latest_restart
_original_from_events = DialogueStateTracker.from_events.__func__  # type: ignore[attr-defined]


# --- 1. copy --------------------------------------------------------------------------
@functools.lru_cache(maxsize=None)
def _plain(cls: type) -> bool:
    """Whether ``copy.copy`` of an instance of `cls` is a new instance with the same
    attribute dict (no copy protocol of its own, no __slots__, object's __new__)."""
    return (cls.__reduce_ex__ is object.__reduce_ex__ and cls.__reduce__ is object.__reduce__
            and cls.__new__ is object.__new__ and not hasattr(cls, "__copy__")
            and not hasattr(cls, "__getstate__") and not hasattr(cls, "__setstate__")
            and not any(vars(k).get("__slots__") for k in cls.__mro__[:-1]))


def copy_slot(slot: Any) -> Any:
    """``copy.copy(slot)``, done directly for plain classes (Rasa's slots): every tracker
    copies all the domain's slots, and the copy protocol was most of a turn's copying."""
    cls = type(slot)
    if not _plain(cls):
        return copy_module.copy(slot)
    new = object.__new__(cls)
    new.__dict__.update(slot.__dict__)
    return new


class _SlotCopying:
    """Stands in for the `copy` module in rasa.shared.core.trackers, whose only use is
    ``copy.copy(slot)`` for every slot of a new tracker; anything else is the module's."""

    copy = staticmethod(copy_slot)

    def __getattr__(self, name: str) -> Any:
        return getattr(copy_module, name)


def clone(tracker: DialogueStateTracker) -> DialogueStateTracker:
    """An independent tracker in the same state (events shared, as Rasa's copies do)."""
    new = object.__new__(type(tracker))
    attributes = dict(tracker.__dict__)
    attributes.pop(STORED_MARK, None)  # a copy is not what the store holds
    attributes["events"] = deque(tracker.events, tracker.events.maxlen)
    slots = type(tracker.slots)() if isinstance(tracker.slots, AnySlotDict) else {}
    for name, slot in tracker.slots.items():
        slots[name] = copy_slot(slot)
    attributes["slots"] = slots
    if tracker.active_loop is not None:
        attributes["active_loop"] = dataclasses.replace(tracker.active_loop)
    applied: Optional[_AppliedCache] = attributes.get(_APPLIED)
    if applied is not None:
        attributes[_APPLIED] = applied.for_events(tracker.events, attributes["events"])
    new.__dict__.update(attributes)
    return new


_UNKNOWN = object()


def _followup_after_replay(tracker: DialogueStateTracker) -> Any:
    """`followup_action` as replaying all events would leave it (the processor clears it
    on the live tracker without an event); _UNKNOWN where only a replay can tell."""
    for event in reversed(tracker.events):
        if isinstance(event, (ActionExecuted, UserUttered)):
            return None
        if isinstance(event, FollowupAction):
            return event.action_name
        if isinstance(event, Restarted):
            return ACTION_SESSION_START_NAME
        if isinstance(event, SessionStarted):
            return ACTION_LISTEN_NAME
        if isinstance(event, (UserUtteranceReverted, ActionReverted)):
            return _UNKNOWN
    return ACTION_LISTEN_NAME


def fast_copy(self: DialogueStateTracker) -> DialogueStateTracker:
    """`DialogueStateTracker.copy()` without replaying the history."""
    if self._max_event_history or type(self) is not DialogueStateTracker:
        return _original_copy(self)
    followup = _followup_after_replay(self)
    if followup is _UNKNOWN:
        return _original_copy(self)
    new = clone(self)
    new.sender_id = self.sender_id or rasa_trackers.DEFAULT_SENDER_ID
    new.sender_source = None
    new.model_id = None
    new.assistant_id = None
    new.followup_action = followup
    return new


# --- 2. applied events ------------------------------------------------------------------
class _AppliedCache:
    """`applied_events()` of the first `done` events of `events` (a tracker's deque)."""

    __slots__ = ("events", "done", "last", "applied", "loop_names")

    def __init__(self, events: Deque[Event], done: int, last: Optional[Event],
                 applied: List[Event], loop_names: frozenset) -> None:
        self.events, self.done, self.last = events, done, last
        self.applied, self.loop_names = applied, loop_names

    def valid_for(self, events: Deque[Event]) -> bool:
        return (self.events is events and self.done <= len(events)
                and (self.done == 0 or events[self.done - 1] is self.last))

    def for_events(self, old: Deque[Event], new: Deque[Event]) -> Optional["_AppliedCache"]:
        if not self.valid_for(old):
            return None
        return _AppliedCache(new, self.done, self.last, list(self.applied), self.loop_names)


def _fold(tracker: DialogueStateTracker, events: List[Event], applied: List[Event],
          loop_names: frozenset) -> None:
    """The loop of DialogueStateTracker.applied_events, continued from `applied`."""
    for event in events:
        if isinstance(event, (Restarted, SessionStarted)):
            applied.clear()
        elif isinstance(event, ActionReverted):
            tracker._undo_till_previous(ActionExecuted, applied)
        elif isinstance(event, UserUtteranceReverted):
            tracker._undo_till_previous(UserUttered, applied)
            tracker._undo_till_previous(ActionExecuted, applied)
        elif (
            isinstance(event, ActionExecuted)
            and event.action_name in loop_names
            and not tracker._first_loop_execution_or_unhappy_path(event.action_name, applied)
        ):
            tracker._undo_till_previous_loop_execution(event.action_name, applied)
        else:
            applied.append(event)


def _loop_names(events: Any) -> frozenset:
    return frozenset(e.name for e in events if isinstance(e, ActiveLoop) and e.name)


def incremental_applied_events(self: DialogueStateTracker) -> List[Event]:
    """`applied_events()`, extended from the previous call on this tracker."""
    events = self.events
    if self._max_event_history:
        return _original_applied_events(self)
    cache: Optional[_AppliedCache] = self.__dict__.get(_APPLIED)
    if cache is not None and not cache.valid_for(events):
        cache = None
    count = len(events)
    if cache is not None and cache.done < count:
        new = [events[i] for i in range(cache.done, count)]
        if _loop_names(new) - cache.loop_names:
            cache = None  # a loop that was never active before: earlier steps change
        else:
            _fold(self, new, cache.applied, cache.loop_names)
            cache.done, cache.last = count, new[-1]
    if cache is None:
        loop_names = _loop_names(events)
        applied: List[Event] = []
        _fold(self, list(events), applied, loop_names)
        cache = _AppliedCache(events, count, events[-1] if count else None, applied, loop_names)
        self.__dict__[_APPLIED] = cache
    return list(cache.applied)


# --- 3. states for RulePolicy --------------------------------------------------------------
class _StatesCache:
    """States of the prior trackers (`Domain.states_for_tracker_history`, without the
    rule-only options) for the applied events `applied`, and the replay after them."""

    def __init__(self, owner: DialogueStateTracker, domain: Domain) -> None:
        self.owner = weakref.ref(owner)
        self.domain = domain
        self.applied: List[Event] = []
        self.states: List[State] = []  # one per ActionExecuted in `applied`
        self.replay = owner.init_copy()
        # (index in applied of an ActionExecuted, len(states) then, replay before it)
        self.checkpoints: List[Tuple[int, int, DialogueStateTracker]] = []

    def fork(self, owner: DialogueStateTracker) -> "_StatesCache":
        new = copy_module.copy(self)
        new.owner = weakref.ref(owner)
        new.applied, new.states = list(self.applied), list(self.states)
        new.checkpoints = list(self.checkpoints)
        new.replay = clone(self.replay)
        return new

    def rewind(self, keep: int) -> bool:
        """Back to the latest checkpoint at or before applied index `keep`."""
        while self.checkpoints and self.checkpoints[-1][0] > keep:
            self.checkpoints.pop()
        if not self.checkpoints:
            return False
        index, n_states, snapshot = self.checkpoints.pop()
        del self.applied[index:]
        del self.states[n_states:]
        self.replay = clone(snapshot)
        return True

    def extend(self, events: List[Event]) -> None:
        domain, replay = self.domain, self.replay
        for event in events:
            if isinstance(event, ActionExecuted):
                self.checkpoints.append((len(self.applied), len(self.states), clone(replay)))
                if len(self.checkpoints) > CHECKPOINTS:
                    del self.checkpoints[0]
                self.states.append(domain._clean_state(domain.get_active_state(replay)))
            # The replay's own events are never read: applied events hold no reverts,
            # restarts or session starts (the only events that replay a tracker).
            event.apply_to(replay)
            self.applied.append(event)

    def final_state(self) -> State:
        return self.domain._clean_state(self.domain.get_active_state(self.replay))


_fingerprints: Dict[int, Tuple[Domain, str]] = {}


def _same_domain(a: Domain, b: Domain) -> bool:
    """The graph's domain and the tracker store's are equal but different objects."""
    if a is b:
        return True
    for d in (a, b):
        if id(d) not in _fingerprints:
            _fingerprints[id(d)] = (d, d.fingerprint())  # keeps d alive: a few per process
    return _fingerprints[id(a)][1] == _fingerprints[id(b)][1]


def _states_cache(tracker: DialogueStateTracker, domain: Domain) -> _StatesCache:
    cache: Optional[_StatesCache] = tracker.__dict__.get(_STATES)
    if cache is None or not _same_domain(cache.domain, domain):
        cache = _StatesCache(tracker, domain)
    elif cache.owner() is not tracker:
        cache = cache.fork(tracker)
    tracker.__dict__[_STATES] = cache
    return cache


def _common_prefix(a: List[Event], b: List[Event]) -> int:
    same = list(map(operator.is_, a, b))
    return same.index(False) if False in same else len(same)


def last_states(tracker: DialogueStateTracker, domain: Domain, count: int) -> List[State]:
    """The last `count` of ``tracker.past_states(domain)`` (default options), as copies."""
    applied = tracker.applied_events()
    cache = _states_cache(tracker, domain)
    same = _common_prefix(cache.applied, applied)
    if same < len(cache.applied) and not cache.rewind(same):
        cache = _StatesCache(tracker, domain)
        tracker.__dict__[_STATES] = cache
    cache.extend(applied[len(cache.applied):])
    tail = cache.states[-count:] if count > 1 else []
    tail = tail + [cache.final_state()]
    return [{kind: dict(sub) if isinstance(sub, dict) else sub for kind, sub in state.items()}
            for state in tail[-count:]]


_horizons: "weakref.WeakKeyDictionary[RulePolicy, Tuple[int, int]]" = weakref.WeakKeyDictionary()


def _horizon(policy: RulePolicy) -> int:
    """The number of states the longest rule of this policy compares."""
    lookup = policy.lookup or {}
    size = sum(len(lookup.get(k) or ()) for k in (RULES, RULES_FOR_LOOP_UNHAPPY_PATH))
    known = _horizons.get(policy)
    if known is None or known[0] != size:
        longest = max((len(policy._rule_key_to_state(key))
                       for k in (RULES, RULES_FOR_LOOP_UNHAPPY_PATH)
                       for key in (lookup.get(k) or {})), default=0)
        known = _horizons[policy] = (size, longest)
    return known[1]


def bounded_prediction_states(self: RulePolicy, tracker: DialogueStateTracker, domain: Domain,
                              use_text_for_last_user_input: bool = False,
                              rule_only_data: Optional[Dict[Text, Any]] = None) -> List[State]:
    """RulePolicy's states for prediction: only as many as the longest rule compares.

    `_get_possible_keys` accepts every rule for the states older than the rule is long,
    so the same rules match; the states are those of Rasa's own computation (the policy's
    featurizer still picks text or intent for the last user message)."""
    horizon = _horizon(self)
    if not horizon or self.featurizer is None or tracker._max_event_history:
        return _original_prediction_states(self, tracker, domain, use_text_for_last_user_input,
                                           rule_only_data)
    states = last_states(tracker, domain, horizon + 1)
    self.featurizer._choose_last_user_input([states], use_text_for_last_user_input)
    return states


# --- 4. temporary trackers -------------------------------------------------------------------
class _TrackerEvents(list):
    """`events_after_latest_restart()` that remembers its tracker and what was added."""

    source: Optional[DialogueStateTracker] = None
    extra: List[Event] = []

    def __add__(self, other: Any) -> "_TrackerEvents":  # type: ignore[override]
        result = _TrackerEvents(list.__add__(self, other))
        result.source, result.extra = self.source, self.extra + list(other)
        return result


def remembering_events_after_latest_restart(self: DialogueStateTracker) -> List[Event]:
    events = _TrackerEvents(_original_after_restart(self))
    if len(events) == len(self.events):  # no restart: the list is the whole history
        events.source = self
    return events


def _same_slots(slots: Any, tracker: DialogueStateTracker) -> bool:
    slots = list(slots)
    return (len(slots) == len(tracker.slots) and not isinstance(tracker.slots, AnySlotDict)
            and all(type(s) is type(tracker.slots.get(s.name)) for s in slots))


def from_tracker_events(cls: type, sender_id: Text, evts: List[Event], slots: Any = None,
                        max_event_history: Optional[int] = None,
                        sender_source: Optional[Text] = None,
                        domain: Optional[Domain] = None) -> DialogueStateTracker:
    """`DialogueStateTracker.from_events`; a copy plus the added events where `evts` is a
    tracker's whole history plus new events (the temporary trackers of slot validation)."""
    source = getattr(evts, "source", None)
    if (source is not None and cls is DialogueStateTracker and max_event_history is None
            and sender_source is None and sender_id == source.sender_id
            and slots is not None and _same_slots(slots, source)
            and len(evts) == len(source.events) + len(evts.extra)):  # type: ignore[attr-defined]
        tracker = fast_copy(source)
        for event in evts.extra:  # type: ignore[attr-defined]
            tracker.update(event, domain)
        return tracker
    return _original_from_events(cls, sender_id, evts, slots, max_event_history, sender_source,
                                 domain)


def install() -> None:
    if not patching.unchanged("the bounded history walks (server/bounded_history.py)", PINS):
        return
    DialogueStateTracker.copy = fast_copy  # type: ignore[assignment]
    rasa_trackers.copy = _SlotCopying()  # type: ignore[assignment]
    DialogueStateTracker.applied_events = incremental_applied_events  # type: ignore[assignment]
    RulePolicy._prediction_states = bounded_prediction_states  # type: ignore[assignment]
    DialogueStateTracker.events_after_latest_restart = (  # type: ignore[assignment]
        remembering_events_after_latest_restart)
    DialogueStateTracker.from_events = classmethod(from_tracker_events)  # type: ignore[assignment]
