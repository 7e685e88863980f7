"""A priced bill and its tenders → the `FiscalReceipt` to register.

Each line keeps the amounts pricing gave it: its gross, the cashier's or the group's
discount, and — per `FiscalPolicy` — its shares of vouchers, promotional credits and the
wallet, all allocated already (largest remainder, DESIGN §2). So the receipt's total and
its VAT per rate are the terminal's own, and the device only checks them. Rates go to the
device's slots by percent, from the table the device itself reports; never by letter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from loyalty.cashback import Resource
from loyalty.customers import normalise_nip
from loyalty.money import allocate
from loyalty.tenders import Tender, TenderKind
from pos_terminal.domain.explanation import AdjustmentStatus, Source
from pos_terminal.domain.fiscal_receipt import (
    NAME_LIMIT,
    FiscalLine,
    FiscalPayment,
    FiscalPolicy,
    FiscalReceipt,
    FiscalRefusal,
    FooterKind,
    FooterLine,
    PaymentKind,
    ReductionForm,
    check,
    clean_text,
)
from pos_terminal.domain.priced import PricedBill, PricedLine

LABEL_LIMIT = 25  # Posnet's discount and payment names
# The receipt is a Polish legal document: its texts are Polish whatever the cashier reads.
LABELS = {
    Source.MANUAL: "Rabat",
    Source.GROUP: "Rabat grupowy",
    Source.VOUCHER: "Voucher",
    Source.CREDITS: "Kredyty promocyjne",
    "wallet": "Portfel",
    "mixed": "Rabaty",
}
TENDER_KINDS = {
    TenderKind.CASH: PaymentKind.CASH,
    TenderKind.CARD: PaymentKind.CARD,
    TenderKind.WALLET: PaymentKind.WALLET,
}


def _label(parts: list[str]) -> str:
    text = " + ".join(parts)
    return text if len(text) <= LABEL_LIMIT else LABELS["mixed"]


def _line(
    priced: PricedLine, wallet_share: int, policy: FiscalPolicy, vat_table: Mapping[Decimal, int]
) -> FiscalLine:
    product = priced.line.product
    parts: list[tuple[int, str]] = [
        (priced.manual_minor, LABELS[Source.MANUAL]),
        (priced.group_minor, LABELS[Source.GROUP]),
    ]
    if policy.vouchers is ReductionForm.DISCOUNT:
        parts.append((priced.voucher_minor, LABELS[Source.VOUCHER]))
    if policy.credits is ReductionForm.DISCOUNT:
        parts.append((priced.credits_minor, LABELS[Source.CREDITS]))
    parts.append((wallet_share, LABELS["wallet"]))
    taken = [(amount, label) for amount, label in parts if amount]
    slot = vat_table.get(product.vat.percent, -1)  # -1: `check` refuses it with the rate
    return FiscalLine(
        line_id=priced.line.id,
        name=clean_text(product.name, NAME_LIMIT),
        quantity=priced.line.quantity,
        unit_price=product.price.minor,
        value=priced.gross_minor,
        discount=sum(amount for amount, _ in taken),
        discount_label=_label([label for _, label in taken]),
        vat_percent=product.vat.percent,
        vat_slot=slot,
    )


def _stored_value_payments(priced: PricedBill, policy: FiscalPolicy) -> list[FiscalPayment]:
    payments = []
    if policy.vouchers is ReductionForm.PAYMENT:
        for adjustment in priced.adjustments:
            applied = adjustment.status is AdjustmentStatus.APPLIED
            if adjustment.source is Source.VOUCHER and applied and adjustment.amount.minor:
                label = clean_text(f"Voucher {adjustment.rule_id}", LABEL_LIMIT)
                payments.append(FiscalPayment(PaymentKind.VOUCHER, adjustment.amount.minor, label))
    if policy.credits is ReductionForm.PAYMENT and priced.credits_used.minor:
        credits = priced.credits_used.minor
        payments.append(FiscalPayment(PaymentKind.CREDITS, credits, LABELS[Source.CREDITS]))
    return payments


def fiscal_receipt(
    priced: PricedBill,
    tenders: Sequence[Tender],
    *,
    vat_table: Mapping[Decimal, int],
    policy: FiscalPolicy | None = None,
    buyer_nip: str | None = None,
    footer: Sequence[FooterLine] = (),
) -> FiscalReceipt:
    """The receipt for `priced` paid with `tenders`, checked against the device's rates.

    Raises FiscalRefusal (a DomainError) for what the device would refuse, DomainError for
    a bad buyer NIP."""
    policy = policy or FiscalPolicy()
    wallet = sum(t.amount.minor for t in tenders if t.kind is TenderKind.WALLET)
    shares = [0] * len(priced.lines)
    if policy.wallet is ReductionForm.DISCOUNT and wallet:
        shares = allocate(wallet, [line.total_minor for line in priced.lines])
    lines = tuple(
        _line(line, share, policy, vat_table)
        for line, share in zip(priced.lines, shares, strict=True)
    )
    payments = _stored_value_payments(priced, policy)
    for tender in tenders:
        if tender.kind is TenderKind.WALLET and policy.wallet is ReductionForm.DISCOUNT:
            continue
        label = LABELS["wallet"] if tender.kind is TenderKind.WALLET else ""
        payments.append(FiscalPayment(TENDER_KINDS[tender.kind], tender.amount.minor, label))
    total = sum(line.amount for line in lines)
    paid = sum(payment.amount for payment in payments)
    receipt = FiscalReceipt(
        bill_id=priced.bill.id,
        lines=lines,
        payments=tuple(payments),
        change=max(0, paid - total),
        buyer_nip=normalise_nip(buyer_nip) if buyer_nip else None,
        footer=tuple(footer),
        total=total,
    )
    check(receipt, vat_table)
    return receipt


def points_footer(priced: PricedBill, *, balance: int | None = None) -> tuple[FooterLine, ...]:
    """Loyalty points under the receipt: earned on this bill, and the balance after it."""
    lines = []
    earned = priced.earned(Resource.POINTS)
    if earned:
        lines.append(FooterLine(FooterKind.POINTS_EARNED, f"{earned} pkt"))
    if balance is not None:
        lines.append(FooterLine(FooterKind.POINTS_BALANCE, f"{balance} pkt"))
    return tuple(lines)


__all__ = ["FiscalRefusal", "fiscal_receipt", "points_footer"]
