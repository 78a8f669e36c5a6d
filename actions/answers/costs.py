"""Turn a user's usage into numbers, and a CostBreakdown into lines that show the working."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from actions.answers.phrasing import number, eur, minutes_text, rate
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

    @property
    def has_quantities(self) -> bool:
        return any((self.call_seconds, self.called_seconds, self.sms, self.mb))


def usage_of(turn: Turn) -> Usage:
    kinds = tuple(k for k in (turn.slot("usage") or "").split(",") if k)
    return Usage(kinds=kinds, call_seconds=Decimal(turn.slot("duration_seconds") or 0),
                 called_seconds=Decimal(turn.slot("called_seconds") or 0),
                 sms=Decimal(turn.slot("sms_count") or 0), mb=Decimal(turn.slot("data_mb") or 0))



def cost_lines(breakdown: CostBreakdown) -> str:
    """One line per usage with its working, then the total when there is more than one."""
    lines = []
    for line in breakdown.lines:
        if line.quantity == 0:
            continue
        if line.kind in (LineKind.CALL, LineKind.CALLED):
            label = "Bellen" if line.kind == LineKind.CALL else "Gebeld worden"
            if line.amount is None:
                lines.append(f"{label}: daar staat geen apart tarief voor in de prijslijst.")
                continue
            billed = minutes_text(line.billed_quantity)
            extra = ""
            if Note.MINIMUM_APPLIED in line.notes:
                extra = f" (minimaal {minutes_text(line.billed_quantity)} per gesprek, je belde {minutes_text(line.quantity)})"
            lines.append(f"{label}: {billed} × {rate(line.rate)} per minuut = {eur(line.amount)}{extra}")
        elif line.kind == LineKind.SMS:
            count = int(line.quantity)
            noun = "sms" if count == 1 else "sms'jes"
            shown = line.rate_shown if line.rate_shown is not None else line.rate
            actual = "" if line.rate == shown else f" (echt tarief {rate(line.rate)})"
            lines.append(f"Sms: {count} {noun} × {rate(shown)}{actual} = {eur(line.amount)}")
        elif line.kind == LineKind.DATA:
            if Note.DATA_NOT_CHARGED in line.notes:
                lines.append("Internet: buiten je bundel betaal je niet extra, je snelheid gaat omlaag.")
                continue
            full = line.quantity * line.rate
            text = f"Internet: {number(line.quantity)} MB × {rate(line.rate)} per MB"
            if Note.INTERNET_BLOCKED in line.notes:
                protection = roaming.internet_protection()
                text += (f" = {eur(full)}, maar bij {eur(protection.limit)} wordt je internet geblokkeerd "
                         f"(na {number(breakdown.block_at_mb)} MB). Je betaalt dus {eur(line.amount)}. "
                         f"Verder internetten kan als je {protection.lift_keyword} sms't naar {protection.lift_number}.")
            else:
                text += f" = {eur(line.amount)}"
            lines.append(text)
    priced = [l for l in breakdown.lines if l.quantity and l.amount is not None]
    if len(priced) > 1:
        lines.append(f"Totaal: {eur(breakdown.total)}")
    return "\n".join(lines)
