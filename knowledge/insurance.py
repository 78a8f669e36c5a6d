"""What does a KPN ToestelVerzekering (Standaard / Extra) cost for a device value?

Premiums depend on the device value band ("vanaf € X tot en met € Y", up to € 3000,00).
The bands leave gaps (350,00 -> 351,00); a value inside a gap (e.g. € 350,50) is past the
previous band's 'tot en met', so it falls in the next band.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from knowledge.errors import DeviceValueTooHighError
from knowledge.loader import load
from knowledge.price_lists import per_version
from knowledge.money import non_negative, to_decimal


class Coverage(str, Enum):
    """Standaard: val-, druk en vochtschade. Extra: also verlies en diefstal."""

    STANDAARD = "standaard"
    EXTRA = "extra"


@dataclass(frozen=True)
class ValueBand:
    """A device value band, both bounds inclusive as printed."""

    lower: Decimal
    upper: Decimal


@dataclass(frozen=True)
class CoveragePremium:
    """Monthly premium of one coverage for the quoted band."""

    coverage: Coverage
    name: str
    description: str
    covers: tuple[str, ...]
    monthly_premium: Decimal
    source: str


@dataclass(frozen=True)
class InsuranceQuote:
    """Premiums for ``device_value`` (one coverage, or both when none was asked)."""

    device_value: Decimal
    band: ValueBand
    premiums: tuple[CoveragePremium, ...]

    def premium(self, coverage: Coverage) -> Decimal:
        """Monthly premium of ``coverage`` in this quote."""
        return next(p.monthly_premium for p in self.premiums if p.coverage == coverage)


@dataclass(frozen=True)
class InsuranceRules:
    """Conditions: refurbished devices excluded, separate agreement, monthly cancellable."""

    refurbished_excluded: bool
    refurbished_text: str
    coverage_terms_url: str
    coverage_terms_text: str
    separate_agreement: bool
    paid: str
    cancellable: str
    agreement_text: str
    extra_option_text: str
    max_device_value: Decimal
    source: str


@per_version
def _coverages() -> dict[Coverage, dict]:
    return {Coverage(c["id"]): c for c in load("insurance")["coverages"]}


def _bands(coverage: Coverage) -> list[tuple[ValueBand, Decimal]]:
    return [(ValueBand(to_decimal(b["from"]), to_decimal(b["to"])), to_decimal(b["premium"]))
            for b in _coverages()[coverage]["bands"]]


def max_device_value() -> Decimal:
    """Highest insurable device value.

    >>> max_device_value()
    Decimal('3000.00')
    """
    return max(band.upper for band, _ in _bands(Coverage.STANDAARD))


def premium(device_value: Decimal | int | str, coverage: Coverage | None = None) -> InsuranceQuote:
    """Monthly premium(s) for a device value; both coverages when ``coverage`` is None.

    Raises DeviceValueTooHighError above € 3000,00 and NegativeAmountError below 0.

    >>> premium(500).premium(Coverage.STANDAARD), premium(500).premium(Coverage.EXTRA)
    (Decimal('8.99'), Decimal('9.99'))
    """
    value = non_negative(device_value, "toestelbedrag")
    if value > max_device_value():
        raise DeviceValueTooHighError(value, max_device_value())
    quotes = []
    band_found: ValueBand | None = None
    for cov in ([coverage] if coverage else list(Coverage)):
        entry = _coverages()[cov]
        band, price = next((b, p) for b, p in _bands(cov) if value <= b.upper)
        band_found = band
        quotes.append(CoveragePremium(coverage=cov, name=entry["name"], description=entry["description"],
                                      covers=tuple(entry["covers"]), monthly_premium=price,
                                      source=entry["source"]))
    assert band_found is not None
    return InsuranceQuote(device_value=value, band=band_found, premiums=tuple(quotes))


def premium_table(coverage: Coverage) -> list[tuple[ValueBand, Decimal]]:
    """All bands with their monthly premium for one coverage.

    >>> premium_table(Coverage.EXTRA)[-1][1]
    Decimal('24.99')
    """
    return _bands(coverage)


def insurance_rules() -> InsuranceRules:
    """Refurbished excluded; terms and 'eigen risico' at kpn.com/allevoorwaarden.

    >>> insurance_rules().refurbished_excluded
    True
    """
    r = load("insurance")["rules"]
    return InsuranceRules(
        refurbished_excluded=r["refurbished_excluded"], refurbished_text=r["refurbished_text"],
        coverage_terms_url=r["coverage_terms_url"], coverage_terms_text=r["coverage_terms_text"],
        separate_agreement=r["separate_agreement"], paid=r["paid"], cancellable=r["cancellable"],
        agreement_text=r["agreement_text"], extra_option_text=r["extra_option_text"],
        max_device_value=max_device_value(), source=r["source"])
