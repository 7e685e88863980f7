"""A year of trading stays as fast as the first day.

Two stores with the same demo data (10,000 customers by default): "first", whose open shift
holds its first day of bills, and "year", 100,000 closed bills over 365 business days with
the last day's shift open (bench/year_store.py). Both have the same open shift, so the X
report and the void read the same amount of today's work; only history differs. On each:
a bill closed in one unit of work (without and with a regular customer), a card tap of a
regular (identify → customer state: snapshot minus local effects), a manager's void, the X
report of the open shift; p50/p99 of each, with year/first ratios (budget: no time grows
more than 1.5×). Also the bytes each bill adds to the file, the outbox's share of the file
and its pending ops.

Nothing is acknowledged unless `--acked`: then every op before the last day is reflected,
the balances feed pulled past it and snapshots include its effects, as the sync engine
leaves a store; `--pruned` then runs the engine's own pruning (30 days' retention).
Stores are built once into .bench-data/sync-year/ and reused (`--rebuild` to redo); each
run measures fresh copies, so runs do not feed into each other.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from pathlib import Path

from sqlalchemy import text

from bench.report import Figure, percentile
from bench.year_build import build, checkpoint, file_bytes, remove, stale
from bench.year_store import AT, World, acknowledge, cash_for, new_bill, prune, world
from pos_terminal.db.repositories.balances import Balances
from pos_terminal.db.store import Store, open_store
from pos_terminal.services.identify import identify_by_card
from pos_terminal.services.shifts import close_in_shift, shift_report, void_bill

DATA = Path(__file__).resolve().parents[1] / ".bench-data" / "sync-year"
RATIO_BUDGET = 1.5
STORES = ("first", "year")


@dataclass
class Measured:
    samples: dict[str, list[float]] = field(default_factory=dict)  # ms per call
    bills: int = 0
    file_bytes: int = 0
    outbox_bytes: int = 0
    free_bytes: int = 0  # pages of the file no row uses (pruning leaves them for reuse)
    pending: int = 0


def _sizes(store: Store, measured: Measured) -> None:
    checkpoint(store)
    measured.file_bytes = file_bytes(store.path)
    with store.unit_of_work(read_only=True) as tx:
        run = tx.session.execute
        measured.bills = run(
            text("SELECT count(*) FROM bill WHERE status IN ('closed', 'voided')")
        ).scalar_one()
        # Bytes, not characters: the payloads hold Polish letters.
        measured.outbox_bytes = run(
            text("SELECT coalesce(sum(length(CAST(payload AS BLOB))), 0) FROM outbox")
        ).scalar_one()
        measured.pending = tx.outbox.pending_count()
        free = run(text("PRAGMA freelist_count")).scalar_one()
        measured.free_bytes = free * run(text("PRAGMA page_size")).scalar_one()


Op = Callable[[], object]  # one timed call
Factory = Callable[[Store, World, random.Random], Op]  # an op on one store


def _tap(store: Store, people: World, _rng: random.Random) -> Op:
    reads = itertools.cycle(people.regular_cards)

    def tap() -> None:
        with store.unit_of_work(read_only=True) as tx:
            day = AT.date()
            assert identify_by_card(tx, next(reads), today=day, business_date=day).found

    return tap


def _x_report(store: Store, _people: World, _rng: random.Random) -> Op:
    with store.unit_of_work(read_only=True) as tx:
        shift = tx.shifts.current()
    assert shift is not None, "the store must have its shift open"

    def x_report() -> None:
        with store.unit_of_work(read_only=True) as tx:
            shift_report(tx, shift.id)

    return x_report


def _close(store: Store, people: World, rng: random.Random, *, regular: bool) -> Op:
    clock = itertools.count()

    def close() -> None:
        bill = new_bill(rng, people.menu, rng.choice(people.regulars) if regular else None)
        at = AT + timedelta(seconds=next(clock))
        with store.unit_of_work() as tx:
            close_in_shift(tx, bill, cash_for(bill), name="", at=at, business_date=AT.date())

    return close


def _void(store: Store, people: World, rng: random.Random, *, count: int) -> Op:
    """Bills of regulars closed first (not timed); each call voids the next one."""
    bills = [new_bill(rng, people.menu, rng.choice(people.regulars)) for _ in range(count)]
    with store.unit_of_work() as tx:
        for bill in bills:
            close_in_shift(tx, bill, cash_for(bill), name="", at=AT, business_date=AT.date())
    ids = iter([bill.id for bill in bills])

    def void() -> None:
        with store.unit_of_work() as tx:
            void_bill(tx, people.manager, next(ids), "klient zrezygnował", now=AT)

    return void


def _interleaved(ops: dict[str, Op], count: int, warmup: int) -> dict[str, list[float]]:
    """Milliseconds per call, the stores' calls alternating, so that a burst of load on this
    machine (or the page cache warming) falls on both and leaves the ratio alone."""
    samples: dict[str, list[float]] = {name: [] for name in ops}
    for n in range(warmup + count):
        for name, op in ops.items():
            started = time.perf_counter_ns()
            op()
            if n >= warmup:
                samples[name].append((time.perf_counter_ns() - started) / 1e6)
    return samples


def _balances(store: Store, people: World) -> list[Balances]:
    with store.unit_of_work(read_only=True) as tx:
        return [tx.balances.available(c, AT.date()) for c in people.regulars]


def _prepare(store: Store, people: World, args: argparse.Namespace) -> Measured:
    if args.acked or args.pruned:
        shown = _balances(store, people)
        acknowledge(store, AT.date())
        if args.pruned:
            prune(store)
        assert _balances(store, people) == shown, "acknowledging changed what a tap shows"
    measured = Measured()
    _sizes(store, measured)
    return measured


def _measure(paths: dict[str, Path], args: argparse.Namespace) -> dict[str, Measured]:
    stores = {name: open_store(path, now=AT) for name, path in paths.items()}
    try:
        people = {name: world(store, args.regulars) for name, store in stores.items()}
        runs = {n: _prepare(s, people[n], args) for n, s in stores.items()}
        # The same bills, in the same order, on both stores.
        rngs = {name: random.Random(args.seed + 1) for name in stores}
        plan: dict[str, tuple[Factory, int, int]] = {  # (make, calls, warm-up calls)
            "tap": (_tap, args.taps, args.taps // 5),
            "x_report": (_x_report, args.reports, 10),
            "close": (partial(_close, regular=False), args.closes, 10),
            "close_regular": (partial(_close, regular=True), args.closes, 10),
            "void": (partial(_void, count=args.voids + 10), args.voids, 10),
        }
        for kind, (make, count, warmup) in plan.items():
            ops = {name: make(store, people[name], rngs[name]) for name, store in stores.items()}
            samples = _interleaved(ops, count, warmup)
            for name, measured in runs.items():
                measured.samples[kind] = samples[name]
        return runs
    finally:
        for store in stores.values():
            store.close()


def _figures(runs: dict[str, Measured], base_bytes: int) -> list[Figure]:
    first, year = runs["first"], runs["year"]
    figures: list[Figure] = []

    def compare(name: str, unit: str, of: Callable[[Measured], float], budget: bool) -> None:
        values = {store: of(runs[store]) for store in STORES}
        figures.extend(Figure(f"sync_year.{name}.{s}", values[s], unit) for s in STORES)
        ratio = values["year"] / values["first"] if values["first"] else float("inf")
        limit = RATIO_BUDGET if budget else None
        figures.append(Figure(f"sync_year.{name}.ratio", ratio, "×", limit))

    for name in first.samples:
        for label, fraction in (("p50", 0.5), ("p99", 0.99)):
            compare(f"{name}.{label}", "ms", partial(_percentile, name, fraction), True)
    compare("bytes_per_bill", "B", lambda m: (m.file_bytes - base_bytes) / m.bills, False)
    compare("outbox_share", "%", lambda m: 100 * m.outbox_bytes / m.file_bytes, False)
    figures += [
        Figure("sync_year.file.year", year.file_bytes / 1e6, "MB"),
        Figure("sync_year.bills.year", year.bills, "bills"),
        Figure("sync_year.free_share.year", 100 * year.free_bytes / year.file_bytes, "%"),
        Figure("sync_year.outbox_pending.first", first.pending, "ops"),
        Figure("sync_year.outbox_pending.year", year.pending, "ops"),
    ]
    return figures


def _percentile(name: str, fraction: float, measured: Measured) -> float:
    return percentile(measured.samples[name], fraction)


def main(argv: list[str]) -> list[Figure]:
    parser = argparse.ArgumentParser(prog="python -m bench sync-year")
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--bills", type=int, default=100_000, help="in the year store")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--regulars", type=int, default=5)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--taps", type=int, default=2000)
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--closes", type=int, default=300, help="of each kind")
    parser.add_argument("--voids", type=int, default=200)
    parser.add_argument("--acked", action="store_true", help="as if sync had acknowledged")
    parser.add_argument("--pruned", action="store_true", help="--acked, then the engine's prune")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    key = f"{args.customers}c-{args.bills}b-{args.days}d-{args.regulars}r-s{args.seed}"
    paths = {name: DATA / f"{name}-{key}.db" for name in STORES}
    meta = DATA / f"{key}.json"
    figures = []
    changed = meta.exists() and not args.rebuild and stale(paths["year"])
    if changed:
        print("sync-year: the schema changed since the stores were built", file=sys.stderr)
    if args.rebuild or changed or not meta.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        built = build(
            DATA / f"base-{args.customers}.db",
            paths,
            meta,
            customers=args.customers,
            bills=args.bills,
            days=args.days,
            regulars=args.regulars,
            seed=args.seed,
        )
        figures += [Figure(f"sync_year.build.{name}", s, "s") for name, s in built.items()]
        figures.append(Figure("sync_year.build.per_bill", 1000 * built["year"] / args.bills, "ms"))
    base_bytes = int(json.loads(meta.read_text())["base_bytes"])
    # Fresh copies: measuring closes and voids bills.
    work = {name: DATA / f"work-{name}.db" for name in STORES}
    try:
        for name, path in work.items():
            remove(path)
            shutil.copyfile(paths[name], path)
        runs = _measure(work, args)
    finally:
        for path in work.values():
            remove(path)
    return figures + _figures(runs, base_bytes)
