"""Typed errors: input the dialogue must phrase (KnowledgeInputError) and broken data files."""
from __future__ import annotations

from decimal import Decimal


class KnowledgeInputError(Exception):
    """A user-supplied value the knowledge core cannot answer for.

    ``message`` is Dutch and safe to show to the user.

    >>> KnowledgeInputError("Dat bedrag kan niet negatief zijn.").message
    'Dat bedrag kan niet negatief zijn.'
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NegativeAmountError(KnowledgeInputError):
    """An amount (euros, minutes, sms, MB) was negative.

    >>> NegativeAmountError("aankoopbedrag").field
    'aankoopbedrag'
    """

    def __init__(self, field: str) -> None:
        super().__init__(f"Het {field} kan niet negatief zijn.")
        self.field = field


class DeviceValueTooHighError(KnowledgeInputError):
    """Device value above the highest ToestelVerzekering band (€ 3000,00).

    >>> DeviceValueTooHighError(Decimal("3500"), Decimal("3000.00")).maximum
    Decimal('3000.00')
    """

    def __init__(self, value: Decimal, maximum: Decimal) -> None:
        from knowledge.money import format_eur  # local: money imports nothing from here

        super().__init__(
            f"Een toestel van {format_eur(value)} kan niet verzekerd worden: "
            f"de ToestelVerzekering gaat tot en met een toestelwaarde van {format_eur(maximum)}."
        )
        self.value = value
        self.maximum = maximum


class QuantityTooLargeError(KnowledgeInputError):
    """A usage amount too large to be a realistic question (guards brute-force searches).

    >>> QuantityTooLargeError("aantal units", 100000).limit
    100000
    """

    def __init__(self, field: str, limit: int) -> None:
        super().__init__(f"Het {field} is te groot om mee te rekenen (maximaal {limit}).")
        self.field = field
        self.limit = limit


class DataFileError(Exception):
    """A knowledge data file is missing or does not match its schema.

    The message names the file, the entry (path inside the file) and the problem.

    >>> str(DataFileError("rates.yml", "roaming[0].sms", "2.5 is not of type 'string'"))
    "rates.yml: roaming[0].sms: 2.5 is not of type 'string'"
    """

    def __init__(self, file: str, entry: str, problem: str) -> None:
        super().__init__(f"{file}: {entry}: {problem}")
        self.file = file
        self.entry = entry
        self.problem = problem


class UnknownCountryError(KnowledgeInputError):
    """A country name we could not resolve; ``suggestions`` are close Dutch names.

    >>> UnknownCountryError("Atlantis", ("Albanië",)).suggestions
    ('Albanië',)
    """

    def __init__(self, query: str, suggestions: tuple[str, ...] = ()) -> None:
        hint = f" Bedoelt u {' of '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"Ik ken het land '{query}' niet.{hint}")
        self.query = query
        self.suggestions = suggestions
