"""A stolen copy of terminal.db gives up no PIN: each PIN is hashed with the terminal's
pepper, kept in pin.key beside the database (0600), never in it."""

from __future__ import annotations

import secrets
import shutil
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from pos_terminal.db.pin_pepper import PEPPER_FILE, PepperUnreadableError
from pos_terminal.db.repositories.staff import hash_pin
from pos_terminal.db.store import open_store
from pos_terminal.domain.staff import Role, WrongPinError
from pos_terminal.services.terminal import TerminalService

from .conftest import NOW

PIN = "4821"


def _till_with_anna(folder: Path) -> Path:
    folder.mkdir()
    store = open_store(folder / "terminal.db", now=NOW)
    try:
        with store.unit_of_work() as tx:
            tx.staff.add("Anna Kasjerka", Role.CASHIER, PIN)
    finally:
        store.close()
    return folder / "terminal.db"


def _signs_in(path: Path) -> bool:
    store = open_store(path, now=NOW)
    try:
        TerminalService(store).login(PIN, now=NOW)
        return True
    except WrongPinError:
        return False
    finally:
        store.close()


def test_the_database_alone_does_not_check_its_pins(tmp_path: Path) -> None:
    stolen = tmp_path / "elsewhere"
    stolen.mkdir()
    shutil.copy(_till_with_anna(tmp_path / "till"), stolen / "terminal.db")
    assert not _signs_in(stolen / "terminal.db")  # another pepper: the hash says nothing


def test_with_its_pepper_the_same_database_signs_in(tmp_path: Path) -> None:
    database = _till_with_anna(tmp_path / "till")
    moved = tmp_path / "moved"
    moved.mkdir()
    shutil.copy(database, moved / "terminal.db")
    shutil.copy(database.parent / PEPPER_FILE, moved / PEPPER_FILE)
    assert _signs_in(moved / "terminal.db")
    key = moved / PEPPER_FILE
    assert stat.S_IMODE((database.parent / PEPPER_FILE).stat().st_mode) == 0o600
    assert key.read_bytes() not in (moved / "terminal.db").read_bytes()


def test_a_hash_from_before_the_pepper_signs_in_once_and_is_peppered_then(
    tmp_path: Path,
) -> None:
    database = _till_with_anna(tmp_path / "till")
    salt = secrets.token_bytes(16)
    store = open_store(database, now=NOW)
    try:
        with store.unit_of_work() as tx:
            tx.session.execute(
                text("UPDATE staff SET pin_hash = :hash, pin_salt = :salt"),
                {"hash": hash_pin(PIN, salt, None), "salt": salt.hex()},
            )
        assert TerminalService(store).login(PIN, now=NOW).name == "Anna Kasjerka"
        with store.unit_of_work(read_only=True) as tx:
            stored = tx.session.execute(text("SELECT pin_hash FROM staff")).scalar_one()
        assert stored.startswith("scrypt-pepper$")
    finally:
        store.close()
    assert _signs_in(database)


def test_a_pepper_file_that_is_not_one_is_refused(tmp_path: Path) -> None:
    database = _till_with_anna(tmp_path / "till")
    (database.parent / PEPPER_FILE).write_bytes(b"short")
    with pytest.raises(PepperUnreadableError, match="not a PIN pepper"):
        open_store(database, now=NOW)
