"""`bump-epoch`: start a pull stream's feed over, after restoring the CRM from a backup.

    python -m crm bump-epoch reference|balances|vouchers

A restored CRM has forgotten changes terminals already pulled, and its feed numbers would
be reused for other changes. A new epoch makes every terminal's cursor of that stream void:
at its next pull each terminal drops that stream's cache (never its outbox) and takes a
snapshot again.
"""

from __future__ import annotations

import argparse
from typing import Any

from crm.cli.common import database_option, open_services
from crm.services.actor import CLI
from sync.wire.reference import STREAMS


def add(commands: Any) -> None:
    command = commands.add_parser(
        "bump-epoch",
        help="make terminals re-snapshot a stream (after restoring the CRM from a backup)",
    )
    database_option(command)
    command.add_argument("stream", choices=sorted(STREAMS), help="the pull stream")
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        epoch = services.feed.bump_epoch(CLI, args.stream)
    finally:
        services.close()
    print(f"stream {args.stream}: new epoch {epoch}; terminals will take a snapshot again")
    return 0
