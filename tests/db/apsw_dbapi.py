"""Just enough of the `sqlite3` module's DB-API for SQLAlchemy's pysqlite dialect, over APSW,
so that the REAL terminal code (`open_store`, `TerminalService`) runs on an APSW VFS.

Python's `sqlite3` cannot use an APSW VFS: it links the system's SQLite library, APSW has its
own, and a VFS registered in one is invisible to the other. With this adapter the app keeps
its engine, its connect hook (the pragmas), its `BEGIN IMMEDIATE` and its units of work; only
the driver underneath changes, and it behaves as `sqlite3` does where SQLAlchemy looks:
autocommit when `isolation_level` is None, COMMIT/ROLLBACK only inside a transaction,
`rowcount` and `lastrowid` as documented for `sqlite3`, and errors raised as `sqlite3`'s
exception classes (so SQLAlchemy wraps them as it wraps the real driver's).

`open_store_on(disk, path)` opens a store with the app's own `open_store`, only with its
engine's connections made by this adapter.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from unittest import mock

import apsw
import sqlalchemy

import pos_terminal.db.engine as app_engine
from pos_terminal.db.store import Store, open_store

_DML = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
_INSERT = re.compile(r"\s*(INSERT|REPLACE)\b", re.IGNORECASE)

# How `sqlite3` maps SQLite's primary result codes to its exceptions (the rest: OperationalError).
_CLASSES: dict[int, type[sqlite3.Error]] = {
    apsw.SQLITE_INTERNAL: sqlite3.InternalError,
    apsw.SQLITE_NOTFOUND: sqlite3.InternalError,
    apsw.SQLITE_CORRUPT: sqlite3.DatabaseError,
    apsw.SQLITE_NOTADB: sqlite3.DatabaseError,
    apsw.SQLITE_TOOBIG: sqlite3.DataError,
    apsw.SQLITE_CONSTRAINT: sqlite3.IntegrityError,
    apsw.SQLITE_MISMATCH: sqlite3.IntegrityError,
    apsw.SQLITE_MISUSE: sqlite3.InterfaceError,
    apsw.SQLITE_RANGE: sqlite3.InterfaceError,
}


def _as_sqlite3(error: apsw.Error) -> sqlite3.Error:
    code = getattr(error, "extendedresult", None) or getattr(error, "result", None)
    if code is None:  # APSW's own errors (bindings and the like): a misuse of the API
        return sqlite3.ProgrammingError(str(error))
    translated = _CLASSES.get(code & 0xFF, sqlite3.OperationalError)(str(error))
    translated.sqlite_errorcode = code
    translated.sqlite_errorname = str(
        apsw.mapping_result_codes.get(code, apsw.mapping_extended_result_codes.get(code, code))
    )
    return translated


class Cursor:
    arraysize = 1

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.description: tuple[tuple[Any, ...], ...] | None = None
        self.rowcount = -1
        self.lastrowid: int | None = None
        self._rows: list[tuple[Any, ...]] = []

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Cursor:
        self._run(sql, [parameters])
        if _INSERT.match(sql):
            self.lastrowid = self.connection.db.last_insert_rowid()
        return self

    def executemany(self, sql: str, seq_of_parameters: Sequence[Sequence[Any]]) -> Cursor:
        self._run(sql, list(seq_of_parameters))
        return self

    def _run(self, sql: str, parameter_sets: list[Sequence[Any]]) -> None:
        db = self.connection.db
        self.connection.begin_implicitly(sql)
        described: list[tuple[tuple[str, str | None], ...]] = []

        def describe(cursor: apsw.Cursor, _sql: str, _bindings: Any) -> bool:
            # The columns are known once the statement is prepared, even when it returns
            # no row at all (APSW's `description` is gone by then).
            described.append(cursor.get_description())
            return True

        rows: list[tuple[Any, ...]] = []
        changes = 0
        try:
            for parameters in parameter_sets:
                cursor = db.cursor()
                cursor.exec_trace = describe
                rows = [tuple(row) for row in cursor.execute(sql, parameters)]
                changes += db.changes()
        except apsw.Error as error:
            raise _as_sqlite3(error) from error
        columns = described[-1] if described else ()
        self.description = (
            tuple((c[0], None, None, None, None, None, None) for c in columns) or None
        )
        self.rowcount = changes if _DML.match(sql) else -1
        self._rows = rows

    def fetchone(self) -> tuple[Any, ...] | None:
        return self._rows.pop(0) if self._rows else None

    def fetchmany(self, size: int | None = None) -> list[tuple[Any, ...]]:
        size = self.arraysize if size is None else size
        taken, self._rows = self._rows[:size], self._rows[size:]
        return taken

    def fetchall(self) -> list[tuple[Any, ...]]:
        taken, self._rows = self._rows, []
        return taken

    def close(self) -> None:
        self._rows = []


class Connection:
    def __init__(self, path: str, *, vfs: str) -> None:
        self.db = apsw.Connection(path, vfs=vfs)
        self.isolation_level: str | None = ""  # sqlite3's default: BEGIN before DML
        self.row_factory = None

    @property
    def in_transaction(self) -> bool:
        return self.db.in_transaction

    def begin_implicitly(self, sql: str) -> None:
        """What `sqlite3` does unless `isolation_level` is None (the app sets None)."""
        if self.isolation_level is not None and _DML.match(sql) and not self.in_transaction:
            self._plain(f"BEGIN {self.isolation_level}")

    def _plain(self, sql: str) -> None:
        try:
            self.db.execute(sql)
        except apsw.Error as error:
            raise _as_sqlite3(error) from error

    def cursor(self) -> Cursor:
        return Cursor(self)

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Cursor:
        return self.cursor().execute(sql, parameters)

    def commit(self) -> None:
        if self.in_transaction:
            self._plain("COMMIT")

    def rollback(self) -> None:
        if self.in_transaction:
            self._plain("ROLLBACK")

    def close(self) -> None:
        self.db.close()

    def create_function(
        self, name: str, narg: int, func: Callable[..., Any], *, deterministic: bool = False
    ) -> None:
        self.db.create_scalar_function(name, func, narg, deterministic=deterministic)


@contextlib.contextmanager
def _engines_on(vfs: str) -> Iterator[None]:
    """While open: the app's `create_store_engine` makes engines whose connections are ours."""
    real = sqlalchemy.create_engine

    def create_engine(url: str, **kwargs: Any) -> sqlalchemy.Engine:
        path = sqlalchemy.make_url(url).database
        assert path, url
        return real(url, creator=lambda: Connection(path, vfs=vfs), **kwargs)

    with mock.patch.object(app_engine, "create_engine", create_engine):
        yield


def open_store_on(vfs: str, path: Path, *, now: datetime) -> Store:
    """The app's `open_store` (lock, migration check, engine with its hooks) on an APSW VFS."""
    with _engines_on(vfs):
        return open_store(path, now=now)
