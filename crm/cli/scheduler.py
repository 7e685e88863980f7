"""`run-scheduler`: run the recurring credit operations that are due, and say what was done.

    python -m crm run-scheduler --once     run what is due now, print it, exit
    python -m crm run-scheduler            the same every minute until Ctrl+C

Safe beside serving workers that run the scheduler too: each period is claimed once.
"""

from __future__ import annotations

import argparse
import sys
import threading
from typing import Any

from crm.cli.common import database_option, open_services
from crm.services.container import CrmServices

INTERVAL_S = 60.0


def add(commands: Any) -> None:
    command = commands.add_parser(
        "run-scheduler", help="run due recurring credit operations (every minute, or --once)"
    )
    database_option(command)
    command.add_argument("--once", action="store_true", help="run once and exit")
    command.set_defaults(run=run)


def run_once(services: CrmServices) -> int:
    report = services.scheduler.run_due()
    for line in report.lines():
        print(line, flush=True)
    return 1 if report.failed else 0


def run(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        if args.once:
            return run_once(services)
        stop = threading.Event()
        try:
            while True:
                try:
                    run_once(services)
                except Exception as error:  # e.g. the database is away: try the next minute
                    print(f"error: {error}", file=sys.stderr, flush=True)
                if stop.wait(INTERVAL_S):
                    return 0
        except KeyboardInterrupt:
            print("stopped", flush=True)
            return 0
    finally:
        services.close()
