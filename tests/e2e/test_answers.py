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


def cases() -> list:
    found = []
    for path in sorted(CASES_DIR.glob("e2e_*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            found.append(pytest.param(case, id=f"{path.stem}:{case['id']}"))
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
