"""Make a terminal store with pending ops of every kind, using a RELEASED version's own code.

    python tools/released_outbox.py REVISION STORE.db [--dump OPS.json]

The revision's tree is unpacked from git into a temporary folder and this script's
`_trade` runs with that tree first on `sys.path`, so the store, its schema and the payloads
in its outbox are exactly what a terminal of that release wrote. Tests use it for the
upgrade matrix (sync-protocol §8 G1) and to prove the CRM still reads every op version.
It relies only on what every release has: `tests/db/shift_world.py` and the terminal's
service API.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _trade(store_path: Path) -> None:
    """One shift of a released terminal: sales, a void, a new customer, a card, Z report."""
    from pos_terminal.db.store import open_store  # noqa: PLC0415 — the release's own code
    from pos_terminal.services.customers import NewCustomer  # noqa: PLC0415
    from tests.db.conftest import JAN, NOW, TODAY  # noqa: PLC0415
    from tests.db.shift_world import three_sales, world  # noqa: PLC0415

    store = open_store(store_path, now=NOW)
    service, anna, marek = world(store)
    service.open_shift(anna, 20000, now=NOW, business_date=TODAY)
    _, second, _ = three_sales(service, anna)
    service.void_bill(marek, second.priced.bill.id, "klient zrezygnował", now=NOW + timedelta(1))
    service.add_customer(
        NewCustomer("Ewa Nowa", phone="601 555 123", card_code="77001", card_number="77001"),
        now=NOW + timedelta(minutes=5),
    )
    service.assign_card(JAN.id, "88002", now=NOW + timedelta(minutes=6))
    service.close_shift(marek, now=NOW + timedelta(hours=8))
    store.close()


def released_store(revision: str, store_path: Path) -> None:
    """Run `_trade` under the code of `revision` (a git revision of this repository)."""
    with tempfile.TemporaryDirectory(prefix="pos-release-") as folder:
        archive = Path(folder) / "tree.tar"
        subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", "-o", str(archive), revision],
            check=True,
        )
        tree = Path(folder) / "tree"
        with tarfile.open(archive) as tar:
            tar.extractall(tree, filter="data")
        subprocess.run(
            [sys.executable, __file__, "--inside", str(tree), str(store_path)],
            check=True,
            cwd=folder,
        )


def outbox_of(store_path: Path) -> list[dict[str, object]]:
    import sqlite3  # noqa: PLC0415

    with sqlite3.connect(store_path) as db:
        rows = db.execute(
            "SELECT op_id, terminal_seq, kind, kind_version, created_at, payload,"
            " payload_sha256, state FROM outbox ORDER BY terminal_seq"
        ).fetchall()
    names = ("op_id", "terminal_seq", "kind", "kind_version", "created_at", "payload")
    return [
        {**dict(zip(names, row[:6], strict=True)), "payload_sha256": row[6], "state": row[7]}
        for row in rows
    ]


def main(argv: list[str]) -> int:
    if argv[:1] == ["--inside"]:
        tree, store_path = argv[1], Path(argv[2])
        sys.path.insert(0, tree)
        _trade(store_path)
        return 0
    if len(argv) not in (2, 4):
        print(__doc__)
        return 2
    revision, store_path = argv[0], Path(argv[1])
    released_store(revision, store_path)
    if len(argv) == 4 and argv[2] == "--dump":
        Path(argv[3]).write_text(json.dumps(outbox_of(store_path), indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
