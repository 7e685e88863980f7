"""kill -9 of a till while it registers receipts, many times over: zero receipts printed
twice, zero sales left without a receipt.

Each sale runs in a child process (`register_child`) that journals its intention with the
counter baseline before sending. The emulated printer kills the child the moment a chosen
command arrives — most often the close, which the device then still executes with no one
left to read its answer. The test, playing the restarted till, reconciles every intention
left unconfirmed exactly as the terminal must at start-up: counter moved → registered;
receipt open → cancel and send again; unchanged → send again."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

from hardware.fiscal.port import NotPrinted, OpenTransaction, PendingFiscal, Printed
from hardware.fiscal.posnet import PosnetDevice
from hardware.fiscal.transport import open_transport
from tests.fiscal.emulator.faults import Faults
from tests.fiscal.emulator.model import PosnetModel
from tests.fiscal.emulator.servers import TcpPrinter
from tests.fiscal.receipts import TODAY, tagged_lunch
from tests.fiscal.register_child import append

ROOT = Path(__file__).resolve().parents[2]
SALES = 24
# Where the till dies: mostly as the close arrives; sometimes earlier, in the footer, or never.
KILL_AT = ["trend"] * 12 + ["trinit", "trline", "trpayment", "trftrln", "trftrend", ""] * 2


def _journal(path: Path) -> dict[str, dict[str, object]]:
    """Each bill's last state, as the terminal's journal table would hold it."""
    bills: dict[str, dict[str, object]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            bills.setdefault(str(entry["bill"]), {}).update(entry)
    return bills


def _recover(device: PosnetDevice, journal: Path, token_base: int) -> None:
    for bill, entry in _journal(journal).items():
        if entry["state"] == "registered":
            continue
        pending = PendingFiscal(
            bill,
            int(str(entry["baseline"])),
            int(str(entry["token_base"])),
            int(str(entry["total"])),
        )
        outcome = device.reconcile(pending)
        if isinstance(outcome, Printed):
            append(journal, {"bill": bill, "state": "registered"})
            continue
        if isinstance(outcome, OpenTransaction):
            device.cancel()
        assert isinstance(device.reconcile(pending), NotPrinted)
        baseline = device.counters()
        append(journal, {**entry, "baseline": baseline.receipts, "token_base": token_base})
        device.register(tagged_lunch(bill), token_base, baseline=baseline)
        append(journal, {"bill": bill, "state": "registered"})


def test_kill_9_during_registration_never_duplicates_or_loses_a_receipt(tmp_path: Path) -> None:
    model, faults = PosnetModel(today=TODAY), Faults()
    printer = TcpPrinter(model, faults)
    journal = tmp_path / "journal.jsonl"
    victim: dict[str, int] = {}  # the child to kill
    kill_at = {"command": ""}

    def on_request(command: str) -> None:
        if command == kill_at["command"] and "pid" in victim:
            os.kill(victim.pop("pid"), signal.SIGKILL)

    faults.on_request = on_request
    plan = random.Random(15).sample(KILL_AT, len(KILL_AT))[:SALES]
    kills = 0
    try:
        for number, command in enumerate(plan):
            kill_at["command"] = command
            bill, base = f"b{number}", (number * 97) % 9000
            child = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.fiscal.register_child",
                    printer.spec,
                    str(journal),
                    bill,
                    str(base),
                ],
                cwd=ROOT,
                stderr=subprocess.DEVNULL,
            )
            victim["pid"] = child.pid
            kills += child.wait(timeout=60) == -signal.SIGKILL
            victim.clear()
            device = PosnetDevice(open_transport(printer.spec), timeout=2.0, print_timeout=2.0)
            try:
                _recover(device, journal, base + 50)
            finally:
                device.close()
    finally:
        printer.close()

    printed = Counter(receipt.lines[0].name.split()[-1] for receipt in model.printed)
    assert kills >= SALES // 2
    assert printed == Counter(f"b{n}" for n in range(SALES))  # each exactly once
    assert model.bn == SALES
    assert all(entry["state"] == "registered" for entry in _journal(journal).values())
