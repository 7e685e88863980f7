"""A damaged database is never sold on (issue: a till that can be trusted). A file that is
no database is refused at open; SQLite's check of every page runs beside the sale screen
(seconds at 1,000,000 customers) and, once it finds damage, no bill closes on the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pos_terminal.db.store import open_store
from pos_terminal.db.store_checks import StoreDamagedError
from pos_terminal.domain.staff import Role
from pos_terminal.services.terminal import TerminalService

from .conftest import NOW, TODAY, seed, sell_a_beer

PAGE = 4096


def _damage(database: Path, page: int) -> None:
    """Overwrite one page in the middle of the file, as a failing disk might."""
    with open(database, "r+b") as file:
        file.seek(page * PAGE)
        file.write(os.urandom(PAGE))


def _sale(service: TerminalService, bill_id: str) -> None:
    sell_a_beer(service, bill_id, service.login("1111", now=NOW))


def test_once_the_check_finds_damage_no_bill_closes(tmp_path: Path) -> None:
    database = tmp_path / "data" / "terminal.db"
    store = open_store(database, now=NOW)
    seed(store)
    with store.unit_of_work() as tx:
        tx.staff.add("Anna Kasjerka", Role.CASHIER, "1111")
    service = TerminalService(store)
    service.open_shift(service.login("1111", now=NOW), 0, now=NOW, business_date=TODAY)
    assert store.check_integrity() is None  # sound: sales go on
    _sale(service, "b1")
    store.close()  # the WAL folded into the file
    _damage(database, database.stat().st_size // PAGE // 2)
    store = open_store(database, now=NOW)
    try:
        found = store.check_integrity()
        assert found is not None and "will not sell on it" in str(found)
        assert str(database) in str(found)
        with pytest.raises(StoreDamagedError):
            _sale(TerminalService(store), "b2")
    finally:
        store.close()


def test_a_file_that_is_not_a_database_at_all_is_refused_at_open(tmp_path: Path) -> None:
    database = tmp_path / "data" / "terminal.db"
    open_store(database, now=NOW).close()
    for end in ("-wal", "-shm"):
        Path(f"{database}{end}").unlink(missing_ok=True)
    database.write_bytes(os.urandom(8 * PAGE))
    with pytest.raises(StoreDamagedError, match="damaged"):
        open_store(database, now=NOW)
