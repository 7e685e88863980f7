"""What every command shares: the database option, opening the services, failing clearly."""

from __future__ import annotations

import argparse
import os
import sys

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


def open_services(args: argparse.Namespace, *, migrate: bool = True) -> CrmServices:
    """The services over the chosen database, its schema brought to head first."""
    url = database_url(args)
    database = Database.at(url)
    if migrate:
        result = upgrade_to_head(database.engine)
        if result.from_revision != result.to_revision:
            print(
                f"database {shown_url(url)}: schema {result.from_revision or 'empty'} → "
                f"{result.to_revision}" + (f" (backup: {result.backup})" if result.backup else ""),
                file=sys.stderr,
            )
    return CrmServices(database)


def fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2
