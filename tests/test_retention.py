"""Conversations are deleted after RETENTION_DAYS, or one on request (server/retention.py,
scripts/forget.py, `make purge`), here on SQLite; tests/production does PostgreSQL."""
from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore

from server import retention

ROOT = Path(__file__).resolve().parents[1]
DAY = 86400
NOW = time.time()


def _store_conversations(db: Path) -> None:
    """Rasa's own SQL tracker store writes the table, as the servers do:
    old: last event 100 days ago; resumed: began 200 days ago, last event 10 days ago;
    recent: today."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    store = SQLTrackerStore(domain=Domain.empty(), dialect="sqlite", db=str(db))
    for sender, ages in {"old": (101, 100), "resumed": (200, 10), "recent": (0,)}.items():
        events = []
        for age in ages:
            stamp = NOW - age * DAY
            events += [ActionExecuted("action_listen", timestamp=stamp),
                       UserUttered("wat kost bellen in japan", timestamp=stamp),
                       BotUttered("€ 1,00 per minuut", timestamp=stamp)]
        asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))
    store.engine.dispose()


def _senders(db: Path) -> dict:
    rows = sqlite3.connect(db).execute("SELECT sender_id, COUNT(*) FROM events GROUP BY sender_id")
    return dict(rows.fetchall())


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "tracker.db"
    _store_conversations(path)
    assert _senders(path) == {"old": 6, "resumed": 6, "recent": 3}
    return path


def test_purge_deletes_conversations_whose_last_event_is_older(db):
    engine = sa.create_engine(f"sqlite:///{db}")
    assert retention.purge(engine, 90, now=NOW) == (1, 6)
    assert _senders(db) == {"resumed": 6, "recent": 3}
    assert retention.purge(engine, 90, now=NOW) == (0, 0)
    assert retention.purge(engine, 5, now=NOW) == (1, 6)
    assert _senders(db) == {"recent": 3}


def test_forget_deletes_one_conversation(db):
    engine = sa.create_engine(f"sqlite:///{db}")
    assert retention.forget(engine, ["recent", "nobody"]) == {"recent": 3, "nobody": 0}
    assert _senders(db) == {"old": 6, "resumed": 6}


def test_an_empty_database_has_nothing_to_delete(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    assert retention.purge(engine, 90) == (0, 0)
    assert retention.forget(engine, ["x"]) == {"x": 0}


@pytest.mark.parametrize("env, url", [
    ({"TRACKER_DB_URL": "sqlite:////srv/run/tracker.db"}, "sqlite:////srv/run/tracker.db"),
    ({"TRACKER_DB_URL": "postgresql://rasa:pw@db:5432/rasa", "TRACKER_DB_DIALECT": "postgresql"},
     "postgresql://rasa:pw@db:5432/rasa"),
    ({"TRACKER_DB_DIALECT": "postgresql", "TRACKER_DB_URL": "db:5432", "TRACKER_DB_NAME": "rasa"},
     "postgresql://db:5432/rasa"),
    ({"TRACKER_DB_DIALECT": "sqlite", "TRACKER_DB_NAME": "rasa.db"}, "sqlite:///rasa.db"),
])
def test_the_database_is_the_one_the_servers_use(env, url):
    assert retention.database_url(env) == url


@pytest.mark.parametrize("value, days", [(None, 90), ("", 90), ("30", 30), ("0.5", 0.5)])
def test_retention_days(value, days):
    assert retention.retention_days({} if value is None else {"RETENTION_DAYS": value}) == days


@pytest.mark.parametrize("value", ["0", "-5", "nooit"])
def test_a_wrong_retention_is_refused(value):
    with pytest.raises(ValueError):
        retention.retention_days({"RETENTION_DAYS": value})


def _run(args: list, db: Path, **env: str) -> subprocess.CompletedProcess:
    environment = dict(os.environ, TRACKER_DB_URL=f"sqlite:///{db}", **env)
    return subprocess.run(args, cwd=ROOT, env=environment, capture_output=True, text=True,
                          timeout=600)


def test_forget_script(db):
    result = _run([sys.executable, "scripts/forget.py", "resumed", "nobody"], db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["forget resumed: deleted 6 event(s)",
                                          "forget nobody: nothing stored"]
    assert _senders(db) == {"old": 6, "recent": 3}


@pytest.mark.parametrize("args", [[], ["x", "--older-than", "3"], ["--older-than", "nooit"]])
def test_forget_script_refuses_unclear_requests(db, args):
    result = _run([sys.executable, "scripts/forget.py", *args], db)
    assert result.returncode == 2 and _senders(db) == {"old": 6, "resumed": 6, "recent": 3}


def test_make_purge_uses_retention_days(db):
    result = _run(["make", "-s", "purge"], db, RETENTION_DAYS="90")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "deleted 1 conversation(s), 6 event(s)" in result.stdout
    assert _senders(db) == {"resumed": 6, "recent": 3}
    result = _run([sys.executable, "scripts/forget.py", "--older-than", "5"], db)
    assert "deleted 1 conversation(s), 6 event(s) with no activity in the last 5 days" in result.stdout
    assert _senders(db) == {"recent": 3}
