"""What a closed bill's receipt prints, as one value: made from the priced bill at close, or
read back from the store for a duplicate.

Both printouts go through this record, so a duplicate prints exactly what the original did
(a closed bill cannot be priced again: the customer's balances and limits have moved on).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from loyalty.cashback import AwardStatus, Resource
from loyalty.money import Money
from loyalty.tenders import Tender
from pos_terminal.domain.explanation import Adjustment, LimitStatus
from pos_terminal.domain.priced import PricedBill
from pos_terminal.domain.vat import VatLine


@dataclass(frozen=True, slots=True)
class RecordItem:
    """One line: the product as sold (name, VAT letter), quantity and gross before discounts."""

    name: str
    quantity: int
    unit_price: Money
    gross: Money
    vat_code: str


@dataclass(frozen=True, slots=True)
class BillRecord:
    items: tuple[RecordItem, ...]
    adjustments: tuple[Adjustment, ...]  # every explanation entry, also refused ones
    limit: LimitStatus | None
    vat: tuple[VatLine, ...]
    gross: Money
    discount: Money  # manual + group + voucher
    credits_used: Money
    total: Money
    tenders: tuple[Tender, ...]
    points_earned: int = 0
    credits_earned: int = 0  # grosze

    @property
    def currency(self) -> str:
        return self.total.currency


def record_of(priced: PricedBill, tenders: Sequence[Tender]) -> BillRecord:
    """The record of `priced` paid with `tenders`; awards count only once final (paid)."""
    points, credits = (
        sum(a.amount for a in priced.cashback if a.resource is r and a.status is AwardStatus.FINAL)
        for r in (Resource.POINTS, Resource.CREDITS)
    )
    return BillRecord(
        items=tuple(
            RecordItem(
                name=line.line.product.name,
                quantity=line.line.quantity,
                unit_price=line.line.product.price,
                gross=line.gross,
                vat_code=line.line.product.vat.code,
            )
            for line in priced.lines
        ),
        adjustments=priced.adjustments,
        limit=priced.limit,
        vat=priced.vat,
        gross=priced.gross,
        discount=priced.discount_total,
        credits_used=priced.credits_used,
        total=priced.total,
        tenders=tuple(tenders),
        points_earned=points,
        credits_earned=credits,
    )
