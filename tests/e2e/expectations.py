"""What a reply must contain: the case format of ../shared/eval/score.py, checked here with
our own code so the tests need nothing outside the repository.

A case is a conversation with a fresh sender id; each turn may carry expectations on the
bot's reply to that turn (all its messages' texts and button titles joined):
    money: [10.00]            each amount appears as money ("€ 10,00", "€10", "10 euro")
    not_money: [250.00]       none of these amounts appears as money
    text: ["voordeel"]        each regex matches (case-insensitive)
    any: [["minuut", "min"]]  for each group, at least one regex matches
    not: ["onbekend"]         no regex matches
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any


def money_pattern(amount: Any) -> re.Pattern[str]:
    """An amount written as euros, Dutch ("€ 1.250,50") or English ("€1,250.50") style."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"))
    units, cents = f"{value:.2f}".split(".")
    grouped = f"{int(units):,}".replace(",", "[.,]?")
    number = rf"(?<![\d.,]){grouped}"
    tail = r"(?:[.,]00|,-|,--)?(?![\d]|[.,]\d)" if cents == "00" else rf"[.,]{cents}(?!\d)"
    amount_re = number + tail
    return re.compile(rf"(?:€|eur\b|euro\b)\s*{amount_re}|{amount_re}\s*(?:€|euro|eur\b)", re.IGNORECASE)


def failures(turn: dict[str, Any], reply: str) -> list[str]:
    """The expectations of one turn that the reply does not meet, as readable strings."""
    failed = []
    for amount in turn.get("money", []):
        if not money_pattern(amount).search(reply):
            failed.append(f"money {amount}")
    for amount in turn.get("not_money", []):
        if money_pattern(amount).search(reply):
            failed.append(f"not_money {amount}")
    for pattern in turn.get("text", []):
        if not re.search(pattern, reply, re.IGNORECASE):
            failed.append(f"text {pattern!r}")
    for group in turn.get("any", []):
        if not any(re.search(p, reply, re.IGNORECASE) for p in group):
            failed.append(f"any {group!r}")
    for pattern in turn.get("not", []):
        if re.search(pattern, reply, re.IGNORECASE):
            failed.append(f"not {pattern!r}")
    return failed
