"""Rolling backups of the store, each checked after it is written, and bringing one back.

A backup is SQLite's online backup (consistent while the till sells, WAL included) beside
the database, named `terminal.db.<label>-<YYYYmmdd-HHMMSS>.bak` as the upgrade's backups
are, so the messages that point at "the newest backup" find them too. Labels:

- `z-report`: after each Z report (`TerminalService.close_shift`);
- `daily`: when the newest rolling backup is a day old (`TerminalService.tidy_up`);
- `replaced`: the database as it was before `restore` put a backup in its place.

The last `keep` rolling ones are kept; the upgrade's backups and `replaced` ones never go
by themselves. A backup that fails `PRAGMA quick_check` is deleted and reported, so a
damaged file never sits among the good ones.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from loyalty.errors import ExplainedError
from pos_terminal.db.migrate import backup_database, copy_database
from pos_terminal.db.store_checks import quick_check

ROLLING = ("z-report", "daily")
KEEP = 14
DAILY = timedelta(days=1)


class BackupFailedError(ExplainedError, OSError):
    """A backup that could not be written whole, or that failed its check."""


def all_backups(path: Path) -> list[Path]:
    """Every backup of the store at `path`, oldest first."""
    return sorted(path.parent.glob(f"{path.name}.*.bak"), key=lambda b: b.stat().st_mtime)


def rolling(path: Path) -> list[Path]:
    prefixes = tuple(f"{path.name}.{label}-" for label in ROLLING)
    return [b for b in all_backups(path) if b.name.startswith(prefixes)]


def take(path: Path, label: str, *, now: datetime, keep: int = KEEP) -> Path:
    """Write a backup, check it, then forget rolling ones beyond the last `keep`. It is
    written under a name no reader takes for a backup, and renamed once checked: a backup
    cut short (power, a full disk) is never among the good ones."""
    target = path.with_name(f"{path.name}.{label}-{now:%Y%m%d-%H%M%S}.bak")
    partial = target.with_name(target.name + ".partial")
    try:
        copy_database(path, partial)
    except (OSError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
        raise BackupFailedError(
            "The backup of {path} could not be written: {reason}", path=path, reason=error
        ) from error
    problem = quick_check(partial)
    if problem is not None:
        partial.unlink()
        raise BackupFailedError(
            "The backup of {path} failed its check and was removed: {reason}",
            path=path,
            reason=problem,
        )
    os.replace(partial, target)
    for old in rolling(path)[:-keep] if keep > 0 else []:
        old.unlink()
    return target


def due(path: Path, now: datetime) -> bool:
    """Whether a daily backup is due: no rolling backup yet, or the newest is a day old."""
    newest = rolling(path)[-1:] or None
    if newest is None:
        return True
    return now - datetime.fromtimestamp(newest[0].stat().st_mtime) >= DAILY


def restore(path: Path, backup: Path, *, now: datetime) -> Path | None:
    """Put `backup` in the place of the store at `path` (nobody may have it open: the
    caller holds its lock). The database it replaces is kept as a `replaced` backup, whose
    path is returned (None when there was none)."""
    problem = quick_check(backup)
    if problem is not None:
        raise problem
    aside = backup_database(path, label="replaced", now=now) if path.exists() else None
    fresh = copy_database(backup, path.with_name(path.name + ".restoring"))
    # The old file's WAL must not be applied to the new one; `aside` holds all of it.
    for leftover in (path.with_name(path.name + end) for end in ("-wal", "-shm")):
        leftover.unlink(missing_ok=True)
    os.replace(fresh, path)
    return aside
