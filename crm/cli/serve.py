"""Serve the CRM over HTTP: `python -m crm [--demo] [--host H] [--port P] [--workers N]`.

The schema is brought to head once, before any worker starts. Each worker is stateless: all
coordination is in the database, so N workers (or replicas on several machines) can serve
one PostgreSQL. SQLite has a single writer, so it is served by one process.
Each worker also runs the recurring-operations scheduler every minute; running it in every
worker at once is safe by design (each period is claimed once, `crm.services.scheduler`).
"""

from __future__ import annotations

import argparse
import logging
import os
import threading
import time
from typing import Any

import uvicorn
from fastapi import FastAPI

from crm.api.app import create_app
from crm.cli.common import DATABASE_ENV, database_url, fail, open_services
from crm.cli.nodelay import NoDelayH11Protocol
from crm.services.container import CrmServices
from crm.store.database import Database, shown_url

DEFAULT_PORT = 8765
SCHEDULER_INTERVAL_S = 60.0
log = logging.getLogger("crm")


def options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--workers", type=int, default=1, help="worker processes (PostgreSQL)")
    parser.add_argument(
        "--demo", action="store_true", help="fill an empty database with the demo data first"
    )
    parser.add_argument(
        "--no-scheduler", action="store_true", help="do not run recurring operations here"
    )


def add(commands: Any) -> None:
    serve = commands.add_parser("serve", help="serve the HTTP API (the default)")
    options(serve)
    serve.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    url = database_url(args)
    if args.workers < 1:
        return fail("--workers must be 1 or more")
    services = open_services(args)  # migrates once, before any worker starts
    is_sqlite = services.ctx.db.dialect == "sqlite"
    if args.workers > 1 and is_sqlite:
        services.close()
        return fail("SQLite has a single writer: serve it with one worker, or use PostgreSQL")
    if args.demo:
        loaded = services.transfer.install_demo(customers=1000)
        log.info("demo data: %s", "loaded" if loaded else "skipped, the database is not empty")
    services.close()
    where = "only this machine" if args.host in {"127.0.0.1", "localhost", "::1"} else "the network"
    log.info(
        "CRM on http://%s:%d (%s), database %s, %d worker(s)",
        args.host,
        args.port,
        where,
        shown_url(url),
        args.workers,
    )
    os.environ[DATABASE_ENV] = url
    os.environ[SCHEDULER_ENV] = "0" if args.no_scheduler else "1"
    uvicorn.run(
        "crm.cli.serve:worker_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        http=NoDelayH11Protocol,
        log_level="info",
    )
    return 0


SCHEDULER_ENV = "CRM_RUN_SCHEDULER"


def worker_app() -> FastAPI:
    """One worker's app (uvicorn imports this in each worker process)."""
    services = CrmServices(Database.at(os.environ[DATABASE_ENV]))
    if os.environ.get(SCHEDULER_ENV, "1") == "1":
        start_scheduler(services)
    return create_app(services)


def start_scheduler(services: CrmServices, interval_s: float = SCHEDULER_INTERVAL_S) -> None:
    def loop() -> None:
        # At start first: a CRM that was down catches up on the periods it missed.
        while True:
            try:
                services.scheduler.run_due()
            except Exception:  # the next minute tries again; an admin sees it in the log
                log.exception("recurring operations failed")
            time.sleep(interval_s)

    threading.Thread(target=loop, name="crm scheduler", daemon=True).start()
