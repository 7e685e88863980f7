"""What is checked before the terminal opens its store: that it can write it, that it is
its own store and not a new one made behind its back, and that the file is sound.

- Read-only: said at start-up, not discovered at the first sale (SQLite opens a read-only
  file without a word and fails only when something is written).
- Lost: a new store starts the receipt numbers at 1 and forgets the shift, the outbox and
  the CRM enrolment; beside receipts already printed, backups kept or a CRM token, that
  would be a second terminal pretending to be the first. A missing or empty database in a
  folder holding any of them is refused, with the way back.
- Damaged: a file that is no database is refused at open (`migrate.refuse_unopenable`,
  the one read-only look before the file is opened); `PRAGMA quick_check` (4.4 s
  cold at 1,000,000 customers: too slow to wait for at every start) runs beside the sale
  screen, and if it finds damage, no bill is closed on that file
  (`Store.check_integrity`, `Store.damage`).
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from loyalty.errors import ExplainedError

TOKEN_FILE = "crm-token"  # where pos_terminal.crm_connection keeps the CRM token


class StoreMissingError(ExplainedError, RuntimeError):
    """The database is gone but the terminal's other files are there."""


class StoreDamagedError(ExplainedError, RuntimeError):
    """The database file fails SQLite's own check."""


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


def quick_check(path: Path) -> StoreDamagedError | None:
    """SQLite's own check of every page (4.4 s cold, 0.7 s warm at 1,000,000 customers, so
    the terminal runs it beside the sale screen, on its own connection); the error to
    stop closing bills with, or None when the file is sound."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as database:
            problems = [str(row[0]) for row in database.execute("PRAGMA quick_check(3)")]
    except sqlite3.OperationalError:  # busy or unopenable read-only: not a verdict
        return None
    except sqlite3.DatabaseError as error:  # "database disk image is malformed"
        problems = [str(error)]
    return None if problems == ["ok"] else damaged(path, problems)


def damaged(path: Path, problems: list[str]) -> StoreDamagedError:
    return StoreDamagedError(
        "The database {path} is damaged ({problem}); the terminal will not sell on it. "
        "Restore the newest backup ({backup}) to {path}, or move the file aside and "
        "start again to take the CRM's data anew.",
        path=path,
        problem="; ".join(problems)[:300],
        backup=_newest_backup(path),
    )


def _backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.*.bak"), key=lambda b: b.stat().st_mtime)


def _newest_backup(path: Path) -> str:
    backups = _backups(path)
    return backups[-1].name if backups else "none here"


def refuse_if_lost(path: Path) -> None:
    if path.exists() and path.stat().st_size > 0:
        return
    folder = path.parent
    backups = _backups(path)
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
        backup=_newest_backup(path),
    )
