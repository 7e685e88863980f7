"""The ops a terminal sends, one frozen class per kind in its current version.

A class never changes once terminals have written it: a new field or meaning is a new
`VERSION`, and the reader of the old version (`sync.wire.legacy`) turns old payloads into
the current class, so the CRM applies every version with one code path. Amounts are `Money`
(integer minor units), times timezone-aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from loyalty.money import Money


@dataclass(frozen=True, slots=True)
class StaffRef:
    id: str
    name: str
    role: str


@dataclass(frozen=True, slots=True)
class BillLine:
    product_id: str
    quantity: int
    unit_price: Money
    gross: Money
    total: Money
    discount_id: str | None
    vat_code: str


@dataclass(frozen=True, slots=True)
class Adjustment:
    """A discount or credit use as priced: `status` says whether it applied or was capped."""

    source: str
    rule_id: str | None
    amount: Money
    status: str
    cap: str | None


@dataclass(frozen=True, slots=True)
class Payment:
    kind: str  # cash | card | wallet
    amount: Money


@dataclass(frozen=True, slots=True)
class CashbackAward:
    rule_id: str
    resource: str  # points | credits
    amount: int  # points, or grosze of credits


@dataclass(frozen=True, slots=True)
class BillClosed:
    KIND: ClassVar[str] = "bill.closed"
    VERSION: ClassVar[int] = 3  # 3: who sold it (`cashier`); a version 2 reads as 3 without

    bill_id: str
    local_no: int
    shift_id: str | None
    business_date: date
    closed_at: datetime
    customer_id: str | None
    gross: Money
    group_discount: Money
    credits_used: Money
    wallet_used: Money
    limit_overridden: bool
    total: Money
    lines: tuple[BillLine, ...]
    adjustments: tuple[Adjustment, ...]
    payments: tuple[Payment, ...]
    cashback: tuple[CashbackAward, ...]
    # The stored value was decided against the last snapshot, without asking the CRM.
    decided_offline: bool = True
    authorization_id: str | None = None  # the CRM's hold, when one was taken online
    cashier: StaffRef | None = None  # signed in at the till; None in version 2

    def earned(self, resource: str) -> int:
        return sum(award.amount for award in self.cashback if award.resource == resource)


@dataclass(frozen=True, slots=True)
class BillVoided:
    KIND: ClassVar[str] = "bill.voided"
    VERSION: ClassVar[int] = 2

    bill_id: str
    local_no: int
    voids_op_id: str | None  # the bill.closed op it undoes
    shift_id: str | None
    customer_id: str | None
    total: Money
    voided_at: datetime
    voided_by: StaffRef
    reason: str


@dataclass(frozen=True, slots=True)
class ShiftOpened:
    KIND: ClassVar[str] = "shift.opened"
    VERSION: ClassVar[int] = 2

    shift_id: str
    business_date: date
    opened_at: datetime
    opened_by: StaffRef
    cash_float: Money


@dataclass(frozen=True, slots=True)
class NamedAmount:
    name: str  # a discount source, or a tender kind
    amount: Money


@dataclass(frozen=True, slots=True)
class VatFigure:
    code: str
    percent: str  # a decimal as text, e.g. "23"
    gross: Money
    vat: Money


@dataclass(frozen=True, slots=True)
class ShiftClosed:
    """The shift's Z report, as printed."""

    KIND: ClassVar[str] = "shift.closed"
    VERSION: ClassVar[int] = 2

    shift_id: str
    business_date: date
    opened_at: datetime
    closed_at: datetime
    closed_by: StaffRef
    cash_float: Money
    bills: int
    voided: int
    voided_total: Money
    gross: Money
    discounts: tuple[NamedAmount, ...]
    credits_used: Money
    net_sales: Money
    tenders: tuple[NamedAmount, ...]
    change: Money
    expected_cash: Money
    points_issued: int
    credits_issued: Money
    vat: tuple[VatFigure, ...]


@dataclass(frozen=True, slots=True)
class ProposedCard:
    code: str
    number: str


@dataclass(frozen=True, slots=True)
class CustomerProposed:
    """A customer added at the till: the CRM matches it against the customers it has
    (phone, e-mail, NIP, card) and answers with the id every terminal should use."""

    KIND: ClassVar[str] = "customer.proposed"
    VERSION: ClassVar[int] = 1

    local_id: str
    name: str
    phone: str | None
    email: str | None
    nip: str | None
    group_id: str | None
    card: ProposedCard | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class CardAssigned:
    """A card tapped at the till for a customer who had none (seed 004)."""

    KIND: ClassVar[str] = "card.assigned"
    VERSION: ClassVar[int] = 2

    customer_id: str
    code: str
    assigned_at: datetime


Op = BillClosed | BillVoided | ShiftOpened | ShiftClosed | CustomerProposed | CardAssigned
CURRENT: tuple[type[Op], ...] = (
    BillClosed,
    BillVoided,
    ShiftOpened,
    ShiftClosed,
    CustomerProposed,
    CardAssigned,
)
# Earlier versions the current class reads as they are: what came since has a default.
READ_AS_CURRENT: dict[tuple[str, int], type[Op]] = {("bill.closed", 2): BillClosed}
