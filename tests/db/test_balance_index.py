"""A card tap reads only the effects the snapshot does not include yet, through an index, and
a void finds its bill's `bill.closed` op through an index: the plans SQLite chooses, and the
figures, which must be what the plain definition gives."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import event, insert

from pos_terminal.db.models import OutboxRow
from pos_terminal.db.repositories.balances import BillEffect
from pos_terminal.db.store import Store
from pos_terminal.db.uow import UnitOfWork
from pos_terminal.domain.bill import Bill
from pos_terminal.services.bills import BILL_CLOSED

from .conftest import JAN, NOW, TODAY, ZOLC, seed

YESTERDAY = TODAY - timedelta(days=1)
_SEARCH = re.compile(r"SEARCH customer_effect USING (?:COVERING )?INDEX \w+ \((.+)\)")
# What may bound the read of today's limit: the customer's pending effects (as above), the
# customer's of the day, or the day's of every customer; never all of the customer's.
_DAY_RANGES = {
    "customer_id=? AND reflected_seq=?",
    "customer_id=? AND reflected_seq>?",
    "customer_id=? AND business_date=? AND reflected_seq=?",
    "customer_id=? AND business_date=? AND reflected_seq>?",
    "business_date=?",
}
AS_OF = 10  # JAN's balance snapshot, from the seed
LIMIT_AS_OF = 7

# (reflected_seq, business_date, credits used, wallet used, group discount, points earned)
JANS_EFFECTS = [
    (None, TODAY, 100, 1000, 50, 3),  # not in any snapshot yet
    (None, YESTERDAY, 200, 0, 70, 5),
    (5, TODAY, 400, 0, 110, 7),  # in both snapshots
    (8, TODAY, 800, 2000, 130, 11),  # in the balance snapshot, not in the limit's
    (10, YESTERDAY, 1600, 0, 170, 13),  # exactly the balance snapshot's position: in it
    (11, TODAY, 3200, 4000, 190, 17),  # after both
    (12, YESTERDAY, 6400, 0, 230, 19),
    (None, TODAY, -100, -1000, -50, -3),  # a void's reversal of the first
]


def _effects(store: Store) -> None:
    """JAN's effects above, plus some of another customer that must not count."""
    seed(store)
    with store.unit_of_work() as tx:
        tx.balances.set_limit_used(JAN.id, TODAY, used=900, as_of_seq=LIMIT_AS_OF)
        others = [(None, TODAY, 99, 99, 99, 99), (3, TODAY, 99, 99, 99, 99)]
        for customer_id, rows in ((JAN.id, JANS_EFFECTS), (ZOLC.id, others)):
            for n, (seq, day, credits, wallet, discount, points) in enumerate(rows):
                bill_id = f"b-{customer_id}-{n}"
                tx.bills.save_draft(Bill(bill_id, ()), name="", now=NOW)
                op_id = f"op-{bill_id}"
                tx.balances.record(
                    BillEffect(op_id, customer_id, bill_id, day, credits, wallet, discount, points)
                )
                tx.session.connection().exec_driver_sql(
                    "UPDATE customer_effect SET reflected_seq = ? WHERE op_id = ?", (seq, op_id)
                )


def _expected() -> tuple[int, int, int, int]:
    """The definition: snapshot − every effect whose reflected_seq is NULL or after it."""

    def pending(seq: int | None, as_of: int) -> bool:
        return seq is None or seq > as_of

    rows = JANS_EFFECTS
    credits = 5000 - sum(r[2] for r in rows if pending(r[0], AS_OF))
    wallet = 20000 - sum(r[3] for r in rows if pending(r[0], AS_OF))
    points = 120 + sum(r[5] for r in rows if pending(r[0], AS_OF))
    used = 900 + sum(r[4] for r in rows if r[1] == TODAY and pending(r[0], LIMIT_AS_OF))
    return credits, wallet, points, used


def _constraint(step: str) -> str:
    """What an index search of customer_effect is bounded by ("SCAN" when it is not)."""
    found = _SEARCH.fullmatch(step)
    return found.group(1) if found else "SCAN"


@contextmanager
def _statements(store: Store) -> Iterator[list[tuple[str, Any]]]:
    """Every statement sent to SQLite meanwhile, with its parameters."""
    seen: list[tuple[str, Any]] = []

    def record(_c: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", record)


def _plans(store: Store, run: Callable[[UnitOfWork], object], table: str) -> list[list[str]]:
    """The query plan of each statement `run` sends that reads `table`."""
    with _statements(store) as seen, store.unit_of_work(read_only=True) as tx:
        run(tx)
    reading = [(sql, params) for sql, params in seen if f"FROM {table}" in sql]
    assert reading, f"no statement read {table}"
    with store.unit_of_work(read_only=True) as tx:
        connection = tx.session.connection()
        return [
            [row[3] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)]
            for sql, params in reading
        ]


@pytest.mark.parametrize("analyzed", [False, True], ids=["fresh", "analyzed"])
def test_a_tap_reads_only_the_pending_effects_by_index(store: Store, analyzed: bool) -> None:
    _effects(store)
    if analyzed:  # with statistics too, in case the store ever runs ANALYZE / PRAGMA optimize
        with store.engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
    plans = _plans(store, lambda tx: tx.balances.available(JAN.id, TODAY), "customer_effect")
    [plan] = plans  # one statement for the whole of it: one wait for the interpreter lock
    searches = [_constraint(step) for step in plan if "customer_effect" in step]
    # In the statement's order: the balances, today's discount limit, the allowance; each
    # the two halves of a UNION ALL (IS NULL, > the bound), each a range of an index with
    # the feed position right after customer_id: never every effect the customer ever had.
    assert len(searches) == 6, plan
    balances, limit, allowance = searches[0:2], searches[2:4], searches[4:6]
    assert sorted(balances) == [
        "customer_id=? AND reflected_seq=?",
        "customer_id=? AND reflected_seq>?",
    ], plan
    # The day's limit may also be read through the day (one day's effects of every customer).
    assert all(c in _DAY_RANGES for c in limit), plan
    assert sorted(allowance) == [
        "customer_id=? AND allowance_seq=?",
        "customer_id=? AND allowance_seq>?",
    ], plan


def test_what_a_tap_shows_is_the_snapshot_minus_what_it_does_not_include(store: Store) -> None:
    _effects(store)
    with store.unit_of_work(read_only=True) as tx:
        mine = tx.balances.available(JAN.id, TODAY)
        other_day = tx.balances.available(JAN.id, date(2026, 11, 1))
        nobody = tx.balances.available("c-nobody", TODAY)
    figures = (mine.credits.minor, mine.wallet.minor, mine.points)
    assert (*figures, mine.group_discount_used_today.minor) == _expected()
    # No effect here is in the reference stream's figure of the allowance yet: all of it.
    assert mine.allowance_used_here.minor == sum(effect[4] for effect in JANS_EFFECTS)
    assert (other_day.credits.minor, other_day.points) == figures[::2]
    assert other_day.group_discount_used_today.minor == 0  # no snapshot, no effects that day
    assert (nobody.credits.minor, nobody.wallet.minor, nobody.points) == (0, 0, 0)
    assert nobody.allowance_used_here.minor == nobody.group_discount_used_today.minor == 0


def test_a_void_finds_the_bills_closed_op_by_index(store: Store) -> None:
    seed(store)
    with store.unit_of_work() as tx:
        # Other bills' ops, and other kinds of op about the same bill. Rows written as they
        # are stored: only their kind and aggregate matter here, not how ops are made.
        tx.session.execute(
            insert(OutboxRow),
            [
                {
                    "op_id": f"op-{kind}-{n}",
                    "kind": kind,
                    "aggregate_id": f"b{n}",
                    "payload": "{}",
                    "payload_sha256": "0" * 64,
                    "created_at": NOW,
                    "state": "pending",
                }
                for n in range(50)
                for kind in (BILL_CLOSED, "bill.voided")
            ],
        )
    with store.unit_of_work(read_only=True) as tx:
        first = tx.outbox.op_for(BILL_CLOSED, "b7")
    plans = _plans(store, lambda tx: tx.outbox.op_for(BILL_CLOSED, "b7"), "outbox")
    assert first == f"op-{BILL_CLOSED}-7"
    [plan] = plans
    assert [step for step in plan if "outbox" in step] == [
        "SEARCH outbox USING INDEX ix_outbox_kind_aggregate (kind=? AND aggregate_id=?)"
    ], plan
