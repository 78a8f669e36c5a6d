"""Personal data end to end over REST: a conversation with a phone number, an IBAN and an
e-mail address, on PostgreSQL (servers A and B of the production stack) and on SQLite (a
third Rasa server, the local default store). Afterwards neither the log files nor the
tracker store hold them, the answers to the questions in the same messages are right, and
scripts/forget.py / `make purge` delete conversations from both stores.

The SQLite server listens on PROD_TEST_RASA_SQLITE_PORT (default 5107) and is stopped at
the end of this module."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import re
import sys
import time
import urllib.request

import pytest

from tests.production.conftest import BASE, ROOT, port_free

SQLITE_PORT = int(os.environ.get("PROD_TEST_RASA_SQLITE_PORT", 5107))
CONVERSATION = [  # (message, texts the answer must contain)
    ("wat kost bellen in Turkije? bel me terug op 06-12345678", ["Turkije", "€ 1,00"]),
    ("mijn iban is NL91 ABNA 0417 1643 00, wat kost bellen in Japan?", ["Japan", "€ 1,00"]),
    ("mail me op jan.jansen@example.nl of bel +32 470 12 34 56", []),
]
STORED = [
    "wat kost bellen in Turkije? bel me terug op <telefoonnummer>",
    "mijn iban is <iban>, wat kost bellen in Japan?",
    "mail me op <e-mail> of bel <telefoonnummer>",
]
RAW = ["12345678", "1234 5678", "NL91", "0417", "jan.jansen", "example.nl", "470 12 34",
       "4701234"]
DAY = 86400


def _say(url: str, sender: str, text: str) -> str:
    request = urllib.request.Request(
        url + "/webhooks/rest/webhook", method="POST", headers={"Content-Type": "application/json"},
        data=json.dumps({"sender": sender, "message": text}).encode())
    with urllib.request.urlopen(request, timeout=120) as response:
        return "\n".join(r.get("text") or "" for r in json.loads(response.read()))


def _talk(urls: list, sender: str) -> None:
    """The conversation, turn i on server urls[i] (the last one for the rest)."""
    for turn, (message, expected) in enumerate(CONVERSATION):
        answer = _say(urls[min(turn, len(urls) - 1)], sender, message)
        assert answer, f"no answer to {message!r}"
        for part in expected:
            assert part.lower() in answer.lower(), f"{message!r} -> {answer!r}"


def _assert_clean(text: str, where: str) -> None:
    # decimal numbers (a confidence such as 0.6409588041740257 contains "0417") are no personal data
    text = re.sub(r"\d+\.\d+", " ", text)
    for raw in RAW:
        assert raw not in text, f"{raw!r} in {where}"


def _logs(*names: str) -> str:
    time.sleep(1)  # let the servers flush
    return "\n".join((BASE / name / log).read_text(errors="replace")
                     for name in names for log in ("rasa.log", "actions.log")
                     if (BASE / name / log).exists())


def _forget(env: dict, *args: str) -> str:
    result = subprocess.run([sys.executable, "scripts/forget.py", *args], cwd=ROOT,
                            env={**os.environ, **env}, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _make_purge(env: dict) -> str:
    result = subprocess.run(["make", "-s", "purge"], cwd=ROOT, env={**os.environ, **env},
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


# --- PostgreSQL: servers A and B --------------------------------------------------------
def _pg(stack, sql: str, *params) -> list:
    import psycopg2

    conn = psycopg2.connect(stack.services_env["TRACKER_DB_URL"])
    try:
        with conn, conn.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall() if cur.description else []
    finally:
        conn.close()


def test_postgresql_stores_no_personal_data_and_the_answers_are_right(stack):
    sender = "privacy-pg-1"
    _talk([stack.url("b"), stack.url("b"), stack.url("a")], sender)
    events = stack.db_events(sender)
    assert [d["text"] for t, d in events if t == "user"] == STORED
    _assert_clean(json.dumps(events), "PostgreSQL events")
    slots = {d["name"]: d["value"] for t, d in events if t == "slot"}
    assert slots.get("country") == "Japan"  # what the answers need stays
    tracker = stack.tracker("a", sender)  # Rasa's HTTP API reads the same store
    assert [e["text"] for e in tracker["events"] if e["event"] == "user"] == STORED
    logs = _logs("rasa-a", "rasa-b", "actions")
    _assert_clean(logs, "the logs")
    assert "<telefoonnummer>" in logs and "<iban>" in logs  # server B (turns 1, 2) logs at DEBUG


def test_forget_and_purge_on_postgresql(stack):
    env = {"TRACKER_DB_URL": stack.services_env["TRACKER_DB_URL"],
           "TRACKER_DB_DIALECT": "postgresql"}
    for sender in ("privacy-pg-old", "privacy-pg-recent", "privacy-pg-forget"):
        _say(stack.url("a"), sender, "wat kost bellen in Marokko?")
    _pg(stack, "UPDATE events SET timestamp = timestamp - %s WHERE sender_id = %s",
        100 * DAY, "privacy-pg-old")

    out = _forget(env, "privacy-pg-forget")
    assert out.startswith("forget privacy-pg-forget: deleted ") and not stack.db_events("privacy-pg-forget")
    out = _make_purge({**env, "RETENTION_DAYS": "90"})
    assert "purge: deleted 1 conversation(s)" in out, out
    assert not stack.db_events("privacy-pg-old") and stack.db_events("privacy-pg-recent")
    # A forgotten conversation starts afresh on any server.
    assert "Marokko" in _say(stack.url("b"), "privacy-pg-forget", "wat kost bellen in Marokko?")


# --- SQLite: a third Rasa server with the local default store ---------------------------
@pytest.fixture(scope="module")
def sqlite_server(stack):
    if not port_free(SQLITE_PORT):
        pytest.fail(f"port {SQLITE_PORT} in use (set PROD_TEST_RASA_SQLITE_PORT)")
    db = BASE / "rasa-sqlite" / "tracker.db"
    settings = {"RASA_PORT": str(SQLITE_PORT), "TRACKER_DB_DIALECT": "sqlite",
                "TRACKER_DB_URL": f"sqlite:///{db}", "LOCK_STORE_TYPE": "in_memory",
                "LOG_LEVEL": "DEBUG"}
    try:
        stack.stack("start-rasa", "rasa-sqlite", **settings)
        yield f"http://127.0.0.1:{SQLITE_PORT}", db, settings
    finally:
        stack.stack("stop-rasa", "rasa-sqlite", **settings)


def _sqlite_events(db, sender: str) -> list:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT type_name, data FROM events WHERE sender_id = ? ORDER BY id",
                            (sender,)).fetchall()
    return [(t, json.loads(d)) for t, d in rows]


def test_sqlite_stores_no_personal_data_and_the_answers_are_right(sqlite_server):
    url, db, _ = sqlite_server
    sender = "privacy-sqlite-1"
    _talk([url], sender)
    events = _sqlite_events(db, sender)
    assert [d["text"] for t, d in events if t == "user"] == STORED
    assert {d["name"]: d["value"] for t, d in events if t == "slot"}.get("country") == "Japan"
    for path in db.parent.glob("tracker.db*"):  # the database file and its write-ahead log
        _assert_clean(path.read_bytes().decode("latin-1"), path.name)
    logs = _logs("rasa-sqlite", "actions")
    _assert_clean(logs, "the logs")
    assert "<telefoonnummer>" in logs and "<iban>" in logs and "<e-mail>" in logs


def test_forget_and_purge_on_sqlite(sqlite_server):
    url, db, settings = sqlite_server
    for sender in ("privacy-sqlite-old", "privacy-sqlite-recent", "privacy-sqlite-forget"):
        _say(url, sender, "wat kost bellen in Marokko?")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE events SET timestamp = timestamp - ? WHERE sender_id = ?",
                     (100 * DAY, "privacy-sqlite-old"))
    env = {"TRACKER_DB_URL": settings["TRACKER_DB_URL"], "TRACKER_DB_DIALECT": "sqlite"}
    assert _forget(env, "privacy-sqlite-forget").startswith("forget privacy-sqlite-forget: deleted ")
    assert "purge: deleted 1 conversation(s)" in _make_purge({**env, "RETENTION_DAYS": "90"})
    assert not _sqlite_events(db, "privacy-sqlite-old") and not _sqlite_events(db, "privacy-sqlite-forget")
    assert _sqlite_events(db, "privacy-sqlite-recent")
    assert "Marokko" in _say(url, "privacy-sqlite-forget", "wat kost bellen in Marokko?")


@pytest.mark.xfail(strict=False, reason="today's NLU takes a message with a phone number for a "
                   "service-number question; it passes once the NLU blanks personal data "
                   "(server.personal_data.find_personal_data) before it reads the message")
def test_the_question_next_to_a_phone_number_is_answered(stack):
    answer = _say(stack.url("a"), "privacy-nlu-1", "Wat kost bellen in Turkije? Mijn nummer is 0612345678")
    assert "Turkije" in answer and "€ 1,00" in answer and "612345678" not in answer
