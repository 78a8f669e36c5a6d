"""server/bounded_history.py gives exactly what Rasa's own history walks give.

Conversations are generated from turn templates (answers, a form started, answered and
interrupted, reverted turns, undone actions, restarts, new sessions, follow-up actions,
entities added) with the project's domain and rules, and replayed event by event the way
the processor builds a tracker: after every event the patched functions are compared with
Rasa's originals, on the live tracker and on copies handed on (as the tracker cache does).
"""
from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
from rasa.core.policies.rule_policy import RulePolicy
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActionReverted,
    ActiveLoop,
    BotUttered,
    DefinePrevUserUtteredFeaturization,
    EntitiesAdded,
    FollowupAction,
    LoopInterrupted,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
    UserUtteranceReverted,
)
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from server import bounded_history as bh
from server import patching

ROOT = Path(__file__).resolve().parent.parent
LISTEN, START = "action_listen", "action_session_start"
# The assistant has no forms (one answer action asks for what it needs), but Rasa's
# history walks handle loops: the test domain adds a form and actions of its own.
SOME_FORM = "kpn_test_form"


@pytest.fixture(scope="module")
def project():
    """The project's domain and a RulePolicy trained on its rules."""
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.core.generator import TrainingDataGenerator
    from rasa.shared.importers.importer import TrainingDataImporter

    importer = TrainingDataImporter.load_from_dict(
        domain_path=str(ROOT / "domain.yml"), training_data_paths=[str(ROOT / "data" / "rules")])
    domain = importer.get_domain().merge(Domain.from_dict({
        "forms": {SOME_FORM: {"required_slots": ["device_value"]}},
        "actions": ["action_greet", "validate_form"]}))
    trackers = TrainingDataGenerator(importer.get_stories(), domain, augmentation_factor=0,
                                     remove_duplicates=True).generate()
    config = {**RulePolicy.get_default_config(), "core_fallback_threshold": 0.3,
              "core_fallback_action_name": "action_default_fallback",
              "enable_fallback_prediction": True}
    policy = RulePolicy.create(config, LocalModelStorage(Path(tempfile.mkdtemp())),
                               Resource("rules"), _context())
    policy.train(trackers, domain)
    return domain, policy


def _context():
    from rasa.engine.graph import ExecutionContext, GraphSchema
    return ExecutionContext(GraphSchema({}), "test")


def conversation(rng: random.Random, domain, turns: int) -> list:
    """Events of a generated conversation, in the order Rasa's processor logs them."""
    intents = [i for i in domain.intent_properties if not i.startswith(("restart", "session"))]
    forms = list(domain.form_names) or [SOME_FORM]
    slots = [s.name for s in domain.slots if s.name not in ("requested_slot", "session_started_metadata")]
    events = [ActionExecuted(START), SessionStarted(), ActionExecuted(LISTEN)]
    form = None

    def user(intent, entities=()):
        events.append(UserUttered(f"tekst {len(events)}", {"name": intent, "confidence": 0.9},
                                  list(entities)))
        if rng.random() < 0.3:
            events.append(SlotSet(rng.choice(slots), rng.choice(["Japan", "800", None])))
        events.append(DefinePrevUserUtteredFeaturization(rng.random() < 0.2))

    for _ in range(turns):
        kind = rng.choice(["answer"] * 4 + ["form", "form", "entities", "revert", "undo",
                                            "restart", "session", "followup", "reject"])
        if form and kind not in ("restart", "session"):
            kind = rng.choice(["form_answer", "form_answer", "interrupt", "revert"])
        if kind in ("answer", "entities", "followup"):
            user(rng.choice(intents), [{"entity": "country", "value": "Japan", "start": 0, "end": 5}]
                 if kind == "entities" else [])
            if kind == "entities":
                events.append(EntitiesAdded([{"entity": "amount", "value": "5"}]))
            if kind == "followup":
                events.append(FollowupAction("action_answer"))
            events += [ActionExecuted("action_answer"), BotUttered("antwoord"),
                       SlotSet("question", rng.choice(intents)), ActionExecuted(LISTEN)]
        elif kind == "form":
            form = rng.choice(forms)
            user("ask_insurance")
            events += [ActionExecuted(form), ActiveLoop(form), SlotSet("requested_slot", "x"),
                       BotUttered("vraag"), ActionExecuted(LISTEN)]
        elif kind == "form_answer":
            user("inform", [{"entity": "amount", "value": "800", "start": 0, "end": 3}])
            events += [SlotSet("device_value", "800"), ActionExecuted(form),
                       SlotSet("requested_slot", None), ActiveLoop(None),
                       ActionExecuted("action_answer"), BotUttered("antwoord"), ActionExecuted(LISTEN)]
            form = None
        elif kind == "interrupt":
            user("greet")
            events += [ActionExecutionRejected(form), ActionExecuted("action_greet"),
                       BotUttered("hoi"), LoopInterrupted(True), ActionExecuted(form),
                       SlotSet("requested_slot", "x"), ActionExecuted(LISTEN)]
        elif kind == "revert":
            user(rng.choice(intents))
            events += [ActionExecuted("action_default_fallback"), UserUtteranceReverted(),
                       ActionExecuted(LISTEN)]
        elif kind == "undo":
            events += [ActionReverted()]
        elif kind == "reject":
            user(rng.choice(intents))
            events += [ActionExecutionRejected("action_answer"), ActionExecuted("action_answer"),
                       BotUttered("antwoord"), ActionExecuted(LISTEN)]
        elif kind in ("restart", "session"):
            if kind == "restart":
                user("restart")
                events += [ActionExecuted("action_restart"), Restarted()]
            events += [ActionExecuted(START), SessionStarted(), ActionExecuted(LISTEN)]
            form = None
    return events


def same_state(a: DialogueStateTracker, b: DialogueStateTracker) -> None:
    assert a.current_state(EventVerbosity.ALL) == b.current_state(EventVerbosity.ALL)
    for name in ("followup_action", "sender_id", "sender_source", "model_id", "assistant_id",
                 "_paused", "latest_action", "active_loop", "is_rule_tracker",
                 "_max_event_history"):
        assert getattr(a, name) == getattr(b, name), name
    assert a.latest_message is b.latest_message or a.latest_message == b.latest_message
    assert a.latest_bot_utterance == b.latest_bot_utterance
    assert {k: (s.value, s.has_been_set) for k, s in a.slots.items()} == \
           {k: (s.value, s.has_been_set) for k, s in b.slots.items()}


def original_states(tracker, domain):
    saved = DialogueStateTracker.applied_events
    DialogueStateTracker.applied_events = bh._original_applied_events
    try:
        return tracker.past_states(domain)
    finally:
        DialogueStateTracker.applied_events = saved


@pytest.mark.parametrize("seed", range(12))
def test_patched_walks_equal_rasas_own_at_every_step(project, seed):
    domain, policy = project
    rng = random.Random(seed)
    events = conversation(rng, domain, turns=40)
    tracker = DialogueStateTracker("gebruiker", domain.slots)
    for i, event in enumerate(events):
        tracker.update(event, domain)
        if rng.random() < 0.1:  # the processor clears it directly; the store hands on copies
            tracker.clear_followup_action()
        if rng.random() < 0.05:
            tracker = bh.clone(tracker)
        applied = bh.incremental_applied_events(tracker)
        assert [id(e) for e in applied] == [id(e) for e in bh._original_applied_events(tracker)]
        if i % 3 == 0 or i == len(events) - 1:
            same_state(bh.fast_copy(tracker), bh._original_copy(tracker))
            extra = [SlotSet("requested_slot", "x"), ActionExecuted("validate_form")]
            temporary = bh.from_tracker_events(
                DialogueStateTracker, tracker.sender_id,
                bh.remembering_events_after_latest_restart(tracker) + extra, slots=domain.slots)
            same_state(temporary, bh._original_from_events(
                DialogueStateTracker, tracker.sender_id,
                bh._original_after_restart(tracker) + extra, slots=domain.slots))
            full = original_states(tracker, domain)
            for count in (1, 3, 7):
                assert bh.last_states(tracker, domain, count) == full[-count:], (i, count)


@pytest.mark.parametrize("seed", range(6))
def test_rule_policy_predicts_the_same_with_bounded_states(project, seed):
    domain, policy = project
    rng = random.Random(100 + seed)
    events = conversation(rng, domain, turns=30)
    tracker = DialogueStateTracker("gebruiker", domain.slots)
    checked = 0
    for event in events:
        tracker.update(event, domain)
        if not isinstance(event, (UserUttered, ActionExecuted)):
            continue
        RulePolicy._prediction_states = bh._original_prediction_states
        try:
            expected = policy.predict_action_probabilities(tracker, domain)
        finally:
            RulePolicy._prediction_states = bh.bounded_prediction_states
        try:
            got = policy.predict_action_probabilities(tracker, domain)
        finally:
            RulePolicy._prediction_states = bh._original_prediction_states
        assert got.probabilities == expected.probabilities
        assert (got.events, got.is_end_to_end_prediction, got.is_no_user_prediction) == \
               (expected.events, expected.is_end_to_end_prediction, expected.is_no_user_prediction)
        checked += 1
    assert checked > 50


def test_states_cache_follows_a_form_undo_without_starting_over(project):
    """The form's second run drops the user turn in between from the applied events;
    the states are recomputed from a checkpoint, not from the start."""
    domain, _ = project
    tracker = DialogueStateTracker("gebruiker", domain.slots)
    answers = [event for _ in range(3) for event in
               (UserUttered("y", {"name": "greet"}), ActionExecuted("action_answer"), ActionExecuted(LISTEN))]
    for event in [*conversation(random.Random(7), domain, turns=20), *answers]:  # earlier turns to keep
        tracker.update(event, domain)
    bh.last_states(tracker, domain, 3)
    cache = tracker.__dict__[bh._STATES]
    replay_before = cache.replay
    form = (domain.form_names or [SOME_FORM])[0]
    for event in [UserUttered("x", {"name": "ask_insurance"}), ActionExecuted(form), ActiveLoop(form),
                  ActionExecuted(LISTEN), UserUttered("800", {"name": "inform"}), ActionExecuted(form)]:
        tracker.update(event, domain)
        assert bh.last_states(tracker, domain, 3) == original_states(tracker, domain)[-3:]
    assert tracker.__dict__[bh._STATES] is cache and cache.replay is not replay_before
    assert len(cache.applied) > 10  # kept the earlier turns


def test_copies_are_independent(project):
    domain, _ = project
    tracker = DialogueStateTracker("gebruiker", domain.slots)
    for event in conversation(random.Random(3), domain, turns=10):
        tracker.update(event, domain)
    bh.incremental_applied_events(tracker)
    copy = bh.fast_copy(tracker)
    copy.update(SlotSet("country", "Peru"))
    copy.update(ActiveLoop((domain.form_names or [SOME_FORM])[0]))
    assert tracker.get_slot("country") != "Peru" and tracker.active_loop_name is None
    assert len(copy.events) == len(tracker.events) + 2
    assert bh.incremental_applied_events(tracker) == bh._original_applied_events(tracker)


def test_max_event_history_keeps_rasas_own_walks(project):
    domain, _ = project
    tracker = DialogueStateTracker("gebruiker", domain.slots, max_event_history=5)
    for event in conversation(random.Random(5), domain, turns=8):
        tracker.update(event, domain)
    assert bh.incremental_applied_events(tracker) == bh._original_applied_events(tracker)
    same_state(bh.fast_copy(tracker), bh._original_copy(tracker))


def test_pinned_rasa_sources_unchanged():
    """Fails when the pinned Rasa changes under the patches: look at them again, then
    update the digests with `python -m server.patching server/bounded_history.py`."""
    assert patching.changed(bh.PINS) == []


class _WithCopy:
    def __init__(self) -> None:
        self.copied = False

    def __copy__(self) -> "_WithCopy":
        new = _WithCopy()
        new.copied = True
        return new


class _WithSlots:
    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value = 1


def test_a_slot_copy_is_copy_copy():
    """Every slot of our domain copies as copy.copy copies it (a new instance, the same
    attributes); a class with a copy protocol or __slots__ of its own gets copy.copy."""
    import copy

    from rasa.shared.core.domain import Domain

    from server.bounded_history import copy_slot

    domain = Domain.load(str(ROOT / "domain.yml"))
    assert domain.slots
    for slot in domain.slots:
        ours, theirs = copy_slot(slot), copy.copy(slot)
        assert type(ours) is type(theirs) and vars(ours) == vars(theirs) and ours is not slot
    assert copy_slot(_WithCopy()).copied
    with_slots = copy_slot(_WithSlots())
    assert isinstance(with_slots, _WithSlots) and with_slots.value == 1
