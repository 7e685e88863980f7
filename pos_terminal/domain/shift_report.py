"""Shifts and their X and Z reports, computed from plain per-bill figures.

An X report is a reading in the middle of a shift and changes nothing; a Z report is taken
once, when a manager closes the shift. Both come from `build_shift_report`, a pure function
of the shift and the figures of its closed and voided bills, so every total is tested
without a database.

- Sales count closed bills only; a voided bill is counted (number and amount) but adds
  nothing to sales, discounts, tenders, VAT or loyalty.
- Net sales = gross − discounts − promotional credits = what the tenders paid.
- Cash is what the customers handed over; change is what went back, so the drawer should
  hold float + cash − change.
- Wallet is a tender (money the customer paid in before); credits are a discount.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from loyalty.money import DEFAULT_CURRENCY, Money
from loyalty.tenders import TenderKind
from pos_terminal.domain.audit_chain import ChainHead
from pos_terminal.domain.explanation import Source

DISCOUNT_SOURCES = (Source.GROUP, Source.MANUAL, Source.VOUCHER)


class ReportKind(StrEnum):
    X = "X"  # a reading; the shift stays open
    Z = "Z"  # the end of the shift


@dataclass(frozen=True, slots=True)
class ShiftInfo:
    """A shift: who opened it and with what cash float; closed once its Z report is taken."""

    id: str
    business_date: date
    opened_at: datetime
    opened_by: str
    cash_float: Money
    closed_at: datetime | None = None
    closed_by: str | None = None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True, slots=True)
class BillFigures:
    """One closed or voided bill of a shift, as stored, in grosze.

    `discounts` are the applied adjustments as (source, amount) — credits are
    `credits_used`, not a discount source here; `payments` are (tender kind, amount);
    `vat` is (code, percent text, gross, VAT).
    """

    bill_id: str
    voided: bool
    gross: int
    total: int
    credits_used: int = 0
    change: int = 0
    discounts: tuple[tuple[str, int], ...] = ()
    payments: tuple[tuple[str, int], ...] = ()
    vat: tuple[tuple[str, str, int, int], ...] = ()
    points_earned: int = 0
    credits_earned: int = 0
    cashier: str | None = None  # the name on its receipt (None: sold before tills knew)


class CashierSales(NamedTuple):
    cashier: str  # as on the receipts; "" for bills whose cashier is not known
    bills: int
    net_sales: Money


class DiscountTotal(NamedTuple):
    source: str  # "group", "manual" or "voucher"
    amount: Money


class VatTotal(NamedTuple):
    code: str
    percent: str  # as stored, "23"
    gross: Money
    vat: Money

    @property
    def rate(self) -> Decimal:
        return Decimal(self.percent)


@dataclass(frozen=True, slots=True)
class ShiftReport:
    kind: ReportKind
    shift_id: str
    business_date: date
    opened_at: datetime
    closed_at: datetime | None
    opened_by: str
    closed_by: str | None
    cash_float: Money
    bills_count: int  # closed, not voided
    voided_count: int
    voided_total: Money
    gross: Money
    discounts: tuple[DiscountTotal, ...]  # group, manual, voucher — always all three
    credits_used: Money
    net_sales: Money
    cash: Money
    card: Money
    wallet: Money
    change: Money
    expected_cash: Money  # in the drawer: float + cash − change
    points_issued: int
    credits_issued: Money
    vat: tuple[VatTotal, ...]
    by_cashier: tuple[CashierSales, ...] = ()  # closed bills, by who sold them
    audit_head: ChainHead | None = None  # a Z report's: the audit log's chain as it closed

    @property
    def discount_total(self) -> Money:
        return sum((d.amount for d in self.discounts), Money.zero(self.gross.currency))

    @property
    def tenders(self) -> tuple[tuple[TenderKind, Money], ...]:
        return (
            (TenderKind.CASH, self.cash),
            (TenderKind.CARD, self.card),
            (TenderKind.WALLET, self.wallet),
        )

    @property
    def vat_total(self) -> Money:
        return sum((v.vat for v in self.vat), Money.zero(self.gross.currency))


def _sum(values: Iterable[int]) -> int:
    return sum(values, 0)


def build_shift_report(
    kind: ReportKind,
    shift: ShiftInfo,
    bills: Sequence[BillFigures],
    *,
    currency: str = DEFAULT_CURRENCY,
) -> ShiftReport:
    """The X or Z report of `shift` from the figures of its bills."""
    sold = [bill for bill in bills if not bill.voided]
    voided = [bill for bill in bills if bill.voided]

    def money(minor: int) -> Money:
        return Money(minor, currency)

    def paid(kind: TenderKind) -> Money:
        return money(_sum(a for b in sold for k, a in b.payments if k == kind.value))

    vat: dict[tuple[str, str], tuple[int, int]] = {}
    for bill in sold:
        for code, percent, gross, tax in bill.vat:
            before = vat.get((code, percent), (0, 0))
            vat[code, percent] = (before[0] + gross, before[1] + tax)
    cash, change = paid(TenderKind.CASH), money(_sum(b.change for b in sold))
    per_cashier: dict[str, list[int]] = {}
    for bill in sold:
        figures = per_cashier.setdefault(bill.cashier or "", [0, 0])
        figures[0] += 1
        figures[1] += bill.total
    return ShiftReport(
        kind=kind,
        shift_id=shift.id,
        business_date=shift.business_date,
        opened_at=shift.opened_at,
        closed_at=shift.closed_at,
        opened_by=shift.opened_by,
        closed_by=shift.closed_by,
        cash_float=shift.cash_float,
        bills_count=len(sold),
        voided_count=len(voided),
        voided_total=money(_sum(b.total for b in voided)),
        gross=money(_sum(b.gross for b in sold)),
        discounts=tuple(
            DiscountTotal(
                source.value,
                money(_sum(a for b in sold for s, a in b.discounts if s == source.value)),
            )
            for source in DISCOUNT_SOURCES
        ),
        credits_used=money(_sum(b.credits_used for b in sold)),
        net_sales=money(_sum(b.total for b in sold)),
        cash=cash,
        card=paid(TenderKind.CARD),
        wallet=paid(TenderKind.WALLET),
        change=change,
        expected_cash=shift.cash_float + cash - change,
        points_issued=_sum(b.points_earned for b in sold),
        credits_issued=money(_sum(b.credits_earned for b in sold)),
        vat=tuple(
            VatTotal(code, percent, money(gross), money(tax))
            for (code, percent), (gross, tax) in sorted(vat.items())
        ),
        by_cashier=tuple(
            CashierSales(name, count, money(total))
            for name, (count, total) in sorted(per_cashier.items())
        ),
    )
