"""A data folder or database the terminal cannot write is refused at start, with what to do,
not discovered at the first sale. Run as root (as CI does), the check runs in a child
process that has become `nobody`, for whom root's files are as read-only as they get."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_terminal.db.store import open_store
from pos_terminal.db.store_checks import StoreReadOnlyError

from .conftest import NOW

NOBODY = 65534


def _refusal(database: Path) -> str:
    """What open_store says about `database`, as an unprivileged user: the error's message,
    or "opened" when it opened."""
    if os.geteuid() != 0:
        try:
            open_store(database, now=NOW).close()
        except StoreReadOnlyError as error:
            return str(error)
        return "opened"
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child's outcome is what the parent checks
        os.close(read)
        said = "opened"
        try:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            open_store(database, now=NOW).close()
        except StoreReadOnlyError as error:
            said = str(error)
        except BaseException as error:
            said = f"{type(error).__name__}: {error}"
        os.write(write, said.encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        said = pipe.read().decode()
    os.waitpid(child, 0)
    return said


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder `nobody` can reach (pytest's own are root's alone)."""
    folder = Path(tempfile.mkdtemp(dir="/tmp"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_a_folder_the_terminal_cannot_write_is_refused_at_start(shared_tmp: Path) -> None:
    data = shared_tmp / "data"
    open_store(data / "terminal.db", now=NOW).close()
    data.chmod(0o555)  # nobody (and the owner, when not root) may read it, not write
    said = _refusal(data / "terminal.db")
    assert "cannot write to" in said and str(data) in said, said


def test_a_database_the_terminal_cannot_write_is_refused_at_start(shared_tmp: Path) -> None:
    data = shared_tmp / "data"
    open_store(data / "terminal.db", now=NOW).close()
    data.chmod(0o777)
    (data / "terminal.db").chmod(0o444)
    said = _refusal(data / "terminal.db")
    assert "cannot write to" in said and "terminal.db" in said, said
