"""Micro-benchmark of personal-data detection (a script, not a test).

Run: .venv/bin/python bench/bench_personal_data.py
Prints the import cost of server.personal_data (a fresh interpreter each time), the one-off
cost of the first number (phonenumbers is imported then), and microseconds per message for
find_personal_data() on: the user turns of tests/eval/dev_own.yml (typical messages),
messages with amounts, dates and service numbers (searched, nothing found), messages with
personal data, and a Rasa DEBUG log line -- for new text, and for text whose numbers were
seen before (runs of digits are cached; logs repeat them). Report the load average with any
figure. Times are CPU time of this process (time.process_time), which a busy machine
inflates far less than wall-clock time.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import timeit
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WITH_NUMBERS = [
    "toestel van € 1.650,00 in 24 termijnen, wat kost de verzekering?",
    "ik heb 03-03-2026 om 14:30 een bundel van 5 GB gekocht voor € 12,50",
    "wat kost bellen naar 0900-1234 of 0800 1234567 vanuit Spanje",
    "1.250 euro uitgegeven sinds 01-01-2026, 500 MB en 30 minuten over",
]
WITH_PERSONAL_DATA = [
    "Wat kost bellen in Turkije? Mijn nummer is 0612345678",
    "bel me op +90 532 123 4567 of mail jan@example.nl",
    "mijn iban is NL91 ABNA 0417 1643 00 en mijn bsn 111222333",
    "+32 470 12 34 56 is mijn belgische nummer, wat kost sms naar +44 7911 123456?",
]
LOG_LINE = ("Received user message 'mijn nummer is 06-12345678' with intent '{'name': "
            "'ask_foreign_rates', 'confidence': 0.9876543210}' and entities '[{'entity': "
            "'country', 'start': 19, 'end': 26, 'confidence_entity': 0.99812, 'value': "
            "'Turkije'}]' " + "[0.0012, 0.9876, 0.0003, 0.0001] " * 10)


def heldout_messages() -> list:
    cases = yaml.safe_load((ROOT / "tests" / "eval" / "dev_own.yml").read_text())
    return [turn["user"] for case in cases for turn in case.get("turns", []) if "user" in turn]


def import_cost(runs: int = 5) -> float:
    # The standard modules it uses are loaded in any server already: not counted.
    code = ("import functools, re, typing, time; t = time.process_time(); "
            "import server.personal_data; print(time.process_time() - t)")
    times = [float(subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                                  text=True, check=True).stdout) for _ in range(runs)]
    return statistics.median(times) * 1000


def per_message_us(messages: list, number: int, cold: bool) -> float:
    """Best of 3; cold: with the cache of runs already seen emptied before every message."""
    from server import personal_data

    def run() -> None:
        for message in messages:
            if cold:
                personal_data._in_run.cache_clear()
            personal_data.find_personal_data(message)

    seconds = min(timeit.repeat(run, number=number, repeat=3, timer=time.process_time))
    return seconds / (number * len(messages)) * 1e6


def main() -> None:
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"import server.personal_data: {import_cost():.1f} ms (median of 5 fresh interpreters)")
    from server.personal_data import find_personal_data

    started = time.process_time()
    find_personal_data("bel 0612345678")
    print(f"first message with a phone number (imports phonenumbers): "
          f"{(time.process_time() - started) * 1000:.0f} ms, once per process")
    typical = heldout_messages()
    with_digits = sum(any(ch.isdigit() for ch in m) for m in typical)
    rows = [
        (f"dev_own.yml user turns ({len(typical)}, {with_digits} with digits)", typical, 200),
        ("amounts, dates, service numbers", WITH_NUMBERS, 200),
        ("with personal data", WITH_PERSONAL_DATA, 100),
        ("a Rasa DEBUG log line (~560 chars)", [LOG_LINE], 50),
    ]
    print(f"{'µs per message':<48} {'new text':>9} {'seen before':>12}")
    for name, messages, number in rows:
        print(f"{name:<48} {per_message_us(messages, number, cold=True):>9.1f} "
              f"{per_message_us(messages, number, cold=False):>12.1f}")


if __name__ == "__main__":
    main()
