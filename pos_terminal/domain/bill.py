"""An open bill: lines, the cashier's choices (manual discounts, vouchers, credits removed)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from loyalty.catalog import Product
from loyalty.errors import DomainError
from loyalty.money import DEFAULT_CURRENCY
from loyalty.vouchers import normalise_voucher_code


@dataclass(frozen=True, slots=True)
class BillLine:
    id: str
    product: Product
    quantity: int = 1
    manual_discount_id: str | None = None

    def __post_init__(self) -> None:
        if type(self.quantity) is not int or self.quantity < 1:
            raise DomainError(
                "{product}: quantity must be a whole number, at least 1", product=self.product.name
            )


@dataclass(frozen=True, slots=True)
class Bill:
    """What the cashier has put together; pricing turns it into a `PricedBill`.

    `credits_removed` records that the cashier took the customer's promotional credits off
    this bill; it sticks until they are put back.
    """

    id: str
    lines: tuple[BillLine, ...] = ()
    currency: str = DEFAULT_CURRENCY
    customer_id: str | None = None
    manual_discount_id: str | None = None  # the cashier's discount on the whole bill
    voucher_codes: tuple[str, ...] = ()
    credits_removed: bool = False
    # A manager lifted the daily limit and allowance for this bill (recorded in the audit log).
    limit_overridden: bool = False

    def __post_init__(self) -> None:
        ids = [line.id for line in self.lines]
        if len(set(ids)) != len(ids):
            raise DomainError("two lines of a bill share an id")

    def with_line(self, line: BillLine) -> Bill:
        return replace(self, lines=(*self.lines, line))

    def with_quantity(self, line_id: str, quantity: int) -> Bill:
        return replace(
            self,
            lines=tuple(
                replace(line, quantity=quantity) if line.id == line_id else line
                for line in self.lines
            ),
        )

    def without_line(self, line_id: str) -> Bill:
        return replace(self, lines=tuple(line for line in self.lines if line.id != line_id))

    def with_voucher(self, code: str) -> Bill:
        return replace(self, voucher_codes=(*self.voucher_codes, normalise_voucher_code(code)))

    def with_credits_removed(self, removed: bool) -> Bill:
        return replace(self, credits_removed=removed)
