"""The data folder holds names, phones, balances and receipts: it and every file the terminal
writes in it are its user's alone, whatever the umask (issue: a till that can be trusted)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_terminal.db.migrate import backup_database
from pos_terminal.db.store import open_store
from pos_terminal.domain.staff import Role
from pos_terminal.services.receipts import PdfReceiptPrinter
from pos_terminal.services.terminal import TerminalService
from pos_terminal.settings_file import save_setting

from .conftest import NOW, TODAY, seed, sell_a_beer
from .test_reprint_and_reports import SETTINGS


@pytest.fixture(params=[0o022, 0o000], ids=["umask 022", "umask 000"])
def loose_umask(request: pytest.FixtureRequest) -> Iterator[None]:
    before = os.umask(request.param)
    yield
    os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_folder_the_store_receipts_backups_and_settings_are_private(
    tmp_path: Path, loose_umask: None
) -> None:
    data = tmp_path / "data"
    store = open_store(data / "terminal.db", now=NOW)
    try:
        seed(store)
        with store.unit_of_work() as tx:
            tx.staff.add("Anna Kasjerka", Role.CASHIER, "1111")
        service = TerminalService(
            store, printer=PdfReceiptPrinter(data / "receipts"), receipts=SETTINGS
        )
        anna = service.login("1111", now=NOW)
        service.open_shift(anna, 10000, now=NOW, business_date=TODAY)
        closed = sell_a_beer(service, "b1", anna)
        assert service.print_receipt(closed) is not None
        backup_database(data / "terminal.db", label="test", now=NOW)
        save_setting(data, "language", "en")
        written = sorted(p.relative_to(data).as_posix() for p in data.rglob("*"))
        assert {"terminal.db", "terminal.db-wal", "terminal.db-shm", "terminal.db.lock"} <= set(
            written
        )
        assert any(name.startswith("receipts/receipt-") for name in written), written
        assert any(name.endswith(".bak") for name in written), written
        assert {path: oct(mode(data / path)) for path in written} == {
            path: oct(0o700 if (data / path).is_dir() else 0o600) for path in written
        }
        assert oct(mode(data)) == oct(0o700)
    finally:
        store.close()


def test_a_store_made_before_is_closed_to_others_when_opened(tmp_path: Path) -> None:
    """Its files are the terminal's and become private; the folder, which the terminal did
    not make this time, keeps its mode (it may be shared on purpose, or be /tmp)."""
    data = tmp_path / "data"
    open_store(data / "terminal.db", now=NOW).close()
    os.chmod(data, 0o755)
    os.chmod(data / "terminal.db", 0o644)
    open_store(data / "terminal.db", now=NOW).close()
    assert (oct(mode(data)), oct(mode(data / "terminal.db"))) == (oct(0o755), oct(0o600))
