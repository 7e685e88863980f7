"""Signing in: a PIN is checked against a salted scrypt hash, wrong PINs are audited, and the
PIN itself is never written anywhere."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from pos_terminal.db.store import Store, open_store
from pos_terminal.domain.errors import DomainError
from pos_terminal.domain.staff import NotAllowedError, Role, WrongPinError
from pos_terminal.services import staff
from pos_terminal.services.demo import DEMO_STAFF, install_demo_staff
from pos_terminal.services.terminal import TerminalService

from .conftest import NOW

PIN = "73915824"  # long enough never to appear by chance in a hash or a salt
WRONG = "86420975"


def test_the_right_pin_signs_in_and_the_wrong_one_is_refused_and_audited(store: Store) -> None:
    with store.unit_of_work() as tx:
        anna = staff.add_staff(tx, "Anna  Kasjerka", Role.CASHIER, PIN, now=NOW)
        staff.add_staff(tx, "Marek Kierownik", Role.MANAGER, "9999", now=NOW)
    service = TerminalService(store)

    assert service.login(PIN, now=NOW) == anna
    assert anna.name == "Anna Kasjerka" and not anna.is_manager
    assert service.login(" 9999 ", now=NOW).is_manager
    later = NOW + timedelta(minutes=1)
    for attempt in (WRONG, "12", "abcd"):
        with pytest.raises(WrongPinError, match="Wrong PIN"):
            service.login(attempt, now=later)

    entries = service.audit_recent(10)
    failed = [e for e in entries if e.action == "login.failed"]
    assert len(failed) == 3  # recorded although login raised: a unit of work of its own
    assert all(
        (e.actor_id, e.actor_name, e.target, dict(e.details), e.at) == (None, None, None, {}, later)
        for e in failed
    )
    logins = [e for e in entries if e.action == "login"]
    assert [(e.actor_name, e.at) for e in logins] == [
        ("Marek Kierownik", NOW),
        ("Anna Kasjerka", NOW),
    ]
    assert [e.action for e in entries][-2:] == ["staff.added", "staff.added"]


def test_the_pin_is_never_stored(db_path: Path) -> None:
    store = open_store(db_path, now=NOW)
    service = TerminalService(store)
    with store.unit_of_work() as tx:
        staff.add_staff(tx, "Anna Kasjerka", Role.CASHIER, PIN, now=NOW)
    with pytest.raises(WrongPinError):
        service.login(WRONG, now=NOW)
    service.login(PIN, now=NOW)
    store.close()

    written = b"".join(
        path.read_bytes() for path in db_path.parent.iterdir() if path.name.startswith("terminal")
    )
    assert PIN.encode() not in written and WRONG.encode() not in written
    with sqlite3.connect(db_path) as connection:
        pin_hash, salt = connection.execute("SELECT pin_hash, pin_salt FROM staff").fetchone()
    connection.close()
    scheme, n, r, p, digest = pin_hash.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", 1 << 14, 8, 1)
    assert len(digest) == 64 and len(bytes.fromhex(salt)) == 16


def test_the_same_pin_gets_a_different_hash_and_cannot_be_given_twice(store: Store) -> None:
    with store.unit_of_work() as tx:
        staff.add_staff(tx, "Anna Kasjerka", Role.CASHIER, "1111", now=NOW)
        with pytest.raises(DomainError, match="already in use"):
            tx.staff.add("Ola Kasjerka", Role.CASHIER, "1111")
        with pytest.raises(DomainError, match="4 to 8 digits"):
            tx.staff.add("Ola Kasjerka", Role.CASHIER, "11")
        with pytest.raises(DomainError, match="name"):
            tx.staff.add("  ", Role.CASHIER, "2222")


def test_a_deactivated_member_cannot_sign_in(store: Store) -> None:
    with store.unit_of_work() as tx:
        anna = tx.staff.add("Anna Kasjerka", Role.CASHIER, "1111")
        tx.staff.deactivate(anna.id)
    with pytest.raises(WrongPinError):
        TerminalService(store).login("1111", now=NOW)
    with store.unit_of_work(read_only=True) as tx:
        assert tx.staff.list() == []
        assert tx.staff.list(include_inactive=True) == [anna]
        assert tx.staff.by_id(anna.id) == anna


def test_only_a_manager_adds_staff(store: Store) -> None:
    with store.unit_of_work() as tx:
        marek = tx.staff.add("Marek Kierownik", Role.MANAGER, "9999")
        anna = staff.add_staff(tx, "Anna Kasjerka", Role.CASHIER, "1111", now=NOW, by=marek)
        with pytest.raises(NotAllowedError):
            staff.add_staff(tx, "Ola", Role.MANAGER, "2222", now=NOW, by=anna)
    with store.unit_of_work(read_only=True) as tx:
        [added] = [e for e in tx.audit.recent() if e.action == "staff.added"]
    assert (added.actor_name, added.target, dict(added.details)) == (
        "Marek Kierownik",
        anna.id,
        {"name": "Anna Kasjerka", "role": "cashier"},
    )


def test_the_demo_staff_sign_in_with_the_documented_pins(store: Store) -> None:
    assert install_demo_staff(store) is True
    assert install_demo_staff(store) is False  # only into a store with nobody to sign in
    service = TerminalService(store)
    assert [(name, role, pin) for name, role, pin in DEMO_STAFF] == [
        ("Anna Kasjerka", Role.CASHIER, "1111"),
        ("Marek Kierownik", Role.MANAGER, "9999"),
    ]
    for name, role, pin in DEMO_STAFF:
        member = service.login(pin, now=NOW)
        assert (member.name, member.role) == (name, role)
