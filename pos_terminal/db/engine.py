"""The SQLite engine: durable settings on every connection, and transactions we control.

- WAL with `synchronous=FULL`: a COMMIT that returned survives a power cut.
- Foreign keys on; a busy timeout so a second connection waits instead of failing.
- The WAL is folded back into the database file when the till is idle
  (`Store.checkpoint`, run by the app on its database thread); a commit does it itself only
  past `WAL_AUTOCHECKPOINT_PAGES`. SQLite's default (1,000 pages) made roughly every 40th
  close pay for a checkpoint of a large file: after a year, p99 of a close doubled.
- pysqlite's own implicit BEGIN is switched off and we emit BEGIN ourselves: IMMEDIATE for
  writes (the write lock is taken up front, so a transaction never fails half-way on
  "database is locked"), DEFERRED for read-only units of work (`read_only=True`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection

BUSY_TIMEOUT_MS = 5000
WAL_AUTOCHECKPOINT_PAGES = 10_000  # ≈ 40 MB: the safety net when nobody checkpoints
READ_ONLY = "pos_read_only"  # execution option that selects a deferred BEGIN


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # autocommit at the driver; BEGIN is ours
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT_PAGES}")
    cursor.close()


def _on_begin(connection: Connection) -> None:
    read_only = connection.get_execution_options().get(READ_ONLY, False)
    connection.exec_driver_sql("BEGIN DEFERRED" if read_only else "BEGIN IMMEDIATE")


def create_store_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine
