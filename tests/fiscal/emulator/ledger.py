"""What the emulated printer keeps: receipts it printed, day totals and daily reports, and
the specification's arithmetic (chapter "Algorytmy obliczeń"): gross summed per rate, the
tax taken out of each rate's sum once and rounded to the grosz (half up), net = gross − tax.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

RATES = ("23,00", "8,00", "5,00", "0,00", "101,00", "101,00", "100,00")  # A–G; F off, G exempt


def percent(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def tax(gross: int, rate: Decimal) -> int:
    """PTU := BRUTTO × STAWKA / (1 + STAWKA), rounded to the grosz; exempt pays none."""
    if rate >= 100:
        return 0
    return int((Decimal(gross) * rate / (100 + rate)).quantize(Decimal(1), ROUND_HALF_UP))


def discounted(value: int, *, rp: int, dt: bool) -> int:
    """A line after a percent discount of rp/100 %: with dt0 the value after the discount is
    rounded first, with dt1 the discount is (13,50 − 15 % → 11,48 and 11,47)."""
    share = Decimal(rp) / 10_000
    if dt:
        return value - int((value * share).quantize(Decimal(1), ROUND_HALF_UP))
    return int((value * (1 - share)).quantize(Decimal(1), ROUND_HALF_UP))


@dataclass
class Line:
    name: str
    slot: int
    unit_price: int
    quantity: int
    value: int  # after its discount
    discount: int


@dataclass
class Receipt:
    number: int  # bt
    day: date
    lines: list[Line]
    gross: dict[int, int]  # per slot
    tax: dict[int, int]
    total: int
    payments: list[tuple[int, int, str]]  # (type, amount, name)
    change: int
    nip: str | None
    footer: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Report:
    number: int
    day: date
    gross: dict[int, int]
    tax: dict[int, int]
    receipts: int


def receipt_sums(lines: list[Line], rates: list[Decimal]) -> tuple[dict[int, int], dict[int, int]]:
    gross: dict[int, int] = {}
    for line in lines:
        gross[line.slot] = gross.get(line.slot, 0) + line.value
    return gross, {slot: tax(value, rates[slot]) for slot, value in gross.items()}
