"""Signing in: a PIN is checked against a salted scrypt hash, wrong PINs are audited, and the
PIN itself is never written anywhere."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from loyalty.errors import DomainError
from pos_terminal.db.store import Store, open_store
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
        staff.add_staff(tx, "Marek Kierownik", Role.MANAGER, "999999", now=NOW)
    service = TerminalService(store)

    assert service.login(PIN, now=NOW) == anna
    assert anna.name == "Anna Kasjerka" and not anna.is_manager
    assert service.login(" 999999 ", now=NOW).is_manager
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
    assert (scheme, int(n), int(r), int(p)) == ("scrypt-pepper", 1 << 14, 8, 1)
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
        marek = tx.staff.add("Marek Kierownik", Role.MANAGER, "999999")
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
        ("Marek Kierownik", Role.MANAGER, "999999"),
    ]
    for name, role, pin in DEMO_STAFF:
        member = service.login(pin, now=NOW)
        assert (member.name, member.role) == (name, role)


def test_a_manager_deactivates_staff_but_never_themself_nor_the_last_manager(
    store: Store,
) -> None:
    with store.unit_of_work() as tx:
        anna = staff.add_staff(tx, "Anna Kasjerka", Role.CASHIER, "1111", now=NOW)
        marek = staff.add_staff(tx, "Marek Kierownik", Role.MANAGER, "999999", now=NOW)
    admin = TerminalService(store).staff_admin

    with pytest.raises(NotAllowedError):
        admin.deactivate(anna, marek.id, now=NOW)
    with pytest.raises(DomainError, match="cannot deactivate yourself"):
        admin.deactivate(marek, marek.id, now=NOW)
    ewa_list = admin.add(marek, "Ewa Nowak", Role.MANAGER, "555555", now=NOW)
    ewa = next(member for member in ewa_list if member.name == "Ewa Nowak")
    assert admin.deactivate(ewa, marek.id, now=NOW) == [anna, ewa]  # two managers: allowed
    with pytest.raises(DomainError, match="at least one active manager"):
        # Ewa is the last active manager now: whoever asks, she stays.
        admin.deactivate(marek, ewa.id, now=NOW)
    with pytest.raises(DomainError, match="no such active staff member"):
        admin.deactivate(ewa, marek.id, now=NOW)
    assert admin.deactivate(ewa, anna.id, now=NOW) == [ewa]

    service = TerminalService(store)
    for pin in ("1111", "999999"):
        with pytest.raises(WrongPinError):
            service.login(pin, now=NOW)
    assert service.login("555555", now=NOW) == ewa
    entries = [(e.action, e.actor_name, e.target) for e in service.audit_recent(20)]
    assert ("staff.deactivated", "Ewa Nowak", anna.id) in entries
    assert ("staff.deactivated", "Ewa Nowak", marek.id) in entries
    assert ("staff.added", "Marek Kierownik", ewa.id) in entries


def test_only_a_manager_adds_staff_and_a_pin_in_use_is_refused(store: Store) -> None:
    with store.unit_of_work() as tx:
        anna = staff.add_staff(tx, "Anna Kasjerka", Role.CASHIER, "1111", now=NOW)
        marek = staff.add_staff(tx, "Marek Kierownik", Role.MANAGER, "999999", now=NOW)
    admin = TerminalService(store).staff_admin
    with pytest.raises(NotAllowedError):
        admin.add(anna, "Ewa Nowak", Role.CASHIER, "5555", now=NOW)
    refused = TerminalService(store).audit_recent(1)[0]
    assert (refused.action, refused.actor_name, dict(refused.details)) == (
        "refused",
        "Anna Kasjerka",
        {"action": "add staff"},
    )
    with pytest.raises(DomainError, match="already in use"):
        admin.add(marek, "Ewa Nowak", Role.CASHIER, "1111", now=NOW)
    with pytest.raises(DomainError, match="4 to 8 digits"):
        admin.add(marek, "Ewa Nowak", Role.CASHIER, "12", now=NOW)
    assert admin.members() == [anna, marek]
