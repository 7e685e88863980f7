"""What the fiscal journal keeps of a sale in flight: the intention, as JSON that brings
back exactly the receipt that was sent and the tenders that were taken.

The receipt is kept as sent (not rebuilt from the bill later): a receipt sent again after a
crash must be the same receipt, amount for amount, whatever changed in the rules or the
customer's balances since. Money stays integer grosze in the JSON; rates are strings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind
from pos_terminal.domain.fiscal_receipt import (
    FiscalLine,
    FiscalPayment,
    FiscalReceipt,
    FooterKind,
    FooterLine,
    PaymentKind,
)

# Tokens a receipt's commands take from its base: the driver's count (trend, trinit, each
# line, the NIP, each payment, the change, each footer line, the footer's end) plus a
# margin, so a driver that one day sends one command more never reuses a live token.
TOKEN_MARGIN = 8


def tokens_for(receipt: FiscalReceipt) -> int:
    return 5 + len(receipt.lines) + len(receipt.payments) + len(receipt.footer) + TOKEN_MARGIN


@dataclass(frozen=True, slots=True)
class FiscalIntention:
    """A sale committed as `intended`: enough to register it, or to close its bill once the
    printer's counter shows it registered."""

    bill_id: str
    bill_name: str
    baseline: int
    token_base: int
    tokens: int
    receipt: FiscalReceipt
    tenders: tuple[Tender, ...]
    priced_at: datetime
    business_date: date
    cashier_id: str | None = None

    @property
    def total(self) -> int:
        return self.receipt.total


def receipt_json(receipt: FiscalReceipt) -> str:
    return json.dumps(
        {
            "bill_id": receipt.bill_id,
            "lines": [
                [
                    line.line_id,
                    line.name,
                    line.quantity,
                    line.unit_price,
                    line.value,
                    line.discount,
                    line.discount_label,
                    str(line.vat_percent),
                    line.vat_slot,
                ]
                for line in receipt.lines
            ],
            "payments": [[p.kind.value, p.amount, p.label] for p in receipt.payments],
            "change": receipt.change,
            "buyer_nip": receipt.buyer_nip,
            "footer": [[f.kind.value, f.text] for f in receipt.footer],
            "total": receipt.total,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def receipt_from_json(text: str) -> FiscalReceipt:
    data: dict[str, Any] = json.loads(text)
    return FiscalReceipt(
        bill_id=data["bill_id"],
        lines=tuple(
            FiscalLine(l0, l1, l2, l3, l4, l5, l6, Decimal(l7), l8)
            for l0, l1, l2, l3, l4, l5, l6, l7, l8 in data["lines"]
        ),
        payments=tuple(
            FiscalPayment(PaymentKind(kind), amount, label)
            for kind, amount, label in data["payments"]
        ),
        change=data["change"],
        buyer_nip=data["buyer_nip"],
        footer=tuple(FooterLine(FooterKind(kind), text) for kind, text in data["footer"]),
        total=data["total"],
    )


def tenders_json(tenders: tuple[Tender, ...]) -> str:
    return json.dumps(
        [[t.kind.value, t.amount.minor, t.amount.currency] for t in tenders],
        separators=(",", ":"),
    )


def tenders_from_json(text: str) -> tuple[Tender, ...]:
    return tuple(
        Tender(TenderKind(kind), Money(minor, currency))
        for kind, minor, currency in json.loads(text)
    )
