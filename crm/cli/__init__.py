"""The CRM's command line: `python -m crm [COMMAND] …`.

With no command it serves (`serve`'s options apply). Each command lives in its own module
and calls the same services as the HTTP API; bad input prints one clear line and exits 2.

    python -m crm [--demo] [--host H] [--port P] [--workers N]   serve
    python -m crm migrate                                         bring the schema to head
    python -m crm create-admin --username U --role owner          ask for a password, add
    python -m crm enrol-code --store NAME                         a one-time code for a till
    python -m crm import-csv FILE [--dry-run]
    python -m crm export-csv FILE [--group REF] [--columns a,b]
    python -m crm run-scheduler --once
    python -m crm bump-epoch STREAM                               after a restore from backup
"""

from __future__ import annotations

import argparse
import logging
import sys

from crm.cli import admin, feed, scheduler, serve, terminals, transfer
from crm.cli.common import CommandError, database_option, fail
from crm.services.errors import ServiceError
from loyalty.errors import ExplainedError

COMMANDS = (serve, admin, terminals, transfer, scheduler, feed)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python -m crm", description="The loyalty CRM that a chain of terminals syncs with."
    )
    database_option(top)
    serve.options(top)  # `python -m crm --port 9000` serves, as before commands existed
    commands = top.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.add(commands)
    top.set_defaults(run=serve.run)
    return top


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    try:
        code: int = args.run(args)
    except CommandError as error:
        return fail(str(error))
    except ServiceError as error:
        return fail(error.message)
    except ExplainedError as error:
        return fail(str(error))
    return code
