"""Loading many customers at once (a first sync, or demo and benchmark data).

Row-by-row inserts through the ORM would take many minutes for a chain's million
customers. Here rows go in with `executemany` in one transaction; the search triggers are
lifted for the load and the full-text indexes rebuilt once at the end, in the same
transaction, so a failure leaves the cache exactly as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter

from sqlalchemy import Engine

from loyalty.customers import Card, Customer
from pos_terminal.db import search_schema
from pos_terminal.db.repositories.cards import card_row
from pos_terminal.db.repositories.customers import customer_row

_CUSTOMER_COLUMNS = (
    "id", "name", "type", "group_id", "nip", "email", "phone", "active", "verified",
    "discount_limit_disabled", "discount_allowance_minor", "tags", "details",
    "proposed_locally", "search_name", "search_phone", "search_email",
)  # fmt: skip
_CARD_COLUMNS = ("code", "number", "customer_id", "expires_on", "blocked", "key32", "key24")
_customer_values = itemgetter(*_CUSTOMER_COLUMNS)
_card_values = itemgetter(*_CARD_COLUMNS)
_BALANCE_COLUMNS = ("customer_id", "credits_minor", "wallet_minor", "points", "as_of_seq")


LOAD_CACHE_KIB = 200_000  # page cache while loading; given back afterwards
DEFAULT_CACHE_PAGES = -2000  # SQLite's default (2 MB)
_LOADED_TABLES = ("customer", "card", "balance_snapshot")


def _schema(cursor: sqlite3.Cursor, kind: str, tables: Sequence[str]) -> list[tuple[str, str]]:
    """Explicit indexes or triggers on `tables`, with the SQL that recreates each."""
    marks = ", ".join("?" * len(tables))
    return cursor.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = ? AND sql IS NOT NULL"
        f" AND tbl_name IN ({marks}) ORDER BY name",
        (kind, *tables),
    ).fetchall()


def _insert(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


@dataclass(frozen=True, slots=True)
class CustomerBundle:
    """A customer with their cards and balances as the CRM reports them."""

    customer: Customer
    cards: tuple[Card, ...] = ()
    credits_minor: int = 0
    wallet_minor: int = 0
    points: int = 0


Progress = Callable[[str, int], None]  # (stage, customers loaded so far)


def load_customers(
    engine: Engine,
    bundles: Iterable[Sequence[CustomerBundle]],
    *,
    as_of_seq: int = 0,
    progress: Progress | None = None,
) -> int:
    """Insert the bundles (given in batches) in one transaction; returns how many."""
    loaded = 0
    with engine.begin() as connection:
        driver = connection.connection.driver_connection
        assert driver is not None
        cursor = driver.cursor()
        cursor.execute(f"PRAGMA cache_size=-{LOAD_CACHE_KIB}")
        # The search triggers are lifted for the load (the search index is rebuilt once at
        # the end) and put back exactly as the migrations made them.
        triggers = _schema(cursor, "trigger", ("customer",))
        # Into an empty cache, building each index once at the end (one sort) is several
        # times faster than keeping it up to date row by row.
        first_load = cursor.execute("SELECT NOT EXISTS (SELECT 1 FROM customer)").fetchone()[0]
        indexes = _schema(cursor, "index", _LOADED_TABLES) if first_load else []
        for kind, items in (("TRIGGER", triggers), ("INDEX", indexes)):
            for name, _ in items:
                cursor.execute(f"DROP {kind} {name}")
        for batch in bundles:
            customers: list[tuple[object, ...]] = []
            cards: list[tuple[object, ...]] = []
            balances: list[tuple[object, ...]] = []
            for bundle in batch:
                customers.append(_customer_values(customer_row(bundle.customer)))
                cards.extend(_card_values(card_row(card)) for card in bundle.cards)
                balances.append(
                    (
                        bundle.customer.id,
                        bundle.credits_minor,
                        bundle.wallet_minor,
                        bundle.points,
                        as_of_seq,
                    )
                )
            cursor.executemany(_insert("customer", _CUSTOMER_COLUMNS), customers)
            cursor.executemany(_insert("card", _CARD_COLUMNS), cards)
            cursor.executemany(_insert("balance_snapshot", _BALANCE_COLUMNS), balances)
            loaded += len(batch)
            if progress is not None:
                progress("customers", loaded)
        if progress is not None:
            progress("search index", loaded)
        for _, create in indexes:
            cursor.execute(create)
        for statement in search_schema.REBUILD:
            cursor.execute(statement)
        for _, create in triggers:
            cursor.execute(create)
        cursor.execute(f"PRAGMA cache_size={DEFAULT_CACHE_PAGES}")
        cursor.close()
    return loaded
