"""A terminal whose database went missing is never silently made anew: a fresh store would
start the receipt numbers over beside the receipts already printed (issue: a till that can
be trusted). A folder with nothing of a terminal in it still gets a new store."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_terminal.db.migrate import backup_database
from pos_terminal.db.store import open_store
from pos_terminal.db.store_checks import StoreMissingError

from .conftest import NOW


def _traces(data: Path, which: str) -> None:
    if which == "receipts":
        (data / "receipts").mkdir()
        (data / "receipts" / "receipt-000001.pdf").write_bytes(b"%PDF-1.4")
    elif which == "backup":
        backup_database(data / "terminal.db", label="daily", now=NOW)
    else:
        (data / "crm-token").write_text("pos_secret\n")


@pytest.mark.parametrize("which", ["receipts", "backup", "crm-token"])
@pytest.mark.parametrize("gone", ["missing", "empty"])
def test_a_lost_database_beside_a_terminals_files_is_refused(
    tmp_path: Path, which: str, gone: str
) -> None:
    data = tmp_path / "data"
    database = data / "terminal.db"
    open_store(database, now=NOW).close()
    _traces(data, which)
    for part in (database, data / "terminal.db-wal", data / "terminal.db-shm"):
        part.unlink(missing_ok=True)
    if gone == "empty":
        database.write_bytes(b"")
    with pytest.raises(StoreMissingError, match="receipt numbers") as refused:
        open_store(database, now=NOW)
    assert which in str(refused.value) or which == "backup"
    assert not database.exists() or database.stat().st_size == 0  # nothing made meanwhile
    if which == "backup":
        assert ".bak" in str(refused.value)  # it names the backup to restore


def test_a_folder_with_nothing_of_a_terminal_gets_a_new_store(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "notes.txt").write_text("the owner's own file")
    open_store(data / "terminal.db", now=NOW).close()
    assert (data / "terminal.db").stat().st_size > 0
