"""The rules kept in memory (`db/rules_cache.py`) are those of the transaction that uses them.

Each test warms the cache first, then changes a rule in a way one of the cache's checks
must notice; `tests/services/test_card_tap.py` does the same through a whole card tap.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event, text

from pos_terminal.db.store import Store

from .conftest import STALY_5, seed

TEN = text("UPDATE discount SET percent = '10' WHERE id = :id").bindparams(id=STALY_5.id)


def percent(store: Store) -> Decimal | None:
    with store.unit_of_work(read_only=True) as tx:
        return tx.rules.book().discounts[STALY_5.id].percent


def test_a_rule_written_on_the_same_connection_by_any_statement_is_seen_next(
    store: Store,
) -> None:
    """SQLite's data_version ignores a connection's own commits; the TEMP triggers do not."""
    seed(store)
    with store.unit_of_work(read_only=True) as tx:
        reader = tx.session.connection().connection.driver_connection
        assert tx.rules.book().discounts[STALY_5.id].percent == 5
    with store.unit_of_work() as tx:
        assert tx.session.connection().connection.driver_connection is reader
        tx.session.execute(TEN)
    assert percent(store) == 10


def test_a_transaction_prices_with_its_own_change_and_a_rollback_takes_it_back(
    store: Store,
) -> None:
    seed(store)
    assert percent(store) == 5
    with pytest.raises(RuntimeError, match="rolled back"), store.unit_of_work() as tx:
        tx.session.execute(TEN)
        assert tx.rules.book().discounts[STALY_5.id].percent == 10
        raise RuntimeError("rolled back")
    assert percent(store) == 5


def test_rules_read_again_unchanged_stay_the_same_book(store: Store) -> None:
    """Another connection's commit makes the next unit of work read the rules again; when
    they are unchanged the book stays the one other connections have checked."""
    seed(store)
    with store.unit_of_work(read_only=True) as tx:
        first = tx.rules.book()
    with closing(sqlite3.connect(store.path)) as other:
        other.execute("UPDATE product SET position = position + 1")
        other.commit()
    reads: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        reads.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    with store.unit_of_work(read_only=True) as tx:
        assert tx.rules.book() is first
    event.remove(store.engine, "before_cursor_execute", record)
    assert any("FROM discount" in statement for statement in reads)
