"""The terminal's command line: what `python -m pos_terminal` was asked to do.

    python -m pos_terminal [--data-dir DIR] [--reader SPEC ...] [--crm URL [--enrol CODE]]
                           [--no-demo] [--windowed | --kiosk] [--add-staff NAME:ROLE ...]
                           [--selftest] [--restore-backup [NAME]] [--verify-audit [HEAD]]

A bad setting stops here with its message, before any window or database. PINs are never
taken from the command line (`ps` shows it to every user): they are typed at a prompt, or
read from standard input by a script.
"""

from __future__ import annotations

import argparse
import atexit
import getpass
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

from hardware.registry import parse_reader_spec
from pos_terminal.config import DEMO_CUSTOMERS, TerminalConfig, default_config
from pos_terminal.domain.staff import Role
from pos_terminal.settings_file import apply_settings
from sync.address import CrmUrlError, parse_crm_url


class Launch(NamedTuple):
    config: TerminalConfig
    selftest: bool
    exit_when_ready: bool
    restore_backup: str | None  # "": list the backups; a name: bring that one back
    verify_audit: str | None  # "": check the audit log's chain; a head: and that it holds it


def parse_args(argv: list[str]) -> Launch:
    parser = argparse.ArgumentParser(prog="python -m pos_terminal")
    parser.add_argument("--data-dir", type=Path, help="where the terminal keeps its database")
    parser.add_argument("--reader", action="append", default=[], help="e.g. evdev:ffff:0035")
    parser.add_argument(
        "--crm",
        default=os.environ.get("POS_CRM_URL") or None,
        metavar="URL",
        help="the CRM's address, e.g. http://127.0.0.1:8765 (default: $POS_CRM_URL, or none)",
    )
    parser.add_argument(
        "--enrol",
        default=os.environ.get("POS_ENROL_CODE") or None,
        metavar="CODE",
        help="enrol this terminal with the CRM using a one-time code (default: $POS_ENROL_CODE)",
    )
    parser.add_argument("--no-demo", action="store_true", help="no demo data, no demo card tap")
    parser.add_argument("--demo-customers", type=int, default=DEMO_CUSTOMERS)
    parser.add_argument(
        "--windowed",
        action="store_true",
        help="open in a window of 1280x800 instead of full screen on the screen it is on",
    )
    parser.add_argument(
        "--kiosk",
        action="store_true",
        help="the till's mode: full screen with no window frame, the pointer hidden on a"
        " touchscreen, and closed only from the Menu with a manager's PIN",
    )
    parser.add_argument("--selftest", action="store_true", help="walk one sale offscreen, exit")
    parser.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--restore-backup",
        nargs="?",
        const="",
        metavar="NAME",
        help="list the database's backups, or put the one named back (a manager's PIN is"
        " asked for; the terminal must not be running), then exit",
    )
    parser.add_argument(
        "--verify-audit",
        nargs="?",
        const="",
        metavar="HEAD",
        help="check that the audit log is as it was written (its hash chain), and that it"
        " still holds HEAD, the chain head a Z report printed, e.g. '#1234 3f2a 9c1b …';"
        " then exit",
    )
    parser.add_argument(
        "--add-staff",
        action="append",
        default=[],
        metavar="NAME:ROLE",
        help="add a staff member at start-up (ROLE is cashier or manager), e.g. the first"
        " manager; the PIN is asked for, or read from standard input, one line each",
    )
    args = parser.parse_args(argv)
    for spec in args.reader:
        parse_reader_spec(spec)  # a bad setting stops here, with its message
    crm_url = None
    if args.crm:
        try:
            crm_url = parse_crm_url(args.crm)
        except CrmUrlError as error:
            parser.error(f"--crm: {error}")
    if args.enrol and not crm_url:
        parser.error("--enrol needs --crm URL: the CRM that made the code")
    data_dir = args.data_dir
    if data_dir is None and args.selftest and not os.environ.get("POS_TERMINAL_DATA"):
        # A selftest of its own: a folder that is gone when the process ends.
        data_dir = Path(tempfile.mkdtemp(prefix="pos-selftest-"))
        atexit.register(shutil.rmtree, data_dir, ignore_errors=True)
    elif data_dir is None:
        data_dir = default_config().data_dir
    staff = []
    roles = {role.value for role in Role}
    for entry in args.add_staff:
        parts = entry.rsplit(":", 2)
        if len(parts) == 3 and parts[1] in roles:
            parser.error(
                f"--add-staff {parts[0]}:{parts[1]}:…: a PIN on the command line is seen by"
                f" every user of this computer and kept in the shell's history; write"
                f" --add-staff {parts[0]}:{parts[1]} and type the PIN when asked"
            )
        name, _, role = entry.rpartition(":")
        if not name or role not in roles:
            parser.error(f"--add-staff {entry!r}: write NAME:cashier or NAME:manager")
        try:
            pin = read_pin(name, role)
        except EOFError:
            parser.error(f"--add-staff {entry!r}: no PIN on standard input")
        staff.append((name, Role(role), pin))
    config = TerminalConfig(
        data_dir=data_dir,
        readers=tuple(args.reader),
        demo=not args.no_demo,
        demo_customers=args.demo_customers,
        staff=tuple(staff),
        crm_url=crm_url,
        enrol_code=args.enrol,
        windowed=args.windowed,
        kiosk=args.kiosk,
    )
    config = apply_settings(config)  # what was changed on the screen wins over defaults
    return Launch(
        config, args.selftest, args.exit_when_ready, args.restore_backup, args.verify_audit
    )


def read_pin(name: str, role: str) -> str:
    """A PIN typed at a prompt (not echoed), or a line of standard input when it is not a
    terminal (a script); never a command-line argument, which `ps` shows to everyone."""
    if sys.stdin.isatty():
        return getpass.getpass(f"PIN for {name} ({role}): ")
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\r\n")
