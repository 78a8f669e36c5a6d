#!/usr/bin/env python3
"""`make test`: run every test stage, check the work tree, print a summary table.

    python scripts/test_all.py NAME=TARGET [NAME=TARGET ...]

Each stage is `make TARGET`, run in the order given, its output shown as it comes. Every
stage runs even after one fails, so the table shows them all. A last stage, "clean tree",
fails when the run changed or added files that git tracks or does not ignore (compared
with `git status --porcelain` before the run, so local edits made before do not count).
Exit status 1 when any stage failed; the table names it.

Adding a stage is one NAME=TARGET pair in the Makefile's TEST_STAGES.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import Callable, List, Optional, Sequence


@dataclass(frozen=True)
class Stage:
    name: str
    target: str


@dataclass(frozen=True)
class Result:
    name: str
    passed: bool
    seconds: float
    note: str = ""


def parse_stages(args: Sequence[str]) -> List[Stage]:
    """'unit=test-unit' -> Stage('unit', 'test-unit'); a bare 'lint' is Stage('lint', 'lint').

    >>> parse_stages(["unit=test-unit", "lint"])
    [Stage(name='unit', target='test-unit'), Stage(name='lint', target='lint')]
    """
    stages = []
    for arg in args:
        name, _, target = arg.partition("=")
        stages.append(Stage(name.strip(), (target or name).strip()))
    return stages


def duration(seconds: float) -> str:
    """'4.2 s', '1 min 05 s', '1 h 02 min'.

    >>> [duration(4.24), duration(65), duration(3725)]
    ['4.2 s', '1 min 05 s', '1 h 02 min']
    """
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(int(round(seconds)), 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def table(results: Sequence[Result]) -> str:
    """The summary: one row per stage, then the total.

    >>> print(table([Result("unit", True, 65.0), Result("browser", False, 4.0, "exit 2")]))
    stage    result  time
    unit     passed  1 min 05 s
    browser  FAILED  4.0 s       exit 2
    total    FAILED  1 min 09 s  failed: browser
    """
    failed = [r.name for r in results if not r.passed]
    rows = [("stage", "result", "time", "")]
    rows += [(r.name, "passed" if r.passed else "FAILED", duration(r.seconds), r.note) for r in results]
    rows.append(("total", "FAILED" if failed else "passed", duration(sum(r.seconds for r in results)),
                 f"failed: {', '.join(failed)}" if failed else ""))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths + [0])).rstrip()
                     for row in rows)


def git_status(cwd: str) -> Optional[List[str]]:
    """`git status --porcelain` lines, or None outside a git work tree."""
    try:
        out = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=cwd,
                             capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.splitlines() if out.returncode == 0 else None


def clean_tree_note(before: Optional[List[str]], after: Optional[List[str]]) -> tuple[bool, str]:
    """(passed, note): the run may not change what `git status` shows.

    >>> clean_tree_note([" M README.md"], [" M README.md"])
    (True, '')
    >>> clean_tree_note([], [" M docs/img/widget-desktop.png", "?? out.txt"])
    (False, 'changed by the run: docs/img/widget-desktop.png, out.txt')
    >>> clean_tree_note(None, None)
    (True, 'not a git work tree')
    """
    if before is None or after is None:
        return True, "not a git work tree"
    new = [line[3:] for line in after if line not in set(before)]
    return (not new), (f"changed by the run: {', '.join(new)}" if new else "")


def run_stages(stages: Sequence[Stage], run: Callable[[Stage], int],
               clock: Callable[[], float] = time.monotonic,
               status: Callable[[], Optional[List[str]]] = lambda: git_status(".")) -> List[Result]:
    before = status()
    results = []
    for stage in stages:
        started = clock()
        code = run(stage)
        results.append(Result(stage.name, code == 0, clock() - started, "" if code == 0 else f"exit {code}"))
    started = clock()
    passed, note = clean_tree_note(before, status())
    results.append(Result("clean tree", passed, clock() - started, note))
    return results


def make(stage: Stage) -> int:
    print(f"\n=== make test: {stage.name} (make {stage.target}) ===", flush=True)
    return subprocess.run([os.environ.get("MAKE", "make"), "--no-print-directory", stage.target]).returncode


def main(argv: Optional[Sequence[str]] = None) -> int:
    stages = parse_stages(sys.argv[1:] if argv is None else argv)
    if not stages:
        print("usage: test_all.py NAME=TARGET [NAME=TARGET ...]", file=sys.stderr)
        return 2
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    results = run_stages(stages, make)
    print(f"\nmake test summary (load average {load:.1f} at the start):")
    print(table(results))
    return 0 if all(r.passed for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
