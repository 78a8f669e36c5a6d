#!/usr/bin/env python3
"""Delete stored conversations from the tracker store (SQLite or PostgreSQL).

    scripts/forget.py SENDER_ID [SENDER_ID ...]   one conversation, on request
    scripts/forget.py --older-than [DAYS]          every conversation whose last event is
                                                   older (make purge; default: RETENTION_DAYS, 90)

The database is the one the servers use (TRACKER_DB_URL etc.; `source scripts/env.sh`
first for the local defaults). See server/retention.py and docs/production.md.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from server import retention  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sender_ids", nargs="*", metavar="SENDER_ID",
                        help="conversation (sender) id to delete")
    parser.add_argument("--older-than", nargs="?", const="", metavar="DAYS",
                        help="delete conversations whose last event is older than DAYS days "
                             "(default: RETENTION_DAYS, 90)")
    args = parser.parse_args(argv)
    if bool(args.sender_ids) == (args.older_than is not None):
        parser.error("give either SENDER_ID(s) or --older-than [DAYS]")
    try:
        if args.older_than is not None:
            args.older_than = retention.retention_days(
                {"RETENTION_DAYS": args.older_than} if args.older_than else os.environ)
        engine = retention.engine_for(retention.database_url())
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        if args.older_than is not None:
            conversations, events = retention.purge(engine, args.older_than)
            print(f"purge: deleted {conversations} conversation(s), {events} event(s) "
                  f"with no activity in the last {args.older_than:g} days")
        else:
            for sender, events in retention.forget(engine, args.sender_ids).items():
                print(f"forget {sender}: deleted {events} event(s)"
                      if events else f"forget {sender}: nothing stored")
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
