"""The receipt model: what the printout of a closed bill says, in Polish or English.

Only text and its order live here; `pos_terminal.receipts` lays it out on paper (PDF) or
for a thermal printer (ESC/POS). Every amount is formatted by `formatting`, every discount
names its source, and the printout says it is not fiscal (a fiscal printer is a separate
device with its own protocol).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from loyalty import formatting as fmt
from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind
from pos_terminal.domain.explanation import (
    Adjustment,
    AdjustmentStatus,
    CapReason,
    LimitStatus,
    Source,
)
from pos_terminal.domain.priced import PricedBill
from pos_terminal.domain.receipt_record import BillRecord, record_of
from pos_terminal.domain.receipt_text import Labels, labels_for
from pos_terminal.domain.receipt_text import ReceiptHeader as ReceiptHeader  # noqa: PLC0414


@dataclass(frozen=True, slots=True)
class ReceiptBalances:
    """The customer's balances after this bill."""

    credits: Money
    wallet: Money
    points: int


@dataclass(frozen=True, slots=True)
class ReceiptLine:
    """Text on the left, an amount (or nothing) on the right."""

    left: str
    right: str = ""
    emphasis: bool = False
    indent: bool = False


Section = tuple[ReceiptLine, ...]


@dataclass(frozen=True, slots=True)
class ReceiptDocument:
    """What to print, top to bottom; a renderer draws a separator between sections."""

    header: ReceiptHeader
    titles: tuple[str, ...]
    sections: tuple[Section, ...]
    footer: tuple[str, ...]


def build_receipt(
    priced: PricedBill,
    *,
    header: ReceiptHeader,
    receipt_no: int,
    terminal: str,
    cashier: str,
    closed_at: datetime,
    tenders: Sequence[Tender],
    customer_name: str | None = None,
    balances_after: ReceiptBalances | None = None,
    language: str = "pl",
    reprint: bool = False,
) -> ReceiptDocument:
    """The printout of `priced`, paid with `tenders`, in `language` ("pl" or "en")."""
    return build_receipt_from_record(
        record_of(priced, tenders),
        header=header,
        receipt_no=receipt_no,
        terminal=terminal,
        cashier=cashier,
        closed_at=closed_at,
        customer_name=customer_name,
        balances_after=balances_after,
        language=language,
        reprint=reprint,
    )


def build_receipt_from_record(
    record: BillRecord,
    *,
    header: ReceiptHeader,
    receipt_no: int,
    terminal: str,
    cashier: str,
    closed_at: datetime,
    customer_name: str | None = None,
    balances_after: ReceiptBalances | None = None,
    language: str = "pl",
    reprint: bool = False,
    voided: bool = False,
) -> ReceiptDocument:
    """The printout of a closed bill as recorded: the original at close, or a duplicate
    ("DUPLIKAT", and "ANULOWANY" for a voided bill) from the stored rows."""
    label = labels_for(language)
    sections = (
        _items(record),
        _discounts(record, label),
        _vat(record, label),
        (ReceiptLine(label("total"), fmt.money(record.total), emphasis=True),),
        _payments(record.total, record.tenders, label),
        _customer(record, customer_name, balances_after, label),
    )
    footer = (
        label("non_fiscal"),
        label("receipt_no", receipt_no),
        label("terminal", terminal),
        label("cashier", cashier),
        closed_at.strftime(label("date_format")),
    )
    titles = ((label("reprint"),) if reprint else ()) + ((label("voided"),) if voided else ())
    return ReceiptDocument(
        header=header,
        titles=titles,
        sections=tuple(section for section in sections if section),
        footer=footer,
    )


def _items(record: BillRecord) -> Section:
    lines: list[ReceiptLine] = []
    for item in record.items:
        amount = f"{fmt.money(item.gross)} {item.vat_code}"  # the VAT summary's letter
        if item.quantity == 1:
            lines.append(ReceiptLine(item.name, amount))
        else:
            lines.append(ReceiptLine(item.name))
            each = f"{item.quantity} × {fmt.money(item.unit_price)}"
            lines.append(ReceiptLine(each, amount, indent=True))
    return tuple(lines)


def _printed(adjustment: Adjustment) -> bool:
    """Refused and removed adjustments are left out; a group discount that the limit cut to
    nothing stays, so the customer sees why there is no discount."""
    if adjustment.status is not AdjustmentStatus.APPLIED:
        return False
    return adjustment.amount.minor > 0 or (
        adjustment.source is Source.GROUP and adjustment.cap is not None
    )


def _discounts(record: BillRecord, label: Labels) -> Section:
    shown = [a for a in record.adjustments if _printed(a)]
    if not shown:
        return ()
    capped_groups = [a for a in shown if a.source is Source.GROUP and a.cap is not None]
    lines = [ReceiptLine(label("subtotal"), fmt.money(record.gross))]
    for adjustment in shown:
        lines.append(ReceiptLine(_source(adjustment, label), fmt.discount(adjustment.amount)))
        # The limits cap all group discounts together: explain them once, after the last one.
        if adjustment.cap is not None and (
            adjustment.source is not Source.GROUP or adjustment is capped_groups[-1]
        ):
            lines.append(ReceiptLine(_cap_note(adjustment, record.limit, label), indent=True))
    taken = record.discount + record.credits_used
    lines.append(ReceiptLine(label("discounts"), fmt.discount(taken)))
    return tuple(lines)


def _source(adjustment: Adjustment, label: Labels) -> str:
    """ "Grupa: Stały klient −5 %", "Rabat: …", "Voucher ABC123", "Kredyty promocyjne"."""
    if adjustment.source is Source.CREDITS:
        return label("credits")
    rate = ""
    if adjustment.percent is not None:
        rate = f" {fmt.MINUS}{fmt.percent(adjustment.percent)}"
    return label(adjustment.source.value, adjustment.rule_name) + rate


def _cap_note(adjustment: Adjustment, limit: LimitStatus | None, label: Labels) -> str:
    """ "Limit dzienny: wykorzystano 20,00 z 20,00 zł" and the like."""
    cap = adjustment.cap
    assert cap is not None
    used, of = adjustment.amount, adjustment.uncapped or adjustment.amount
    if adjustment.source is Source.GROUP and limit is not None:
        if cap is CapReason.DAILY_LIMIT and limit.daily_limit is not None:
            used, of = limit.used_after, limit.daily_limit
        elif limit.available is not None:
            used, of = limit.used_by_bill, limit.available
    return label(cap, fmt.money(used, unit=False), fmt.money(of))


def _vat(record: BillRecord, label: Labels) -> Section:
    if not record.vat:
        return ()
    lines: list[ReceiptLine] = []
    for vat in record.vat:
        rate = (vat.rate.code, fmt.percent(vat.rate.percent))
        lines.append(ReceiptLine(label("vat_sales", *rate), fmt.money(vat.gross)))
        lines.append(ReceiptLine(label("vat_tax", *rate), fmt.money(vat.vat), indent=True))
    total = sum((vat.vat for vat in record.vat), Money.zero(record.currency))
    lines.append(ReceiptLine(label("vat_total"), fmt.money(total)))
    return tuple(lines)


def _payments(total: Money, tenders: Sequence[Tender], label: Labels) -> Section:
    if not tenders:
        return ()
    lines = [ReceiptLine(label(t.kind), fmt.money(t.amount)) for t in tenders]
    tendered = sum((t.amount for t in tenders), Money.zero(total.currency))
    if tendered < total:
        lines.append(ReceiptLine(label("still_due"), fmt.money(total - tendered), emphasis=True))
    elif any(t.kind is TenderKind.CASH for t in tenders):
        lines.append(ReceiptLine(label("change"), fmt.money(tendered - total)))
    return tuple(lines)


def _customer(
    record: BillRecord, name: str | None, balances: ReceiptBalances | None, label: Labels
) -> Section:
    if name is None:
        return ()
    lines = [ReceiptLine(label("customer", name), emphasis=True)]
    if record.credits_used.minor:
        lines.append(ReceiptLine(label("credits_used"), fmt.money(record.credits_used)))
    if record.points_earned:
        lines.append(ReceiptLine(label("points_earned"), f"+{record.points_earned}"))
    if record.credits_earned:
        earned = Money(record.credits_earned, record.currency)
        lines.append(ReceiptLine(label("credits_earned"), fmt.money(earned, sign=True)))
    if balances is not None:
        lines.append(ReceiptLine(label("balances")))
        lines.append(
            ReceiptLine(label("balance_credits"), fmt.money(balances.credits), indent=True)
        )
        lines.append(ReceiptLine(label("wallet"), fmt.money(balances.wallet), indent=True))
        lines.append(ReceiptLine(label("points"), str(balances.points), indent=True))
    return tuple(lines)
