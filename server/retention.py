"""How long conversations are kept: delete old ones, or one on request.

Rasa's SQL tracker store keeps every event of every conversation in one table, ``events``
(``sender_id``, ``timestamp`` in Unix seconds, ``data``), in SQLite or PostgreSQL alike.

* :func:`purge` deletes every conversation whose *last* event is older than
  ``RETENTION_DAYS`` (default 90) days, with all its events — ``make purge``, nightly
  from cron (docs/production.md);
* :func:`forget` deletes all events of the given conversations (``scripts/forget.py
  SENDER_ID``), e.g. when a customer asks for it.

The database is the one the servers use: ``TRACKER_DB_URL`` (a full SQLAlchemy URL, as
in scripts/env.sh and endpoints.yml), or ``TRACKER_DB_DIALECT`` + host + ``TRACKER_DB_NAME``
the way Rasa builds it. SQLAlchemy only, no Rasa import, so it runs in a second.
"""
from __future__ import annotations

import os
import time
from typing import Iterable, Mapping, Optional, Tuple

import sqlalchemy as sa

DEFAULT_RETENTION_DAYS = 90
SECONDS_PER_DAY = 86400
_OLD_SENDERS = ("SELECT sender_id FROM events GROUP BY sender_id "
                "HAVING MAX(timestamp) < :cutoff")


def retention_days(env: Mapping[str, str] = os.environ) -> float:
    """RETENTION_DAYS from the environment (default 90); must be a positive number."""
    raw = env.get("RETENTION_DAYS", "").strip()
    if not raw:
        return DEFAULT_RETENTION_DAYS
    try:
        days = float(raw)
    except ValueError:
        days = 0.0
    if not days > 0:
        raise ValueError(f"the retention (RETENTION_DAYS, --older-than) must be a positive "
                         f"number of days, not {raw!r}")
    return days


def database_url(env: Mapping[str, str] = os.environ) -> str:
    """The tracker store's SQLAlchemy URL, read like Rasa reads endpoints.yml."""
    url = env.get("TRACKER_DB_URL", "").strip()
    dialect = env.get("TRACKER_DB_DIALECT", "sqlite").strip() or "sqlite"
    name = env.get("TRACKER_DB_NAME", "rasa.db").strip() or "rasa.db"
    if "://" in url:
        return url
    if dialect.startswith("sqlite"):
        return f"sqlite:///{url or name}"
    if not url:
        raise ValueError("TRACKER_DB_URL is not set")
    return f"{dialect}://{url}/{name}"


def engine_for(url: str) -> sa.engine.Engine:
    kwargs = {}
    schema = os.environ.get("POSTGRESQL_SCHEMA")  # honoured by Rasa's SQLTrackerStore too
    if schema and url.startswith("postgres"):
        kwargs["connect_args"] = {"options": f"-csearch_path={schema}"}
    return sa.create_engine(url, **kwargs)


def _has_events(engine: sa.engine.Engine) -> bool:
    return sa.inspect(engine).has_table("events")


def forget(engine: sa.engine.Engine, sender_ids: Iterable[str]) -> dict:
    """Delete every stored event of each conversation; {sender_id: events deleted}."""
    deleted = {sender: 0 for sender in sender_ids}
    if not deleted or not _has_events(engine):
        return deleted
    with engine.begin() as conn:
        for sender in deleted:
            result = conn.execute(sa.text("DELETE FROM events WHERE sender_id = :sender"),
                                  {"sender": sender})
            deleted[sender] = result.rowcount
    return deleted


def purge(engine: sa.engine.Engine, days: float, now: Optional[float] = None) -> Tuple[int, int]:
    """Delete the conversations whose last event is older than ``days`` days.

    Returns (conversations, events) deleted. One DELETE statement, so a conversation that
    gets a new event meanwhile keeps that event."""
    if not _has_events(engine):
        return 0, 0
    cutoff = (time.time() if now is None else now) - days * SECONDS_PER_DAY
    with engine.begin() as conn:
        conversations = conn.execute(
            sa.text(f"SELECT COUNT(*) FROM ({_OLD_SENDERS}) AS old"), {"cutoff": cutoff}).scalar()
        if not conversations:
            return 0, 0
        events = conn.execute(sa.text(f"DELETE FROM events WHERE sender_id IN ({_OLD_SENDERS})"),
                              {"cutoff": cutoff}).rowcount
    return int(conversations), int(events)
