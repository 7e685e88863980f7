"""The pricing rules every card tap reads, kept in memory: groups, discounts, cashback rules.

They change a few times a day (a pulled page, the demo data, a technician's SQL) while a
till prices a bill on every tap and every change, so an open store keeps them as one
immutable `RuleBook` and checks, in each unit of work that uses it, that the database this
unit of work sees still holds exactly that book. Nothing in the schema serves this (no
migration, no stored trigger); two facts of SQLite do:

- `PRAGMA data_version` on a connection changes whenever *another* connection has
  committed since that connection last looked — the terminal's other pooled connections,
  the sync engine's, another process on the file. It is read inside the unit of work's
  own transaction, so it describes the very snapshot the rules are read from.
- It does not change for the connection's own commits. Those are caught by TEMP triggers
  this module puts on every connection of the store (`watch`): any insert, update or delete
  on a rule table, by whatever code, marks the connection; when the connection goes back
  to the pool (its transaction over, committed or not) a mark bumps `generation`.

A book is used on a connection only while that connection's (book, data_version,
generation) is the one recorded when it last read or confirmed the book; otherwise the
rules are read again (three small statements) in the unit of work's own snapshot. A
transaction that changed rules itself reads them every time and keeps nothing, since what
it sees may yet roll back. So a stale rule can never price a bill; the price of that
certainty is a re-read after any other connection's commit. The pool hands out the last
connection returned (`engine.py`), so the database thread's own draft saves do not count
as another connection's commits. (A counter in the file bumped by stored triggers would
spare even those re-reads, but it is schema, a table and nine triggers for a migration to
own; TEMP triggers and data_version leave the file as it is.)
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from sqlalchemy import Connection, Engine, event, select

from loyalty.cashback import CashbackRule
from loyalty.customers import CustomerGroup
from loyalty.discounts import Discount
from pos_terminal.db import mapping
from pos_terminal.db.models import CashbackRuleRow, CustomerGroupRow, DiscountRow

RULE_TABLES = ("customer_group", "discount", "cashback_rule")
_MARK = "pos_rules_written"  # the SQL function the TEMP triggers call
_WATCH = "pos_rules_watch"  # key of a connection's watch in the pool's per-connection info
_GROUPS = select(*CustomerGroupRow.__table__.c)
_DISCOUNTS = select(*DiscountRow.__table__.c)
_CASHBACK = select(CashbackRuleRow.definition).order_by(CashbackRuleRow.id)


@dataclass(frozen=True, slots=True)
class RuleBook:
    """Every group, discount and cashback rule the terminal knows, by id."""

    groups: Mapping[str, CustomerGroup]
    discounts: Mapping[str, Discount]
    cashback_rules: tuple[CashbackRule, ...]


class _Watch:
    """One connection's state: whether its transaction wrote rules, and what it last saw."""

    __slots__ = ("tag", "wrote")

    def __init__(self) -> None:
        self.wrote = False
        self.tag: tuple[RuleBook, int, int] | None = None  # (book, data_version, generation)

    def mark(self) -> None:
        self.wrote = True


# A re-read mostly finds the rows it read last time: each row is made a domain value once
# (a cashback rule's JSON parsed once): a re-read took 160 µs, now 85.
_group = lru_cache(maxsize=1024)(mapping.group)
_discount = lru_cache(maxsize=1024)(mapping.discount)
_cashback_rule = lru_cache(maxsize=256)(mapping.cashback_rule_from_json)


def _read(connection: Connection) -> RuleBook:
    groups = {row.id: _group(row) for row in connection.execute(_GROUPS)}
    discounts = {row.id: _discount(row) for row in connection.execute(_DISCOUNTS)}
    cashback = tuple(_cashback_rule(text) for text in connection.execute(_CASHBACK).scalars())
    return RuleBook(MappingProxyType(groups), MappingProxyType(discounts), cashback)


class RulesCache:
    """The rule book of one open store, shared by its threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._book: RuleBook | None = None
        self.generation = 0  # bumped after every transaction of ours that wrote a rule table

    def watch(self, engine: Engine) -> None:
        """Mark this engine's connections' writes to the rule tables from now on. Called when
        the store opens, after its migrations: a connection is watched from its next
        checkout, so triggers are never made on tables a migration is about to rebuild."""
        event.listen(engine, "checkout", self._on_checkout)
        event.listen(engine, "checkin", self._on_checkin)

    def _on_checkout(self, driver: Any, record: Any, _proxy: Any) -> None:
        if _WATCH in record.info:
            return
        watch = _Watch()
        driver.create_function(_MARK, 0, watch.mark)
        cursor = driver.cursor()
        for table in RULE_TABLES:
            for verb in ("INSERT", "UPDATE", "DELETE"):
                cursor.execute(
                    f"CREATE TEMP TRIGGER IF NOT EXISTS pos_{table}_{verb.lower()}"
                    f" AFTER {verb} ON main.{table} BEGIN SELECT {_MARK}(); END"
                )
        cursor.close()
        record.info[_WATCH] = watch

    def _on_checkin(self, _driver: Any, record: Any) -> None:
        watch = record.info.get(_WATCH)
        if watch is not None and watch.wrote:
            watch.wrote = False
            with self._lock:
                self.generation += 1

    def book(self, connection: Connection) -> RuleBook:
        """The rules as this connection's transaction sees them."""
        watch: _Watch | None = connection.info.get(_WATCH)
        if watch is None or watch.wrote:
            return _read(connection)  # unwatched, or changed by this very transaction
        driver = connection.connection.driver_connection
        assert driver is not None
        generation = self.generation
        version = driver.execute("PRAGMA data_version").fetchone()[0]
        book, seen = self._book, watch.tag
        if book is not None and seen is not None and seen == (book, version, generation):
            return book  # (the book compares by identity first: it is the same object)
        read = _read(connection)
        with self._lock:
            if self._book is not None and self._book == read:
                read = self._book  # the same rules: other connections' tags stay good
            else:
                self._book = read  # other connections' tags name the old book: they re-read
        watch.tag = (read, version, generation)
        return read
