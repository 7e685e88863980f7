"""A terminal's database that went missing is not made again behind its back, and one the
terminal cannot write is refused before it is opened.

A new store starts the receipt numbers at 1 and forgets the shift, the outbox and the
CRM enrolment; beside receipts already printed, backups kept or a CRM token, that would
be a second terminal pretending to be the first. So a missing or empty database in a
folder that holds any of them is refused, with the way back: restore the newest backup,
or move the folder away to start a new terminal on purpose.
"""

from __future__ import annotations

import os
from pathlib import Path

from loyalty.errors import ExplainedError

TOKEN_FILE = "crm-token"  # where pos_terminal.crm_connection keeps the CRM token


class StoreMissingError(ExplainedError, RuntimeError):
    """The database is gone but the terminal's other files are there."""


class StoreReadOnlyError(ExplainedError, RuntimeError):
    """The data folder or the database cannot be written by this process."""


def refuse_if_read_only(path: Path) -> None:
    """Said at start-up, not discovered at the first sale: SQLite opens a read-only file
    without a word and fails only when something is written."""
    folder = path.parent
    for where, needs in ((folder, os.W_OK | os.X_OK), (path, os.R_OK | os.W_OK)):
        if where.exists() and not os.access(where, needs):
            raise StoreReadOnlyError(
                "The terminal cannot write to {where}: it is read-only for the user running "
                "the terminal. Give that user write access to it (or move the data folder "
                "somewhere writable), then start the terminal again.",
                where=where,
            )


def refuse_if_lost(path: Path) -> None:
    if path.exists() and path.stat().st_size > 0:
        return
    folder = path.parent
    backups = sorted(folder.glob(f"{path.name}.*.bak"), key=lambda b: b.stat().st_mtime)
    traces = [
        name
        for name, found in (
            ("receipts", any((folder / "receipts").glob("receipt-*"))),
            ("backups", bool(backups)),
            (TOKEN_FILE, (folder / TOKEN_FILE).exists()),
        )
        if found
    ]
    if not traces:
        return
    raise StoreMissingError(
        "The database {path} is missing or empty, but this folder holds what the terminal "
        "wrote ({traces}): a new one would start the receipt numbers over. Restore the "
        "newest backup ({backup}) to {path}, or move the folder away to start a new "
        "terminal on purpose.",
        path=path,
        traces=", ".join(traces),
        backup=backups[-1].name if backups else "none here",
    )
