"""Opening the terminal's database: lock it, migrate it, hand out units of work."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker

from pos_terminal.db.engine import READ_ONLY, REFETCHABLE, create_store_engine
from pos_terminal.db.lock import StoreLock
from pos_terminal.db.migrate import MigrationResult, refuse_unopenable, upgrade_to_head
from pos_terminal.db.pin_pepper import load_pepper
from pos_terminal.db.rules_cache import RulesCache
from pos_terminal.db.store_checks import (
    StoreDamagedError,
    damaged,
    quick_check,
    refuse_if_lost,
    refuse_if_read_only,
)
from pos_terminal.db.uow import UnitOfWork
from pos_terminal.paths import PRIVATE_FILE, private_file, private_folder


@dataclass
class Store:
    """An open database. Units of work may be made on any thread, each used on one."""

    path: Path
    engine: Engine
    migration: MigrationResult
    _lock: StoreLock
    _writes: sessionmaker[Session]
    _reads: sessionmaker[Session]
    _refetchable: sessionmaker[Session]
    _pepper: bytes  # the PIN pepper (db/pin_pepper.py), read from beside the database

    damage: StoreDamagedError | None = None  # found by `check_integrity`
    rules_cache: RulesCache = field(default_factory=RulesCache)  # the rules a tap prices with

    def __post_init__(self) -> None:
        self.rules_cache.watch(self.engine)

    @classmethod
    def over(cls, path: Path, engine: Engine, migration: MigrationResult, lock: StoreLock) -> Store:
        """A store of an engine already at head, its units of work made from it."""

        def sessions(**options: bool) -> sessionmaker[Session]:
            return sessionmaker(engine.execution_options(**options), expire_on_commit=False)

        return cls(
            path=path,
            engine=engine,
            migration=migration,
            _lock=lock,
            _writes=sessions(),
            _reads=sessions(**{READ_ONLY: True}),
            _refetchable=sessions(**{REFETCHABLE: True}),
            _pepper=load_pepper(path.parent),
        )

    def unit_of_work(self, *, read_only: bool = False, refetchable: bool = False) -> UnitOfWork:
        """`refetchable`: it writes only what the CRM would send again (a pulled page and
        its cursor), so its COMMIT need not wait for the disk (see `engine`)."""
        if read_only:
            return UnitOfWork(self._reads, self._pepper, self.rules_cache)
        sessions = self._refetchable if refetchable else self._writes
        return UnitOfWork(sessions, self._pepper, self.rules_cache)

    def check_integrity(self) -> StoreDamagedError | None:
        """Run SQLite's check of every page on a connection of its own (any thread; it
        blocks no one). What it finds stays in `damage`, and closing a bill refuses it."""
        found = quick_check(self.path)
        if found is not None:
            self.damage = found
        return found

    def checkpoint(self) -> None:
        """Fold the WAL into the file without waiting for readers (PASSIVE): run when idle,
        so sales do not pay for it (see `engine`)."""
        # On the driver's connection, outside any transaction: through SQLAlchemy the
        # engine's BEGIN IMMEDIATE came first, and SQLite refuses to checkpoint inside it
        # ("database table is locked") — the idle checkpoint had never run.
        raw = self.engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
            cursor.fetchall()
            cursor.close()
        finally:
            raw.close()

    def close(self) -> None:
        self.engine.dispose()
        self._lock.release()


def _make_private(path: Path) -> None:
    """A new database is created 0600, and SQLite gives its -wal and -shm the same mode; one
    made before the terminal kept its files private is closed to others now."""
    if not path.exists():
        private_file(path)
    for existing in (path, *(path.with_name(path.name + end) for end in ("-wal", "-shm"))):
        if existing.exists():
            os.chmod(existing, PRIVATE_FILE)


def open_store(path: Path, *, now: datetime) -> Store:
    """Lock `path` for this process, bring its schema to head (with a backup), open it."""
    refuse_if_read_only(path)
    private_folder(path.parent)
    lock = StoreLock(path)
    lock.acquire()
    engine = None
    try:
        refuse_unopenable(path)  # before anything touches the file, its mode included
        refuse_if_lost(path)
        _make_private(path)
        engine = create_store_engine(path)
        migration = upgrade_to_head(engine, path, now=now)
    except DatabaseError as error:
        if engine is not None:
            engine.dispose()
        lock.release()
        if isinstance(error.orig, sqlite3.OperationalError):  # locked, full, unwritable
            raise
        raise damaged(path, [str(error.orig)]) from error  # "disk image is malformed"
    except BaseException:
        if engine is not None:
            engine.dispose()  # no -wal/-shm left beside a store that was refused
        lock.release()
        raise
    return Store.over(path, engine, migration, lock)
