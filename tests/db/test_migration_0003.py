"""Migration 0003 rebuilds `bill` (a new CHECK) without losing rows, constraints or the
foreign keys that point at it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command

from pos_terminal.db.engine import create_store_engine
from pos_terminal.db.migrate import alembic_config
from pos_terminal.db.store import open_store

from .conftest import NOW


def test_a_0002_database_with_sales_is_upgraded_whole(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    config = alembic_config()
    with create_store_engine(path).connect() as alembic_connection:
        config.attributes["connection"] = alembic_connection
        command.upgrade(config, "0002")
    with sqlite3.connect(path) as connection:
        connection.executescript(
            """
            INSERT INTO shift VALUES ('s1', '2026-11-18', '2026-11-18 08:00:00', NULL, 'c1', 500);
            INSERT INTO bill (id, local_no, status, name, shift_id, business_date, currency,
                voucher_codes, credits_removed, gross_minor, discount_minor, credits_minor,
                total_minor, change_minor, opened_at, updated_at, closed_at)
            VALUES ('b1', 1, 'closed', '', 's1', '2026-11-18', 'PLN', '', 0, 1800, 0, 0, 1800,
                0, '2026-11-18 12:00:00', '2026-11-18 12:00:00', '2026-11-18 12:00:00');
            INSERT INTO bill_line VALUES ('b1', 0, 'l1', 'p', 'Żurek', 'zupy', 1800, 'B', '8',
                1, NULL, 1800, 0, 1800);
            """
        )
    connection.close()

    store = open_store(path, now=NOW)
    store.close()
    assert store.migration.from_revision == "0002"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA foreign_keys=ON")
        assert connection.execute("SELECT opened_by, closed_by FROM shift").fetchall() == [
            ("", None)
        ]
        assert connection.execute(
            "SELECT status, total_minor, voided_at, cashier FROM bill"
        ).fetchall() == [("closed", 1800, None, None)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        with pytest.raises(sqlite3.IntegrityError, match="voided_when_stamped"):
            connection.execute("UPDATE bill SET status = 'voided'")
        with pytest.raises(sqlite3.IntegrityError, match="ck_bill_status"):
            connection.execute("UPDATE bill SET status = 'gone'")
        connection.execute("DELETE FROM bill")  # bill_line still cascades from bill
        assert connection.execute("SELECT count(*) FROM bill_line").fetchone() == (0,)
    connection.close()
