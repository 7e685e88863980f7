"""kill -9 of a real terminal process the moment its receipt's close reaches the fiscal
printer, then a restart — twenty times over, on one store: zero receipts registered twice,
zero sales closed without a receipt, no intention left unsettled.

Each sale is the terminal's own self-test (`python -m pos_terminal --selftest`: sign in,
three products, a demo card, exact cash, Pay) with settings.json naming the emulated
printer on 127.0.0.1. The printer kills the process as a chosen command arrives — most
often the close, which it then still executes with no one left to read its answer. The
restart (`--exit-when-ready`) settles every intention before the sign-in screen
(services/fiscal.py), and the store and the printer are compared after each round."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

from tests.fiscal.emulator.faults import Faults
from tests.fiscal.emulator.model import PosnetModel
from tests.fiscal.emulator.servers import TcpPrinter

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 20
# Where the till dies: mostly as the close arrives; sometimes earlier, in the footer, or never.
KILL_AT = ["trend"] * 12 + ["trinit", "trline", "trpayment", "trftrln", "trftrend", "", "", ""]
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
TERMINAL = [sys.executable, "-m", "pos_terminal", "--demo-customers", "20"]


def _run(data_dir: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*TERMINAL, "--data-dir", str(data_dir), *args],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _store(data_dir: Path) -> tuple[dict[str, int], int, int]:
    """(journal rows per state, bills closed, distinct receipt counters registered)."""
    with sqlite3.connect(data_dir / "terminal.db") as db:
        states = dict(db.execute("SELECT state, count(*) FROM fiscal_receipt GROUP BY state"))
        closed = db.execute("SELECT count(*) FROM bill WHERE status = 'closed'").fetchone()[0]
        counters = db.execute(
            "SELECT count(DISTINCT receipt_counter) FROM fiscal_receipt WHERE state='registered'"
        ).fetchone()[0]
    db.close()
    return states, closed, counters


def test_kill_9_of_the_terminal_after_the_close_then_restart_never_duplicates_or_loses(
    tmp_path: Path,
) -> None:
    model, faults = PosnetModel(today=date.today()), Faults()
    printer = TcpPrinter(model, faults)
    data_dir = tmp_path / "till"
    victim: dict[str, int] = {}
    kill_at = {"command": ""}

    def on_request(command: str) -> None:
        if command == kill_at["command"] and "pid" in victim:
            os.kill(victim.pop("pid"), signal.SIGKILL)

    faults.on_request = on_request
    plan = random.Random(15).sample(KILL_AT, len(KILL_AT))[:ROUNDS]
    kills = 0
    try:
        assert _run(data_dir, "--exit-when-ready").wait(timeout=120) == 0  # the demo store
        settings = {"fiscal_printer": printer.spec, "language": "en"}
        (data_dir / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
        for number, command in enumerate(plan):
            kill_at["command"] = command
            till = _run(data_dir, "--selftest")
            victim["pid"] = till.pid
            code = till.wait(timeout=120)
            victim.clear()
            kills += code == -signal.SIGKILL
            assert code in (0, -signal.SIGKILL), f"round {number} ({command}): exit {code}"
            assert _run(data_dir, "--exit-when-ready").wait(timeout=120) == 0
            states, closed, counters = _store(data_dir)
            with printer.lock:
                printed = len(model.printed)
            # After each restart: every sale registered once and closed; nothing in flight.
            assert states.get("intended", 0) == 0, (number, command, states)
            assert printed == closed == states.get("registered", 0) == counters == number + 1, (
                number, command, printed, closed, states,
            )  # fmt: skip
    finally:
        printer.close()
    assert kills >= ROUNDS // 2
    assert model.bn == ROUNDS
