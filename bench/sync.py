"""Sync between terminals and the CRM, over HTTP on 127.0.0.1 with the real engine.

Figures (issue "Sync"):
1. `sync.first_sync_N_customers`: an empty terminal's first sync (`SyncEngine.run_once`)
   of N customers with a card each from the CRM on PostgreSQL (`python -m crm --workers
   2`), against a plain `executemany` of the same rows into an empty store in the same run
   (budget: ≤ 3×); also the share of the sync spent in the terminal's store, and the
   executemany with indexes and triggers lifted as bulk.py loads. N is 200,000 by default
   (`--customers`), 1,000,000 with `--big`.
2. `sync.tap_*`: card taps (`TerminalService.identify_card`) on a thread, idle and while
   that snapshot applies (budget: p99 during ≤ 2× idle).
3. `sync.offline_B_bills_<crm>`: B (10,000) bills sold while the CRM is down, pushed once
   it is back until nothing is pending (budget 20 s), lost and duplicated (budget 0), on a
   fresh SQLite CRM (`--offline-crm postgresql` or `both` for PostgreSQL).
4. `sync.push_T_terminals_2_workers_postgresql`: T (50) terminals pushing `bill.closed`
   batches at once for `--seconds` (20): ops/s, push latency p50/p99, lost and duplicated,
   and the deadlocks PostgreSQL detected meanwhile.

PostgreSQL is bench/crm.py's kept cluster (.bench-data/crm-pg); the database of N
customers is `crm_bench_N` if it is complete, else `crm_bench_sync_N`, built once and kept
(bench/sync_databases.py: about 3 minutes for 200,000). Terminals, SQLite CRMs and logs go
to a temporary folder under .bench-data/sync, kept if the run fails. Without PostgreSQL's
server binaries only figure 3 on SQLite runs.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from datetime import date
from pathlib import Path

from bench.cpus import pin_tree, postmaster, this_process_on
from bench.cpus import split as cpus_split
from bench.crm import DATA, KeptCluster
from bench.report import Figure
from bench.sync_crm import ServedCrm
from bench.sync_databases import (
    customers_database,
    deadlocks,
    fresh_postgres,
    fresh_sqlite,
    kept_cluster,
)
from bench.sync_fleet import figures as fleet_figures
from bench.sync_fleet import fleet
from bench.sync_offline import Offline, offline_bills
from bench.sync_snapshot import TAP_CUSTOMERS, first_sync
from bench.sync_snapshot import figures as first_sync_figures
from crm.services.container import CrmServices

PUSH_DEMO_CUSTOMERS = 1000  # the CRM's customers behind the pushed bills
PUSH_DATABASE = "crm_bench_sync_push"


def _first_sync(cluster: KeptCluster, customers: int, folder: Path, *, apart: bool) -> list[Figure]:
    url = customers_database(cluster, customers)
    services = CrmServices.at(url)
    cpus = cpus_split() if apart else None
    try:
        with ServedCrm(url, workers=2, log=folder / "crm-first-sync.log") as crm:
            if cpus is None:
                done = first_sync(services, crm, folder / "first-sync", date.today())
            else:  # a till does not run the CRM (bench/cpus.py)
                crm_cpus, terminal_cpus = cpus
                pin_tree(crm.pid, crm_cpus)
                pin_tree(postmaster(cluster.data), crm_cpus)
                with this_process_on(terminal_cpus):
                    done = first_sync(services, crm, folder / "first-sync", date.today())
                pin_tree(postmaster(cluster.data), crm_cpus | terminal_cpus)
    finally:
        services.close()
    where = (
        f"the CRM and PostgreSQL on processor(s) {sorted(cpus[0])}, the terminal on"
        f" {sorted(cpus[1])}"
        if cpus is not None
        else "the CRM, PostgreSQL and the terminal sharing every processor"
    )
    print(f"sync: first sync with {where}")
    print(
        f"sync: first sync: {done.customers:,} customers and {done.cards:,} cards cached"
        f" ({TAP_CUSTOMERS:,} of them loaded before, for the taps); {len(done.idle_ms):,} taps"
        f" idle, {len(done.during_ms):,} during the snapshot"
    )
    return first_sync_figures(done, f"{customers}_customers")


def _offline(url: str, label: str, bills: int, workers: int, folder: Path) -> list[Figure]:
    services = CrmServices.at(url)
    try:
        crm = ServedCrm(url, workers=workers, log=folder / f"crm-offline-{label}.log").start()
        try:
            done: Offline = offline_bills(
                services, crm, folder / f"offline-{label}", bills, date.today()
            )
        finally:
            crm.stop()
    finally:
        services.close()
    print(
        f"sync: offline on {label}: {done.sold:,} bills sold in {done.selling:.1f} s with the"
        f" CRM down; pushed in {done.cycles} engine cycle(s); the CRM holds"
        f" {done.tally.found:,}; {done.rejected} rejected"
    )
    name = f"sync.offline_{bills}_bills_{label}"
    return [
        Figure(f"{name}.until_none_pending", done.seconds, "s", 20.0 * bills / 10_000),
        Figure(f"{name}.in_terminal_store", done.terminal, "s"),
        Figure(f"{name}.lost", done.tally.lost, "bills", 0),
        Figure(f"{name}.duplicated", done.tally.duplicated, "bills", 0),
    ]


def _fleet(cluster: KeptCluster, terminals: int, seconds: float, folder: Path) -> list[Figure]:
    url = fresh_postgres(cluster, PUSH_DATABASE, PUSH_DEMO_CUSTOMERS)
    services = CrmServices.at(url)
    try:
        with ServedCrm(url, workers=2, log=folder / "crm-fleet.log") as crm:
            done = fleet(services, crm, terminals, seconds)
        stuck = deadlocks(services)  # read once the workers are gone: their stats are in
    finally:
        services.close()
    print(
        f"sync: {terminals} terminals for {done.seconds:.1f} s: {done.ops:,} bills acknowledged,"
        f" {done.refused} refused, {done.later} answered 'retry later', {done.resent} pushes"
        f" without an answer; the CRM holds"
        f" {done.tally.found:,}"
    )
    for reason in sorted(done.reasons)[:5]:
        print(f"sync: refused: {reason}")
    return fleet_figures(done, stuck)


def main(argv: list[str]) -> list[Figure]:
    parser = argparse.ArgumentParser(prog="python -m bench sync")
    parser.add_argument("--customers", type=int, default=200_000, help="for the first sync")
    parser.add_argument("--big", action="store_true", help="the first sync of 1,000,000")
    parser.add_argument(
        "--shared",
        action="store_true",
        help="the first sync with the CRM on the terminal's processors too (bench/cpus.py)",
    )
    parser.add_argument("--bills", type=int, default=10_000, help="sold offline")
    parser.add_argument(
        "--offline-crm",
        choices=("sqlite", "postgresql", "both"),
        default="sqlite",
        help="the CRM the offline bills go to (each run sells them anew: minutes)",
    )
    parser.add_argument("--terminals", type=int, default=50, help="pushing at once")
    parser.add_argument("--seconds", type=float, default=20.0, help="of the terminals' pushes")
    parser.add_argument(
        "--only", choices=("first", "offline", "fleet"), action="append", help="(repeatable)"
    )
    args = parser.parse_args(argv)
    customers = 1_000_000 if args.big else args.customers
    only = set(args.only or ("first", "offline", "fleet"))
    (DATA / "sync").mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=DATA / "sync"))
    try:
        figures = _run(args, customers, only, folder)
    except BaseException:
        print(f"sync: failed; the CRM's logs and the stores are kept in {folder}")
        raise
    shutil.rmtree(folder)
    return figures


def _run(args: argparse.Namespace, customers: int, only: set[str], folder: Path) -> list[Figure]:
    figures: list[Figure] = []
    with kept_cluster() as cluster:
        if cluster is None:
            print("sync: PostgreSQL server binaries are not installed: only figure 3 on SQLite")
        if cluster is not None and "first" in only:
            figures += _first_sync(cluster, customers, folder, apart=not args.shared)
        if "offline" in only and args.offline_crm in ("sqlite", "both"):
            (folder / "sqlite-crm").mkdir()
            url = fresh_sqlite(folder / "sqlite-crm", PUSH_DEMO_CUSTOMERS)
            figures += _offline(url, "sqlite", args.bills, 1, folder)
        if "offline" in only and args.offline_crm in ("postgresql", "both") and cluster:
            url = fresh_postgres(cluster, PUSH_DATABASE, PUSH_DEMO_CUSTOMERS)
            figures += _offline(url, "postgresql", args.bills, 2, folder)
        if cluster is not None and "fleet" in only:
            figures += _fleet(cluster, args.terminals, args.seconds, folder)
        if cluster is not None:  # its bills were counted; the next run makes it again
            cluster.execute(f"DROP DATABASE IF EXISTS {PUSH_DATABASE} WITH (FORCE)")
    return figures
