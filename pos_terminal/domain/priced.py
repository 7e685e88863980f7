"""The result of pricing: every line's amounts, every adjustment, VAT, cashback, payment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from loyalty.cashback import AwardStatus, CashbackAward, Resource
from loyalty.money import Money
from loyalty.tenders import Settlement
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.domain.explanation import Adjustment, LimitStatus, Source
from pos_terminal.domain.vat import VatLine


@dataclass(frozen=True, slots=True)
class PricedLine:
    """One line after every step, in grosze. Only one of `manual` and `group` is above zero.

    The amounts are kept as integers (a 200-line bill would otherwise build 1,200 Money
    objects per pricing) and read as Money through the properties.
    """

    line: BillLine
    currency: str
    gross_minor: int
    manual_minor: int
    group_minor: int
    voucher_minor: int
    credits_minor: int
    total_minor: int
    discount_id: str | None  # the manual or group discount that won on this line

    @property
    def gross(self) -> Money:
        return Money(self.gross_minor, self.currency)

    @property
    def manual(self) -> Money:
        return Money(self.manual_minor, self.currency)

    @property
    def group(self) -> Money:
        return Money(self.group_minor, self.currency)

    @property
    def voucher(self) -> Money:
        return Money(self.voucher_minor, self.currency)

    @property
    def credits(self) -> Money:
        return Money(self.credits_minor, self.currency)

    @property
    def total(self) -> Money:
        return Money(self.total_minor, self.currency)

    @property
    def discount_source(self) -> Source | None:
        if self.group_minor:
            return Source.GROUP
        if self.manual_minor:
            return Source.MANUAL
        return None


@dataclass(frozen=True, slots=True)
class PricedBill:
    bill: Bill
    business_date: date
    lines: tuple[PricedLine, ...]
    adjustments: tuple[Adjustment, ...]
    limit: LimitStatus | None
    vat: tuple[VatLine, ...]
    cashback: tuple[CashbackAward, ...]
    settlement: Settlement | None
    gross: Money
    manual_discount: Money
    group_discount: Money
    voucher_discount: Money
    credits_used: Money
    total: Money  # what the customer pays, by tenders

    @property
    def discount_total(self) -> Money:
        return self.manual_discount + self.group_discount + self.voucher_discount

    @property
    def is_final(self) -> bool:
        """Paid in full: cashback awards are final, not provisional."""
        return self.settlement is not None and self.settlement.settled

    def earned(self, resource: Resource, *, include_awaiting: bool = False) -> int:
        """Points (or grosze of credits) the awards that count give; optionally with the ones
        that wait for a matching tender, to show "up to N points"."""
        statuses = {AwardStatus.FINAL, AwardStatus.PROVISIONAL}
        if include_awaiting:
            statuses.add(AwardStatus.AWAITING_TENDER)
        return sum(
            a.amount for a in self.cashback if a.resource is resource and a.status in statuses
        )
