"""An open bill: lines, the cashier's choices (manual discounts, vouchers, credits removed)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from loyalty.catalog import Product
from loyalty.errors import DomainError
from loyalty.money import DEFAULT_CURRENCY, Money
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
    # The customer has seen it: a card was tapped on it or its subtotal shown (the payment
    # screen). It sticks, and from then on taking anything off is audited (`reductions`).
    shown_to_customer: bool = False

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

    def with_line_discount(self, line_id: str, discount_id: str | None) -> Bill:
        """The cashier's discount on one line (it wins over the bill's for that line)."""
        return replace(
            self,
            lines=tuple(
                replace(line, manual_discount_id=discount_id) if line.id == line_id else line
                for line in self.lines
            ),
        )

    def without_line(self, line_id: str) -> Bill:
        return replace(self, lines=tuple(line for line in self.lines if line.id != line_id))

    def with_voucher(self, code: str) -> Bill:
        return replace(self, voucher_codes=(*self.voucher_codes, normalise_voucher_code(code)))

    def with_credits_removed(self, removed: bool) -> Bill:
        return replace(self, credits_removed=removed)

    def shown(self) -> Bill:
        return self if self.shown_to_customer else replace(self, shown_to_customer=True)

    def with_customer(self, customer_id: str | None) -> Bill:
        """The customer on the bill (or none), their credits offered again; a customer who
        was identified at the till has seen the bill."""
        bill = replace(self, customer_id=customer_id, credits_removed=False)
        return bill.shown() if customer_id is not None else bill


@dataclass(frozen=True, slots=True)
class LineReduction:
    """A line taken off a bill, or its quantity lowered: what an auditor asks about."""

    line_id: str
    product_id: str
    product_name: str
    quantity_before: int
    quantity_after: int  # 0: the line was removed
    amount: Money  # the list price of what was taken off

    def details(self) -> dict[str, object]:
        return {
            "line": self.line_id,
            "product": self.product_id,
            "name": self.product_name,
            "quantity_before": self.quantity_before,
            "quantity_after": self.quantity_after,
            "amount_minor": self.amount.minor,
        }


def reductions(before: Bill, after: Bill) -> tuple[LineReduction, ...]:
    """What `after` has less of than `before`, line by line (a line's id stays the same
    across quantity changes)."""
    left = {line.id: line.quantity for line in after.lines}
    taken = []
    for line in before.lines:
        now = left.get(line.id, 0)
        if now < line.quantity:
            removed = line.quantity - now
            taken.append(
                LineReduction(
                    line.id,
                    line.product.id,
                    line.product.name,
                    line.quantity,
                    now,
                    line.product.price.times(removed),
                )
            )
    return tuple(taken)
