"""Production tests: a scaled-out stack on loopback, started and stopped by the project's
own scripts (scripts/services.sh, scripts/stack.sh), on ports of its own so a running
`make run` is never touched:

    PostgreSQL 127.0.0.1:5499 + Redis 127.0.0.1:6399   (scripts/services.sh)
    Rasa server A 127.0.0.1:5105, Rasa server B :5106   (stack.sh start-rasa, HTTP API with a token)
    action server :5155                                 (stack.sh start-actions)
    HAProxy :5108 in front of A and B                   (scripts/haproxy.sh; test_scale_out_haproxy.py)

Everything lives under run/production-test/ and is stopped at the end of the session,
also when a test fails. Every test here is marked `production` (make test-production);
`make test-unit` leaves them out. Figures go to run/production-test/figures.json.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "run" / "production-test"
PORTS = {
    "rasa_a": int(os.environ.get("PROD_TEST_RASA_A_PORT", 5105)),
    "rasa_b": int(os.environ.get("PROD_TEST_RASA_B_PORT", 5106)),
    "actions": int(os.environ.get("PROD_TEST_ACTION_PORT", 5155)),
    "pg": int(os.environ.get("PROD_TEST_PG_PORT", 5499)),
    "redis": int(os.environ.get("PROD_TEST_REDIS_PORT", 6399)),
    "haproxy": int(os.environ.get("PROD_TEST_HAPROXY_PORT", 5108)),
}
RASA_START_TIMEOUT = int(os.environ.get("PROD_TEST_RASA_START_TIMEOUT", 300))
FIGURES: dict = {}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "production: scale-out / failure / bad-input tests (make test-production)")


def pytest_collection_modifyitems(session, config, items) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.production)


def port_free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


class Stack:
    """The processes of one test session and helpers to talk to them."""

    def __init__(self) -> None:
        self.token = secrets.token_hex(16)
        self.services_env: dict = {}
        self.base_env = dict(os.environ)

    # --- processes ---------------------------------------------------------------
    def env(self, name: str, **extra: str) -> dict:
        env = dict(self.base_env)
        env.update(self.services_env)
        env.update(
            RUN_DIR=str(BASE / name),
            RASA_PORT=str(PORTS["rasa_a"] if name == "rasa-a" else PORTS["rasa_b"]),
            ACTION_PORT=str(PORTS["actions"]),
            ACTION_ENDPOINT_URL=f"http://127.0.0.1:{PORTS['actions']}/webhook",
            RASA_API_TOKEN=self.token,
            RASA_INTERFACE="127.0.0.1",
            RASA_START_TIMEOUT=str(RASA_START_TIMEOUT),
            RASA_CORS_ORIGINS="http://127.0.0.1:8180",
            # As `make run-scaled`: HAProxy on this host is the trusted proxy, and the lock
            # of a conversation whose server was killed expires after 15 s.
            TRUSTED_PROXIES="127.0.0.1",
            TICKET_LOCK_LIFETIME="15",
            # The tests talk from 127.0.0.1, faster than people; the flood test uses
            # other loopback addresses (test_scale_out_haproxy.py).
            RATE_LIMIT_EXEMPT="127.0.0.1",
        )
        env.update(extra)
        (BASE / name).mkdir(parents=True, exist_ok=True)
        return env

    def stack(self, mode: str, name: str, wait: bool = True, **extra: str):
        cmd = ["bash", "-c", f"source scripts/env.sh && exec scripts/stack.sh {mode}"]
        proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env(name, **extra),
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if not wait:
            return proc
        out, _ = proc.communicate(timeout=RASA_START_TIMEOUT + 30)
        if proc.returncode != 0:
            raise RuntimeError(f"stack.sh {mode} ({name}) failed: {out}\n{self.log_tail(name)}")
        return proc

    def start_rasa(self, name: str) -> float:
        started = time.monotonic()
        self.stack("start-rasa", name, **self.rasa_extra(name))
        return time.monotonic() - started

    @staticmethod
    def rasa_extra(name: str) -> dict:
        # Server B logs at DEBUG (user text in its log) so the privacy test has lines to check.
        return {"LOG_LEVEL": "DEBUG"} if name == "rasa-b" else {}

    def pid(self, name: str, what: str) -> int | None:
        path = BASE / name / f"{what}.pid"
        return int(path.read_text().strip()) if path.exists() else None

    def log_tail(self, name: str, lines: int = 30) -> str:
        for log in ("rasa.log", "actions.log"):
            path = BASE / name / log
            if path.exists():
                return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
        return ""

    def services(self, mode: str) -> str:
        env = dict(self.base_env, SERVICES_DIR=str(BASE / "services"),
                   PG_PORT=str(PORTS["pg"]), REDIS_PORT=str(PORTS["redis"]))
        out = subprocess.run(["scripts/services.sh", mode], cwd=ROOT, env=env, text=True,
                             capture_output=True, timeout=600)
        if out.returncode != 0:
            raise RuntimeError(f"services.sh {mode} failed: {out.stdout}\n{out.stderr}")
        return out.stdout

    # --- talking to the bot --------------------------------------------------------
    def url(self, server: str) -> str:
        return f"http://127.0.0.1:{PORTS['rasa_a' if server == 'a' else 'rasa_b']}"

    def post_raw(self, server: str, body: bytes, timeout: float = 90,
                 content_type: str = "application/json") -> tuple[int, bytes, float]:
        request = urllib.request.Request(self.url(server) + "/webhooks/rest/webhook", data=body,
                                         headers={"Content-Type": content_type}, method="POST")
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=timeout) as resp:
                return resp.status, resp.read(), time.monotonic() - started
        except urllib.error.HTTPError as error:
            return error.code, error.read(), time.monotonic() - started

    def say(self, server: str, sender: str, text: str, timeout: float = 90) -> tuple[str, float]:
        """Send one message over REST; return the bot's texts joined, and the seconds taken."""
        status, body, seconds = self.post_raw(
            server, json.dumps({"sender": sender, "message": text}).encode(), timeout)
        assert status == 200, f"HTTP {status} for {text!r}: {body[:300]!r}"
        replies = json.loads(body)
        assert isinstance(replies, list), body
        return "\n".join(r.get("text") or "" for r in replies), seconds

    def tracker(self, server: str, sender: str) -> dict:
        url = f"{self.url(server)}/conversations/{sender}/tracker?token={self.token}"
        with urllib.request.urlopen(url, timeout=30) as resp:
            return json.loads(resp.read())

    def db_events(self, sender: str) -> list[tuple[str, dict]]:
        """(type_name, data) of every stored event of `sender`, in order, from PostgreSQL."""
        import psycopg2

        conn = psycopg2.connect(self.services_env["TRACKER_DB_URL"])
        try:
            with conn.cursor() as cur:
                cur.execute("SELECT type_name, data FROM events WHERE sender_id = %s ORDER BY id", (sender,))
                return [(t, json.loads(d)) for t, d in cur.fetchall()]
        finally:
            conn.close()

    def stop_all(self) -> None:
        for name in ("rasa-a", "rasa-b"):
            self.stack("stop-rasa", name)
        self.stack("stop-actions", "actions")
        self.services("stop")


def wait_until(check, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    raise TimeoutError(f"{what} not ready within {seconds} s")


@pytest.fixture(scope="session")
def stack():
    busy = [f"{name}={port}" for name, port in PORTS.items() if not port_free(port)]
    if busy:
        pytest.fail(f"ports in use, cannot start the production test stack: {', '.join(busy)} "
                    "(a previous run still up? scripts/services.sh stop / stack.sh stop-rasa, "
                    "or set PROD_TEST_*_PORT)")
    if BASE.exists():
        shutil.rmtree(BASE)
    BASE.mkdir(parents=True)
    s = Stack()
    started = time.monotonic()
    try:
        out = s.services("start")
        for line in out.splitlines():
            if line.startswith("export ") and "=" in line:
                key, value = line[len("export "):].split("=", 1)
                s.services_env[key] = value
        FIGURES["services_start_s"] = round(time.monotonic() - started, 1)
        s.stack("start-actions", "actions")
        t0 = time.monotonic()
        procs = {name: s.stack("start-rasa", name, wait=False, **s.rasa_extra(name))
                 for name in ("rasa-a", "rasa-b")}
        for name, proc in procs.items():
            out, _ = proc.communicate(timeout=RASA_START_TIMEOUT + 30)
            if proc.returncode != 0:
                raise RuntimeError(f"stack.sh start-rasa ({name}) failed: {out}\n{s.log_tail(name)}")
        FIGURES["two_rasa_servers_start_s"] = round(time.monotonic() - t0, 1)
        FIGURES["stack_ready_s"] = round(time.monotonic() - started, 1)
        yield s
    finally:
        s.stop_all()
        FIGURES["session_s"] = round(time.monotonic() - started, 1)
        (BASE / "figures.json").write_text(json.dumps(FIGURES, indent=2, ensure_ascii=False))
        print("\nproduction figures:", json.dumps(FIGURES, ensure_ascii=False))


@pytest.fixture(scope="session")
def figures() -> dict:
    return FIGURES
