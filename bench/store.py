"""The local store with a chain's worth of customers (default 1,000,000).

Figures: loading them (budget 60 s); a card read → customer identified, attached and the
bill repriced, the sale screen's own path (budget p99 1 ms), and the draft saved after it;
the cashier's search per keystroke for each kind of query, ranked, with what its rows show
(budget p99 10 ms) on a till where SEEN customers have closed a bill, with the naive
`LIKE '%q%'` scan measured in the same run for comparison; and the
resident memory of this process after all of it (budget 250 MB).

The database is built once into .bench-data/ (in a separate process, so the memory figure
is that of a terminal that only opens the cache) and reused; `--rebuild` builds it again.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import re
import sqlite3
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing
from datetime import datetime
from pathlib import Path

from sqlalchemy import text

from bench.report import Figure, percentile, time_each
from loyalty.customers import fold_diacritics
from pos_terminal.db.store import Store, open_store
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.services.demo import install_demo_data
from pos_terminal.services.terminal import TerminalService

DATA = Path(__file__).resolve().parents[1] / ".bench-data"
AT = datetime(2026, 11, 21, 19, 30)


def _rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process, from /proc (Linux)."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def _build(path: Path, customers: int) -> float:
    """Build the database; runs in its own process so its memory is not counted below."""
    store = open_store(path, now=AT)
    try:
        started = time.perf_counter()
        install_demo_data(store, customers=customers)
        return time.perf_counter() - started
    finally:
        store.close()


def _open(customers: int, *, rebuild: bool) -> tuple[Store, float | None]:
    path = DATA / f"store-{customers}.db"
    built = None
    if rebuild or not path.exists():
        DATA.mkdir(exist_ok=True)
        for stale in DATA.glob(f"{path.name}*"):
            stale.unlink()
        partial = path.with_name(path.name + ".partial")
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            built = pool.submit(_build, partial, customers).result()
        for suffix in ("", "-wal", "-shm"):
            source = partial.with_name(partial.name + suffix)
            if source.exists():
                source.rename(path.with_name(path.name + suffix))
        partial.with_name(partial.name + ".lock").unlink(missing_ok=True)
    return open_store(path, now=AT), built


def _card_forms(code: str) -> list[str]:
    """The forms readers type for one card. W26 is left out: its 24 bits cannot single out
    one card among a million (the store answers "ambiguous" for it, by design)."""
    value = int(code)
    forward = f"{value:08X}"
    reversed_bytes = "".join(reversed([forward[i : i + 2] for i in range(0, 8, 2)]))
    return [code, forward, reversed_bytes, f"01{forward}"]


def _typed(query: str) -> list[str]:
    return [query[:end] for end in range(1, len(query) + 1)]


def _digits(query: str) -> int:
    return sum(ch.isdigit() for ch in query.removeprefix("+48"))


def _samples(
    store: Store, taps: int, people: int
) -> tuple[list[str], list[tuple[str, str, str]], Bill]:
    """Card codes and (name, phone, e-mail) of random customers, and an 8-line bill."""
    rng = random.Random(5)
    with store.unit_of_work(read_only=True) as tx:
        count = tx.session.execute(text("SELECT max(rowid) FROM customer")).scalar_one()
        picks = [rng.randint(1, count) for _ in range(taps + people)]
        codes = tx.session.execute(
            text(
                "SELECT card.code FROM card JOIN customer ON customer.id = card.customer_id"
                " WHERE customer.rowid IN (SELECT value FROM json_each(:ids))"
                " AND card.blocked = 0 AND customer.active = 1"
                " AND (card.expires_on IS NULL OR card.expires_on > :today)"
            ),
            {"ids": str(picks[:taps]), "today": AT.date().isoformat()},
        ).scalars()
        reads = [rng.choice(_card_forms(code)) for code in codes]
        found = tx.session.execute(
            text(
                "SELECT name, phone, email FROM customer"
                " WHERE rowid IN (SELECT value FROM json_each(:ids))"
            ),
            {"ids": str(picks[taps:])},
        )
        rows = [(name, phone or "", email or "") for name, phone, email in found]
        menu = tx.catalog.products()
    lines = tuple(BillLine(f"l{i}", menu[i * 7 % len(menu)], 1 + i % 3) for i in range(8))
    return reads, rows, Bill("bench", lines)


def _taps(store: Store, reads: list[str], bill: Bill) -> list[Figure]:
    """A tap as the sale screen runs it on its database thread (`SalePresenter._identify`):
    `attach_card` — identify, attach, price, one read-only unit of work — is what the cashier
    waits for; `save_draft`, queued behind it, is timed apart. Then the same again with a
    commit on another connection before each tap (the sync engine's, say): SQLite drops the
    tap's connection's page cache, and the rules are read again (`db/rules_cache.py`)."""
    service = TerminalService(store)
    today = AT.date()

    def tap(read: str) -> Bill:
        tapped = service.attach_card(bill, read, at=AT, today=today, business_date=today)
        assert tapped.priced is not None, (read, tapped.identification.status)
        return tapped.bill

    def save(attached: Bill) -> None:
        service.save_draft(attached, name="bench", at=AT)

    def run(other: sqlite3.Connection | None) -> tuple[list[float], list[float]]:
        taps, saves = [], []
        for read in reads:
            if other is not None:
                # A change (SQLite writes nothing for an update that changes nothing).
                other.execute("UPDATE bill SET name = name || '.' WHERE id = 'bench'")
                other.commit()
            started = time.perf_counter_ns()
            attached = tap(read)
            tapped = time.perf_counter_ns()
            save(attached)
            taps.append((tapped - started) / 1e6)
            saves.append((time.perf_counter_ns() - tapped) / 1e6)
        return taps, saves

    run(None)  # warms the page cache as a terminal in use has it
    taps, saves = run(None)
    with closing(sqlite3.connect(store.path)) as other:
        after_commit, _ = run(other)
    with store.unit_of_work() as tx:  # the shared database as it was
        tx.session.execute(text("DELETE FROM bill_line WHERE bill_id = 'bench'"))
        tx.session.execute(text("DELETE FROM bill WHERE id = 'bench'"))
    return [
        Figure("store.card_to_priced.p50", percentile(taps, 0.5), "ms"),
        Figure("store.card_to_priced.p99", percentile(taps, 0.99), "ms", 1.0),
        Figure("store.draft_save.p50", percentile(saves, 0.5), "ms"),
        Figure("store.draft_save.p99", percentile(saves, 0.99), "ms"),
        Figure("store.card_to_priced.after_commit.p50", percentile(after_commit, 0.5), "ms"),
        Figure("store.card_to_priced.after_commit.p99", percentile(after_commit, 0.99), "ms"),
    ]


def _keystrokes(people: list[tuple[str, str, str]]) -> dict[str, list[str]]:
    """Every keystroke of a cashier typing each kind of query for these customers."""
    kinds: dict[str, list[str]] = {
        "name": [],
        "name_folded": [],
        "phone": [],
        "phone_fragment": [],
        "email": [],
        "email_fragment": [],
        "name_as_email": [],
    }
    for name, phone, email in people:
        surname_first = " ".join(reversed(name.split()[:2]))
        kinds["name"] += _typed(surname_first)
        kinds["name_folded"] += _typed(fold_diacritics(surname_first).lower())
        if phone:
            spaced = f"{phone[:3]} {phone[3:6]} {phone[6:9]} {phone[9:]}"
            kinds["phone"] += [q for q in _typed(spaced) if _digits(q) >= 3]
            fragment = f"{phone[-6:-3]} {phone[-3:]}"
            kinds["phone_fragment"] += [q for q in _typed(fragment) if _digits(q) >= 3]
        if email:
            kinds["email"] += _typed(email[: email.index("@") + 3])
            # From inside the address: what follows its first separator ("zofia2" of
            # "czarnecka.zofia2@…"), else all but its first two letters, from 3 typed.
            local = email[: email.index("@")]
            inside = (
                re.split(r"[._-]", local, maxsplit=1)[-1]
                if re.search(r"[._-]", local)
                else local[2:]
            )
            kinds["email_fragment"] += [q for q in _typed(inside) if len(q) >= 3]
        first, surname = fold_diacritics(name).lower().split()[:2]
        kinds["name_as_email"] += _typed(f"{first}.{surname[:4]}")  # "jan.kowa"
    return kinds


SEEN = 5000  # customers who closed a bill on the till the searches run on


def _seen(store: Store, count: int) -> None:
    """A till that has traded a while: `count` customers closed a bill on it (a random
    set; the search checks the latest RECENT of them against every keystroke)."""
    rng = random.Random(12)
    with store.unit_of_work() as tx:
        top = tx.session.execute(text("SELECT max(rowid) FROM customer")).scalar_one()
        picks = [rng.randint(1, top) for _ in range(count)]
        tx.session.execute(text("DELETE FROM customer_seen"))
        tx.session.execute(
            text(
                "INSERT OR REPLACE INTO customer_seen (customer_id, last_bill_at)"
                " SELECT id, datetime('2026-11-21', '-' || (rowid % 365) || ' days')"
                " FROM customer WHERE rowid IN (SELECT value FROM json_each(:ids))"
            ),
            {"ids": str(picks)},
        )


def _searches(store: Store, kinds: dict[str, list[str]]) -> list[Figure]:
    def search(query: str) -> None:
        with store.unit_of_work(read_only=True) as tx:
            tx.customers.search(query)

    _seen(store, SEEN)
    figures, everything = [], []
    for kind, queries in kinds.items():
        samples = time_each(search, queries)
        everything += samples
        figures.append(Figure(f"store.search.{kind}.p99", percentile(samples, 0.99), "ms", 10.0))
    figures += [
        Figure("store.search.p50", percentile(everything, 0.5), "ms"),
        Figure("store.search.p99", percentile(everything, 0.99), "ms", 10.0),
        Figure("store.search.keystrokes", len(everything), "queries"),
    ]
    return figures


def _naive(store: Store, kinds: dict[str, list[str]]) -> list[Figure]:
    """The same kinds of query as a plain scan, as a point of comparison."""

    def scan(query: str) -> None:
        with store.unit_of_work(read_only=True) as tx:
            tx.session.execute(
                text(
                    "SELECT id FROM customer WHERE name LIKE :q OR phone LIKE :q"
                    " OR email LIKE :q LIMIT 50"
                ),
                {"q": f"%{query}%"},
            ).all()

    queries = [q for queries in kinds.values() for q in queries[len(queries) // 3 :: 15]]
    samples = time_each(scan, queries)
    return [
        Figure("store.naive_like.p50", percentile(samples, 0.5), "ms"),
        Figure("store.naive_like.p99", percentile(samples, 0.99), "ms"),
    ]


def main(argv: list[str]) -> list[Figure]:
    parser = argparse.ArgumentParser(prog="python -m bench store")
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--taps", type=int, default=2000)
    parser.add_argument("--people", type=int, default=40, help="customers to search for")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    store, built = _open(args.customers, rebuild=args.rebuild)
    figures = []
    if built is not None:
        budget = 60.0 * args.customers / 1_000_000
        figures.append(Figure("store.load", built, "s", budget))
    try:
        reads, people, bill = _samples(store, args.taps, args.people)
        figures += _taps(store, reads, bill)
        kinds = _keystrokes(people)
        figures += _searches(store, kinds)
        figures += _naive(store, kinds)
    finally:
        store.close()
    current, peak = _rss_mb()
    figures += [Figure("store.rss", current, "MB", 250.0), Figure("store.rss_peak", peak, "MB")]
    return figures
