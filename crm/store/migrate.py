"""Bring the CRM's schema to this build's head (`python -m crm migrate`, and at start-up).

A schema newer than this build is refused: old code on a newer schema could lose data.
Back up before upgrading a chain's PostgreSQL (docs/deploy.md); an SQLite file is copied
aside with SQLite's online backup first, beside it as `crm.db.before-<head>-<time>.bak`.
The copy is written under a name no one takes for a backup and renamed once whole, and the
last `KEEP_UPGRADE_BACKUPS` are kept. If it cannot be written, nothing is migrated.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from loyalty.errors import ExplainedError

MIGRATIONS = Path(__file__).with_name("migrations")
KEEP_UPGRADE_BACKUPS = 5


class BackupFailedError(ExplainedError, OSError):
    """The copy of an SQLite database before its upgrade could not be written."""


class SchemaTooNewError(ExplainedError, RuntimeError):
    """The database was written by a newer version of the CRM."""


@dataclass(frozen=True, slots=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migration chain has no head"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_backups(path: Path) -> list[Path]:
    """The copies taken of the SQLite file at `path` before upgrades, oldest first."""
    found = path.parent.glob(f"{path.name}.before-*.bak")
    return sorted(found, key=lambda backup: backup.stat().st_mtime)


def _copy(source: Path, target: Path) -> None:
    """SQLite's online backup: consistent, WAL included, while others read the file. The
    copy holds what the database holds, so it is readable by its owner alone."""
    target.unlink(missing_ok=True)
    target.touch(mode=0o600)
    with closing(sqlite3.connect(source)) as original, closing(sqlite3.connect(target)) as copy:
        original.backup(copy)


def _sqlite_backup(engine: Engine, label: str) -> Path | None:
    database = engine.url.database
    if not database or database == ":memory:":
        return None
    path = Path(database)
    target = path.with_name(f"{path.name}.{label}-{datetime.now(UTC):%Y%m%d-%H%M%S}.bak")
    partial = target.with_name(target.name + ".partial")
    try:
        _copy(path, partial)
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
        raise BackupFailedError(
            "The CRM database {path} could not be copied aside before its upgrade ({reason}); "
            "nothing was changed.",
            path=path,
            reason=error,
        ) from error
    for old in upgrade_backups(path)[:-KEEP_UPGRADE_BACKUPS]:
        old.unlink()
    return target


def upgrade_to_head(engine: Engine) -> MigrationResult:
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return MigrationResult(current, head, None)
    known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if current is not None and current not in known:
        raise SchemaTooNewError(
            "The CRM database is at schema {current}, newer than this version knows "
            "(up to {head}); install the newer CRM. Nothing was changed.",
            current=current,
            head=head,
        )
    backup = None
    if current is not None and engine.dialect.name == "sqlite":
        backup = _sqlite_backup(engine, f"before-{head}")
    config = alembic_config()
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        connection.commit()
    return MigrationResult(current, head, backup)
