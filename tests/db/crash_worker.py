"""A till that closes bills as fast as it can until it is killed (run by test_crash_safety).

After each COMMIT it prints `closed <bill id> <receipt no> <total>`; a bill is reported only
once it is stored, exactly as the cashier would be shown "done".
"""

from __future__ import annotations

import random
import sys
import uuid
from datetime import datetime
from pathlib import Path

from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind
from pos_terminal.db.store import open_store
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.services.bills import close_bill, save_draft
from tests.db.conftest import JAN, PIWO, SCHABOWY, ZUREK

NOW = datetime(2026, 11, 18, 19, 0)


def main(path: Path, seed: int) -> None:
    rng = random.Random(seed)
    store = open_store(path, now=NOW)
    print("ready", flush=True)
    while True:
        bill_id = str(uuid.uuid4())
        lines = tuple(
            BillLine(f"l{i}", rng.choice((ZUREK, SCHABOWY, PIWO)), rng.randint(1, 3))
            for i in range(rng.randint(1, 6))
        )
        bill = Bill(bill_id, lines, customer_id=JAN.id if rng.random() < 0.5 else None)
        with store.unit_of_work() as tx:
            save_draft(tx, bill, name="", now=NOW)
        with store.unit_of_work() as tx:
            closed = close_bill(
                tx,
                bill,
                (Tender(TenderKind.CASH, Money(100_000)),),
                name="",
                shift_id=None,
                at=NOW,
                business_date=NOW.date(),
            )
        print(f"closed {bill_id} {closed.local_no} {closed.priced.total.minor}", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
