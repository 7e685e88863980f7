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
- Every write states its durability as it begins. Pages pulled from the CRM
  (`refetchable=True`) commit with `synchronous=NORMAL`: a power cut may take back the last
  of them, page and cursor together (WAL keeps commits in order), and the next pull fetches
  them again; the next FULL commit makes them durable anyway. Everything else is FULL. A
  first sync of 1,000,000 customers commits 1,500 pages; waiting for the disk after each
  was a fifth of its time.
- A 64 MB page cache per connection (SQLite's default is 2 MB): a page of customers
  touches thousands of index pages, and re-reading them was another tenth. It grows only
  as it is used.
- The pool hands out the connection returned last (LIFO), so a thread working alone keeps
  one connection, warm page cache included. The rules cache (`rules_cache.py`) counts on
  it: a connection sees the commits of *other* connections as changes, and with the
  default FIFO order the database thread alternated between two connections, so each of
  its own draft saves made the next card tap read the rules again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection

BUSY_TIMEOUT_MS = 5000
WAL_AUTOCHECKPOINT_PAGES = 10_000  # ≈ 40 MB: the safety net when nobody checkpoints
CACHE_KIB = 65_536
READ_ONLY = "pos_read_only"  # execution option that selects a deferred BEGIN
REFETCHABLE = "pos_refetchable"  # execution option: a write the CRM can send again


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # autocommit at the driver; BEGIN is ours
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT_PAGES}")
    cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    cursor.close()


def _on_begin(connection: Connection) -> None:
    options = connection.get_execution_options()
    if options.get(READ_ONLY, False):
        connection.exec_driver_sql("BEGIN DEFERRED")
        return
    # Set on every write, not once per connection: pooled connections serve both kinds.
    relaxed = options.get(REFETCHABLE, False)
    connection.exec_driver_sql(f"PRAGMA synchronous={'NORMAL' if relaxed else 'FULL'}")
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_store_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", pool_use_lifo=True)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine
