"""Turn a user's usage into numbers, and a CostBreakdown into lines that show the working."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from actions.phrasebook import Phrase, plural
from actions.turn import Turn
from knowledge import roaming
from knowledge.roaming import CostBreakdown, LineKind, Note


@dataclass(frozen=True)
class Usage:
    kinds: tuple[str, ...]          # subset of call, called, sms, data (what was asked about)
    call_seconds: Decimal = Decimal(0)
    called_seconds: Decimal = Decimal(0)
    sms: Decimal = Decimal(0)
    mb: Decimal = Decimal(0)
    calls: int = 1                  # equally long calls the call time is spread over (30-second minimum each)

    @property
    def has_quantities(self) -> bool:
        return any((self.call_seconds, self.called_seconds, self.sms, self.mb))

    @property
    def kinds_without_quantity(self) -> tuple[str, ...]:
        """What was asked about without a number ("per minuut, een sms en internet per MB":
        calling and internet): those get their rate next to the computed lines."""
        quantity = {"call": self.call_seconds, "called": self.called_seconds, "sms": self.sms, "data": self.mb}
        return tuple(kind for kind in self.kinds if not quantity.get(kind))


def usage_of(turn: Turn) -> Usage:
    kinds = tuple(k for k in (turn.slot("usage") or "").split(",") if k)
    return Usage(kinds=kinds, call_seconds=Decimal(turn.slot("duration_seconds") or 0),
                 called_seconds=Decimal(turn.slot("called_seconds") or 0),
                 sms=Decimal(turn.slot("sms_count") or 0), mb=Decimal(turn.slot("data_mb") or 0),
                 calls=int(turn.slot("call_count") or 1))


CALL_LABEL = {LineKind.CALL: Phrase("costs.label_call"), LineKind.CALLED: Phrase("costs.label_called")}


def cost_lines(breakdown: CostBreakdown, calls: int = 1) -> tuple[Phrase, ...]:
    """One line per usage with its working, then the total when there is more than one."""
    lines = []
    for line in breakdown.lines:
        if line.quantity == 0:
            continue
        if line.kind in CALL_LABEL:
            label = CALL_LABEL[line.kind]
            if line.amount is None:
                lines.append(Phrase("costs.call_unpriced", label=label))
            else:
                amount = _amount(line)
                if Note.MINIMUM_APPLIED in line.notes and calls > 1:
                    lines.append(Phrase("costs.calls_minimum", label=label, calls=calls, billed=line.billed_quantity,
                                        rate=line.rate, amount=amount, each=line.quantity / calls,
                                        minimum=line.minimum_seconds))
                elif Note.MINIMUM_APPLIED in line.notes:
                    lines.append(Phrase("costs.call_minimum", label=label, billed=line.billed_quantity,
                                        rate=line.rate, amount=amount, called=line.quantity))
                elif Note.PER_SECOND_MINIMUM in line.notes:
                    lines.append(Phrase("costs.call_per_second", label=label, billed=line.billed_quantity,
                                        rate=line.rate, amount=amount, minimum=line.minimum_seconds))
                else:
                    lines.append(Phrase("costs.call", label=label, billed=line.billed_quantity, rate=line.rate,
                                        amount=amount))
        elif line.kind == LineKind.SMS:
            shown = line.rate_shown if line.rate_shown is not None else line.rate
            if line.rate == shown:
                lines.append(plural("costs.sms", int(line.quantity), rate=shown, amount=line.amount))
            else:
                lines.append(plural("costs.sms_rounded", int(line.quantity), rate=shown, actual=line.rate,
                                    amount=line.amount))
        elif line.kind == LineKind.DATA:
            lines.append(_data_line(line, breakdown))
    priced = [line for line in breakdown.lines if line.quantity and line.amount is not None]
    if len(priced) > 1:
        lines.append(Phrase("costs.total", total=breakdown.total))
    return tuple(lines)


def _amount(line) -> Phrase:
    """The line's amount; where the list rounded it to whole cents, also the exact amount
    when it can be written out (30 s x € 0,23 = € 0,115), else that it was rounded."""
    if not line.is_rounded:
        return Phrase("common.amount", amount=line.amount)
    exact = line.exact_amount
    if exact == exact.quantize(Decimal("0.0001")):
        return Phrase("costs.rounded", amount=line.amount, exact=exact.normalize())
    return Phrase("costs.rounded_to_cents", amount=line.amount)


def _data_line(line, breakdown: CostBreakdown) -> Phrase:
    if Note.DATA_NOT_CHARGED in line.notes:
        return Phrase("costs.data_not_charged")
    if Note.INTERNET_BLOCKED in line.notes:
        protection = roaming.internet_protection()
        return Phrase("costs.data_blocked", mb=line.quantity, rate=line.rate, full=line.quantity * line.rate,
                      limit=protection.limit, block_at=breakdown.block_at_mb, amount=line.amount,
                      keyword=protection.lift_keyword, number=protection.lift_number)
    return Phrase("costs.data", mb=line.quantity, rate=line.rate, amount=line.amount)
