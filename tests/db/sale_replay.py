"""The SQL the real terminal code emits while selling, recorded, and replayed through APSW.

SQLAlchemy's pysqlite driver cannot use an APSW VFS: Python's `sqlite3` links a different
SQLite library from APSW's, and a VFS registered in APSW is invisible to it. The power-loss
and disk-fault tests therefore RECORD what the real code sends to SQLite while a cashier
sells through `TerminalService` (on a store made by `open_store`, with the app's pragmas),
and REPLAY it on an APSW connection over a misbehaving disk, as sync-protocol §8 A2 suggests
(`apsw_dbapi` is the other way: the real code itself on APSW, used by the disk-fault test):

- each statement SQLAlchemy hands the driver, with its parameters (`before_cursor_execute`),
  including the engine's own `BEGIN IMMEDIATE`;
- everything else SQLite ran on that connection, as SQLite saw it (the driver's trace
  callback): the pragmas of the engine's connect hook, and the driver's COMMIT and ROLLBACK;
- `Acked` after each service call returned: the cashier was shown "done".

The replay is deterministic (same start file, same statements), so the rows a bill ends up
with are exactly those in the recorded store's final file: `BillBook` holds them, and the
checks compare a recovered database with it row by row.
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import tempfile
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import apsw
from sqlalchemy import event

from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind
from pos_terminal.db.store import open_store
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.domain.staff import StaffMember
from pos_terminal.services.terminal import TerminalService

from .conftest import JAN, MANAGER_10, NOW, PIWO, SCHABOWY, TODAY, ZOLC, ZUREK
from .shift_world import FLOAT, world

Row = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Statement:
    """One execution SQLAlchemy handed the driver (`many`: one per parameter set)."""

    sql: str
    params: tuple[Any, ...] | tuple[tuple[Any, ...], ...]
    many: bool


@dataclass(frozen=True, slots=True)
class Raw:
    """A statement the engine's connect hook or the driver ran itself (PRAGMA, COMMIT, …)."""

    sql: str


@dataclass(frozen=True, slots=True)
class Acked:
    """The service call returned: a draft saved, or (`closed`) the bill closed, the moment
    the receipt would print and the cashier see "done"."""

    bill_id: str
    closed: bool


Event = Statement | Raw | Acked

# What may run on the connection outside SQLAlchemy's cursor calls; anything else would be
# something the app does that the replay does not reproduce. The rules cache's TEMP triggers
# (db/rules_cache.py) live in the connection's memory, never in the file.
_RAW_ALLOWED = ("PRAGMA ", "COMMIT", "ROLLBACK", "BEGIN", "CREATE TEMP TRIGGER ")


@dataclass(frozen=True)
class Recording:
    start: Path  # the store before the sales (a backup-API copy: one file, no WAL)
    final: Path  # the store after them, closed cleanly
    events: tuple[Event, ...]
    closed: tuple[str, ...]  # bill ids in the order they were closed
    open_drafts: tuple[str, ...]  # bills left open at the end (a table still eating)

    @property
    def pragmas(self) -> list[str]:
        return [e.sql for e in self.events if isinstance(e, Raw) and e.sql.startswith("PRAGMA")]

    def transactions(self) -> list[tuple[int, int, Acked | None]]:
        """(index of BEGIN, index after its COMMIT or ROLLBACK, the ack that followed it)."""
        spans: list[tuple[int, int, Acked | None]] = []
        begin: int | None = None
        for i, e in enumerate(self.events):
            if isinstance(e, Statement) and e.sql.startswith("BEGIN"):
                begin = i
            elif isinstance(e, Raw) and e.sql in ("COMMIT", "ROLLBACK") and begin is not None:
                after = self.events[i + 1] if i + 1 < len(self.events) else None
                spans.append((begin, i + 1, after if isinstance(after, Acked) else None))
                begin = None
        return spans


def payment(rng: random.Random, total: Money) -> tuple[Tender, ...]:
    """Cash with change, the exact amount by card, or part card and the rest cash."""
    choice = rng.random()
    if choice < 0.5 or total.minor < 200:
        return (Tender(TenderKind.CASH, Money(100_000)),)
    if choice < 0.8:
        return (Tender(TenderKind.CARD, total),)
    card = rng.randint(100, total.minor - 100)
    return (Tender(TenderKind.CARD, Money(card)), Tender(TenderKind.CASH, Money(total.minor)))


def a_sale(rng: random.Random, number: int) -> tuple[str, list[Bill], bool]:
    """A bill as the screen builds it: its name, the bill after each change (each one saved
    as the draft), and whether it gets closed (else it is left open: a table still eating)."""
    customer = rng.choice((None, None, JAN.id, ZOLC.id))
    bill = Bill(f"bill-{number:04d}", customer_id=customer)
    if rng.random() < 0.2:
        bill = replace(bill, manual_discount_id=MANAGER_10.id)
    name = rng.choice(("", "", f"Stolik {number % 12 + 1}"))
    versions = []
    for line in range(rng.randint(1, 4)):
        product = rng.choice((ZUREK, SCHABOWY, PIWO))
        bill = bill.with_line(BillLine(f"l{line}", product, rng.randint(1, 3)))
        versions.append(bill)
    return name, versions, rng.random() >= 0.1


def _sell(
    service: TerminalService,
    cashier: StaffMember,
    rng: random.Random,
    bills: int,
    events: list[Event],
) -> None:
    for number in range(bills):
        at = NOW + timedelta(minutes=1 + number)
        name, versions, closes = a_sale(rng, number)
        # The screen saves the draft on every change, each in a transaction of its own.
        for bill in versions:
            priced, _ = service.save_and_price(bill, name=name, at=at, business_date=TODAY)
            events.append(Acked(bill.id, closed=False))
        if closes:
            tenders = payment(rng, priced.total)
            service.close(bill, tenders, name=name, at=at, business_date=TODAY, cashier=cashier)
            events.append(Acked(bill.id, closed=True))


@contextlib.contextmanager
def recording_directory(fallback: Path) -> Iterator[Path]:
    """Where to record: tmpfs when there is one. The recorded store runs with the app's
    `synchronous=FULL`, and an fsync costs about 10 ms a commit on a CI disk while telling
    the recording nothing (the replay's own disk is simulated anyway)."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        with tempfile.TemporaryDirectory(prefix="pos-recording-", dir=shm) as directory:
            yield Path(directory)
    else:
        yield fallback


def record_sales(template: Path, directory: Path, *, bills: int, seed: int) -> Recording:
    """Sell `bills` bills through the real `TerminalService` on a real store (in an open
    shift, with customers, discounts, limits and cashback) and record what SQLite ran."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "terminal.db"
    path.write_bytes(template.read_bytes())
    rng = random.Random(seed)
    # The app's ids are uuid4s; drawn from `rng`, the same seed records the same file layout,
    # so a failing cut can be replayed exactly.
    seeded = mock.patch.object(uuid, "uuid4", lambda: uuid.UUID(int=rng.getrandbits(128)))
    with seeded:
        store = open_store(path, now=NOW)
        try:
            service, anna, _ = world(store)
            service.open_shift(anna, FLOAT, now=NOW, business_date=TODAY)
            # The start of the replay: a consistent copy through the backup API (never a file
            # copy of a live WAL database), taken with the store quiet.
            start = directory / "start.db"
            with sqlite3.connect(path) as source, sqlite3.connect(start) as copy:
                source.backup(copy)
            source.close()
            copy.close()
            # A fresh connection, so its connect hook (the app's pragmas) is recorded too.
            store.engine.dispose()
            events: list[Event] = []
            _listen(store.engine, events)
            _sell(service, anna, rng, bills, events)
        finally:
            store.close()  # a clean close: the WAL is checkpointed into the file
    # Checked here, not in the trace callback: sqlite3 swallows a callback's exceptions.
    strange = [e.sql for e in events if isinstance(e, Raw) and not e.sql.startswith(_RAW_ALLOWED)]
    assert not strange, f"statements run outside SQLAlchemy that the replay would miss: {strange}"
    closed = tuple(e.bill_id for e in events if isinstance(e, Acked) and e.closed)
    saved = dict.fromkeys(e.bill_id for e in events if isinstance(e, Acked))
    return Recording(
        start=start,
        final=path,
        events=tuple(events),
        closed=closed,
        open_drafts=tuple(b for b in saved if b not in closed),
    )


def _listen(engine: Any, events: list[Event]) -> None:
    traced_by_sqlalchemy = [0]  # trace lines still owed to the last cursor execution
    last_traced = [""]

    def trace(sql: str) -> None:
        if traced_by_sqlalchemy[0] > 0:
            traced_by_sqlalchemy[0] -= 1
            last_traced[0] = sql
            return
        # A trigger's body is not a statement of its own: SQLite reports it as "-- TRIGGER
        # name", or (Python's driver expanding the statement that fired it) as that
        # statement again, e.g. closing a bill fires customer_seen_on_close (migration 0009).
        if sql.startswith("--") or sql == last_traced[0]:
            return
        events.append(Raw(sql))

    def connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.set_trace_callback(trace)

    def before(_conn: Any, _cursor: Any, sql: str, params: Any, _context: Any, many: bool) -> None:
        assert not isinstance(params, Mapping), "the sqlite dialect binds by position"
        if many:
            rows = tuple(tuple(p) for p in params)
            events.append(Statement(sql, rows, many=True))
            traced_by_sqlalchemy[0] = len(rows)
        else:
            events.append(Statement(sql, tuple(params), many=False))
            traced_by_sqlalchemy[0] = 1

    def failed(_context: Any) -> None:
        traced_by_sqlalchemy[0] = 0

    # First among the connect listeners: the app's pragmas run after it, and are traced.
    event.listen(engine, "connect", connect, insert=True)
    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "handle_error", failed)


def execute(connection: apsw.Connection, step: Statement | Raw, swap: Mapping[str, str]) -> None:
    """Run one recorded statement (`swap` replaces a statement, e.g. a pragma: the engine's
    connect hook sets `synchronous` once, and every write sets it again as it begins)."""
    if isinstance(step, Raw):
        connection.execute(swap.get(step.sql, step.sql)).fetchall()
    elif step.many:
        connection.executemany(step.sql, step.params).fetchall()
    else:
        connection.execute(swap.get(step.sql, step.sql), step.params).fetchall()


# ---- what a bill is made of, and checking a database against the recording ----------------

# Each table a bill's rows live in: (the column naming the bill, the order of its rows).
BILL_TABLES = {
    "bill": ("id", "id"),
    "bill_line": ("bill_id", "position"),
    "bill_adjustment": ("bill_id", "position"),
    "bill_payment": ("bill_id", "position"),
    "bill_vat": ("bill_id", "vat_code"),
    "customer_effect": ("bill_id", "op_id"),
    "outbox": ("aggregate_id", "terminal_seq"),
}
# Rows only a closed bill has: a draft with any of them is a half-closed bill.
CLOSE_ONLY = ("bill_adjustment", "bill_payment", "bill_vat", "customer_effect", "outbox")


def rows(connection: apsw.Connection, sql: str, *params: Any) -> list[Row]:
    return [tuple(row) for row in connection.execute(sql, params)]


def one(connection: apsw.Connection, sql: str, *params: Any) -> Row:
    """The row a query returns (it must return one)."""
    found = rows(connection, sql, *params)
    assert len(found) == 1, (sql, params, found)
    return found[0]


def rows_by_bill(connection: apsw.Connection) -> dict[str, dict[str, list[Row]]]:
    """bill id -> table -> that bill's rows, in order (one query per table, not per bill)."""
    found: dict[str, dict[str, list[Row]]] = {}
    for table, (key, order) in BILL_TABLES.items():
        for row in rows(connection, f"SELECT {key}, * FROM {table} ORDER BY {key}, {order}"):
            bill = found.setdefault(row[0], {t: [] for t in BILL_TABLES})
            bill[table].append(tuple(row[1:]))
    return found


def dump(connection: apsw.Connection) -> dict[str, list[Row]]:
    """Every row of every table (sorted: some tables have no rowid to order by)."""
    tables = [
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
    ]
    return {
        t: sorted((tuple(r) for r in connection.execute(f'SELECT * FROM "{t}"')), key=repr)
        for t in tables
    }


@dataclass
class BillBook:
    """Each closed bill's rows as the recorded store has them at the end."""

    closed: dict[str, dict[str, list[Row]]]

    @classmethod
    def of(cls, recording: Recording) -> BillBook:
        connection = apsw.Connection(str(recording.final), flags=apsw.SQLITE_OPEN_READONLY)
        try:
            everything = rows_by_bill(connection)
            return cls({b: everything[b] for b in recording.closed})
        finally:
            connection.close()


@dataclass
class Verdict:
    """What one recovered database shows, Jepsen style (sync-protocol §2.7, §8)."""

    acked: int = 0  # closes acknowledged before the cut
    lost: int = 0  # … of which not there whole
    drafts_acked: int = 0  # bills whose draft save was acknowledged
    drafts_lost: int = 0  # … of which no trace is left
    recovered: int = 0  # closed although the close was not acknowledged (allowed)
    problems: list[str] = field(default_factory=list)  # corruption, half bills, bad numbering


def check_recovered(
    connection: apsw.Connection,
    book: BillBook,
    acked_closes: Sequence[str],
    acked_drafts: Iterable[str],
) -> Verdict:
    """Everything acknowledged is there and whole; nothing is half there; receipts 1..n."""
    verdict = Verdict(acked=len(acked_closes))
    integrity = [r[0] for r in connection.execute("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        verdict.problems.append(f"integrity_check: {integrity[:5]}")
        return verdict
    foreign = list(connection.execute("PRAGMA foreign_key_check"))
    if foreign:
        verdict.problems.append(f"foreign_key_check: {foreign[:5]}")
    drafts = set(acked_drafts)
    verdict.drafts_acked = len(drafts)
    acked = set(acked_closes)
    whole: dict[str, bool] = {}
    everything = rows_by_bill(connection)
    bills = rows(connection, "SELECT id, status, local_no FROM bill")
    present = {bill_id for bill_id, _, _ in bills}
    for bill_id, state, local_no in bills:
        its = everything[bill_id]
        if state == "closed":
            whole[bill_id] = its == book.closed.get(bill_id)
            if bill_id not in book.closed:
                verdict.problems.append(f"{bill_id} is closed but was never closed")
            elif not whole[bill_id]:
                verdict.problems.append(f"{bill_id} is closed but not whole")
            elif bill_id not in acked:
                verdict.recovered += 1
        else:
            half = [t for t in CLOSE_ONLY if its[t]]
            if half or local_no is not None or state != "draft":
                verdict.problems.append(f"{state} {bill_id}: close rows {half}, no {local_no}")
    verdict.lost = sum(1 for b in acked_closes if not whole.get(b, False))
    verdict.drafts_lost = len(drafts - present)
    numbers = sorted(
        n for (n,) in connection.execute("SELECT local_no FROM bill WHERE local_no IS NOT NULL")
    )
    if numbers != list(range(1, len(numbers) + 1)):
        verdict.problems.append(f"receipt numbers are not 1..n: {numbers[-5:]}")
    return verdict
