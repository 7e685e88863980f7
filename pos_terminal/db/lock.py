"""One process per database file: a second terminal on the same file is refused clearly.

An advisory lock on `<database>.lock`, held for the life of the process; the OS drops it
when the process dies, even on SIGKILL or a power cut, so a stale lock never blocks a restart.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from loyalty.errors import ExplainedError
from pos_terminal.paths import private_file


class StoreInUseError(ExplainedError, RuntimeError):
    """Another process holds the database (the message names it and says what to do)."""


class StoreLock:
    def __init__(self, database: Path) -> None:
        self.path = database.with_name(database.name + ".lock")
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        private_file(self.path)
        handle = open(self.path, "a+", encoding="ascii")  # noqa: SIM115 - held until release()
        try:
            _lock(handle)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise StoreInUseError(
                "The database {database} is already open in another terminal process "
                "(pid {holder}). Close that terminal first, or give this one its own "
                "database file.",
                database=self.path.with_suffix(""),
                holder=holder,
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            self._file.close()  # closing the descriptor releases the lock
            self._file = None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    def _lock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
