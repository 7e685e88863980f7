"""A damaged database is refused at start (PRAGMA quick_check), never sold on, with the way
back; a sound one opens (issue: a till that can be trusted)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pos_terminal.db.store import open_store
from pos_terminal.db.store_checks import StoreDamagedError

from .conftest import NOW, seed

PAGE = 4096


def _damage(database: Path, page: int) -> None:
    """Overwrite one page in the middle of the file, as a failing disk might."""
    with open(database, "r+b") as file:
        file.seek(page * PAGE)
        file.write(os.urandom(PAGE))


def test_a_damaged_store_is_refused_at_start_and_a_sound_one_opens(tmp_path: Path) -> None:
    database = tmp_path / "data" / "terminal.db"
    store = open_store(database, now=NOW)
    seed(store)
    store.close()
    open_store(database, now=NOW).close()  # sound: opens
    pages = database.stat().st_size // PAGE
    _damage(database, pages // 2)
    with pytest.raises(StoreDamagedError, match="will not sell on it") as refused:
        open_store(database, now=NOW)
    assert str(database) in str(refused.value)


def test_a_file_that_is_not_a_database_at_all_is_refused(tmp_path: Path) -> None:
    database = tmp_path / "data" / "terminal.db"
    open_store(database, now=NOW).close()
    for end in ("-wal", "-shm"):
        Path(f"{database}{end}").unlink(missing_ok=True)
    database.write_bytes(os.urandom(8 * PAGE))
    with pytest.raises(StoreDamagedError, match="damaged"):
        open_store(database, now=NOW)
