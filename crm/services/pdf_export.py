"""A customer list for printing: the PDF table's columns, labels, title and values.

Labels and the title are Polish, like the people who print the list; the values are the
CSV export's (money "12,50"), with yes/no as "tak"/"nie". The title names the filter and
the time, so a printout on a desk says what it lists and how old it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from crm.services.csv_export import FORMULA_START
from crm.services.customer_filter import CustomerFilter
from crm.services.pdf_table import Table, render
from loyalty import formatting

__all__ = ["DEFAULT_COLUMNS", "LABELS", "Table", "customer_table", "describe", "render", "shown"]

DEFAULT_COLUMNS = (
    "name", "type", "group", "phone", "email", "city", "tags", "credits", "points", "cards",
)  # fmt: skip
LABELS = {
    "id": "Id",
    "name": "Nazwa",
    "type": "Typ",
    "nip": "NIP",
    "group": "Grupa",
    "email": "E-mail",
    "phone": "Telefon",
    "country": "Kraj",
    "city": "Miasto",
    "street": "Ulica",
    "building": "Nr domu",
    "flat": "Nr lokalu",
    "tags": "Tagi",
    "verified": "Zweryfikowany",
    "discount_limit_disabled": "Bez limitu rabatu",
    "active": "Aktywny",
    "credits": "Kredyty (zł)",
    "wallet": "Portfel (zł)",
    "points": "Punkty",
    "cards": "Karty",
    "card_code": "Kod karty",
    "card_number": "Nr karty",
    "card_expires_on": "Karta ważna do",
    "created_at": "Utworzony",
}
_NUMBERS = frozenset({"credits", "wallet", "points"})
_FLAGS = frozenset({"verified", "discount_limit_disabled", "active"})
_TYPES = {"lead": "lead", "client": "klient", "registered": "zarejestrowany"}


def shown(columns: Sequence[str], values: Sequence[str]) -> list[str]:
    """The CSV values as a printout shows them."""
    return [_shown(column, value) for column, value in zip(columns, values, strict=True)]


def _yes_no(value: str) -> str:
    return "tak" if value == "true" else "nie"


def _list(value: str) -> str:
    return value.replace("|", ", ")


_SHOWN: dict[str, Callable[[str], str]] = {
    "type": lambda value: _TYPES.get(value, value),
    "tags": _list,
    "cards": _list,
    "created_at": lambda value: value[:16].replace("T", " "),
    "phone": formatting.phone,  # "+48 601 234 567", as on the till's screen
    **dict.fromkeys(_FLAGS, _yes_no),
}


def _shown(column: str, value: str) -> str:
    if column in _SHOWN:
        return _SHOWN[column](value)
    if value[:1] == "'" and value[1:2] in FORMULA_START:  # the CSV's guard, not the text
        return value[1:]
    return value


def describe(where: CustomerFilter, groups: dict[str, str]) -> str:
    """The filter in words: "grupa vip, tag VIP, tekst „jan”" or "wszyscy klienci"."""
    parts = []
    if where.group_id is not None:
        parts.append(f"grupa {groups.get(where.group_id, where.group_id)}")
    if where.tag is not None:
        parts.append(f"tag {where.tag}")
    if where.text:
        parts.append(f"tekst „{where.text}”")
    if where.type is not None:
        parts.append(f"typ {_TYPES.get(where.type, where.type)}")
    if where.active is not None:
        parts.append("aktywni" if where.active else "nieaktywni")
    if where.has_card is not None:
        parts.append("z kartą" if where.has_card else "bez karty")
    if where.ids is not None:
        parts.append(f"wybrani ({len(where.ids)})")
    return ", ".join(parts) or "wszyscy klienci"


def customer_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    where: CustomerFilter,
    groups: dict[str, str],
    at: datetime,
) -> Table:
    return Table(
        title="Klienci",
        subtitle=f"Filtr: {describe(where, groups)} · stan na {at:%Y-%m-%d %H:%M} UTC",
        headers=[LABELS[column] for column in columns],
        rows=rows,
        right_aligned=frozenset(i for i, column in enumerate(columns) if column in _NUMBERS),
        footer=f"Liczba klientów: {len(rows)}",
    )
