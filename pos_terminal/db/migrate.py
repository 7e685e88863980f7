"""Bring the store's schema to this build's head at start-up, safely.

- An empty file is created at head.
- An older schema is first copied aside (SQLite's online backup, consistent even in WAL
  mode), then upgraded in one transaction with foreign keys off, then checked.
- A schema newer than this build is refused: running old code on it could lose data.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from loyalty.errors import ExplainedError
from pos_terminal.db.store_checks import damaged
from pos_terminal.paths import private_file

MIGRATIONS = Path(__file__).with_name("migrations")


class SchemaTooNewError(ExplainedError, RuntimeError):
    """The database was written by a newer version of the terminal."""


class MigrationFailedError(ExplainedError, RuntimeError):
    """An upgrade failed; the message names the backup that holds the data as it was."""


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


def copy_database(source: Path, target: Path) -> Path:
    """`source` copied whole into `target` (made 0600) by SQLite's online backup: consistent
    while others write, the WAL's committed pages included."""
    private_file(target)
    with closing(sqlite3.connect(source)) as reader, closing(sqlite3.connect(target)) as copy:
        reader.backup(copy)
    return target


def backup_database(path: Path, *, label: str, now: datetime) -> Path:
    return copy_database(path, path.with_name(f"{path.name}.{label}-{now:%Y%m%d-%H%M%S}.bak"))


def refuse_unopenable(path: Path) -> None:
    """Before anything opens the file for writing (which would switch its journal to WAL),
    with one read-only look: a schema newer than this build is refused, the file left
    exactly as it was; so is a file that is no database at all (damaged)."""
    if not path.exists():
        return
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as database:
            row = database.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:  # no version table yet, or unopenable read-only here
        return
    except sqlite3.DatabaseError as error:  # "file is not a database"
        raise damaged(path, [str(error)]) from None
    if row is not None:
        _check_known(row[0], path)


def _check_known(current: str | None, path: Path) -> None:
    script = ScriptDirectory.from_config(alembic_config())
    known = {revision.revision for revision in script.walk_revisions()}
    if current is not None and current not in known:
        raise SchemaTooNewError(
            "The database {path} was written by a newer version of the terminal (schema {current}; "
            "this version knows up to {head}). Install the newer version; this one will not "
            "open it, so nothing in it is put at risk.",
            path=path,
            current=current,
            head=head_revision(),
        )


def upgrade_to_head(engine: Engine, path: Path, *, now: datetime) -> MigrationResult:
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return MigrationResult(current, head, None)
    _check_known(current, path)
    backup = backup_database(path, label=f"before-{head}", now=now) if current else None
    config = alembic_config()
    try:
        with engine.connect() as connection:
            driver = connection.connection.driver_connection
            assert driver is not None
            # SQLite ignores this pragma inside a transaction, so it goes straight to the
            # driver before Alembic begins (and commits) its own transaction.
            driver.execute("PRAGMA foreign_keys=OFF")
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            problems = driver.execute("PRAGMA foreign_key_check").fetchall()
            driver.execute("PRAGMA foreign_keys=ON")
            if problems:
                raise MigrationFailedError(
                    "foreign key check failed after upgrade: {problems}", problems=problems[:5]
                )
    except Exception as error:
        where = f"; the data as it was is in {backup}" if backup else ""
        raise MigrationFailedError(
            "Upgrading {path} to {head} failed: {error}{where}",
            path=path,
            head=head,
            error=error,
            where=where,
        ) from error
    return MigrationResult(current, head, backup)
