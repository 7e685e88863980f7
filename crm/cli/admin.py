"""`migrate` and `create-admin`."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from crm.cli.common import database_option, fail, open_services
from crm.services.actor import CLI

PASSWORD_ENV = "CRM_ADMIN_PASSWORD"


def add(commands: Any) -> None:
    migrate = commands.add_parser("migrate", help="bring the database schema to this version")
    database_option(migrate)
    migrate.set_defaults(run=run_migrate)

    create = commands.add_parser(
        "create-admin",
        help="add an admin user (the password is asked for, or read from $CRM_ADMIN_PASSWORD)",
    )
    database_option(create)
    create.add_argument("--username", required=True)
    create.add_argument("--role", default="owner", choices=("owner", "manager", "read_only"))
    create.set_defaults(run=run_create_admin)


def run_migrate(args: argparse.Namespace) -> int:
    open_services(args).close()
    print("schema is at head")
    return 0


def run_create_admin(args: argparse.Namespace) -> int:
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        if not sys.stdin.isatty():
            return fail(f"no terminal to ask for a password: set ${PASSWORD_ENV}")
        password = getpass.getpass("password: ")
        if password != getpass.getpass("again: "):
            return fail("the two passwords differ")
    services = open_services(args)
    try:
        user = services.accounts.create(CLI, args.username, password, args.role)
    finally:
        services.close()
    print(f"admin {user.username} ({user.role}) created")
    return 0
