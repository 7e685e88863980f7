"""Figure 3 of `python -m bench sync`: bills sold while the CRM is down, pushed once back up.

An enrolled terminal takes its first sync (the customers to put on bills), the CRM's process
stops, the engine finds it unreachable, and the till sells through `TerminalService.close`
(without an authorizer, as when the CRM does not answer: no hold is asked); a third of the
bills have a customer. The CRM starts again on the same port and the engine runs cycles
until nothing is pending: that time is the figure. Then the CRM's bills are compared with
the till's.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import text

from bench.sync_crm import ServedCrm, Tally, Till, empty_store, enrolled_till, tally
from crm.services.container import CrmServices
from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind
from pos_terminal.domain.bill import Bill, BillLine
from sync.link_state import LinkState

CUSTOMER_SHARE = 1 / 3
MAX_CYCLES = 200  # a cycle pushes all it can; more than a few means something is wrong


@dataclass(frozen=True, slots=True)
class Offline:
    seconds: float
    terminal: float  # of `seconds`, in the terminal's store (the rest: the CRM and the wire)
    selling: float  # s to sell the bills (not a figure: the till's own work, offline)
    cycles: int
    sold: int
    rejected: int
    tally: Tally


def _sell(till: Till, bills: int, today: date) -> set[str]:
    rng = random.Random(3)
    with till.store.unit_of_work(read_only=True) as tx:
        menu = tx.catalog.products()
        customers = list(
            tx.session.execute(text("SELECT id FROM customer WHERE active ORDER BY id")).scalars()
        )
    cashier = till.service.login("1111")  # the demo cashier
    till.service.open_shift(cashier, 50_000, now=datetime.now(), business_date=today)
    sold = set()
    for _ in range(bills):
        lines = tuple(
            BillLine(f"l{n}", rng.choice(menu), rng.choice((1, 1, 2))) for n in range(1, 4)
        )
        customer = rng.choice(customers) if rng.random() < CUSTOMER_SHARE else None
        bill = Bill(f"{rng.getrandbits(128):032x}", lines, customer_id=customer)
        gross = sum(line.product.price.minor * line.quantity for line in lines)
        cash = (Tender(TenderKind.CASH, Money(gross)),)  # covers any total, discounts or not
        till.service.close(
            bill, cash, name="", at=datetime.now(), business_date=today, cashier=cashier
        )
        sold.add(bill.id)
    return sold


def offline_bills(
    services: CrmServices, crm: ServedCrm, folder: Path, bills: int, today: date
) -> Offline:
    store = empty_store(folder / "terminal.db")
    till = enrolled_till(store, services, crm.url, "Kasa offline")
    try:
        if till.engine.run_once()[0].state is not LinkState.ONLINE:
            raise RuntimeError("the first sync failed")
        crm.stop()
        if till.engine.run_once()[0].state is not LinkState.OFFLINE:
            raise RuntimeError("the engine did not notice the CRM was down")
        started = time.perf_counter()
        sold = _sell(till, bills, today)
        selling = time.perf_counter() - started
        crm.start()
        till.sync_store.seconds = 0.0
        started, cycles = time.perf_counter(), 0
        while till.service.pending_ops() and cycles < MAX_CYCLES:
            till.engine.run_once()
            cycles += 1
        seconds = time.perf_counter() - started
        with store.unit_of_work(read_only=True) as tx:
            rejected = tx.sync_queue.counts().rejected
        return Offline(
            seconds,
            till.sync_store.seconds,
            selling,
            cycles,
            len(sold),
            rejected,
            tally(services, [till.terminal_id], sold),
        )
    finally:
        till.close()
