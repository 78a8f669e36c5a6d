"""What day and time it is in the Netherlands, for choosing a price list and reading
"vandaag" or "volgende maand".

``KPN_TODAY=YYYY-MM-DD`` fixes the day for a whole process: the tests run on one day, so
their answers do not change when a new price list becomes valid, and a maintainer can try a
list before its ``valid_from`` (``KPN_TODAY=2027-10-01 make run``). Read once, at import.
"""
from __future__ import annotations

import os
from datetime import date, datetime, time
from typing import Optional
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TODAY_ENV = "KPN_TODAY"


def _fixed_day(value: Optional[str]) -> Optional[date]:
    """The day ``KPN_TODAY`` names, or None when it is unset.

    >>> _fixed_day("2026-11-29"), _fixed_day(None), _fixed_day("")
    (datetime.date(2026, 11, 29), None, None)
    """
    return date.fromisoformat(value.strip()) if value and value.strip() else None


FIXED_DAY = _fixed_day(os.environ.get(TODAY_ENV))


def now() -> datetime:
    """The local time in the Netherlands (naive); on ``KPN_TODAY`` at noon."""
    if FIXED_DAY is not None:
        return datetime.combine(FIXED_DAY, time(12, 0))
    return datetime.now(AMSTERDAM).replace(tzinfo=None)


def today() -> date:
    """Today in the Netherlands (``KPN_TODAY`` when set).

    >>> today() >= date(2020, 9, 28)
    True
    """
    return FIXED_DAY if FIXED_DAY is not None else datetime.now(AMSTERDAM).date()
