"""The fiscal receipt: exactly what the fiscal printer is asked to register, in grosze.

Built from a priced bill by `fiscal_mapping.fiscal_receipt`; the printer's driver
(hardware/fiscal) reads these values through its own read-only protocols, which they
satisfy as they are. The amounts are the terminal's: discounts are amounts the pricing
engine already allocated to each line, never percentages or a bill discount, whose
rounding the device's settings would decide (fiscal-notes §1). `check` refuses, before
anything is sent, what a device would refuse halfway through a receipt.

How promotional credits, vouchers and the prepaid wallet appear is `FiscalPolicy`: as a
discount on the lines or as a payment form. Tax advisers differ. The default records all
three as payment forms, because:
  * a receipt must always be possible: credits or a voucher that cover a whole line (seed
    004: 150 zł paid entirely with credits) would, as discounts, take lines to zero, and a
    device refuses a line or a receipt of zero (Posnet errors 1985, 2041) — the sale could
    not be closed;
  * the wallet is money the customer paid in earlier, a tender in the terminal already;
  * as payments the VAT base is the price after the cashier's and group discounts, so the
    tax is never understated; an owner whose adviser treats credits or vouchers as rebates
    (which lower the base) switches that one to DISCOUNT.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from loyalty.errors import DomainError
from loyalty.money import fraction_of

NAME_LIMIT = 80  # Posnet trline na; the device compares names by these characters only:
NAME_KEY_PUNCTUATION = ".,%/"
MAX_LINES = 500  # lines a Posnet receipt takes


class ReductionForm(StrEnum):
    DISCOUNT = "discount"  # taken off the lines: lowers the VAT base
    PAYMENT = "payment"  # a payment form: the lines keep their value


@dataclass(frozen=True, slots=True)
class FiscalPolicy:
    """How the customer's stored value appears on the fiscal receipt (see the module)."""

    credits: ReductionForm = ReductionForm.PAYMENT
    vouchers: ReductionForm = ReductionForm.PAYMENT
    wallet: ReductionForm = ReductionForm.PAYMENT


class PaymentKind(StrEnum):
    CASH = "cash"
    CARD = "card"
    VOUCHER = "voucher"
    CREDITS = "credits"
    WALLET = "wallet"


class FooterKind(StrEnum):
    POINTS_EARNED = "points_earned"
    POINTS_BALANCE = "points_balance"
    CUSTOMER = "customer"
    TEXT = "text"


class FiscalRefusal(DomainError):  # noqa: N818 - the family's name (DomainError's kin)
    """A receipt the terminal will not send; `reason` (a parameter, so the template stays
    the first argument the translation catalogue finds) is a stable key."""

    @property
    def reason(self) -> str:
        return str(self.params["reason"])


def _grosze(value: object, what: str) -> None:
    if type(value) is not int:
        raise TypeError(f"{what} must be int grosze, not {type(value).__name__}")


@dataclass(frozen=True, slots=True)
class FiscalLine:
    line_id: str
    name: str
    quantity: int
    unit_price: int
    value: int  # unit_price × quantity
    discount: int  # the amount taken off this line; 0 for none
    discount_label: str
    vat_percent: Decimal
    vat_slot: int  # the device's slot for vat_percent

    def __post_init__(self) -> None:
        for what in ("quantity", "unit_price", "value", "discount", "vat_slot"):
            _grosze(getattr(self, what), what)

    @property
    def amount(self) -> int:
        """What the line costs after its discount."""
        return self.value - self.discount


@dataclass(frozen=True, slots=True)
class FiscalPayment:
    kind: PaymentKind
    amount: int
    label: str = ""

    def __post_init__(self) -> None:
        _grosze(self.amount, "amount")


@dataclass(frozen=True, slots=True)
class FooterLine:
    kind: FooterKind
    text: str


@dataclass(frozen=True, slots=True)
class FiscalVat:
    percent: Decimal
    slot: int
    gross: int
    vat: int


@dataclass(frozen=True, slots=True)
class FiscalReceipt:
    bill_id: str
    lines: tuple[FiscalLine, ...]
    payments: tuple[FiscalPayment, ...]
    change: int
    buyer_nip: str | None
    footer: tuple[FooterLine, ...]
    total: int  # the expected total, sent for the device to check

    def __post_init__(self) -> None:
        _grosze(self.change, "change")
        _grosze(self.total, "total")

    @property
    def vat(self) -> tuple[FiscalVat, ...]:
        """Per rate, as the device computes it: gross summed per rate, the tax taken out of
        each sum once and rounded half up (pos_terminal/domain/vat.py does the same)."""
        gross: dict[int, int] = {}
        percents: dict[int, Decimal] = {}
        for line in self.lines:
            gross[line.vat_slot] = gross.get(line.vat_slot, 0) + line.amount
            percents[line.vat_slot] = line.vat_percent
        summary = []
        for slot in sorted(gross):
            numerator, denominator = percents[slot].as_integer_ratio()
            vat = fraction_of(gross[slot], numerator, 100 * denominator + numerator)
            summary.append(FiscalVat(percents[slot], slot, gross[slot], vat))
        return tuple(summary)


def clean_text(text: str, limit: int) -> str:
    """Printable text for a field: TAB, '#' and control characters would end the field or
    the frame, so they become spaces; spaces collapse; cut to `limit`."""
    chars = (
        " " if char in "\t#" or unicodedata.category(char)[0] == "C" else char
        for char in unicodedata.normalize("NFC", text)
    )
    return " ".join("".join(chars).split())[:limit]


def name_key(name: str) -> str:
    """The name as the device's rate control compares it: letters and digits (any case)
    and . , % / only."""
    return "".join(c for c in name.lower() if c.isalnum() or c in NAME_KEY_PUNCTUATION)


def check(receipt: FiscalReceipt, vat_table: Mapping[Decimal, int]) -> None:
    """Refuse what the device would refuse halfway through, before anything is sent."""
    if not receipt.lines:
        raise FiscalRefusal("a fiscal receipt needs at least one line", reason="empty_receipt")
    if len(receipt.lines) > MAX_LINES:
        raise FiscalRefusal(
            "a fiscal receipt takes at most {limit} lines", reason="too_many_lines", limit=MAX_LINES
        )
    for line in receipt.lines:
        _check_line(line, vat_table)
    total = sum(line.amount for line in receipt.lines)
    if total != receipt.total:
        raise FiscalRefusal(
            "the lines come to {lines}, not {total}",
            reason="total_mismatch",
            lines=total,
            total=receipt.total,
        )
    paid = sum(payment.amount for payment in receipt.payments)
    if paid - receipt.change < receipt.total:
        raise FiscalRefusal(
            "payments of {paid} do not cover {total}",
            reason="payments_short",
            paid=paid,
            total=receipt.total,
        )
    cash = sum(p.amount for p in receipt.payments if p.kind is PaymentKind.CASH)
    if receipt.change > cash or paid - receipt.change != receipt.total:
        raise FiscalRefusal(
            "change of {change} does not match the cash paid",
            reason="bad_change",
            change=receipt.change,
        )


def _check_line(line: FiscalLine, vat_table: Mapping[Decimal, int]) -> None:
    if line.quantity < 1 or line.unit_price < 1:
        raise FiscalRefusal(
            "{name}: price and quantity must be above zero", reason="bad_line", name=line.name
        )
    if line.unit_price * line.quantity != line.value:
        raise FiscalRefusal(
            "{name}: {price} × {quantity} is not {value}",
            reason="line_value",
            name=line.name,
            price=line.unit_price,
            quantity=line.quantity,
            value=line.value,
        )
    if not 0 <= line.discount < line.value:
        raise FiscalRefusal(
            "{name}: a discount of {discount} leaves nothing of {value}; a fiscal printer "
            "refuses a line of zero",
            reason="discount_too_large",
            name=line.name,
            discount=line.discount,
            value=line.value,
        )
    if vat_table.get(line.vat_percent) != line.vat_slot:
        raise FiscalRefusal(
            "the fiscal printer has no active {percent} % rate ({name})",
            reason="rate_missing",
            percent=line.vat_percent,
            name=line.name,
        )
    if clean_text(line.name, NAME_LIMIT) != line.name or not name_key(line.name):
        raise FiscalRefusal(
            "'{name}' is not a name a fiscal printer takes", reason="empty_name", name=line.name
        )
