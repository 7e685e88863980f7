"""A filtered customer list as CSV, streamed: a million customers never sit in memory.

Customers are read in name order in keyset batches (`(sort_name, id) > last seen`), each
batch one short read transaction, so an export of a big chain neither holds a transaction
open for minutes nor skips or repeats a customer that stays put while it runs.

The file is what Polish Excel opens with a double click: UTF-8 with a BOM (without it Excel
guesses Windows-1250 and garbles "ą"), `;` between fields (Excel's list separator where the
decimal separator is a comma), money as "12,50". The columns of the import read it back.
A text that Excel would run as a formula ("=…", "+…", "-…", "@…") gets a leading "'", which
Excel hides and the import removes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from crm.services.customer_filter import CustomerFilter, matching
from crm.services.errors import Invalid
from crm.store.database import Database
from crm.store.models import BalanceRow, CardRow, CustomerRow, CustomerTagRow
from loyalty.money import Money

BATCH = 1_000
BOM = "\ufeff"
DELIMITER = ";"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(slots=True)
class Record:
    """One customer with what the chosen columns need (loaded only if they need it)."""

    customer: CustomerRow
    group: str = ""
    tags: list[str] = field(default_factory=list)
    balances: dict[str, int] = field(default_factory=dict)
    cards: list[CardRow] = field(default_factory=list)

    @property
    def card(self) -> CardRow | None:
        return self.cards[0] if self.cards else None


def _text(value: str | None) -> str:
    text = value or ""
    return "'" + text if text.startswith(FORMULA_START) else text


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _money(record: Record, account: str) -> str:
    return Money(record.balances.get(account, 0)).format()


Format = Callable[[Record], str]
COLUMNS: dict[str, Format] = {
    "id": lambda r: r.customer.id,
    "name": lambda r: _text(r.customer.name),
    "type": lambda r: r.customer.type,
    "nip": lambda r: r.customer.nip or "",
    "group": lambda r: r.group,
    "email": lambda r: _text(r.customer.email),
    "phone": lambda r: r.customer.phone or "",
    "country": lambda r: r.customer.country,
    "city": lambda r: _text(r.customer.city),
    "street": lambda r: _text(r.customer.street),
    "building": lambda r: _text(r.customer.building),
    "flat": lambda r: _text(r.customer.flat),
    "tags": lambda r: _text("|".join(r.tags)),
    "verified": lambda r: _flag(r.customer.verified),
    "discount_limit_disabled": lambda r: _flag(r.customer.discount_limit_disabled),
    "active": lambda r: _flag(r.customer.active),
    "credits": lambda r: _money(r, "credits"),
    "wallet": lambda r: _money(r, "wallet"),
    "points": lambda r: str(r.balances.get("points", 0)),
    "cards": lambda r: "|".join(card.number for card in r.cards),
    "card_code": lambda r: r.card.code if r.card else "",
    "card_number": lambda r: r.card.number if r.card else "",
    "card_expires_on": lambda r: str(r.card.expires_on or "") if r.card else "",
    "created_at": lambda r: r.customer.created_at.isoformat(timespec="seconds"),
}
# What the import reads back, so the default export round-trips.
DEFAULT_COLUMNS = (
    "name", "type", "nip", "group", "email", "phone", "country", "city", "street", "building",
    "flat", "tags", "verified", "discount_limit_disabled", "card_code", "card_number",
    "card_expires_on", "credits", "points",
)  # fmt: skip
_TAGS = {"tags"}
_BALANCES = {"credits", "wallet", "points"}
_CARDS = {"cards", "card_code", "card_number", "card_expires_on"}


def chosen(columns: str | Sequence[str] | None, default: Sequence[str]) -> tuple[str, ...]:
    """The columns asked for ("a,b,c" or a list), each known; `Invalid` naming "columns"."""
    if columns is None or (isinstance(columns, str) and not columns.strip()):
        return tuple(default)
    names = columns.split(",") if isinstance(columns, str) else list(columns)
    picked = tuple(name.strip().lower() for name in names if name.strip())
    unknown = [name for name in picked if name not in COLUMNS]
    if unknown or not picked:
        raise Invalid.one(
            "columns",
            f"unknown column {', '.join(unknown) or '(none)'}; choose from {', '.join(COLUMNS)}",
        )
    return picked


def records(
    db: Database, where: CustomerFilter, columns: Sequence[str], groups: dict[str, str]
) -> Iterator[Record]:
    """The filter's customers in name order, batch by batch; `groups` maps id → reference."""
    needs = set(columns)
    after: tuple[str, str] | None = None
    while True:
        batch = db.read(partial(_batch, where=where, after=after, needs=needs))
        for record in batch:
            record.group = groups.get(record.customer.group_id or "", "")
        yield from batch
        if len(batch) < BATCH:
            return
        last = batch[-1].customer
        after = (last.sort_name, last.id)


def _batch(
    session: Session, *, where: CustomerFilter, after: tuple[str, str] | None, needs: set[str]
) -> list[Record]:
    query = matching(select(CustomerRow), where)
    if after is not None:
        query = query.where(tuple_(CustomerRow.sort_name, CustomerRow.id) > tuple_(*after))
    customers = session.scalars(query.order_by(CustomerRow.sort_name, CustomerRow.id).limit(BATCH))
    found = {row.id: Record(row) for row in customers}
    ids = list(found)
    if ids and needs & _TAGS:
        tags = select(CustomerTagRow).where(CustomerTagRow.customer_id.in_(ids))
        for tag in session.scalars(tags.order_by(CustomerTagRow.tag)):
            found[tag.customer_id].tags.append(tag.tag)
    if ids and needs & _BALANCES:
        for balance in session.scalars(select(BalanceRow).where(BalanceRow.customer_id.in_(ids))):
            found[balance.customer_id].balances[balance.account] = balance.amount
    if ids and needs & _CARDS:
        cards = select(CardRow).where(CardRow.customer_id.in_(ids))
        for card in session.scalars(cards.order_by(CardRow.created_at, CardRow.number)):
            found[card.customer_id].cards.append(card)
    return list(found.values())


def values(record: Record, columns: Sequence[str]) -> list[str]:
    return [COLUMNS[column](record) for column in columns]


class CsvExport:
    """The CSV as byte chunks; `rows` counts the customers written so far."""

    def __init__(self, source: Iterator[Record], columns: Sequence[str]) -> None:
        self._source = source
        self.columns = tuple(columns)
        self.rows = 0

    def __iter__(self) -> Iterator[bytes]:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
        buffer.write(BOM)
        writer.writerow(self.columns)
        for record in self._source:
            writer.writerow(values(record, self.columns))
            self.rows += 1
            if buffer.tell() >= 64 * 1024:
                yield buffer.getvalue().encode("utf-8")
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue().encode("utf-8")
