"""SIGKILL a till in the middle of closing bills, again and again: every bill it reported
closed is complete after restart, and no half bill exists."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import text

from pos_terminal.db.store import Store, open_store

from .conftest import NOW, seed

ROUNDS = 25
ROOT = Path(__file__).resolve().parents[2]


def _run_until_killed(path: Path, rng: random.Random, round_no: int) -> list[tuple[str, int, int]]:
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.db.crash_worker", str(path), str(round_no)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert worker.stdout is not None
    reported: list[tuple[str, int, int]] = []
    assert worker.stdout.readline().strip() == "ready", (
        worker.stderr.read() if worker.stderr else ""
    )
    wanted = rng.randint(0, 12)
    while len(reported) < wanted:
        line = worker.stdout.readline()
        assert line.startswith("closed "), line
        _, bill_id, local_no, total = line.split()
        reported.append((bill_id, int(local_no), int(total)))
    time.sleep(rng.uniform(0, 0.004))  # land somewhere inside the next close
    os.kill(worker.pid, signal.SIGKILL)
    # Whatever it managed to report before dying counts as acknowledged too.
    for line in worker.stdout:
        _, bill_id, local_no, total = line.split()
        reported.append((bill_id, int(local_no), int(total)))
    worker.wait()
    assert worker.returncode == -signal.SIGKILL
    return reported


def _check_whole(store: Store, acknowledged: list[tuple[str, int, int]]) -> int:
    with store.unit_of_work(read_only=True) as tx:
        for bill_id, local_no, total in acknowledged:
            record = tx.bills.closed(bill_id)
            assert record is not None, f"acknowledged bill {bill_id} is missing"
            assert (record.local_no, record.total.minor) == (local_no, total)
        session = tx.session
        closed = session.execute(
            text("SELECT id, local_no, total_minor FROM bill WHERE status = 'closed'")
        ).all()
        for bill_id, _, total in closed:
            record = tx.bills.closed(bill_id)
            assert record is not None and record.line_totals, f"{bill_id} has no lines"
            assert sum(record.line_totals) == total == sum(record.vat_gross), bill_id
            assert sum(amount for _, amount in record.payments) >= total, bill_id
            ops = session.execute(
                text(
                    "SELECT count(*) FROM outbox WHERE aggregate_id = :b AND kind = 'bill.closed'"
                ),
                {"b": bill_id},
            ).scalar_one()
            assert ops == 1, f"{bill_id} has {ops} outbox ops"
        orphans = session.execute(
            text(
                "SELECT count(*) FROM outbox o WHERE kind = 'bill.closed' AND NOT EXISTS"
                " (SELECT 1 FROM bill b WHERE b.id = o.aggregate_id AND b.status = 'closed')"
            )
        ).scalar_one()
        assert orphans == 0
        numbers = sorted(no for _, no, _ in closed)
        assert numbers == list(range(1, len(numbers) + 1)), "receipt numbers have a gap"
        assert session.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        return len(closed)


def test_kill_minus_nine_while_closing_bills_loses_nothing(db_path: Path) -> None:
    setup = open_store(db_path, now=NOW)
    seed(setup)
    setup.close()
    rng = random.Random(2026)
    acknowledged: list[tuple[str, int, int]] = []
    for round_no in range(ROUNDS):
        acknowledged += _run_until_killed(db_path, rng, round_no)
    store = open_store(db_path, now=NOW)
    try:
        stored = _check_whole(store, acknowledged)
    finally:
        store.close()
    assert len(acknowledged) >= ROUNDS  # the test really closed bills
    assert stored >= len(acknowledged)  # a bill may be stored but killed before it was reported
