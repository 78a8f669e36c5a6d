"""Micro-benchmark of the knowledge core (a script, not a test).

Run: .venv/bin/python bench/bench_knowledge.py
Prints microseconds per call for country lookup, cost computation and both together.
"""
from __future__ import annotations

import sys
import timeit
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from knowledge.bundles import cheapest_for_need  # noqa: E402
from knowledge.countries import find_countries_in_text, find_country  # noqa: E402
from knowledge.dutch_dates import parse_dutch_datetime  # noqa: E402
from knowledge.quantities import parse_all_durations  # noqa: E402
from knowledge.roaming import roaming_cost  # noqa: E402

NUMBER = 20_000
TODAY = date(2026, 3, 4)
# Worst cases seen in the parser tests: 10,000 characters of what a regex could backtrack on.
LONG_INPUTS = {"digits": "1" * 10_000, "'om 1 ' repeated": "om 1 " * 2_000, "'8 minuten ' repeated": "8 minuten " * 1_000}
THAILAND = find_country("Thailand").country


def lookup_and_cost() -> None:
    country = find_country("Thailand").country
    roaming_cost(country, call_seconds=900, called_seconds=120, sms=3, mb=Decimal("30"))


CASES = {
    "find_country exact ('Thailand')": lambda: find_country("Thailand"),
    "find_country typo ('Turkeije', cached)": lambda: find_country("Turkeije"),
    "roaming_cost (call+called+sms+data)": lambda: roaming_cost(
        THAILAND, call_seconds=900, called_seconds=120, sms=3, mb=Decimal("30")),
    "lookup + cost": lookup_and_cost,
    "find_countries_in_text (sentence)": lambda: find_countries_in_text(
        "Wat kost het om vanuit Turkije naar Marokko te bellen?"),
    "cheapest_for_need (300 MB Thailand)": lambda: cheapest_for_need("Thailand", mb=300),
    **{f"parse_dutch_datetime, 10k chars ({name})": (lambda text=text: parse_dutch_datetime(text, TODAY))
       for name, text in LONG_INPUTS.items()},
    **{f"parse_all_durations, 10k chars ({name})": (lambda text=text: parse_all_durations(text))
       for name, text in LONG_INPUTS.items()},
}


def main() -> None:
    lookup_and_cost()  # build indexes and load data once (lru_cache), like a warm action server
    for label, func in CASES.items():
        number = NUMBER // 10 if "cheapest" in label else 20 if "10k" in label else NUMBER
        seconds = min(timeit.repeat(func, number=number, repeat=3)) / number
        print(f"{label:45s} {seconds * 1e6:8.1f} µs")


if __name__ == "__main__":
    main()
