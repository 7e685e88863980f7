"""The CRM on PostgreSQL with a chain's worth of customers (default 1,000,000).

Figures:
- `crm.bulk_topup`: one credits top-up of 100,000 customers chosen by a filter (a tag), in
  set-based SQL (budget 10 s);
- `crm.list_p99`: the first page of the customer list filtered by text (the first letters
  of a surname) and group, through the service (budget p99 100 ms); text alone too;
- `crm.credit_ops`: credit operations per second over HTTP with 8 concurrent clients on
  distinct customers, against `python -m crm --workers 2` (no budget: a capacity figure).

PostgreSQL runs in a cluster of its own under .bench-data/crm-pg (initdb + pg_ctl, with the
tests' settings: fsync and synchronous_commit off, so the figures are of the CRM, not the
disk), kept between runs with its database, which is built once (`--rebuild` builds it
again): the demo programme and customers, loaded through the CRM's own bulk path.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
from sqlalchemy import text

from bench.report import Figure, percentile, time_each
from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.customer_filter import CustomerFilter
from crm.services.ledger import OperationRequest
from crm.store.migrate import upgrade_to_head
from tests.live_crm import free_port
from tests.postgres import PostgresCluster, server_binaries

DATA = Path(__file__).resolve().parents[1] / ".bench-data"
TOPUP_TAG = "bench-topup"
PASSWORD = "bench password 1"


class KeptCluster(PostgresCluster):
    """A cluster in a fixed folder that outlives the run (a million customers take minutes)."""

    def __init__(self, binaries: Path, folder: Path) -> None:
        super().__init__(binaries)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = folder
        self.data = folder / "data"
        folder.mkdir(parents=True, exist_ok=True)
        if self._as_postgres:
            shutil.chown(folder, "postgres", "postgres")

    def start(self) -> KeptCluster:
        if (self.data / "PG_VERSION").exists():
            self.serve()
        else:
            shutil.rmtree(self.data, ignore_errors=True)
            super().start()
        return self

    def stop(self) -> None:
        self._run(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop")


def _database(cluster: KeptCluster, customers: int, rebuild: bool) -> tuple[str, float | None]:
    name = f"crm_bench_{customers}"
    url = cluster.url(name)
    probe = CrmServices.at(cluster.url("postgres"))
    with probe.ctx.db.engine.connect() as connection:
        exists = connection.scalar(text(f"SELECT 1 FROM pg_database WHERE datname = '{name}'"))
    probe.close()
    if exists and not rebuild:
        kept = CrmServices.at(url)  # a database kept from an older build: bring it to head
        upgrade_to_head(kept.ctx.db.engine)
        kept.close()
        return url, None
    cluster.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    cluster.execute(f"CREATE DATABASE {name}")
    services = CrmServices.at(url)
    upgrade_to_head(services.ctx.db.engine)
    started = time.perf_counter()
    services.transfer.install_demo(customers=customers)
    loaded = time.perf_counter() - started
    with services.ctx.db.session() as session:
        session.execute(
            text(
                "INSERT INTO customer_tag (customer_id, tag) "
                "SELECT id, :tag FROM customer ORDER BY id LIMIT 100000"
            ),
            {"tag": TOPUP_TAG},
        )
        session.execute(text("ANALYZE customer_tag"))
    services.close()
    return url, loaded


def _topup(services: CrmServices) -> Figure:
    request = OperationRequest("credits", "add", 1000, "bench: bulk top-up")
    started = time.perf_counter()
    operation = services.ledger.operate_bulk(CLI, request, CustomerFilter(tag=TOPUP_TAG))
    elapsed = time.perf_counter() - started
    print(f"crm.bulk_topup: {operation.runs[0].customers if operation.runs else 0} customers")
    return Figure("crm.bulk_topup", elapsed, "s", 10.0)


def _list_queries(services: CrmServices, count: int) -> list[tuple[str, str]]:
    """(first 3–5 letters of a sampled customer's surname, a group): what an owner types."""
    with services.ctx.db.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT name, group_id FROM customer TABLESAMPLE SYSTEM (1) LIMIT :n"),
            {"n": count},
        ).all()
        groups = list(connection.scalars(text("SELECT id FROM customer_group ORDER BY id")))
    rng = random.Random(7)
    return [
        (name.split()[-1][: rng.randint(3, 5)], group_id or rng.choice(groups))
        for name, group_id in rows
    ]


def _listing(services: CrmServices, queries: list[tuple[str, str]]) -> list[Figure]:
    def with_group(query: tuple[str, str]) -> None:
        services.customers.list(CLI, CustomerFilter(text=query[0], group_id=query[1]), limit=50)

    def text_only(query: tuple[str, str]) -> None:
        services.customers.list(CLI, CustomerFilter(text=query[0]), limit=50)

    figures = []
    for label, page, budget in (
        ("text_and_group", with_group, 100.0),
        ("text", text_only, None),
    ):
        samples = time_each(page, queries)
        figures += [
            Figure(f"crm.list_{label}_p50", percentile(samples, 0.5), "ms"),
            Figure(f"crm.list_{label}_p99", percentile(samples, 0.99), "ms", budget),
        ]
    return figures


def _credit_ops(url: str, services: CrmServices, seconds: float) -> Figure:
    username = f"bench-{os.getpid()}"
    services.accounts.create(CLI, username, PASSWORD, "manager")
    with services.ctx.db.engine.connect() as connection:
        customers = list(connection.scalars(text("SELECT id FROM customer ORDER BY id LIMIT 8")))
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "crm",
            "--database",
            url,
            "--port",
            str(port),
            "--workers",
            "2",
            "--no-scheduler",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/readyz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the CRM did not start")
            time.sleep(0.2)
        done = [0] * len(customers)
        stop_at = time.monotonic() + seconds

        def client(index: int, customer_id: str) -> None:
            with httpx.Client(base_url=base, timeout=30) as http:
                token = http.post(
                    "/v1/auth/login", json={"username": username, "password": PASSWORD}
                ).json()["token"]
                http.headers["Authorization"] = f"Bearer {token}"
                path = f"/v1/customers/{customer_id}/balances/credits/operations"
                while time.monotonic() < stop_at:
                    answer = http.post(path, json={"kind": "add", "amount": 100})
                    if answer.status_code < 300:
                        done[index] += 1

        threads = [threading.Thread(target=client, args=(i, c)) for i, c in enumerate(customers)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    return Figure("crm.credit_ops", sum(done) / elapsed, "ops/s")


def main(argv: list[str]) -> list[Figure]:
    parser = argparse.ArgumentParser(prog="python -m bench crm")
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=10.0, help="of concurrent credit ops")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    binaries = server_binaries()
    if binaries is None:
        print("crm: PostgreSQL server binaries are not installed (apt-get install postgresql)")
        return []
    cluster = KeptCluster(binaries, DATA / "crm-pg").start()
    try:
        url, loaded = _database(cluster, args.customers, args.rebuild)
        figures = [] if loaded is None else [Figure("crm.demo_load", loaded, "s")]
        services = CrmServices.at(url)
        try:
            # The list first: right after the top-up, PostgreSQL is still writing its 100,000
            # rows out (checkpoint, autovacuum), which is a figure of the disk, not the list.
            figures += _listing(services, _list_queries(services, args.queries))
            figures.append(_topup(services))
            figures.append(_credit_ops(url, services, args.seconds))
        finally:
            services.close()
    finally:
        cluster.stop()
    return figures
