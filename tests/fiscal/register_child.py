"""A till in a child process, for the kill -9 test: it commits the intention to a journal
file (fsync'd, as the terminal's SQLite commit would be), then registers the receipt, then
records it registered. The test kills it at any of these points.

    python -m tests.fiscal.register_child SPEC JOURNAL BILL_ID TOKEN_BASE
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from hardware.fiscal.posnet import PosnetDevice
from hardware.fiscal.transport import open_transport
from tests.fiscal.receipts import tagged_lunch


def append(journal: Path, entry: dict[str, object]) -> None:
    with journal.open("a", encoding="utf-8") as file:
        file.write(json.dumps(entry) + "\n")
        file.flush()
        os.fsync(file.fileno())


def main(spec: str, journal: Path, bill_id: str, token_base: int) -> None:
    receipt = tagged_lunch(bill_id)
    device = PosnetDevice(open_transport(spec), timeout=2.0, print_timeout=2.0)
    baseline = device.counters()
    append(
        journal,
        {
            "bill": bill_id,
            "state": "intended",
            "baseline": baseline.receipts,
            "token_base": token_base,
            "total": receipt.total,
        },
    )
    anchor = device.register(receipt, token_base, baseline=baseline)
    append(journal, {"bill": bill_id, "state": "registered", "receipt_no": anchor.receipt_no})


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
