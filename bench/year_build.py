"""The files of `python -m bench sync-year`: building its stores once, telling when they no
longer match the schema, and measuring their size."""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path
from time import perf_counter

from bench.year_store import AT, per_day, trade, world
from pos_terminal.db.store import Store, open_store
from pos_terminal.services.demo import install_demo_data


def remove(path: Path) -> None:
    """A store file with its WAL, shared-memory index and lock file."""
    for suffix in ("", "-wal", "-shm", ".lock"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def file_bytes(path: Path) -> int:
    """What the store takes on disk: the file and its WAL."""
    wal = path.with_name(path.name + "-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def build(
    base: Path,
    paths: dict[str, Path],
    meta: Path,
    *,
    customers: int,
    bills: int,
    days: int,
    regulars: int,
    seed: int,
) -> dict[str, float]:
    """The demo store at `base`, then copies of it: `paths["first"]` traded for one day (as
    many bills as the year's last day) and `paths["year"]` for `days`. `meta`, written last,
    keeps the demo store's size and the seconds each step took."""
    meta.unlink(missing_ok=True)  # its absence means "not built"
    for path in (base, *paths.values()):
        remove(path)
    started = perf_counter()
    store = open_store(base, now=AT)
    install_demo_data(store, customers=customers)
    checkpoint(store)
    store.close()
    seconds = {"demo": perf_counter() - started}
    base_bytes = file_bytes(base)
    plan = (("first", per_day(bills, days)[-1], 1), ("year", bills, days))
    for name, count, span in plan:
        shutil.copyfile(base, paths[name])
        started = perf_counter()
        store = open_store(paths[name], now=AT)
        trade(store, world(store, regulars), bills=count, days=span, seed=seed)
        checkpoint(store)
        store.close()
        seconds[name] = perf_counter() - started
        paths[name].with_name(paths[name].name + ".lock").unlink()  # left by the store's lock
    remove(base)
    meta.write_text(json.dumps({"base_bytes": base_bytes, "seconds": seconds}))
    return seconds


def stale(path: Path) -> bool:
    """Whether the store at `path` has another schema than the migrations make now (one
    being written is edited in place, under the same revision)."""
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / "fresh.db"
        open_store(fresh, now=AT).close()
        return _schema(fresh) != _schema(path)


def _schema(path: Path) -> set[tuple[str, tuple[str, ...]]]:
    """Each object's SQL as a set of lines: a table Alembic rebuilt lists its constraints in
    an order that differs from one process to the next."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        rows = db.execute("SELECT name, coalesce(sql, '') FROM sqlite_master").fetchall()
    return {(name, tuple(sorted(x.strip(" \t,") for x in sql.splitlines()))) for name, sql in rows}


def checkpoint(store: Store) -> None:
    """Fold the WAL into the file, so the file's size is the store's. On the driver's own
    connection: inside the transaction SQLAlchemy would begin, SQLite refuses it."""
    connection = store.engine.raw_connection()
    try:
        busy, _, _ = connection.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        assert busy == 0, "a reader kept the checkpoint from finishing"
    finally:
        connection.close()
