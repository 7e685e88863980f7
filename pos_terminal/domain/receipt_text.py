"""The words of a receipt in Polish and English, by key (`labels_for` picks a language), and
the shop's header lines."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from loyalty.tenders import TenderKind
from pos_terminal.domain.explanation import CapReason

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
    "voided": ("ANULOWANY", "VOIDED"),
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
