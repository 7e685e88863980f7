"""The receipt model: what the printout of a closed bill says, in Polish or English.

Only text and its order live here; `pos_terminal.receipts` lays it out on paper (PDF) or
for a thermal printer (ESC/POS). Every amount is formatted by `formatting`, every discount
names its source, and the printout says it is not fiscal (a fiscal printer is a separate
device with its own protocol).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from pos_terminal.domain import formatting as fmt
from pos_terminal.domain.cashback import AwardStatus, Resource
from pos_terminal.domain.explanation import (
    Adjustment,
    AdjustmentStatus,
    CapReason,
    LimitStatus,
    Source,
)
from pos_terminal.domain.money import Money
from pos_terminal.domain.priced import PricedBill
from pos_terminal.domain.tenders import Tender, TenderKind

LANGUAGES = ("pl", "en")
# key: (Polish, English). Caps and tenders are keyed by their enum values. A cap's figures
# are joined by no-break spaces so "20,00 z 20,00 zł" never breaks across rows.
_TEXT: dict[str, tuple[str, str]] = {
    "subtotal": ("Suma", "Subtotal"),
    "group": ("Grupa: {}", "Group: {}"),
    "manual": ("Rabat: {}", "Discount: {}"),
    "voucher": ("Voucher {}", "Voucher {}"),
    "credits": ("Kredyty promocyjne", "Promotional credits"),
    CapReason.DAILY_LIMIT: (
        "Limit dzienny: wykorzystano {}\u00a0z\u00a0{}",
        "Daily limit: {}\u00a0of\u00a0{} used",
    ),
    CapReason.ALLOWANCE: (
        "Pula rabatowa: wykorzystano {}\u00a0z\u00a0{}",
        "Discount allowance: {}\u00a0of\u00a0{} used",
    ),
    CapReason.REMAINING_TOTAL: (
        "Do kwoty rachunku: {}\u00a0z\u00a0{}",
        "Up to the amount due: {}\u00a0of\u00a0{}",
    ),
    CapReason.ELIGIBLE_TOTAL: (
        "Do wartości pozycji: {}\u00a0z\u00a0{}",
        "Up to the items covered: {}\u00a0of\u00a0{}",
    ),
    "discounts": ("Rabaty razem", "Total discounts"),
    "total": ("DO ZAPŁATY", "TOTAL"),
    "vat_sales": ("Sprzedaż {} {}", "Sales {} {}"),
    "vat_tax": ("PTU {} {}", "VAT {} {}"),
    "vat_total": ("Suma PTU", "Total VAT"),
    TenderKind.CASH: ("Gotówka", "Cash"),
    TenderKind.CARD: ("Karta", "Card"),
    TenderKind.WALLET: ("Portfel", "Wallet"),
    "change": ("Reszta", "Change"),
    "still_due": ("Pozostało do zapłaty", "Still due"),
    "customer": ("Klient: {}", "Customer: {}"),
    "credits_used": ("Wykorzystane kredyty", "Credits used"),
    "points_earned": ("Punkty za ten rachunek", "Points earned"),
    "credits_earned": ("Kredyty za ten rachunek", "Credits earned"),
    "balances": ("Stan konta po rachunku", "Balances after this bill"),
    "balance_credits": ("Kredyty", "Credits"),
    "wallet": ("Portfel", "Wallet"),
    "points": ("Punkty", "Points"),
    "non_fiscal": ("Wydruk niefiskalny", "Non-fiscal printout"),
    "receipt_no": ("Rachunek nr {}", "Receipt no. {}"),
    "terminal": ("Terminal: {}", "Terminal: {}"),
    "cashier": ("Kasjer: {}", "Cashier: {}"),
    "date_format": ("%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M"),
    "reprint": ("DUPLIKAT", "REPRINT"),
}

Labels = Callable[..., str]  # labels(key, *values) -> the text in the receipt's language


def labels_for(language: str) -> Labels:
    """The label table of one language; ValueError for a language it does not have."""
    if language not in LANGUAGES:
        raise ValueError(f"receipt language {language!r} is not one of {', '.join(LANGUAGES)}")
    index = LANGUAGES.index(language)

    def label(key: str, *values: object) -> str:
        text = _TEXT[key][index]
        return text.format(*values) if values else text

    return label


@dataclass(frozen=True, slots=True)
class ReceiptHeader:
    shop_name: str
    address_lines: tuple[str, ...] = ()
    nip: str | None = None

    @property
    def lines(self) -> tuple[str, ...]:
        """The shop name, its address and "NIP 123-456-32-18" (the name is the same in English)."""
        if self.nip is None:
            return (self.shop_name, *self.address_lines)
        nip = self.nip
        if re.fullmatch(r"\d{10}", nip):
            nip = f"{nip[:3]}-{nip[3:6]}-{nip[6:8]}-{nip[8:]}"
        return (self.shop_name, *self.address_lines, f"NIP {nip}")


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
    label = labels_for(language)
    sections = (
        _items(priced),
        _discounts(priced, label),
        _vat(priced, label),
        (ReceiptLine(label("total"), fmt.money(priced.total), emphasis=True),),
        _payments(priced.total, tenders, label),
        _customer(priced, customer_name, balances_after, label),
    )
    footer = (
        label("non_fiscal"),
        label("receipt_no", receipt_no),
        label("terminal", terminal),
        label("cashier", cashier),
        closed_at.strftime(label("date_format")),
    )
    return ReceiptDocument(
        header=header,
        titles=(label("reprint"),) if reprint else (),
        sections=tuple(section for section in sections if section),
        footer=footer,
    )


def _items(priced: PricedBill) -> Section:
    lines: list[ReceiptLine] = []
    for line in priced.lines:
        product, quantity = line.line.product, line.line.quantity
        amount = f"{fmt.money(line.gross)} {product.vat.code}"  # the VAT summary's letter
        if quantity == 1:
            lines.append(ReceiptLine(product.name, amount))
        else:
            lines.append(ReceiptLine(product.name))
            each = f"{quantity} × {fmt.money(product.price)}"
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


def _discounts(priced: PricedBill, label: Labels) -> Section:
    shown = [a for a in priced.adjustments if _printed(a)]
    if not shown:
        return ()
    capped_groups = [a for a in shown if a.source is Source.GROUP and a.cap is not None]
    lines = [ReceiptLine(label("subtotal"), fmt.money(priced.gross))]
    for adjustment in shown:
        lines.append(ReceiptLine(_source(adjustment, label), fmt.discount(adjustment.amount)))
        # The limits cap all group discounts together: explain them once, after the last one.
        if adjustment.cap is not None and (
            adjustment.source is not Source.GROUP or adjustment is capped_groups[-1]
        ):
            lines.append(ReceiptLine(_cap_note(adjustment, priced.limit, label), indent=True))
    taken = priced.discount_total + priced.credits_used
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


def _vat(priced: PricedBill, label: Labels) -> Section:
    if not priced.vat:
        return ()
    lines: list[ReceiptLine] = []
    for vat in priced.vat:
        rate = (vat.rate.code, fmt.percent(vat.rate.percent))
        lines.append(ReceiptLine(label("vat_sales", *rate), fmt.money(vat.gross)))
        lines.append(ReceiptLine(label("vat_tax", *rate), fmt.money(vat.vat), indent=True))
    total = sum((vat.vat for vat in priced.vat), Money.zero(priced.total.currency))
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
    priced: PricedBill, name: str | None, balances: ReceiptBalances | None, label: Labels
) -> Section:
    if name is None:
        return ()
    lines = [ReceiptLine(label("customer", name), emphasis=True)]
    if priced.credits_used.minor:
        lines.append(ReceiptLine(label("credits_used"), fmt.money(priced.credits_used)))
    points, credits = (
        sum(a.amount for a in priced.cashback if a.resource is r and a.status is AwardStatus.FINAL)
        for r in (Resource.POINTS, Resource.CREDITS)
    )
    if points:
        lines.append(ReceiptLine(label("points_earned"), f"+{points}"))
    if credits:
        earned = Money(credits, priced.total.currency)
        lines.append(ReceiptLine(label("credits_earned"), fmt.money(earned, sign=True)))
    if balances is not None:
        lines.append(ReceiptLine(label("balances")))
        lines.append(
            ReceiptLine(label("balance_credits"), fmt.money(balances.credits), indent=True)
        )
        lines.append(ReceiptLine(label("wallet"), fmt.money(balances.wallet), indent=True))
        lines.append(ReceiptLine(label("points"), str(balances.points), indent=True))
    return tuple(lines)
