"""Evaluation hygiene: no training example shares a run of 5 or more words with a case in
an evaluation set (tests/eval/*.yml and, where present, ../shared/eval/*.yml). A set we
tune on is a development set; a training example copied from it would make its score
meaningless."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
EVAL_DIRS = [ROOT / "tests" / "eval", ROOT.parent / "shared" / "eval"]
RUN = 5
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def words(text: str) -> list[str]:
    return WORD.findall(ANNOTATION.sub(r"\1", text).lower())


def runs(text: str) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i:i + RUN]) for i in range(len(tokens) - RUN + 1)}


def training_examples() -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / "data" / "nlu").rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in data.get("nlu") or []:
            if "intent" not in block:
                continue
            for line in str(block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    found.append((str(path.relative_to(ROOT)), line[2:]))
    return found


def user_turns(value) -> list[str]:
    """Every user text in an evaluation file, whatever its nesting (cases, turns, lists)."""
    if isinstance(value, dict):
        texts = [value["user"]] if isinstance(value.get("user"), str) else []
        return texts + [t for key, item in value.items() if key != "user" for t in user_turns(item)]
    if isinstance(value, list):
        return [t for item in value for t in user_turns(item)]
    return []


def evaluation_runs() -> dict[tuple[str, ...], str]:
    index: dict[tuple[str, ...], str] = {}
    for folder in EVAL_DIRS:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yml")):
            for text in user_turns(yaml.safe_load(path.read_text(encoding="utf-8"))):
                for run in runs(text):
                    index.setdefault(run, f"{path.name}: {text}")
    return index


def test_the_guard_sees_both_sides():
    assert len(training_examples()) > 1000
    assert len(evaluation_runs()) > 100


def test_no_training_example_shares_five_words_with_an_evaluation_case():
    index = evaluation_runs()
    copies = []
    for source, example in training_examples():
        shared = sorted(runs(example) & index.keys())
        if shared:
            copies.append(f"{source}: {example!r} shares {' '.join(shared[0])!r} with {index[shared[0]]!r}")
    if copies:
        pytest.fail(f"{len(copies)} training examples copy evaluation cases:\n" + "\n".join(copies[:40]))


@pytest.mark.parametrize("example, case, shared", [
    ("wat kost [bellen](usage) in [Thailand](country) per minuut", "Wat kost bellen in Thailand per minuut?", True),
    ("bellen in Thailand per dag", "Wat kost bellen in Thailand per minuut?", False),
])
def test_runs_ignore_case_punctuation_and_annotations(example, case, shared):
    assert bool(runs(example) & runs(case)) is shared
