"""Before migrating an SQLite file the CRM copies it aside, keeps the last few copies, and
migrates nothing when the copy cannot be written (docs/deploy.md, "Upgrading")."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.customer_input import CustomerInput
from crm.store import migrate
from crm.store.database import Database
from crm.store.migrate import (
    KEEP_UPGRADE_BACKUPS,
    BackupFailedError,
    alembic_config,
    current_revision,
    head_revision,
    upgrade_backups,
    upgrade_to_head,
)

PREVIOUS = "0006"  # a revision behind head, as an older CRM left it


@pytest.fixture
def behind(tmp_path: Path) -> Iterator[Database]:
    """An SQLite CRM with one customer, its schema marked one migration behind head."""
    services = CrmServices.at(f"sqlite:///{tmp_path / 'crm.db'}")
    upgrade_to_head(services.ctx.db.engine)  # a new database: nothing to copy
    services.customers.create(CLI, CustomerInput(name="Jan Kowalski"))
    services.close()
    database = Database.at(f"sqlite:///{tmp_path / 'crm.db'}")
    with database.engine.begin() as connection:  # undone for real, so head can be redone
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, PREVIOUS)
    yield database
    database.dispose()


def _read(path: Path, sql: str) -> object:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as copy:
        return copy.execute(sql).fetchone()[0]


def test_an_upgrade_copies_the_database_aside_first(behind: Database, tmp_path: Path) -> None:
    assert head_revision() != PREVIOUS
    result = upgrade_to_head(behind.engine)
    assert result.from_revision == PREVIOUS
    assert current_revision(behind.engine) == head_revision()
    backup = result.backup
    assert backup is not None and backup.parent == tmp_path
    assert backup.name.startswith(f"crm.db.before-{head_revision()}-")
    assert backup.name.endswith(".bak")
    # The copy is the database as it was before the upgrade, whole and private.
    assert _read(backup, "SELECT version_num FROM alembic_version") == PREVIOUS
    assert _read(backup, "SELECT name FROM customer") == "Jan Kowalski"
    assert _read(backup, "PRAGMA integrity_check") == "ok"
    assert backup.stat().st_mode & 0o777 == 0o600
    assert not list(tmp_path.glob("*.partial"))
    # At head there is nothing to migrate, so nothing is copied.
    assert upgrade_to_head(behind.engine).backup is None
    assert upgrade_backups(tmp_path / "crm.db") == [backup]


def test_a_new_database_is_not_copied(tmp_path: Path) -> None:
    database = Database.at(f"sqlite:///{tmp_path / 'crm.db'}")
    assert upgrade_to_head(database.engine).backup is None
    database.dispose()
    assert not list(tmp_path.glob("*.bak"))


def test_only_the_last_few_upgrade_copies_are_kept(behind: Database, tmp_path: Path) -> None:
    older = []
    for n in range(KEEP_UPGRADE_BACKUPS + 2):  # copies earlier upgrades left, oldest first
        old = tmp_path / f"crm.db.before-000{n}-2026010{n}-120000.bak"
        old.write_bytes(b"")
        os.utime(old, (1_700_000_000 + n, 1_700_000_000 + n))
        older.append(old)
    own = tmp_path / "crm-2026-11-01.db"  # the admin's own backup is not the CRM's to delete
    own.write_bytes(b"")
    made = upgrade_to_head(behind.engine).backup
    assert made is not None
    kept = upgrade_backups(tmp_path / "crm.db")
    assert kept == [*older[-(KEEP_UPGRADE_BACKUPS - 1) :], made]
    assert own.exists()


def test_nothing_is_migrated_when_the_copy_fails(
    behind: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(source: Path, target: Path) -> None:
        target.write_bytes(b"half a copy")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(migrate, "_copy", disk_full)
    with pytest.raises(BackupFailedError, match="nothing was changed") as refused:
        upgrade_to_head(behind.engine)
    assert "disk is full" in str(refused.value)
    assert current_revision(behind.engine) == PREVIOUS
    assert not list(tmp_path.glob("crm.db.before-*"))  # no partial copy passes for a backup
