"""Many new customers at once: the CSV import and the demo data share this one path.

Rows go in with multi-row INSERTs (as many rows a statement as the bound parameters allow,
the same on SQLite and PostgreSQL), a chunk at a time, so 100,000 customers take seconds
and bounded memory; the caller's transaction holds them all, so an import is whole or
nothing. Each customer gets what the one-by-one path gives it: search words, the three
balance rows (every non-zero opening balance with its "import" ledger entry, so balance =
Σ entries), cards and tags.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.orm import Session

from crm.services.actor import Actor
from crm.services.context import new_id
from crm.services.customer_input import ValidCustomer
from crm.services.customer_words import customer_words, sort_name
from crm.services.postings import new_balances
from crm.store.models import (
    BalanceRow,
    CardRow,
    CustomerRow,
    CustomerTagRow,
    CustomerWordRow,
    LedgerEntryRow,
)
from loyalty.card_codes import enrolment_keys

CHUNK = 2_000  # customers per round of INSERTs: big enough to be fast, small in memory
# Parents first: the foreign keys are checked row by row.
MODELS = (CustomerRow, CustomerWordRow, BalanceRow, LedgerEntryRow, CardRow, CustomerTagRow)
ANALYZE_FROM = 1_000  # customers loaded at once that make fresh table statistics worth it


@dataclass(frozen=True, slots=True)
class NewCard:
    code: str  # normalised, as `enrolment_keys` gives it
    number: str
    key32: int | None
    key24: int | None
    expires_on: date | None = None
    blocked: bool = False
    id: str | None = None  # None: a new UUID

    @classmethod
    def of(
        cls,
        code: str,
        number: str,
        expires_on: date | None = None,
        blocked: bool = False,
        id: str | None = None,
    ) -> NewCard:
        """The card as stored; ValueError for a code no reader could type."""
        keys = enrolment_keys(code)
        return cls(
            code=keys.code,
            number=number,
            key32=min(keys.key32) if keys.key32 else None,
            key24=min(keys.key24) if keys.key24 else None,
            expires_on=expires_on,
            blocked=blocked,
            id=id,
        )


@dataclass(frozen=True, slots=True)
class NewCustomer:
    id: str
    fields: ValidCustomer
    active: bool = True
    cards: tuple[NewCard, ...] = ()
    credits: int = 0  # opening balances: grosze, grosze, points
    wallet: int = 0
    points: int = 0


def _chunks(items: Iterable[NewCustomer]) -> Iterator[list[NewCustomer]]:
    stream = iter(items)
    while chunk := list(islice(stream, CHUNK)):
        yield chunk


def insert_customers(
    session: Session,
    customers: Iterable[NewCustomer],
    *,
    actor: Actor,
    at: datetime,
    description: str,
) -> int:
    """Insert every customer with its words, balances, entries, cards and tags; the count."""
    # The accounts every customer gets, as the one-by-one path makes them.
    accounts = [balance.account for balance in new_balances("-")]
    count = 0
    for chunk in _chunks(customers):
        rows: dict[type[Any], list[dict[str, Any]]] = {model: [] for model in MODELS}
        for new in chunk:
            _add_rows(rows, new, accounts, actor=actor, at=at, description=description)
        for model, values in rows.items():
            _insert_rows(session, model, values)
        count += len(chunk)
    if count >= ANALYZE_FROM and session.get_bind().dialect.name == "postgresql":
        # Autovacuum would refresh the planner's statistics a while later; until then it
        # takes the tables for small, and a lookup of 500 phones runs as a sequential scan
        # comparing every row with every value (seconds per query on 100,000 rows).
        # SQLite plans by its indexes without statistics.
        for model in MODELS:
            session.execute(text(f"ANALYZE {model.__tablename__}"))
    return count


def _insert_rows(session: Session, model: type[Any], values: list[dict[str, Any]]) -> None:
    """Multi-row INSERT statements, up to 1,000 rows each (SQLAlchemy's "insertmanyvalues",
    which it uses for an executemany with RETURNING, on SQLite and PostgreSQL alike).

    Not a plain executemany: psycopg runs that as one INSERT per row, and each statement
    bumps the feed's counter row (the change-log trigger), so one transaction piled up a
    version of that row per customer and every bump walked them all — quadratic. Nor the
    ORM's bulk insert, which would fetch each generated ledger id one row at a time."""
    if values:
        table = model.__table__
        session.execute(insert(table).returning(*table.primary_key.columns), values).all()


def _add_rows(
    rows: dict[type[Any], list[dict[str, Any]]],
    new: NewCustomer,
    accounts: list[str],
    *,
    actor: Actor,
    at: datetime,
    description: str,
) -> None:
    f = new.fields
    rows[CustomerRow].append(
        {
            "id": new.id,
            "name": f.name,
            "sort_name": sort_name(f.name),
            "type": f.type,
            "nip": f.nip,
            "group_id": f.group_id,
            "country": f.country,
            "city": f.city,
            "street": f.street,
            "building": f.building,
            "flat": f.flat,
            "email": f.email,
            "phone": f.phone,
            "verified": f.verified,
            "active": new.active,
            "discount_limit_disabled": f.discount_limit_disabled,
            "discount_allowance_minor": f.discount_allowance_minor,
            "transactions": 0,
            "last_activity_at": None,
            "created_at": at,
            "updated_at": at,
            "version": 1,
        }
    )
    sorted_as = rows[CustomerRow][-1]["sort_name"]
    rows[CustomerWordRow].extend(
        {"word": word, "customer_id": new.id, "sort_name": sorted_as, "group_id": f.group_id}
        for word in customer_words(f.name, f.email, f.phone)
    )
    opening = {"credits": new.credits, "wallet": new.wallet, "points": new.points}
    for account in accounts:
        amount = opening.get(account, 0)
        rows[BalanceRow].append({"customer_id": new.id, "account": account, "amount": amount})
        if amount:
            rows[LedgerEntryRow].append(
                {
                    "customer_id": new.id,
                    "account": account,
                    "amount": amount,
                    "balance_after": amount,
                    "kind": "import",
                    "description": description,
                    "actor": actor.name,
                    "created_at": at,
                }
            )
    for card in new.cards:
        rows[CardRow].append(
            {
                "id": card.id or new_id(),
                "customer_id": new.id,
                "code": card.code,
                "number": card.number,
                "key32": card.key32,
                "key24": card.key24,
                "expires_on": card.expires_on,
                "blocked": card.blocked,
                "created_at": at,
                "version": 1,
            }
        )
    rows[CustomerTagRow].extend({"customer_id": new.id, "tag": tag} for tag in f.tags)
