"""End-to-end answer tests: text -> trained model -> action server -> reply, over the REST
channel of a stack started here with the project's own script (scripts/stack.sh) on ports
of its own, and stopped at the end. E2E_BOT_URL=http://... uses a running stack instead (the
price-list cases then need that stack started with PRICE_LISTS_EXTRA, as below).

Every test here is marked `e2e` (make test-e2e); `make test-unit` leaves them out.
"""
from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.request
import uuid
from collections import defaultdict
from pathlib import Path

import pytest

from tests.seed_price_list import seed_only_root

ROOT = Path(__file__).resolve().parents[2]
RESULTS: dict[str, list[bool]] = defaultdict(list)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: text -> model -> actions -> reply over REST (make test-e2e)")


def pytest_collection_modifyitems(session, config, items) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


class Bot:
    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/") + "/webhooks/rest/webhook"

    def conversation(self) -> "Conversation":
        return Conversation(self, f"e2e-{uuid.uuid4().hex[:12]}")


class Conversation:
    def __init__(self, bot: Bot, sender: str) -> None:
        self.bot, self.sender = bot, sender

    def say(self, text: str) -> str:
        """The bot's reply to one message: all texts and button titles, joined by newlines."""
        body = json.dumps({"sender": self.sender, "message": text}).encode("utf-8")
        request = urllib.request.Request(self.bot.url, body, {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            messages = json.loads(response.read().decode("utf-8"))
        parts = []
        for message in messages:
            if message.get("text"):
                parts.append(message["text"])
            parts.extend(button.get("title", "") for button in message.get("buttons") or [])
        return "\n".join(parts)


def _wait(url: str, seconds: int) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(1)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@pytest.fixture(scope="session")
def bot():
    if os.environ.get("E2E_BOT_URL"):
        yield Bot(os.environ["E2E_BOT_URL"])
        return
    run_dir = ROOT / "run" / "e2e"
    # Settings derived from the ports (scripts/env.sh) are derived again from these ports.
    derived = ("ACTION_ENDPOINT_URL", "RASA_CORS_ORIGINS")
    # The cases are written against the seed list: the stack sees it (and the fixture list)
    # only, also when a maintainer has added a newer real list beside it.
    shipped = seed_only_root(run_dir / "price_lists")
    env = dict({k: v for k, v in os.environ.items() if k not in derived}, RUN_DIR=str(run_dir), RASA_PORT=os.environ.get("E2E_RASA_PORT", "5205"),
               ACTION_PORT=os.environ.get("E2E_ACTION_PORT", "5255"), WEB_PORT=os.environ.get("E2E_WEB_PORT", "5280"),
               TRACKER_DB_URL=f"sqlite:///{run_dir}/tracker.db", RASA_INTERFACE="127.0.0.1",
               # the synthetic list of 1 October 2030 (never shipped): tests/eval/e2e_price_lists.yml
               PRICE_LISTS_ROOT=str(shipped),
               PRICE_LISTS_EXTRA=str(ROOT / "tests" / "knowledge" / "fixtures" / "price_lists"))
    script = ["bash", "-c", "source scripts/env.sh && scripts/stack.sh \"$0\"", "start"]
    started = subprocess.run(script, cwd=ROOT, env=env, capture_output=True, text=True)
    if started.returncode != 0:
        pytest.fail(f"could not start the stack for the end-to-end tests:\n{started.stdout}\n{started.stderr}")
    try:
        _wait(f"http://127.0.0.1:{env['RASA_PORT']}/", 60)
        yield Bot(f"http://127.0.0.1:{env['RASA_PORT']}")
    finally:
        subprocess.run(["bash", "-c", "source scripts/env.sh && scripts/stack.sh stop"], cwd=ROOT, env=env,
                       capture_output=True)


def record(category: str, passed: bool) -> None:
    RESULTS[category].append(passed)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if not RESULTS:
        return
    terminalreporter.write_sep("-", "end-to-end answers per kind")
    total = [ok for results in RESULTS.values() for ok in results]
    for category in sorted(RESULTS):
        results = RESULTS[category]
        terminalreporter.write_line(f"{category:28} {sum(results):4}/{len(results):<4}")
    terminalreporter.write_line(f"{'all':28} {sum(total):4}/{len(total):<4}")
    recovered = [report.nodeid.split("[", 1)[-1].rstrip("]") for report in terminalreporter.stats.get("xpassed", [])]
    if recovered:
        terminalreporter.write_line("known misses that pass now (take them off tests/eval/e2e_known_misses.txt): "
                                    + ", ".join(recovered))
