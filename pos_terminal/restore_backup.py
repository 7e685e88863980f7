"""`python -m pos_terminal --restore-backup [NAME]`: the store's backups, or one brought back.

Without NAME it lists them (newest last). With NAME it asks for a manager's PIN — checked
against the backup itself, so a damaged or lost database is no obstacle — and puts the
backup in the database's place (`db/backups.py`): the database it replaces is kept as a
`replaced` backup, so nothing is lost by restoring the wrong one. The terminal must not be
running: its lock is taken first.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from loyalty.errors import ExplainedError
from pos_terminal.db import backups
from pos_terminal.db.lock import StoreLock
from pos_terminal.db.migrate import copy_database
from pos_terminal.db.pin_pepper import PEPPER_FILE
from pos_terminal.db.store import open_store
from pos_terminal.services.terminal import TerminalService

Say = Callable[[str], None]


def listing(database: Path, say: Say) -> int:
    found = backups.all_backups(database)
    if not found:
        say(f"No backups of {database} in {database.parent}.")
        return 0
    for backup in found:
        stamp = datetime.fromtimestamp(backup.stat().st_mtime)
        say(f"{backup.name}  {stamp:%Y-%m-%d %H:%M}  {backup.stat().st_size / 1e6:.1f} MB")
    return 0


def _a_manager_of(backup: Path, pin: str, now: datetime) -> str | None:
    """The name of the backup's manager with this PIN, or None; checked on a copy."""
    with tempfile.TemporaryDirectory(prefix="pos-restore-") as folder:
        copy = copy_database(backup, Path(folder) / "terminal.db")
        pepper = backup.parent / PEPPER_FILE
        if pepper.exists():
            shutil.copy(pepper, Path(folder) / PEPPER_FILE)
        store = open_store(copy, now=now)
        try:
            member = TerminalService(store).login(pin, now=now)
        except ExplainedError:
            return None
        finally:
            store.close()
        return member.name if member.is_manager else None


def restore(database: Path, name: str, read_pin: Callable[[], str], say: Say) -> int:
    backup = next((b for b in backups.all_backups(database) if b.name == name), None)
    if backup is None:
        say(f"No backup named {name!r}; `--restore-backup` alone lists them.")
        return 2
    lock = StoreLock(database)
    try:
        lock.acquire()
    except ExplainedError as error:
        say(str(error))
        return 1
    try:
        now = datetime.now()
        manager = _a_manager_of(backup, read_pin(), now)
        if manager is None:
            say("That is not the PIN of a manager in that backup: nothing was changed.")
            return 1
        aside = backups.restore(database, backup, now=now)
    except ExplainedError as error:
        say(str(error))
        return 1
    finally:
        lock.release()
    kept = f"; the database it replaced is kept as {aside.name}" if aside else ""
    say(f"{manager} restored {backup.name} to {database}{kept}.")
    return 0
