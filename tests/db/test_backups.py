"""Rolling backups (db/backups.py): one after each Z report and one a day, each checked
before it counts, the last N kept; `--restore-backup` brings one back with a manager's PIN,
keeping the database it replaces."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from pos_terminal.db import backups
from pos_terminal.db.store import Store, open_store
from pos_terminal.db.store_checks import quick_check
from pos_terminal.services.terminal import TerminalService

from .conftest import NOW, TODAY, sell_a_beer
from .shift_world import FLOAT, world

ROOT = Path(__file__).resolve().parents[2]
MANAGER = "999999"  # shift_world's Marek


def _bills(database: Path) -> list[str]:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        found = [row[0] for row in db.execute("SELECT id FROM bill ORDER BY id")]
    db.close()
    return found


def _a_day_with_a_z_report(store: Store) -> TerminalService:
    service, anna, marek = world(store)
    service.open_shift(anna, FLOAT, now=NOW, business_date=TODAY)
    sell_a_beer(service, "b1", anna)
    service.close_shift(marek, now=NOW + timedelta(hours=8))
    assert service.backing_up is not None
    service.backing_up.join()
    return service


def test_a_z_report_leaves_a_checked_backup_with_its_bills(store: Store) -> None:
    _a_day_with_a_z_report(store)
    [backup] = backups.rolling(store.path)
    assert backup.name.startswith("terminal.db.z-report-")
    assert _bills(backup) == ["b1"]
    assert quick_check(backup) is None
    assert not list(store.path.parent.glob("*.partial"))


def test_only_the_last_n_rolling_backups_are_kept_never_an_upgrades(store: Store) -> None:
    upgrade = store.path.with_name("terminal.db.before-0006-20261101-000000.bak")
    upgrade.write_bytes(store.path.read_bytes())
    for day in range(5):
        backups.take(store.path, "daily", now=NOW + timedelta(days=day), keep=3)
        os.utime(upgrade, (0, 0))  # the oldest of all
    kept = [b.name for b in backups.rolling(store.path)]
    assert kept == [
        f"terminal.db.daily-{NOW + timedelta(days=d):%Y%m%d-%H%M%S}.bak" for d in (2, 3, 4)
    ]
    assert upgrade.exists()


def test_a_daily_backup_is_taken_once_a_day(store: Store) -> None:
    service = TerminalService(store)
    service.tidy_up(NOW)
    assert service.backing_up is not None
    service.backing_up.join()
    first = service.backing_up
    service.tidy_up(NOW + timedelta(hours=1))
    assert service.backing_up is first  # not due again within the day
    assert len(backups.rolling(store.path)) == 1


def test_a_backup_of_a_damaged_file_is_refused_and_left_nowhere(store: Store) -> None:
    service = _a_day_with_a_z_report(store)
    del service
    store.checkpoint()
    with open(store.path, "r+b") as file:  # a failing disk under one page
        file.seek((store.path.stat().st_size // 4096 // 2) * 4096)
        file.write(os.urandom(4096))
    before = backups.all_backups(store.path)
    with pytest.raises(backups.BackupFailedError):
        backups.take(store.path, "daily", now=NOW + timedelta(days=1))
    assert backups.all_backups(store.path) == before
    assert not list(store.path.parent.glob("*.partial"))


def _restore(folder: Path, *args: str, pin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pos_terminal", "--data-dir", str(folder), "--restore-backup",
         *args],
        input=pin + "\n", capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip


def test_a_manager_restores_a_backup_and_the_replaced_database_is_kept(db_path: Path) -> None:
    store = open_store(db_path, now=NOW)
    try:
        service = _a_day_with_a_z_report(store)
        service.open_shift(service.login("1111", now=NOW), FLOAT, now=NOW, business_date=TODAY)
        sell_a_beer(service, "b2", service.login("1111", now=NOW))  # after the backup
        busy = _restore(db_path.parent, backups.rolling(db_path)[0].name, pin=MANAGER)
        assert busy.returncode == 1 and "already open" in busy.stdout  # the terminal runs
    finally:
        store.close()
    [backup] = backups.rolling(db_path)
    listed = _restore(db_path.parent)
    assert listed.returncode == 0 and backup.name in listed.stdout
    wrong = _restore(db_path.parent, backup.name, pin="1111")  # a cashier's PIN
    assert wrong.returncode == 1 and "nothing was changed" in wrong.stdout
    assert _bills(db_path) == ["b1", "b2"]
    done = _restore(db_path.parent, backup.name, pin=MANAGER)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Marek Kierownik restored" in done.stdout
    assert _bills(db_path) == ["b1"]
    [replaced] = [b for b in backups.all_backups(db_path) if ".replaced-" in b.name]
    assert _bills(replaced) == ["b1", "b2"]
    reopened = open_store(db_path, now=NOW)  # and the terminal opens it
    reopened.close()
