"""The audit log is a hash chain (issue 11): an entry changed, removed or put in between
afterwards is found by `--verify-audit`, and so is a tail cut off or rewritten past the
head a Z report printed."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from pos_terminal.app import main
from pos_terminal.db.store import Store
from pos_terminal.domain.audit_chain import GENESIS, ChainedEntry, check_chain, entry_hash
from pos_terminal.receipts.report_pdf import report_document
from pos_terminal.verify_audit import verify

from .conftest import NOW, TODAY, sell_a_beer
from .shift_world import world


def _verified(database: Path, head: str | None = None) -> tuple[int, list[str]]:
    said: list[str] = []
    return verify(database, head, said.append), said


def _a_day(store: Store) -> str:
    """A shift with a sale and a void, closed: the head its Z report prints."""
    service, anna, marek = world(store)
    service.open_shift(anna, 10000, now=NOW, business_date=TODAY)
    sell_a_beer(service, "b1", anna)
    service.void_bill(marek, "b1", "pomyłka", now=NOW + timedelta(minutes=5))
    report = service.close_shift(marek, now=NOW + timedelta(hours=8))
    assert report.audit_head is not None
    return report.audit_head.printed


def _sql(database: Path, statement: str, *params: object) -> None:
    with sqlite3.connect(database) as db:
        db.execute(statement, params)
    db.close()


def _entries(database: Path) -> int:
    with sqlite3.connect(database) as db:
        count = int(db.execute("SELECT count(*) FROM audit_log").fetchone()[0])
    db.close()
    return count


def test_a_day_of_entries_is_one_intact_chain_whose_head_the_z_report_prints(
    store: Store,
) -> None:
    head = _a_day(store)
    code, said = _verified(store.path, head)
    assert code == 0, said
    assert said[0] == f"The audit log is intact: {_entries(store.path)} entries; head {head}"
    assert said[-1].startswith("The printed head #")
    with store.unit_of_work(read_only=True) as tx:
        chain_head = tx.audit.head()
    # The head is the last entry: the shift's closing is covered by its own report.
    assert chain_head is not None and head == chain_head.printed
    assert chain_head.entry_id == _entries(store.path)


def test_the_z_report_prints_the_head(store: Store) -> None:
    service, anna, marek = world(store)
    service.open_shift(anna, 10000, now=NOW, business_date=TODAY)
    report = service.close_shift(marek, now=NOW + timedelta(hours=8))
    assert report.audit_head is not None
    footer = report_document(report, language="pl").footer
    first, second = report.audit_head.hash_lines()
    assert footer[-3:] == (f"Dziennik zdarzeń: wpis #{report.audit_head.entry_id}", first, second)
    assert (first + second).replace(" ", "") == report.audit_head.entry_hash


@pytest.mark.parametrize(
    ("tampering", "broken"),
    [
        ("UPDATE audit_log SET details = '{\"amount_minor\": 1}' WHERE id = ?", "it was changed"),
        ("UPDATE audit_log SET actor_name = 'Ktoś inny' WHERE id = ?", "it was changed"),
        ("UPDATE audit_log SET at = '2026-11-18 09:00:00.000000' WHERE id = ?", "it was changed"),
        ("DELETE FROM audit_log WHERE id = ?", "missing"),
        ("UPDATE audit_log SET entry_hash = NULL WHERE id = ?", "hash was removed"),
    ],
    ids=["details", "actor", "time", "removed", "unhashed"],
)
def test_an_entry_changed_or_removed_afterwards_breaks_the_chain_there(
    store: Store, tampering: str, broken: str
) -> None:
    _a_day(store)
    assert _entries(store.path) == 3  # opened, voided, closed
    _sql(store.path, tampering, 2)  # the void
    code, said = _verified(store.path)
    assert code == 1
    assert said[-1].startswith("The audit log is NOT intact: entry #") and broken in said[-1]
    assert f"#{2 if 'missing' not in broken else 3}:" in said[-1]


def test_an_entry_slipped_in_between_breaks_the_chain(store: Store) -> None:
    _a_day(store)
    total = _entries(store.path)
    # Make room after entry 2 and write a plausible entry there, hash and all.
    _sql(store.path, "UPDATE audit_log SET id = id + 1000 WHERE id > 2")
    _sql(store.path, "UPDATE audit_log SET id = id - 999 WHERE id > 1000")
    with sqlite3.connect(store.path) as db:
        previous = db.execute("SELECT entry_hash FROM audit_log WHERE id = 2").fetchone()[0]
    db.close()
    forged = ChainedEntry(3, NOW, None, None, "bill.voided", "b9", "{}")
    _sql(
        store.path,
        "INSERT INTO audit_log (id, at, action, target, details, entry_hash)"
        " VALUES (3, '2026-11-18 12:00:00.000000', 'bill.voided', 'b9', '{}', ?)",
        entry_hash(previous, forged),
    )
    assert _entries(store.path) == total + 1
    code, said = _verified(store.path)
    assert code == 1 and said[-1].startswith("The audit log is NOT intact: entry #4:"), said


def test_a_tail_cut_off_or_rewritten_is_found_by_the_printed_head(store: Store) -> None:
    head = _a_day(store)
    total = _entries(store.path)
    # Rewritten from entry 3 on with every hash made again, as one who knows the scheme
    # would: the chain holds, but not the head on paper.
    with sqlite3.connect(store.path) as db:
        rows = db.execute(
            "SELECT id, at, actor_id, actor_name, action, target, details, entry_hash"
            " FROM audit_log ORDER BY id"
        ).fetchall()
        previous = GENESIS
        for row in rows:
            details = '{"amount_minor": 1}' if row[0] == 3 else row[6]
            entry = ChainedEntry(
                row[0], datetime.fromisoformat(row[1]), row[2], row[3], row[4], row[5], details
            )
            previous = entry_hash(previous, entry)
            db.execute(
                "UPDATE audit_log SET details = ?, entry_hash = ? WHERE id = ?",
                (details, previous, row[0]),
            )
    db.close()
    code, said = _verified(store.path)
    assert code == 0, said  # the chain alone cannot tell
    code, said = _verified(store.path, head)
    assert code == 1 and said[-1].endswith("no longer has the printed hash: the log was rewritten.")

    _sql(store.path, "DELETE FROM audit_log WHERE id >= ?", total - 1)
    code, said = _verified(store.path, head)
    assert code == 1 and "not in the chain" in said[-1], said


def test_entries_from_before_the_chain_are_counted_apart(store: Store) -> None:
    """As migration 0007 leaves a store: its earlier entries have no hash."""
    for n in range(3):
        _sql(
            store.path,
            "INSERT INTO audit_log (at, action, details) VALUES (?, 'staff.signed_in', '{}')",
            f"2026-11-1{n} 08:00:00.000000",
        )
    _a_day(store)
    code, said = _verified(store.path)
    assert code == 0, said
    assert said[0].startswith("3 entries written before the chain began")


def test_writers_on_many_threads_make_one_chain(store: Store) -> None:
    """Entries are written from the UI's database thread, the sync thread and the tidy-up
    timer's: each BEGIN IMMEDIATE keeps the chain one line."""
    _, anna, _ = world(store)

    def write(worker: int) -> None:
        for n in range(25):
            with store.unit_of_work() as tx:
                tx.audit.record(anna, "test.entry", f"{worker}-{n}", now=NOW)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with store.unit_of_work(read_only=True) as tx:
        found = check_chain(tx.audit.chain())
    assert found.intact and found.chained == _entries(store.path) >= 100


def test_the_command_line_verifies_and_says_so(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    head = _a_day(store)
    store.close()  # `--verify-audit` also runs beside a terminal; here it runs alone
    assert main(["--data-dir", str(store.path.parent), "--verify-audit", head]) == 0
    out = capsys.readouterr().out
    assert "The audit log is intact" in out and "The printed head" in out
    assert main(["--data-dir", str(store.path.parent), "--verify-audit", "#12 zz"]) == 1
    assert "Not a chain head" in capsys.readouterr().out
