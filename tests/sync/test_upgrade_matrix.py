"""G1 and G2 of sync-protocol §8: every terminal schema this project released upgrades with
its pending ops intact, and today's CRM applies those ops; a schema newer than the code is
refused without touching the file.

Each store is written by the RELEASED code itself, unpacked from git (`git archive`), so
its schema, its rows and the payloads in its outbox are what a till of that release holds —
not what today's code believes an old till wrote. The matrix, from
`git log -- pos_terminal/db/migrations/versions/` and the commits around it:

- 0001: never the newest at any commit — 42cd260 shipped 0001 and 0002 together, so no
  till ever stopped at 0001; there is no 0001 store to upgrade.
- 0002: 42cd260 (the first), 91c6489 (0002's SQL frozen in the migration), f6cf415 (the
  last); built by `TRADE_0002` below.
- 0003: dcf9f1a (the first), 359fc6d (the last); built by `tools/released_outbox.py`.
- 0004: 92e8fe1 (the first), 167b430 (the last before the rules moved to loyalty/),
  aac8e29 (the last release before the wire changed); built by the tool.
- 0005: 897e2ec (the last; 0005 was still being changed by the commits before it, so
  only the last is a schema a till kept); built by the tool.

No 0002 commit has `tests/db/shift_world.py` (it came with shifts, in dcf9f1a), so the tool
cannot run there; `TRADE_0002` is the same kind of day (three sales, a new customer, a card)
written against the service API those commits had: `bills.close_bill` and
`customers.quick_add_customer` in a unit of work (and `customers.assign_card` where it exists).
`test_the_matrix_names_every_schema_ever_shipped` keeps the table honest as schemas are added.

Today's head schema is not in the matrix (nothing to upgrade), but a store stamped with it
by an earlier commit must still work with today's code: Alembic never runs a revision
again, so the head migration may not change once committed
(`test_a_store_at_todays_schema_written_by_an_earlier_commit_sells_and_syncs`).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy import select

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.voucher_fields import VoucherSpec
from crm.store.models import (
    BillRow,
    CardRow,
    CustomerRow,
    LedgerEntryRow,
    ProcessedOpRow,
    TerminalShiftRow,
)
from pos_terminal.db.migrate import SchemaTooNewError, head_revision
from pos_terminal.db.store import Store, open_store
from pos_terminal.db.sync_store import TerminalSyncStore
from pos_terminal.services.terminal import TerminalService
from sync.client import CrmClient
from sync.engine import SyncEngine
from sync.enrolment import enrol
from sync.link_state import CrmLink, LinkState
from sync.wire.envelope import decode_op
from sync.wire.ops import BillClosed, BillVoided, CardAssigned, CustomerProposed, ShiftClosed
from tests.crm.sync_world import balances, customer
from tests.live_crm import LiveApi

from ..db.conftest import NOW, TODAY
from ..db.shift_world import three_sales, world

ROOT = Path(__file__).resolve().parents[2]
VERSIONS = "pos_terminal/db/migrations/versions/"
TOOL = ROOT / "tools" / "released_outbox.py"
# When today's code opens the old store, and when its sync engine runs: 11 days after the
# released till traded, inside the 30-day retention, so no acknowledged op is pruned before
# the test has read its answer.
UPGRADED_AT = datetime(2026, 11, 29, 9, 0)
# The customers the released world's ops name, with what the CRM holds for them before the
# old ops arrive (enough that no bill overdraws: an overdraft would be a flag, not a fault).
CRM_START = {"c-jan": {"wallet": 20000, "credits": 5000, "points": 120}, "c-zolc": {}}
# The tables a till cannot rebuild from the CRM (sync-protocol §6.2.3), where present.
PRECIOUS = (
    "bill",
    "bill_line",
    "bill_adjustment",
    "bill_payment",
    "bill_vat",
    "shift",
    "outbox",
    "customer_effect",
    "audit_log",
)

# A day at a 0002 till, run with the released tree first on sys.path (argv: tree, store).
TRADE_0002 = """
import sys
from datetime import timedelta
from pathlib import Path

tree, target = sys.argv[1], Path(sys.argv[2])
sys.path.insert(0, tree)

import pos_terminal
from pos_terminal.db.store import open_store
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.domain.money import Money
from pos_terminal.domain.tenders import Tender, TenderKind
from pos_terminal.services import bills, customers
from tests.db.conftest import JAN, MANAGER_10, NOW, PIWO, SCHABOWY, TODAY, ZOLC, ZUREK, seed

# The editable install would quietly supply today's package if the tree lacked one.
assert pos_terminal.__file__.startswith(tree), pos_terminal.__file__
store = open_store(target, now=NOW)
seed(store)


def close(bill, minute, pay):
    at = NOW + timedelta(minutes=minute)
    with store.unit_of_work() as tx:
        total = bills.price_open_bill(tx, bill, at=at, business_date=TODAY).total.minor
        bills.close_bill(tx, bill, pay(total), name="", shift_id=None, at=at, business_date=TODAY)


def cash(total):
    return (Tender(TenderKind.CASH, Money(total)),)


def wallet_and_card(total):
    return (Tender(TenderKind.WALLET, Money(2000)), Tender(TenderKind.CARD, Money(total - 2000)))


lines = (BillLine("l1", ZUREK, 2), BillLine("l2", PIWO))
close(Bill("b1", lines, manual_discount_id=MANAGER_10.id), 1, cash)
close(Bill("b2", (BillLine("l1", SCHABOWY, 2),), customer_id=JAN.id), 2, wallet_and_card)
close(Bill("b3", (BillLine("l1", PIWO, 3),), customer_id=ZOLC.id), 3, cash)
with store.unit_of_work() as tx:
    form = customers.NewCustomer(
        "Ewa Nowa", phone="601 555 123", card_code="77001", card_number="77001"
    )
    customers.quick_add_customer(tx, form, now=NOW + timedelta(minutes=5))
if hasattr(customers, "assign_card"):  # f6cf415 has it; the first 0002 commits do not
    with store.unit_of_work() as tx:
        customers.assign_card(tx, JAN.id, "88002", now=NOW + timedelta(minutes=6))
store.close()
"""


@dataclass(frozen=True, slots=True)
class Release:
    commit: str
    schema: str  # the newest terminal schema revision that commit shipped
    note: str
    by_tool: bool  # tools/released_outbox.py can run there (else TRADE_0002)
    bill_closed: int = 1  # the version of bill.closed that release wrote

    def __str__(self) -> str:
        return f"{self.schema}@{self.commit}"


MATRIX = (
    Release("42cd260", "0002", "the first store: 0001 and 0002 in one commit", by_tool=False),
    Release("91c6489", "0002", "0002's SQL frozen in the migration", by_tool=False),
    Release("f6cf415", "0002", "the last commit at 0002", by_tool=False),
    Release("dcf9f1a", "0003", "shifts and staff: the first at 0003", by_tool=True),
    Release("359fc6d", "0003", "the last commit at 0003", by_tool=True),
    Release("92e8fe1", "0004", "limit override: the first at 0004", by_tool=True),
    Release("167b430", "0004", "the last before the rules moved to loyalty/", by_tool=True),
    Release("aac8e29", "0004", "the last release before the wire changed", by_tool=True),
    Release("897e2ec", "0005", "the last commit at 0005 (sync state)", True, bill_closed=2),
    Release("70c9bf1", "0006", "the last commit at 0006 (cashier, allowance)", True, bill_closed=3),
    Release("bfd3665", "0007", "the last commit at 0007 (audit chain)", True, bill_closed=3),
    Release("291e805", "0008", "the last commit at 0008 (names folded again)", True, bill_closed=3),
    Release("7ad3dc7", "0009", "the last commit at 0009 (search ranking)", True, bill_closed=3),
    Release("9e92a25", "0010", "the last commit at 0010 (PIN lengths)", True, bill_closed=3),
)


# -- git ------------------------------------------------------------------------------------


def git(*args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        pytest.fail(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def require_history(commit: str) -> None:
    """The matrix needs the released trees; a shallow clone lacks them. Fail, never skip:
    a matrix that quietly shrinks proves nothing."""
    found = subprocess.run(
        ["git", "-C", str(ROOT), "cat-file", "-e", f"{commit}^{{commit}}"],
        capture_output=True,
        check=False,
    )
    if found.returncode != 0:
        pytest.fail(
            f"git history of {commit} is not available in {ROOT} (a shallow clone?): the "
            "upgrade matrix builds each released store from its own tree. CI clones the full "
            "repository; locally run `git fetch --unshallow`."
        )


def newest_schema(commit: str) -> str | None:
    names = git("ls-tree", "--name-only", commit, VERSIONS).split()
    revisions = [m.group(1) for n in names if (m := re.search(r"_(\d{4})_\w+\.py$", n))]
    return max(revisions, default=None)


# -- building the released stores, once per test session -------------------------------------


@pytest.fixture(scope="session")
def released_stores(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Release], Path]:
    """A store written by each release's own code, built on first use and kept for the
    session (each test works on a copy). Under xdist the workers share one folder, and a
    lock per release makes one of them build it while the others wait for it."""
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if "PYTEST_XDIST_WORKER" in os.environ else base) / "released-stores"
    folder.mkdir(exist_ok=True)

    def build(release: Release) -> Path:
        require_history(release.commit)
        assert newest_schema(release.commit) == release.schema, release
        target = folder / f"{release.commit}.db"
        with (folder / f"{release.commit}.building").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not target.exists():
                _build(release, target)
        return target

    return build


def _build(release: Release, target: Path) -> None:
    """Write the store in a folder of its own, then move it in whole: a failed build
    leaves nothing another test could mistake for a store."""
    with tempfile.TemporaryDirectory(prefix=f"build-{release.commit}-") as scratch:
        made = Path(scratch) / "terminal.db"
        if release.by_tool:
            run = [sys.executable, str(TOOL), release.commit, str(made)]
        else:
            tree = _unpack(release.commit, Path(scratch) / "tree")
            run = [sys.executable, "-c", TRADE_0002, str(tree), str(made)]
        done = subprocess.run(run, capture_output=True, text=True, cwd=scratch, check=False)
        if done.returncode != 0:
            pytest.fail(f"the store of {release} could not be built:\n{done.stderr}")
        os.replace(made, target)


def _unpack(commit: str, tree: Path) -> Path:
    archive = tree.with_suffix(".tar")
    git("archive", "--format=tar", "-o", str(archive), commit)
    with tarfile.open(archive) as tar:
        tar.extractall(tree, filter="data")
    return tree


# -- what must survive the upgrade -------------------------------------------------------------


def row_digests(path: Path, columns: dict[str, list[str]] | None = None) -> dict[str, str]:
    """A sha256 per precious table over every row's columns as SQL literals (`quote()` keeps
    the storage class: 5 and '5' differ), rows sorted so a rebuilt table's new rowids do not
    count. With `columns`, only those (the old store's): a migration may add columns."""
    digests = {}
    with sqlite3.connect(path) as db:
        for table, names in (columns or _precious_columns(db)).items():
            quoted = ", ".join(f'quote("{name}")' for name in names)
            rows = sorted(db.execute(f'SELECT {quoted} FROM "{table}"').fetchall())
            digests[table] = hashlib.sha256(repr(rows).encode()).hexdigest()
    db.close()
    return digests


def precious_columns(path: Path) -> dict[str, list[str]]:
    with sqlite3.connect(path) as db:
        found = _precious_columns(db)
    db.close()
    return found


def _precious_columns(db: sqlite3.Connection) -> dict[str, list[str]]:
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return {
        table: [row[1] for row in db.execute(f'PRAGMA table_info("{table}")')]
        for table in PRECIOUS
        if table in tables
    }


def outbox(path: Path) -> list[dict[str, Any]]:
    with sqlite3.connect(path) as db:
        db.row_factory = sqlite3.Row
        rows = [dict(r) for r in db.execute("SELECT * FROM outbox ORDER BY terminal_seq")]
    db.close()
    return rows


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- the CRM's side ------------------------------------------------------------------------------


@dataclass
class Enrolled:
    store: Store
    engine: SyncEngine
    terminal_id: str
    links: list[CrmLink]

    def drain(self, cycles: int = 5) -> CrmLink:
        """Sync until nothing is pending and every stream was pulled (one cycle should do)."""
        for _ in range(cycles):
            link, _ = self.engine.run_once()
            if link.state is LinkState.ONLINE and link.pending == 0:
                return link
        return link


@pytest.fixture
def enrolled(services: CrmServices, live: LiveApi) -> Iterator[Callable[[Store], Enrolled]]:
    engines: list[SyncEngine] = []

    def attach(store: Store) -> Enrolled:
        code = services.terminals.create_code_for_shop_named(CLI, "Bistro Centrum").code
        with CrmClient(live.url, app_version="test") as client:
            done = enrol(client, code, "Kasa po aktualizacji")
        links: list[CrmLink] = []
        client = CrmClient(live.url, app_version="test", token=done.token)
        engine = SyncEngine(TerminalSyncStore(store, now=lambda: UPGRADED_AT), client, links.append)
        engines.append(engine)
        return Enrolled(store, engine, done.terminal_id, links)

    yield attach
    for engine in engines:
        engine.stop()


def decoded(rows: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    """(op id, op in today's classes) for each outbox row: what the CRM reads."""
    return [
        (str(r["op_id"]), decode_op(r["kind"], r["kind_version"], json.loads(r["payload"])))
        for r in rows
    ]


def expected_balances(ops: list[tuple[str, Any]]) -> dict[str, dict[str, int]]:
    """Each named customer's CRM balances once the old ops are applied: a bill's wallet and
    credits spent, credits and points earned; a voided bill's all given back."""
    voided = {op.bill_id for _, op in ops if isinstance(op, BillVoided)}
    figures = {
        c: {a: start.get(a, 0) for a in ("wallet", "credits", "points")}
        for c, start in CRM_START.items()
    }
    for _, op in ops:
        if isinstance(op, BillClosed) and op.customer_id and op.bill_id not in voided:
            moves = figures[op.customer_id]
            moves["wallet"] -= op.wallet_used.minor
            moves["credits"] += op.earned("credits") - op.credits_used.minor
            moves["points"] += op.earned("points")
    return figures


# -- G1 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("release", MATRIX, ids=str)
def test_a_released_store_upgrades_whole_and_the_crm_applies_its_old_ops(
    release: Release,
    released_stores: Callable[[Release], Path],
    enrolled: Callable[[Store], Enrolled],
    services: CrmServices,
    tmp_path: Path,
) -> None:
    path = tmp_path / "terminal.db"
    shutil.copy(released_stores(release), path)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == (release.schema,)
    db.close()
    columns = precious_columns(path)
    before, old_rows = row_digests(path), outbox(path)
    # Its bills are of the version that release wrote (today's, or older: proof the
    # released code, not today's, wrote them).
    closed = {r["kind_version"] for r in old_rows if r["kind"] == BillClosed.KIND}
    assert closed == {release.bill_closed} and release.bill_closed <= BillClosed.VERSION
    if release.bill_closed == 1:  # before the wire changed, every op was a version 1
        assert {r["kind_version"] for r in old_rows} == {1}
    assert {r["state"] for r in old_rows} == {"pending"}

    # Today's code opens it: backup, upgrade, and not one precious byte changed.
    store = open_store(path, now=UPGRADED_AT)
    try:
        assert (store.migration.from_revision, store.migration.to_revision) == (
            release.schema,
            head_revision(),
        )
        assert store.migration.backup is not None and store.migration.backup.exists()
        assert row_digests(path, columns) == before
        assert row_digests(store.migration.backup, columns) == before
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        db.close()

        # The CRM knows the customers the old ops name, and the till is enrolled with it.
        for customer_id, money in CRM_START.items():
            customer(services, customer_id, **cast(dict[str, Any], money))
        # b2 of the world takes the till's voucher; one the CRM lacks would flag the bill.
        services.vouchers.create_voucher(
            CLI, VoucherSpec("amount", code="WITAJ10", amount_minor=1000, offline_redeemable=True)
        )
        till = enrolled(store)
        link = till.drain()
        assert link.state is LinkState.ONLINE and link.pending == 0, link
        after = {r["op_id"]: r for r in outbox(path)}

        # Every old op came back `applied` — not rejected, quarantined, nor a duplicate of
        # something else — and its frozen payload was sent as written.
        answers = {op_id: json.loads(r["server_result"] or "{}") for op_id, r in after.items()}
        got = [
            (r["kind"], answers[r["op_id"]].get("status"), answers[r["op_id"]].get("reason"))
            for r in old_rows
        ]
        assert got == [(r["kind"], "applied", None) for r in old_rows]
        assert [after[r["op_id"]]["state"] for r in old_rows] == ["reflected"] * len(old_rows)
        for old in old_rows:
            new = after[old["op_id"]]
            assert (new["payload"], new["payload_sha256"], new["terminal_seq"]) == (
                old["payload"],
                old["payload_sha256"],
                old["terminal_seq"],
            )
        _crm_shows_each_op_once(services, till.terminal_id, old_rows, answers)

        # The till shows the CRM's balances for the customers its old bills named.
        service = TerminalService(store)
        for customer_id in CRM_START:
            shown = service.identify_customer(customer_id, business_date=TODAY).state
            assert shown is not None
            crm = balances(services, customer_id)
            assert (shown.wallet.minor, shown.credits.minor, shown.points) == (
                crm.get("wallet", 0),
                crm.get("credits", 0),
                crm.get("points", 0),
            ), customer_id
    finally:
        store.close()


def _crm_shows_each_op_once(
    services: CrmServices,
    terminal_id: str,
    old_rows: list[dict[str, Any]],
    answers: dict[str, dict[str, Any]],
) -> None:
    ops = decoded(old_rows)

    def read(session: Any) -> dict[str, Any]:
        return {
            "processed": {
                p.op_id: (p.status, p.terminal_seq)
                for p in session.scalars(
                    select(ProcessedOpRow).where(ProcessedOpRow.terminal_id == terminal_id)
                )
            },
            "bills": {
                b.bill_id: (b.op_id, b.status, b.flags, b.total_minor)
                for b in session.scalars(select(BillRow))
            },
            "entries": [
                (e.bill_id, e.account, e.kind, e.amount)
                for e in session.scalars(
                    select(LedgerEntryRow).where(LedgerEntryRow.bill_id.is_not(None))
                )
            ],
            "cards": {c.code: c.customer_id for c in session.scalars(select(CardRow))},
            "phones": Counter(c.phone for c in session.scalars(select(CustomerRow))),
            "shifts": {s.shift_id: s for s in session.scalars(select(TerminalShiftRow))},
        }

    crm = services.ctx.db.read(read)
    assert crm["processed"] == {r["op_id"]: ("applied", r["terminal_seq"]) for r in old_rows}, (
        "every op processed once, as applied"
    )
    closed = {op.bill_id: (op_id, op) for op_id, op in ops if isinstance(op, BillClosed)}
    voided = {op.bill_id for _, op in ops if isinstance(op, BillVoided)}
    # Lost = a till's bill absent; unexpected = a CRM bill no till sold; duplicated cannot
    # hide either (bill_id is the key): every bill is there once, under its own op.
    assert crm["bills"] == {
        bill_id: (op_id, "voided" if bill_id in voided else "closed", [], op.total.minor)
        for bill_id, (op_id, op) in closed.items()
    }
    # Each effect of a bill posted once; a void reverses exactly those, once.
    posted = Counter((b, a, k) for b, a, k, _ in crm["entries"] if k in ("spend", "earn"))
    assert set(posted.values()) <= {1}, crm["entries"]
    for bill_id in closed:
        made = sorted(-n for b, _, k, n in crm["entries"] if b == bill_id and k != "void")
        undone = sorted(n for b, _, k, n in crm["entries"] if b == bill_id and k == "void")
        assert undone == (made if bill_id in voided else []), (bill_id, crm["entries"])
    for customer_id, figures in expected_balances(ops).items():
        assert {a: balances(services, customer_id).get(a, 0) for a in figures} == figures, (
            customer_id
        )
    for op_id, op in ops:
        if isinstance(op, CustomerProposed):
            assert crm["phones"][op.phone] == 1 and op.card is not None
            assert answers[op_id]["result"]["customer_id"] == crm["cards"][op.card.code]
        elif isinstance(op, CardAssigned):
            assert crm["cards"][op.code] == op.customer_id
        elif isinstance(op, ShiftClosed):
            shift = crm["shifts"][op.shift_id]
            assert shift.closed_by == op.closed_by.name and shift.z_report is not None


def test_the_matrix_names_every_schema_ever_shipped() -> None:
    """Each schema that was ever the newest at a commit, other than today's head, is in the
    matrix, with the last commit that shipped it. A new migration makes today's head a
    released schema: this fails until the matrix has it."""
    commits = git("log", "--format=%H", "--reverse", "HEAD").split()
    if not commits or commits[0] != git("rev-list", "--max-parents=0", "HEAD").split()[0]:
        pytest.fail("git history is incomplete (a shallow clone?); CI clones it whole")
    changed = set(git("log", "--format=%H", "--", VERSIONS).split())
    last_at: dict[str, str] = {}
    schema = None
    for commit in commits:
        if commit in changed:
            schema = newest_schema(commit)
        if schema is not None:
            last_at[schema] = commit
    shipped = set(last_at) - {head_revision()}
    assert {r.schema for r in MATRIX} == shipped
    for revision in shipped:
        assert any(last_at[revision].startswith(r.commit) for r in MATRIX), (
            f"schema {revision}: its last commit {last_at[revision][:7]} is not in the matrix"
        )
    assert "0001" not in last_at, "0001 was shipped alone after all: add it to the matrix"


@pytest.fixture
def traded_store(db_path: Path) -> Path:
    """Today's store with a shift of sales and their pending ops, closed."""
    store = open_store(db_path, now=NOW)
    service, anna, _ = world(store)
    service.open_shift(anna, 20000, now=NOW, business_date=TODAY)
    three_sales(service, anna)
    store.close()
    return db_path


def _stamp_future(path: Path, *, journal: str) -> None:
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA journal_mode={journal}")
        db.execute("UPDATE alembic_version SET version_num = '9001'")
    db.close()


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_store_newer_than_the_code_is_refused_and_left_as_it_was(
    traded_store: Path, journal: str
) -> None:
    """`wal`: a newer till's store as this one writes them. `delete`: the same store after a
    copy that left WAL off — a newer version's backup (`VACUUM INTO` writes rollback-journal
    files), or another journal mode in a later release. Refusing it must not touch it."""
    _stamp_future(traded_store, journal=journal)
    traded_store.chmod(0o644)  # as a newer version might keep it: not even that is changed
    digest = file_digest(traded_store)
    neighbours = sorted(p.name for p in traded_store.parent.iterdir())
    for _ in range(2):  # the refusal leaves no lock behind: a second start says the same
        with pytest.raises(SchemaTooNewError, match="newer version of the terminal"):
            open_store(traded_store, now=UPGRADED_AT)
    assert file_digest(traded_store) == digest
    assert oct(traded_store.stat().st_mode & 0o777) == oct(0o644)
    left = sorted(p.name for p in traded_store.parent.iterdir())
    assert not [n for n in left if n.endswith(".bak")], "no backup of a store it will not open"
    name = traded_store.name
    assert set(left) - set(neighbours) <= {f"{name}.lock", f"{name}-wal", f"{name}-shm"}, left
    # A WAL file left by the refused open holds nothing to be copied into the store later.
    wal = traded_store.with_name(f"{name}-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_stores_are_compared_by_value_not_by_rowid(tmp_path: Path) -> None:
    """The checksum the matrix relies on sees a changed byte, type or row."""
    path = tmp_path / "t.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE outbox (terminal_seq INTEGER PRIMARY KEY, payload TEXT)")
        db.execute("INSERT INTO outbox VALUES (1, '{\"a\":1}'), (2, '5')")
    db.close()
    first = row_digests(path)
    for change in (
        "UPDATE outbox SET payload = '{\"a\":2}' WHERE terminal_seq = 1",
        "UPDATE outbox SET payload = CAST('5' AS BLOB) WHERE terminal_seq = 2",
        "DELETE FROM outbox WHERE terminal_seq = 2",
    ):
        copy = tmp_path / f"{abs(hash(change))}.db"
        shutil.copy(path, copy)
        with sqlite3.connect(copy) as db:
            db.execute(change)
        db.close()
        assert row_digests(copy) != first, change
