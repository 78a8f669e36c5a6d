"""scripts/test_all.py (`make test`): every stage runs, a failure fails the run and is named,
and a run that changes the work tree fails its "clean tree" stage."""
from __future__ import annotations

import doctest
import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "test_all.py"
spec = importlib.util.spec_from_file_location("test_all", SCRIPT)
test_all = importlib.util.module_from_spec(spec)
sys.modules["test_all"] = test_all  # dataclasses look their module up there
spec.loader.exec_module(test_all)


def test_docstring_examples():
    assert doctest.testmod(test_all).failed == 0


def fake_clock():
    ticks = iter(range(0, 1000, 10))
    return lambda: float(next(ticks))


@pytest.mark.parametrize("codes, after, failed", [
    ({"validate": 0, "unit": 0}, [], []),
    ({"validate": 0, "unit": 1}, [], ["unit"]),
    ({"validate": 2, "unit": 0}, [], ["validate"]),
    ({"validate": 0, "unit": 0}, [" M docs/img/widget-desktop.png"], ["clean tree"]),
])
def test_every_stage_runs_and_failures_are_named(codes, after, failed):
    ran = []
    statuses = iter([[], after])

    def run(stage):
        ran.append(stage.target)
        return codes[stage.name]

    stages = test_all.parse_stages(["validate=validate", "unit=test-unit"])
    results = test_all.run_stages(stages, run, clock=fake_clock(), status=lambda: next(statuses))
    assert ran == ["validate", "test-unit"]
    assert [r.name for r in results] == ["validate", "unit", "clean tree"]
    assert [r.name for r in results if not r.passed] == failed
    summary = test_all.table(results)
    assert summary.splitlines()[-1].split()[:2] == ["total", "FAILED" if failed else "passed"]
    for name in failed:
        assert name in summary.splitlines()[-1]


def test_main_exits_nonzero_when_a_stage_fails(monkeypatch, capsys):
    monkeypatch.setattr(test_all, "make", lambda stage: 0 if stage.name == "a" else 3)
    monkeypatch.setattr(test_all, "git_status", lambda cwd: [])
    assert test_all.main(["a=x", "b=y"]) == 1
    assert "failed: b" in capsys.readouterr().out
    assert test_all.main(["a=x"]) == 0
