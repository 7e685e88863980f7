"""VAT per rate, computed from the discounted gross of each rate (prices include VAT)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from loyalty.catalog import VatRate
from loyalty.money import Money, fraction_of


@dataclass(frozen=True, slots=True)
class VatLine:
    rate: VatRate
    gross: Money
    vat: Money
    net: Money


def vat_breakdown(items: Sequence[tuple[VatRate, int]], currency: str) -> tuple[VatLine, ...]:
    """Sum the gross per rate, then take the VAT out of each sum once: gross × p / (100 + p).

    One rounding per rate, not per line, as a receipt's VAT summary is printed.
    """
    # Keyed by (code, percent): a dataclass's generated __hash__ is slow on a hot path.
    gross_by_rate: dict[tuple[str, Decimal], int] = {}
    rates: dict[tuple[str, Decimal], VatRate] = {}
    for rate, gross in items:
        key = (rate.code, rate.percent)
        gross_by_rate[key] = gross_by_rate.get(key, 0) + gross
        rates[key] = rate
    lines = []
    for key in sorted(gross_by_rate):
        rate, gross = rates[key], gross_by_rate[key]
        numerator, denominator = rate.percent.as_integer_ratio()
        vat = fraction_of(gross, numerator, 100 * denominator + numerator)
        lines.append(
            VatLine(
                rate, Money(gross, currency), Money(vat, currency), Money(gross - vat, currency)
            )
        )
    return tuple(lines)
