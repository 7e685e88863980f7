"""The CRM's database: an SQLite file by default, PostgreSQL by URL for a chain.

The same models, migrations and queries run on both. What differs is kept here:

- SQLite: WAL with `synchronous=FULL`, foreign keys on, and our own BEGIN — IMMEDIATE for
  writes, so one writer at a time takes its lock up front (SQLite has a single writer; the
  CRM on SQLite is one process).
- PostgreSQL: READ COMMITTED with explicit row locks (`FOR UPDATE`) on balances; a
  serialization failure or deadlock (40001, 40P01) makes `Database.write` run the whole
  unit of work again, so a caller never sees one.
"""

from __future__ import annotations

import logging
import os
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

T = TypeVar("T")
log = logging.getLogger("crm.store")

BUSY_TIMEOUT_MS = 10_000
READ_ONLY = "crm_read_only"  # execution option that selects a deferred BEGIN on SQLite
RETRIES = 8
# PostgreSQL's "try the transaction again" codes: serialization failure, deadlock detected.
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})


def default_database_url() -> str:
    """An SQLite file in the user's data folder (`$XDG_DATA_HOME/pos-crm/crm.db`)."""
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    folder = base / "pos-crm"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'crm.db'}"


def shown_url(url: str) -> str:
    """The URL with its password hidden, for logs and messages."""
    return make_url(url).render_as_string(hide_password=True)


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    parsed = make_url(url)
    if parsed.drivername == "postgresql":  # a plain postgresql:// means the driver we ship
        url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    # pre_ping: a PostgreSQL restarted under a running CRM costs one failed check, not one
    # failed request per pooled connection. random_page_cost 1.1 (PostgreSQL's default 4
    # assumes spinning disks): on SSDs fetching a few thousand customers by key beats reading
    # the whole customer index, and the planner should know it (docs/crm.md).
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=pool_size,
        max_overflow=pool_size,
        connect_args={"options": "-c random_page_cost=1.1"},
    )


def _sqlite_on_connect(dbapi_connection: Any, _record: object) -> None:
    dbapi_connection.isolation_level = None  # autocommit at the driver; BEGIN is ours
    cursor = dbapi_connection.cursor()
    for pragma in (
        "journal_mode=WAL",
        "synchronous=FULL",
        "foreign_keys=ON",
        f"busy_timeout={BUSY_TIMEOUT_MS}",
    ):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    read_only = connection.get_execution_options().get(READ_ONLY, False)
    connection.exec_driver_sql("BEGIN DEFERRED" if read_only else "BEGIN IMMEDIATE")


class DatabaseUnavailableError(RuntimeError):
    """The database cannot be reached or opened; nothing was changed, try again later."""


def is_retryable(error: BaseException) -> bool:
    """A transient conflict between concurrent transactions: run the unit of work again."""
    if not isinstance(error, DBAPIError):
        return False
    sqlstate = getattr(error.orig, "sqlstate", None)
    if sqlstate in RETRYABLE_SQLSTATES:
        return True
    # SQLite: a writer that waited out the busy timeout.
    return isinstance(error, OperationalError) and "database is locked" in str(error.orig)


@contextmanager
def _unavailable_as_such() -> Iterator[None]:
    """A lost or refused connection is `DatabaseUnavailableError`; other errors pass."""
    try:
        yield
    except (OperationalError, InterfaceError) as error:
        if is_retryable(error):
            raise
        raise DatabaseUnavailableError(str(error.orig).splitlines()[0]) from error


class Database:
    """The engine and the one way to run a unit of work: one session, one transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._readers = sessionmaker(
            engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False
        )

    @classmethod
    def at(cls, url: str) -> Database:
        return cls(make_engine(url))

    @property
    def is_postgresql(self) -> bool:
        return self.dialect == "postgresql"

    def write(self, work: Callable[[Session], T]) -> T:
        """Run `work` in one transaction, committed when it returns.

        A serialization failure or deadlock rolls back and runs `work` again, so `work` must
        have no effect outside the session.
        """
        for attempt in range(RETRIES):
            try:
                with _unavailable_as_such(), self._sessions.begin() as session:
                    return work(session)
            except DBAPIError as error:
                if not is_retryable(error):
                    raise
                if attempt == RETRIES - 1:
                    raise DatabaseUnavailableError(str(error.orig)) from error
                log.info("retrying a unit of work after %s", type(error.orig).__name__)
                time.sleep(random.uniform(0, 0.01 * 2**attempt))
        raise AssertionError("unreachable")

    def read(self, work: Callable[[Session], T]) -> T:
        with _unavailable_as_such(), self._readers.begin() as session:
            return work(session)

    def read_snapshot(self, work: Callable[[Session], T]) -> T:
        """Run `work` in a read-only transaction whose every query sees one moment.

        PostgreSQL: REPEATABLE READ (READ COMMITTED would give each query its own moment).
        SQLite in WAL mode: a read transaction keeps the snapshot of its first read.
        """
        with _unavailable_as_such(), self._readers.begin() as session:
            if self.is_postgresql:
                session.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
            return work(session)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A write transaction for code that needs the session itself (migrations, tests)."""
        with self._sessions.begin() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
