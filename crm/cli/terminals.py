"""`enrol-code`: a one-time code that lets a till of a shop enrol with this CRM.

    python -m crm enrol-code --store "Kraków Rynek" [--valid-minutes 15]

The shop is created on the first use of its name. The code is printed once (the CRM keeps
only its hash); type it at the till before it expires.
"""

from __future__ import annotations

import argparse
from typing import Any

from crm.cli.common import database_option, open_services
from crm.services.actor import CLI


def add(commands: Any) -> None:
    code = commands.add_parser(
        "enrol-code",
        help="print a one-time code for a till of a shop (the shop is created if new)",
    )
    database_option(code)
    code.add_argument("--store", required=True, help="the shop's name")
    code.add_argument(
        "--valid-minutes", type=int, default=15, help="how long the code works (default 15)"
    )
    code.set_defaults(run=run_enrol_code)


def run_enrol_code(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        made = services.terminals.create_code_for_shop_named(CLI, args.store, args.valid_minutes)
    finally:
        services.close()
    if made.shop_created:
        print(f"shop {made.shop.name!r} created")
    print(f"enrolment code: {made.code}")
    expires = made.expires_at.astimezone().isoformat(timespec="seconds")
    print(f"valid until {expires}; it works once, for shop {made.shop.name!r}")
    return 0
