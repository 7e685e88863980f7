"""Paying through the fiscal printer, on the emulated Posnet printer over TCP (issue 15).

`pay_ms`: from Pay to the receipt registered and the bill closed, for a 20-line bill — the
path the Pay button takes on the printer's thread (`services/fiscal.py`: settle what is in
flight, price, build and check the receipt, read the counter, commit the intention, send
24 commands, read the counter, commit registered and the close), over SALES sales. The
emulator prints instantly, so this is the terminal's own cost plus the protocol's.

`reconcile_ms`: what a start-up spends settling what a crash left, for 100 recorded
intentions — one per crash, as the terminal never has two in flight: half whose close ran
and whose answer was lost (registered by the counter, the bill closed), half whose close
never arrived (the same receipt sent again).
"""

from __future__ import annotations

import contextlib
import tempfile
import time
import uuid
from datetime import date, datetime
from pathlib import Path

from bench.report import Figure, percentile
from hardware.fiscal.errors import FiscalError
from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind
from pos_terminal.config import TerminalConfig
from pos_terminal.db.store import Store, open_store
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.fiscal_printer import build
from pos_terminal.services.fiscal import FiscalLink
from pos_terminal.services.terminal import TerminalService
from tests.db.conftest import PIWO, SCHABOWY, ZUREK, seed
from tests.fiscal.emulator.faults import Faults
from tests.fiscal.emulator.model import PosnetModel
from tests.fiscal.emulator.servers import TcpPrinter

SALES = 300
LINES = 20
CRASHES = 100
BUDGET_MS = 150.0


def _bill(store: Store) -> tuple[Bill, tuple[Tender, ...]]:
    products = (ZUREK, SCHABOWY, PIWO)
    bill = Bill(str(uuid.uuid4()))
    for n in range(LINES):
        bill = bill.with_line(BillLine(str(uuid.uuid4()), products[n % 3], 1 + n % 2))
    TerminalService(store).save_draft(bill, name="Stolik 4", at=datetime.now())
    total = sum(line.product.price.minor * line.quantity for line in bill.lines)
    return bill, (Tender(TenderKind.CASH, Money(total)),)


def _pay(link: FiscalLink, bill: Bill, tenders: tuple[Tender, ...]) -> None:
    now = datetime.now()
    link.submit(
        lambda device: link.service.pay(
            device, bill, tenders, name="Stolik 4", at=now, business_date=now.date()
        )
    ).result()


def _silence(faults: Faults, command: str) -> None:
    """… the printer falls silent as the replay is asked: the outcome is unknown."""
    if command == "rpt":
        faults.silent = True


def main(argv: list[str]) -> list[Figure]:
    sales = int(argv[0]) if argv else SALES
    model, faults = PosnetModel(today=date.today()), Faults()
    printer = TcpPrinter(model, faults)
    with tempfile.TemporaryDirectory(prefix="bench-fiscal-") as folder:
        store = open_store(Path(folder) / "terminal.db", now=datetime.now())
        seed(store)
        config = TerminalConfig(data_dir=Path(folder), fiscal_printer=printer.spec)
        built = build(config, store, lambda state: None, timeout=0.2, print_timeout=0.2, poll=3600)
        assert built is not None
        station, link = built
        station.start()
        try:
            samples = []
            for _ in range(sales):
                bill, tenders = _bill(store)
                started = time.perf_counter()
                _pay(link, bill, tenders)
                samples.append((time.perf_counter() - started) * 1000)
            reconcile = []
            for crash in range(CRASHES):
                bill, tenders = _bill(store)
                if crash % 2:
                    faults.drop_reply("trend")  # it ran; the answer is lost, and then …
                    faults.on_request = lambda command: _silence(faults, command)
                else:
                    faults.swallow("trend")  # never reached the printer
                    faults.swallow("rpt")
                with contextlib.suppress(FiscalError):
                    _pay(link, bill, tenders)
                faults.on_request, faults.silent = None, False  # the printer back, a restart
                started = time.perf_counter()
                station.submit(link.service.settle_pending).result()  # as a start-up does
                reconcile.append((time.perf_counter() - started) * 1000)
            assert model.bn == sales + CRASHES, (model.bn, sales + CRASHES)
        finally:
            station.stop()
            store.close()
            printer.close()
    return [
        Figure("fiscal.pay_20_lines_p50", percentile(samples, 0.5), "ms", BUDGET_MS),
        Figure("fiscal.pay_20_lines_p99", percentile(samples, 0.99), "ms", BUDGET_MS),
        Figure("fiscal.reconcile_one_p50", percentile(reconcile, 0.5), "ms"),
        Figure("fiscal.reconcile_one_p99", percentile(reconcile, 0.99), "ms"),
        Figure("fiscal.reconcile_100_total", sum(reconcile) / 1000, "s"),
    ]
