"""What every command shares: the database option, opening the services, failing clearly."""

from __future__ import annotations

import argparse
import os
import sys

from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from crm.services.container import CrmServices
from crm.store.database import Database, default_database_url, shown_url
from crm.store.migrate import upgrade_to_head

DATABASE_ENV = "CRM_DATABASE_URL"


def database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database",
        default=argparse.SUPPRESS,
        help="SQLAlchemy URL: sqlite:////srv/crm/crm.db or "
        "postgresql+psycopg://crm@localhost/crm (default: $CRM_DATABASE_URL, else an SQLite "
        "file in the user's data folder)",
    )


def database_url(args: argparse.Namespace) -> str:
    return getattr(args, "database", None) or os.environ.get(DATABASE_ENV) or default_database_url()


class CommandError(Exception):
    """Bad input to a command: printed as one `error:` line, exit 2."""


def open_services(args: argparse.Namespace, *, migrate: bool = True) -> CrmServices:
    """The services over the chosen database, its schema brought to head first."""
    url = database_url(args)
    shown = url
    try:
        shown = shown_url(url)
        database = Database.at(url)
    except (ArgumentError, NoSuchModuleError, ImportError) as error:
        raise CommandError(
            f"database URL {shown!r} is not one this CRM runs on ({error}); use "
            "sqlite:////path/crm.db or postgresql+psycopg://user@host/name"
        ) from error
    if migrate:
        try:
            result = upgrade_to_head(database.engine)
        except DBAPIError as error:
            database.dispose()
            reason = str(error.orig).strip().splitlines()[0]
            raise CommandError(f"cannot open the database {shown}: {reason}") from error
        if result.from_revision != result.to_revision:
            print(
                f"database {shown}: schema {result.from_revision or 'empty'} → "
                f"{result.to_revision}" + (f" (backup: {result.backup})" if result.backup else ""),
                file=sys.stderr,
            )
    return CrmServices(database)


def fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2
