"""Stores for `python -m bench sync-year`: a year of a busy restaurant's bills, and its first
day, made through the terminal's real close path (many bills per unit of work).

Each business day opens a shift, closes its bills (a share with a customer, a few regulars
among them on most days) and voids a few, and is closed with its Z report; the last day's
shift stays open. Deterministic: the same seed gives the same stores.
"""

from __future__ import annotations

import random
import sys
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from time import perf_counter

from sqlalchemy import text

from loyalty.catalog import Product
from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind
from pos_terminal.db.store import Store
from pos_terminal.db.sync_store import RETENTION
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.domain.staff import StaffMember
from pos_terminal.services.shifts import close_in_shift, close_shift, open_shift, void_bill

AT = datetime(2026, 11, 21, 19, 30)  # "now": the evening of the last business day
OPENS, SELLS_FOR = time(10, 0), timedelta(hours=12)
FLOAT = 50_000
REGULAR_SHARE, CUSTOMER_SHARE, VOID_SHARE = 0.2, 0.45, 0.003


@dataclass(frozen=True, slots=True)
class World:
    """What the bills are made of: the menu, staff and customers of the demo store."""

    menu: Sequence[Product]
    cashier: StaffMember
    manager: StaffMember
    regulars: Sequence[str]  # customer ids, each on ~REGULAR_SHARE / len of all bills
    regular_cards: Sequence[str]  # a card code of each regular, as a reader types it
    customers: Sequence[str]  # every other active customer


def world(store: Store, regulars: int) -> World:
    """Regulars are active customers in a group (so the daily discount limit is read on
    every tap) with a card usable on the last day."""
    with store.unit_of_work(read_only=True) as tx:
        cashier, manager = tx.staff.find_by_pin("1111"), tx.staff.find_by_pin("9999")
        assert cashier is not None and manager is not None, "the demo staff are missing"
        picked = tx.session.execute(
            text(
                "SELECT customer.id, card.code FROM customer"
                " JOIN card ON card.customer_id = customer.id"
                " WHERE customer.active AND customer.group_id IS NOT NULL AND NOT card.blocked"
                " AND (card.expires_on IS NULL OR card.expires_on > :today)"
                " ORDER BY customer.id LIMIT :n"
            ),
            {"today": AT.date().isoformat(), "n": regulars},
        ).all()
        ids = [customer_id for customer_id, _ in picked]
        others = tx.session.execute(
            text("SELECT id FROM customer WHERE active ORDER BY id")
        ).scalars()
        chosen = set(ids)
        return World(
            menu=tx.catalog.products(),
            cashier=cashier,
            manager=manager,
            regulars=ids,
            regular_cards=[code for _, code in picked],
            customers=[c for c in others if c not in chosen],
        )


def new_bill(rng: random.Random, menu: Sequence[Product], customer_id: str | None) -> Bill:
    lines = tuple(
        BillLine(f"l{n}", rng.choice(menu), rng.choice((1, 1, 1, 2, 3)))
        for n in range(rng.randint(1, 8))
    )
    return Bill(str(uuid.UUID(int=rng.getrandbits(128))), lines, customer_id=customer_id)


def cash_for(bill: Bill) -> tuple[Tender, ...]:
    """Cash rounded up to 10 zł over the gross: covers any total without pricing twice."""
    gross = sum(line.product.price.minor * line.quantity for line in bill.lines)
    return (Tender(TenderKind.CASH, Money((gross // 1000 + 1) * 1000)),)


def _customer(rng: random.Random, people: World) -> str | None:
    draw = rng.random()
    if draw < REGULAR_SHARE and people.regulars:
        return rng.choice(people.regulars)
    return rng.choice(people.customers) if draw < CUSTOMER_SHARE else None


def trade_day(
    store: Store, people: World, rng: random.Random, day: date, bills: int, *, last: bool
) -> None:
    """One business day in one unit of work: open the shift, sell, void a few, close it
    (the last day's shift stays open, as the terminal's is now)."""
    opened = datetime.combine(day, OPENS)
    step = SELLS_FOR / max(bills, 1)
    with store.unit_of_work() as tx:
        open_shift(tx, people.cashier, FLOAT, now=opened, business_date=day)
        for n in range(bills):
            at = opened + step * (n + 1)
            bill = new_bill(rng, people.menu, _customer(rng, people))
            close_in_shift(
                tx, bill, cash_for(bill), name="", at=at, business_date=day, cashier=people.cashier
            )
            if rng.random() < VOID_SHARE:
                void_bill(tx, people.manager, bill.id, "pomyłka kelnera", now=at)
        if not last:
            close_shift(tx, people.manager, now=opened + SELLS_FOR + timedelta(minutes=30))


def per_day(bills: int, days: int) -> list[int]:
    """`bills` spread over `days`, the remainder on the earliest days."""
    base, extra = divmod(bills, days)
    return [base + (1 if n < extra else 0) for n in range(days)]


def trade(store: Store, people: World, *, bills: int, days: int, seed: int) -> None:
    """`days` business days up to AT's, `bills` in all."""
    rng = random.Random(seed)
    counts = per_day(bills, days)
    started = lap = perf_counter()
    first = AT.date() - timedelta(days=days - 1)
    for n, count in enumerate(counts):
        trade_day(store, people, rng, first + timedelta(days=n), count, last=n == days - 1)
        if n % 30 == 29:  # the last 30 days' pace shows whether closing slows with history
            done, now = sum(counts[: n + 1]), perf_counter()
            pace = 1000 * (now - lap) / sum(counts[n - 29 : n + 1])
            print(
                f"  {done:,} bills, {n + 1} days, {now - started:.0f} s, {pace:.2f} ms/bill",
                file=sys.stderr,
                flush=True,
            )
            lap = now


def acknowledge(store: Store, last_day: date) -> None:
    """What the sync engine (pos_terminal/db/repositories/sync_queue.py) will have done by
    now, in bulk: every op before `last_day` acked with the balances feed position that shows
    it (its terminal_seq stands in for the CRM's position), the feed pulled that far, and each
    customer's snapshot including those effects. Run once, on a store never acknowledged.
    Balances shown are unchanged; only the last day's effects are still pending."""
    cutoff = datetime.combine(last_day, time(0)).isoformat(sep=" ")
    with store.unit_of_work() as tx:
        run = tx.session.execute
        run(
            text(
                "UPDATE outbox SET state = 'reflected', acked_at = created_at,"
                " reflect_at = json_object('balances', terminal_seq)"
                " WHERE state = 'pending' AND created_at < :cutoff"
            ),
            {"cutoff": cutoff},
        )
        run(
            text(
                "UPDATE customer_effect SET reflected_seq = (SELECT terminal_seq FROM outbox"
                " WHERE outbox.op_id = customer_effect.op_id AND outbox.state = 'reflected')"
                " WHERE reflected_seq IS NULL"
            )
        )
        run(
            text(
                "INSERT INTO sync_stream (stream, position) SELECT 'balances',"
                " coalesce(max(terminal_seq), 0) FROM outbox WHERE state = 'reflected'"
                " ON CONFLICT (stream) DO UPDATE SET position = excluded.position"
            )
        )
        run(
            text(
                "UPDATE balance_snapshot SET"
                " credits_minor = balance_snapshot.credits_minor - done.credits_used,"
                " wallet_minor = balance_snapshot.wallet_minor - done.wallet_used,"
                " points = balance_snapshot.points + done.points_earned, as_of_seq = done.seq"
                " FROM (SELECT customer_id, sum(credits_used_minor) AS credits_used,"
                " sum(wallet_used_minor) AS wallet_used, sum(points_earned) AS points_earned,"
                " max(reflected_seq) AS seq FROM customer_effect"
                " WHERE reflected_seq > 0 GROUP BY customer_id) AS done"
                " WHERE balance_snapshot.customer_id = done.customer_id"
            )
        )


def prune(store: Store) -> int:
    """The sync engine's own pruning, as it runs once the CRM's high-water mark covers every
    acked op; returns how many ops went."""
    with store.unit_of_work() as tx:
        hwm = tx.sync_queue.highest_acked()
        return tx.sync_queue.prune(before=AT - RETENTION, hwm=hwm)
