"""PostgreSQL for `python -m bench sync`: bench/crm.py's kept cluster (.bench-data/crm-pg),
the database of N demo customers the first sync reads (kept), and fresh databases the
pushes write to (made again each run, so counts after a run are of that run only).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import text

from bench.crm import DATA, KeptCluster
from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.customer_bulk import insert_customers
from crm.services.demo import DESCRIPTION
from crm.services.demo import _customers as demo_people
from crm.store.base import Base
from crm.store.migrate import upgrade_to_head
from tests.postgres import server_binaries


def _running_port(data: Path) -> int | None:
    """The port of a server already running on the kept cluster (another bench's), if any."""
    try:
        lines = (data / "postmaster.pid").read_text().splitlines()
        pid, port = int(lines[0]), int(lines[3])
    except (FileNotFoundError, IndexError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None  # a stale pid file after a crash: pg_ctl start will clear it
    except PermissionError:
        pass  # alive, and someone else's
    return port


@contextmanager
def kept_cluster() -> Iterator[KeptCluster | None]:
    """The cluster of bench/crm.py; None without PostgreSQL's server binaries. A server
    another bench started is used as it is and left running (pg_ctl cannot start a second
    one on the same folder, and stopping it would break that bench)."""
    binaries = server_binaries()
    if binaries is None:
        yield None
        return
    cluster = KeptCluster(binaries, DATA / "crm-pg")
    port = _running_port(cluster.data)
    if port is not None:
        cluster.port = port
        yield cluster
        return
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


def customers_database(cluster: KeptCluster, customers: int) -> str:
    """A database of the demo programme and `customers` demo customers with a card each.

    `crm_bench_N` of bench/crm.py if it exists and has every table the CRM has now (the
    project still edits its migrations in place, so a database kept from an older build
    can lack some); else `crm_bench_sync_N`, built once by `_build` and kept."""
    names = {row[0] for row in _rows(cluster, "SELECT datname FROM pg_database")}
    for name in (f"crm_bench_{customers}", f"crm_bench_sync_{customers}"):
        if name in names and _complete(cluster, name):
            services = CrmServices.at(cluster.url(name))
            upgrade_to_head(services.ctx.db.engine)
            services.close()
            return cluster.url(name)
    return _build(cluster, customers)


def _rows(cluster: KeptCluster, sql: str, database: str = "postgres") -> list[tuple[Any, ...]]:
    with psycopg.connect(
        f"host=127.0.0.1 port={cluster.port} user=postgres dbname={database}", autocommit=True
    ) as connection:
        return connection.execute(sql.encode()).fetchall()  # bytes: not a literal str


def _complete(cluster: KeptCluster, name: str) -> bool:
    """Every table of the CRM's models is there, and customers (an interrupted build leaves
    its database migrated but empty)."""
    tables = {row[0] for row in _rows(cluster, "SELECT tablename FROM pg_tables", name)}
    if not set(Base.metadata.tables) <= tables:
        return False
    return bool(_rows(cluster, "SELECT count(*) FROM customer", name)[0][0])


BUILD_CHUNK = 500  # customers per transaction


def _build(cluster: KeptCluster, customers: int) -> str:
    """`crm_bench_sync_N` through the CRM's own demo programme, generator and bulk insert
    (`install_demo`'s parts), BUILD_CHUNK customers a transaction, so an interrupted build
    leaves a partial database rather than nothing.

    One transaction used to take hours on PostgreSQL: psycopg's executemany inserted one row
    per statement, and each statement bumped the feed's counter row, walking every version of
    it the transaction had made (quadratic: 4,000 customers 2.2 s, 16,000 24 s). The bulk
    insert now writes 1,000 rows a statement: 16,000 in 10.7 s, 64,000 in 43 s."""
    name = f"crm_bench_sync_{customers}"
    started = time.perf_counter()
    cluster.execute(f"DROP DATABASE IF EXISTS {name}_partial WITH (FORCE)")
    cluster.execute(f"CREATE DATABASE {name}_partial")
    services = CrmServices.at(cluster.url(f"{name}_partial"))
    try:
        upgrade_to_head(services.ctx.db.engine)
        services.transfer.install_demo(customers=0)  # groups, discounts, rules, vouchers
        people, at = demo_people(customers, seed=1), services.ctx.clock()
        while chunk := list(islice(people, BUILD_CHUNK)):
            services.ctx.db.write(
                partial(
                    insert_customers, customers=chunk, actor=CLI, at=at, description=DESCRIPTION
                )
            )
    finally:
        services.close()
    cluster.execute(f"ALTER DATABASE {name}_partial RENAME TO {name}")
    with psycopg.connect(
        f"host=127.0.0.1 port={cluster.port} user=postgres dbname={name}", autocommit=True
    ) as connection:
        connection.execute(b"VACUUM ANALYZE")  # the statistics one big insert would have made
    print(f"sync: built {name} in {time.perf_counter() - started:.0f} s")
    return cluster.url(name)


def _demo(url: str, customers: int) -> str:
    services = CrmServices.at(url)
    try:
        upgrade_to_head(services.ctx.db.engine)
        services.transfer.install_demo(customers=customers)
    finally:
        services.close()
    return url


def fresh_postgres(cluster: KeptCluster, name: str, customers: int) -> str:
    """A new database in the cluster with the demo programme: bills pushed by one run do
    not pile up in the kept one, and counts after the run are of this run only."""
    cluster.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    cluster.execute(f"CREATE DATABASE {name}")
    return _demo(cluster.url(name), customers)


def fresh_sqlite(folder: Path, customers: int) -> str:
    return _demo(f"sqlite:///{folder / 'crm.db'}", customers)


def deadlocks(services: CrmServices) -> int:
    """Deadlocks PostgreSQL detected in this database (each cost its transactions
    `deadlock_timeout`, 1 s, before one was rolled back and run again)."""
    query = text("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")
    return int(services.ctx.db.read(lambda s: s.scalar(query)) or 0)
