"""Small shared phrasing: money, lists, the customer-service pointer."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from knowledge import services
from knowledge.money import format_eur, format_rate

__all__ = ["customer_service", "eur", "rate", "number", "numbered", "bullets", "silent", "minutes_text"]


def eur(amount: Decimal) -> str:
    return format_eur(amount)


def rate(amount: Decimal) -> str:
    return format_rate(amount)


def number(value: Decimal) -> str:
    """A quantity the Dutch way, without trailing zeros: 24.2 -> '24,2', 200 -> '200'."""
    return f"{Decimal(value).normalize():f}".replace(".", ",")


def customer_service(lower: bool = False) -> str:
    desk = services.customer_service()
    return f"{'bel' if lower else 'Bel'} de klantenservice van KPN via {desk.number} ({desk.price_text})."


def silent(what: str) -> str:
    """The documents do not say: say so, and where to ask."""
    return f"Over {what} staat niets in de tarieven die ik ken. {customer_service()}"


def numbered(lines: Iterable[str]) -> str:
    return "\n".join(f"{i}. {line}" for i, line in enumerate(lines, start=1))


def bullets(lines: Iterable[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def minutes_text(seconds: Decimal) -> str:
    """'8 min', '2 min 30 sec', '10 sec' for a call duration."""
    from actions.phrasebook.formatters import SCALAR

    return SCALAR["nl"]["duration"](seconds)


def unphrased(text: str, buttons=()) -> "Reply":
    """TRANSITIONAL (milestone 1 of the phrasebook): a Dutch sentence still written in
    Python, wrapped in a Phrase. Milestone 2 replaces every use by catalog phrases."""
    from actions.phrasebook import Phrase
    from actions.turn import Button, Reply

    return Reply(body=(Phrase("common.unphrased", text=text),),
                 buttons=tuple(Button(Phrase("common.unphrased", text=b["title"]), b["payload"]) for b in buttons))
