"""Every case of tests/eval/e2e_*.yml (single questions and whole conversations, Dutch and
English), asked over REST; each turn's reply meets its expectations (tests/e2e/expectations.py).
These sets were written for these tests and are development sets: the project tunes on them."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.e2e.conftest import record
from tests.e2e.expectations import failures

CASES_DIR = Path(__file__).resolve().parents[1] / "eval"
# Cases the assistant is known to miss today (one id per line, '#' comments): they run and
# are reported (xfail / XPASS), but do not fail the stage; any other miss does. A case
# that passes again is named in the summary, to be taken off the list.
KNOWN_MISSES = CASES_DIR / "e2e_known_misses.txt"


def known_misses() -> set:
    if not KNOWN_MISSES.exists():
        return set()
    lines = (line.split("#", 1)[0].strip() for line in KNOWN_MISSES.read_text(encoding="utf-8").splitlines())
    return {line for line in lines if line}


def cases() -> list:
    found, misses = [], known_misses()
    for path in sorted(CASES_DIR.glob("e2e_*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            case_id = f"{path.stem}:{case['id']}"
            marks = [pytest.mark.xfail(reason=f"known miss ({KNOWN_MISSES.name})", strict=False)] \
                if case_id in misses else []
            found.append(pytest.param(case, id=case_id, marks=marks))
    unknown = misses - {param.id for param in found}
    assert not unknown, f"{KNOWN_MISSES.name} names cases that do not exist: {sorted(unknown)}"
    return found


@pytest.mark.parametrize("case", cases())
def test_case(bot, case):
    conversation = bot.conversation()
    problems = []
    for number, turn in enumerate(case["turns"], start=1):
        reply = conversation.say(turn["user"])
        missed = failures(turn, reply)
        if missed:
            problems.append(f"turn {number} {turn['user']!r}: {', '.join(missed)}\n    reply: {reply!r}")
    record(case.get("category", "other"), not problems)
    assert not problems, "\n".join(problems)
