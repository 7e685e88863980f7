"""A5 of sync-protocol §8: the disk fills up, or fails, in the middle of closing a bill.

The close must fail whole: the bill is still a draft, no receipt number is used, no payment,
VAT, customer effect or outbox op is left behind, and the file is sound (also after a
restart). Once the fault clears, closing the same bill again succeeds, with the receipt
number the failed close would have had, and the day goes on as if nothing had happened.

Two ways, both on `apsw_disks.FaultyDisk`, which refuses the k-th write of one close and
every write after it (`SQLITE_FULL`, or `SQLITE_IOERR_WRITE`) until the fault clears:

- the replay: the real code's sales (`sale_replay`: bills closed through
  `TerminalService.close` on a store made by `open_store`, SQL and transaction boundaries
  recorded) replayed through APSW, k drawn among the writes that close makes before its
  COMMIT returns, and every database compared row by row with the one the app left. After
  the failure the replay does what the app does: SQLAlchemy rolls back whatever SQLite has
  not rolled back itself; then the cashier presses "close" again. Replaying the same close
  transaction is exactly that retry, because the check before it proves the database is
  exactly as before the failed close (the close reads the same rows, so writes the same).
  A control splits each close in two transactions and must be caught every time.
- the real code itself on the failing disk, through `apsw_dbapi` (Python's `sqlite3` cannot
  take an APSW VFS: it links another SQLite library than APSW's, so an adapter over APSW
  stands in for it under SQLAlchemy): this adds the app's own error path, from SQLAlchemy's
  rollback of the failed COMMIT to the next unit of work on the same pooled connection.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import apsw
import pytest
import sqlalchemy.exc

from pos_terminal.services.terminal import TerminalService

from . import apsw_dbapi
from .apsw_dbapi import open_store_on
from .apsw_disks import FaultyDisk
from .conftest import NOW, TODAY
from .sale_replay import (
    Acked,
    BillBook,
    Event,
    Raw,
    Recording,
    Row,
    Statement,
    a_sale,
    check_recovered,
    dump,
    execute,
    one,
    payment,
    record_sales,
    recording_directory,
    rows,
)
from .shift_world import FLOAT, world

BIG = os.environ.get("POS_RELIABILITY_BIG") == "1"
BILLS = 200 if BIG else 60
CYCLES = 300 if BIG else 60  # per kind of fault
CONTROL_CYCLES = 10
REAL_BILLS = 150 if BIG else 40  # per kind of fault, sold by the real code


def _error(code: int, message: str) -> Callable[[], Exception]:
    """What the unix VFS reports for ENOSPC or EIO on write(), with the text SQLite gives
    that code (APSW hands the VFS's own exception up, so the text is ours to set)."""

    def make() -> Exception:
        error = apsw.exception_for(code)
        error.args = (message,)
        return error

    return make


FAULTS: dict[str, tuple[Callable[[], Exception], type[apsw.Error]]] = {
    "disk-full": (_error(apsw.SQLITE_FULL, "database or disk is full"), apsw.FullError),
    "io-error": (_error(apsw.SQLITE_IOERR_WRITE, "disk I/O error"), apsw.IOError),
}


@dataclass(frozen=True)
class Close:
    """One close transaction of the recording: events [begin, end), then its ack."""

    begin: int
    end: int
    bill_id: str
    writes: int  # what it writes (all to the WAL) before its COMMIT returns


@dataclass
class Sales:
    recording: Recording
    book: BillBook
    closes: list[Close]
    final: dict[str, list[Row]]


@pytest.fixture(scope="module")
def sales(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sales]:
    work = tmp_path_factory.mktemp("disk-full")
    with recording_directory(work / "recording") as directory:
        recording = record_sales(template_db, directory, bills=BILLS, seed=5)
        closes = _closes(recording, work / "dry")
        yield Sales(recording, BillBook.of(recording), closes, _dump_file(recording.final))


def _dump_file(database: Path) -> dict[str, list[Row]]:
    connection = apsw.Connection(str(database), flags=apsw.SQLITE_OPEN_READONLY)
    try:
        return dump(connection)
    finally:
        connection.close()


def _fresh(recording: Recording, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.iterdir():
        old.unlink()
    database = directory / "terminal.db"
    database.write_bytes(recording.start.read_bytes())
    return database


def _closes(recording: Recording, directory: Path) -> list[Close]:
    """The recording's close transactions, with how many writes each makes before its COMMIT
    returns (counted by a replay with no fault)."""
    disk = FaultyDisk()
    connection = apsw.Connection(str(_fresh(recording, directory)), vfs=disk.vfs_name)
    writes_before: list[int] = []  # WAL writes before each event
    try:
        for step in recording.events:
            writes_before.append(disk.wal_writes)
            if not isinstance(step, Acked):
                execute(connection, step, {})
    finally:
        connection.close()
        disk.unregister()
    writes_before.append(disk.wal_writes)
    return [
        Close(begin, end, ack.bill_id, writes_before[end] - writes_before[begin])
        for begin, end, ack in recording.transactions()
        if ack is not None and ack.closed
    ]


class Till:
    """The replay's connection, as the app's engine holds it: the connect pragmas first."""

    def __init__(self, sales: Sales, database: Path, disk: FaultyDisk) -> None:
        self.sales, self.database, self.disk = sales, database, disk
        self.pragmas: list[Raw] = []  # the recording opens with the engine's connect pragmas
        for step in sales.recording.events:
            if not (isinstance(step, Raw) and step.sql.startswith("PRAGMA")):
                break
            self.pragmas.append(step)
        self.start = len(self.pragmas)
        self.connection = self._connect()

    def _connect(self) -> apsw.Connection:
        connection = apsw.Connection(str(self.database), vfs=self.disk.vfs_name)
        for pragma in self.pragmas:
            execute(connection, pragma, {})
        return connection

    def run(self, begin: int, end: int) -> None:
        for step in self.sales.recording.events[begin:end]:
            if not isinstance(step, Acked):
                execute(self.connection, step, {})

    def attempt(self, close: Close) -> apsw.Error | None:
        """Run one close transaction; on an error, roll back what SQLite has not (the unit of
        work's `session.rollback()` does that in the app) and return the error."""
        try:
            self.run(close.begin, close.end)
        except apsw.Error as error:
            if self.connection.in_transaction:
                self.connection.execute("ROLLBACK")
            return error
        return None

    def restart(self) -> None:
        """The till is switched off and on again: no checkpoint on the way down, so the WAL
        with whatever the failed close wrote into it is recovered by the new connection."""
        self.connection.config(apsw.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1)
        self.connection.close()
        self.connection = self._connect()

    def close(self) -> None:
        self.connection.close()


def _state(database: Path) -> dict[str, list[Row]]:
    """Everything in the file as a second connection sees it (not the failing one's cache)."""
    return _dump_file(database)


def _scalar(database: Path, sql: str, *params: object) -> Any:
    connection = apsw.Connection(str(database), flags=apsw.SQLITE_OPEN_READONLY)
    try:
        return one(connection, sql, *params)[0]
    finally:
        connection.close()


def _no_trace_of_the_close(database: Path, bill_id: str) -> list[str]:
    """What is wrong with the file after the failed close (nothing, when it failed whole)."""
    problems: list[str] = []
    connection = apsw.Connection(str(database))
    try:
        integrity = [r[0] for r in connection.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.append(f"integrity_check: {integrity[:3]}")
        found = rows(connection, "SELECT status, local_no FROM bill WHERE id = ?", bill_id)
        status, number = found[0] if found else (None, None)
        if (status, number) != ("draft", None):
            problems.append(f"the bill is {status} with receipt number {number}")
        for table, column in (
            ("bill_payment", "bill_id"),
            ("bill_vat", "bill_id"),
            ("bill_adjustment", "bill_id"),
            ("customer_effect", "bill_id"),
            ("outbox", "aggregate_id"),
        ):
            (count,) = one(connection, f"SELECT count(*) FROM {table} WHERE {column} = ?", bill_id)
            if count:
                problems.append(f"{count} {table} rows of the failed close")
    finally:
        connection.close()
    return problems


def fail_and_retry(
    sales: Sales, directory: Path, close: Close, k: int, fault: str, *, restart: bool
) -> list[str]:
    """One cycle: sell up to `close`, fail it at its k-th write, check, retry, sell on."""
    make_error, error_type = FAULTS[fault]
    disk = FaultyDisk()
    database = _fresh(sales.recording, directory)
    till = Till(sales, database, disk)
    where = f"{close.bill_id}, write {k} of {close.writes}"
    try:
        till.run(till.start, close.begin)
        before = _state(database)
        highest = _scalar(database, "SELECT max(local_no) FROM bill") or 0
        disk.arm(k, make_error)
        error = till.attempt(close)
        refused = disk.refused
        disk.clear()
        if error is None:
            return [f"{where}: the close succeeded although {refused} writes failed"]
        if not isinstance(error, error_type):
            return [f"{where}: {type(error).__name__} instead of {error_type.__name__}"]
        problems = [f"{where}: {p}" for p in _no_trace_of_the_close(database, close.bill_id)]
        if _state(database) != before:
            problems.append(f"{where}: the failed close changed the database")
        if restart:
            till.restart()
            if _state(database) != before:
                problems.append(f"{where}: after a restart the failed close shows")
        # The cashier closes it again, and the day goes on.
        retried = till.attempt(close)
        if retried is not None:
            return [*problems, f"{where}: closing again failed: {retried}"]
        number = _scalar(database, "SELECT local_no FROM bill WHERE id = ?", close.bill_id)
        if number != highest + 1:
            problems.append(f"{where}: closed again as number {number}, not {highest + 1}")
        till.run(close.end, len(sales.recording.events))
    finally:
        till.close()
        disk.unregister()
    after = _state(database)
    if after != sales.final:
        problems.append(f"{where}: the day does not end as it did without the fault")
    connection = apsw.Connection(str(database))
    try:
        verdict = check_recovered(
            connection, sales.book, sales.recording.closed, sales.recording.open_drafts
        )
    finally:
        connection.close()
    problems += [f"{where}: {p}" for p in verdict.problems]
    if verdict.lost:
        problems.append(f"{where}: {verdict.lost} closed bills are not whole")
    return problems


def _split_closes(recording: Recording) -> Recording:
    """The control's broken app: each close commits the bill row (closed, numbered) in a
    transaction of its own before writing its payments, VAT, effects and outbox op."""
    events: list[Event] = []
    for step in recording.events:
        events.append(step)
        if isinstance(step, Statement) and step.sql.startswith("UPDATE bill SET local_no"):
            events += [Raw("COMMIT"), Statement("BEGIN IMMEDIATE", (), many=False)]
    return replace(recording, events=tuple(events))


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_close_that_hits_a_full_or_failing_disk_fails_whole(
    sales: Sales, tmp_path: Path, fault: str
) -> None:
    started = time.perf_counter()
    rng = random.Random(f"A5-{fault}")
    problems: list[str] = []
    restarts = 0
    for _ in range(CYCLES):
        close = rng.choice(sales.closes)
        k = rng.randint(1, close.writes)
        restart = rng.random() < 0.5
        restarts += restart
        problems += fail_and_retry(sales, tmp_path / "till", close, k, fault, restart=restart)
    writes = sorted(c.writes for c in sales.closes)
    print(
        f"\nA5 {fault}: cycles={CYCLES} over {len(sales.closes)} recorded closes"
        f" ({writes[0]}-{writes[-1]} writes each before COMMIT returns; restarts after the"
        f" error: {restarts}), half-closed or broken={len(problems)};"
        f" {time.perf_counter() - started:.1f} s"
    )
    assert problems == []


def test_the_control_a_close_in_two_transactions_is_caught(sales: Sales, tmp_path: Path) -> None:
    """Without this, a test that never sees a half-closed bill could be blind to them."""
    broken = _split_closes(sales.recording)
    control = Sales(broken, sales.book, _closes(broken, tmp_path / "dry"), sales.final)
    rng = random.Random("A5-control")
    caught = 0
    for _ in range(CONTROL_CYCLES):
        close = rng.choice(control.closes)  # the second transaction: payments and the rest
        k = rng.randint(1, close.writes)
        problems = fail_and_retry(control, tmp_path / "till", close, k, "disk-full", restart=False)
        caught += any("the bill is closed with receipt number" in p for p in problems)
    print(f"\nA5 control (close split in two): caught {caught} of {CONTROL_CYCLES}")
    assert caught == CONTROL_CYCLES


# ---- the same with the real code on the failing disk -------------------------------------


def _whole(database: Path) -> list[str]:
    """The invariants of a sound till (as test_crash_safety checks them), in one file."""
    connection = apsw.Connection(str(database), flags=apsw.SQLITE_OPEN_READONLY)
    try:
        problems = [
            f"integrity_check: {r[0]}"
            for r in rows(connection, "PRAGMA integrity_check")
            if r[0] != "ok"
        ]
        closed = rows(
            connection, "SELECT id, local_no, total_minor FROM bill WHERE status = 'closed'"
        )
        for bill_id, _, total in closed:
            lines, lines_total = one(
                connection,
                "SELECT count(*), sum(total_minor) FROM bill_line WHERE bill_id = ?",
                bill_id,
            )
            (vat,) = one(
                connection, "SELECT sum(gross_minor) FROM bill_vat WHERE bill_id = ?", bill_id
            )
            (paid,) = one(
                connection, "SELECT sum(amount_minor) FROM bill_payment WHERE bill_id = ?", bill_id
            )
            (ops,) = one(
                connection,
                "SELECT count(*) FROM outbox WHERE aggregate_id = ? AND kind = 'bill.closed'",
                bill_id,
            )
            if not lines or lines_total != total or vat != total or (paid or 0) < total:
                problems.append(f"{bill_id} is not whole: {lines, lines_total, vat, paid, total}")
            if ops != 1:
                problems.append(f"{bill_id} has {ops} bill.closed ops")
        numbers = sorted(no for _, no, _ in closed)
        if numbers != list(range(1, len(numbers) + 1)):
            problems.append(f"receipt numbers are not 1..n: {numbers}")
        (orphans,) = one(
            connection,
            "SELECT count(*) FROM outbox o WHERE kind = 'bill.closed' AND NOT EXISTS"
            " (SELECT 1 FROM bill b WHERE b.id = o.aggregate_id AND b.status = 'closed')",
        )
        if orphans:
            problems.append(f"{orphans} bill.closed ops without a closed bill")
    finally:
        connection.close()
    return problems


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_the_real_app_closing_on_a_failing_disk(
    template_db: Path, tmp_path: Path, fault: str
) -> None:
    """The same, with the real code on the failing disk (`apsw_dbapi`): now the app's own
    error path is in the test too (SQLAlchemy's rollback of the failed COMMIT, the
    connection going back to the pool and serving the next unit of work, a restart)."""
    started = time.perf_counter()
    make_error, _ = FAULTS[fault]
    message = {"disk-full": "database or disk is full", "io-error": "disk I/O error"}[fault]
    rng = random.Random(f"A5-real-{fault}")
    database = tmp_path / "terminal.db"
    database.write_bytes(template_db.read_bytes())
    disk = FaultyDisk()
    store = open_store_on(disk.vfs_name, database, now=NOW)
    with store.engine.connect() as connection:  # the app's engine, its hook, our driver
        assert isinstance(connection.connection.driver_connection, apsw_dbapi.Connection)
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    problems: list[str] = []
    failed = restarts = 0
    try:
        service, anna, _ = world(store)
        service.open_shift(anna, FLOAT, now=NOW, business_date=TODAY)
        highest, writes = 0, 0  # the last receipt number; what the last close wrote
        for number in range(REAL_BILLS):
            at = NOW + timedelta(minutes=1 + number)
            name, versions, _ = a_sale(rng, number)
            for bill in versions:
                priced, _ = service.save_and_price(bill, name=name, at=at, business_date=TODAY)
            tenders = payment(rng, priced.total)
            pending = service.pending_ops()
            where = f"{bill.id} ({fault})"
            if writes:  # the first close only measures what a close writes
                disk.arm(rng.randint(1, writes), make_error)
            wal_before = disk.wal_writes
            try:
                closed = service.close(
                    bill, tenders, name=name, at=at, business_date=TODAY, cashier=anna
                )
            except sqlalchemy.exc.OperationalError as error:
                disk.clear()
                failed += 1
                if message not in str(error):
                    problems.append(f"{where}: {error}")
                # As the cashier sees it: still an open bill, no receipt, nothing queued.
                if bill.id not in {d.bill.id for d in service.drafts()}:
                    problems.append(f"{where}: not an open bill after the failed close")
                if bill.id in {b.bill_id for b in service.bills_today(TODAY)}:
                    problems.append(f"{where}: listed as closed after the failed close")
                if service.pending_ops() != pending:
                    problems.append(f"{where}: an op was queued by the failed close")
                problems += [f"{where}: {p}" for p in _no_trace_of_the_close(database, bill.id)]
                if rng.random() < 0.5:  # the cashier restarts the till before trying again
                    restarts += 1
                    store.close()
                    store = open_store_on(disk.vfs_name, database, now=NOW)
                    service = TerminalService(store)
                closed = service.close(
                    bill, tenders, name=name, at=at, business_date=TODAY, cashier=anna
                )
            else:
                disk.clear()  # the fault came after the close's writes: it never fired
                writes = disk.wal_writes - wal_before
            if closed.local_no != highest + 1:
                problems.append(f"{where}: closed as number {closed.local_no}, not {highest + 1}")
            highest = closed.local_no
    finally:
        store.close()
        disk.unregister()
    problems += _whole(database)
    print(
        f"\nA5 real app, {fault}: bills={REAL_BILLS} failed closes={failed}"
        f" (restarts after the error: {restarts}), problems={len(problems)};"
        f" {time.perf_counter() - started:.1f} s"
    )
    assert failed >= REAL_BILLS // 2  # the faults really hit closes
    assert problems == []
