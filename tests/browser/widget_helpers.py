"""Helpers shared by the chat widget's browser tests (imported by conftest.py and the tests)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
RESULTS_DIR = REPO_ROOT / "results"  # ignored by git: a test run leaves the work tree clean
SCREENSHOT_DIR = RESULTS_DIR / "screenshots"
LOG_DIR = RESULTS_DIR / "browser-logs"
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # without these Chromium's background connections are refused by the closed network
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


def skip_or_fail(reason: str) -> None:
    """Skip, unless BROWSER_TESTS_REQUIRED=1 says a missing prerequisite is an error."""
    if os.environ.get("BROWSER_TESTS_REQUIRED") == "1":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


# ------------------------------------------------------------------ network
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def host_port(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


def port_open(host: str, port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def wait_for_port(host: str, port: int, *, open_: bool = True, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if port_open(host, port) == open_:
            return True
        time.sleep(0.1)
    return port_open(host, port) == open_


# ---------------------------------------------------------------- processes
def start_process(args: list[str], port: int, name: str, log_dir: Path) -> subprocess.Popen:
    """Start a helper server (python script) and wait until it listens on port."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log = open(log_dir / f"{name}.log", "ab")
    proc = subprocess.Popen(
        [sys.executable, *args],
        cwd=REPO_ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    log.close()
    if not wait_for_port("127.0.0.1", port, timeout=15):
        stop_process(proc)
        raise RuntimeError(f"{name} did not start listening on port {port}; see {log_dir / (name + '.log')}")
    return proc


def stop_process(proc: subprocess.Popen | None) -> None:
    """Terminate one process we started (by its own handle), killing it if it lingers."""
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)


# ------------------------------------------------------------ widget helpers
LOG = ".kpnchat-log"
MSG = ".kpnchat-log .kpnchat-msg"
BOT_MSG = ".kpnchat-log .kpnchat-msg--bot"
USER_MSG = ".kpnchat-log .kpnchat-msg--user"
ERROR_MSG = ".kpnchat-log .kpnchat-msg--error"
QUICK_REPLY = ".kpnchat-log .kpnchat-quick-reply"
INPUT = "#kpnchat-input"
TYPING = ".kpnchat-typing"
UNREACHABLE_TEXT = "Het lukt nu niet om de assistent te bereiken"


def wait_idle(page, timeout: float = 30.0) -> None:
    """Wait until no request is pending (typing indicator hidden)."""
    page.wait_for_function(
        "() => { const t = document.querySelector('.kpnchat-typing'); return t && t.hidden; }",
        timeout=timeout * 1000,
    )


def new_messages(page, start: int) -> list[tuple[str, str]]:
    """(kind, text) of the log's messages after the first `start`; kind is bot/user/error/notice."""
    return page.eval_on_selector_all(
        MSG,
        """(els, start) => els.slice(start).map(el => [
            (el.className.match(/kpnchat-msg--(\\w+)/) || [, '?'])[1],
            el.querySelector('.kpnchat-bubble').innerText])""",
        start,
    )


def normalize(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def wait_for_bot_text(page, start: int, needle: str, *, timeout: float = 30.0) -> str:
    """Wait until a bot message added after the first `start` messages contains needle.

    Returns the joined text of the new bot messages; on timeout the assertion
    lists every new message (errors included) to show what the widget showed instead.
    """
    deadline = time.monotonic() + timeout
    seen: list[tuple[str, str]] = []
    while True:
        seen = new_messages(page, start)
        bot_text = "\n".join(text for kind, text in seen if kind == "bot")
        if normalize(needle) in normalize(bot_text):
            return bot_text
        if time.monotonic() > deadline:
            raise AssertionError(f"no new bot message containing {needle!r} within {timeout:.0f}s; got {seen!r}")
        time.sleep(0.2)


def ask(page, text: str) -> int:
    """Type text into the widget and press Enter; return the message count before sending."""
    before = page.locator(MSG).count()
    box = page.locator(INPUT)
    box.click()
    box.fill(text)
    box.press("Enter")
    return before


class PageWatch:
    """Collects dialogs (auto-dismissed) and page errors, so tests can assert none happened."""

    def __init__(self, page) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._on_dialog)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()
