"""Adding a customer at the till: every field checked, usable at once, proposed to the CRM."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from loyalty.customers import CustomerGroup
from pos_terminal.db.store import Store
from pos_terminal.domain.staff import StaffMember
from pos_terminal.services.customers import (
    CUSTOMER_PROPOSED,
    GROUP_BY_MANAGER,
    CustomerFormError,
    NewCustomer,
    quick_add_customer,
)
from pos_terminal.services.identify import IdentifyStatus, identify_by_card
from pos_terminal.services.terminal import TerminalService

from .conftest import MANAGER_10, NOW, STALY, TODAY, seed
from .shift_world import world


def test_bad_fields_are_all_reported_at_once(store: Store) -> None:
    seed(store)
    form = NewCustomer(
        name="  ",
        phone="12",
        email="nie-mail",
        nip="1234563219",
        group_id="g-none",
        card_code="0006547886",  # Jan's card
    )
    with store.unit_of_work() as tx, pytest.raises(CustomerFormError) as raised:
        quick_add_customer(tx, form, now=NOW)
    assert set(raised.value.problems) == {"name", "phone", "email", "nip", "group", "card"}
    assert "check digit" in str(raised.value.problems["nip"])
    assert "already belongs" in str(raised.value.problems["card"])


def test_a_phone_that_already_belongs_to_someone_is_named(store: Store) -> None:
    seed(store)
    with store.unit_of_work() as tx, pytest.raises(CustomerFormError, match="Jan Kowalski"):
        quick_add_customer(tx, NewCustomer(name="Jan Drugi", phone="601 234 567"), now=NOW)


def test_the_new_customer_is_found_at_once_and_proposed_to_the_crm(store: Store) -> None:
    seed(store)
    form = NewCustomer(
        name=" Zenon   Gęślak ",
        phone="+48 512 345 678",
        email="Zenon@Example.pl",
        nip="123-456-32-18",
        group_id=STALY.id,
        card_code="0001234567",
        card_number="2001",
    )
    with store.unit_of_work() as tx:
        customer = quick_add_customer(tx, form, now=NOW)
    assert (customer.name, customer.phone, customer.email, customer.nip) == (
        "Zenon Gęślak",
        "+48512345678",
        "zenon@example.pl",
        "1234563218",
    )
    with store.unit_of_work(read_only=True) as tx:
        tap = identify_by_card(tx, "0012D687", today=TODAY, business_date=TODAY)  # hex of it
        found = [hit.customer.id for hit in tx.customers.search("geslak").hits]
        op = tx.session.execute(text("SELECT kind, aggregate_id, payload FROM outbox")).one()
    assert tap.status is IdentifyStatus.FOUND and tap.state is not None
    assert tap.state.customer == customer and tap.state.group == STALY
    assert found == [customer.id]
    assert op.kind == CUSTOMER_PROPOSED and op.aggregate_id == customer.id
    assert '"number":"2001"' in op.payload


@pytest.mark.parametrize(
    ("form", "field"),
    [
        (NewCustomer(name="Jan\x00Kowalski"), "name"),
        (NewCustomer(name="Jan\nKowalski"), "name"),
        (NewCustomer(name="J" * 301), "name"),
        (NewCustomer(name="Jan", tags=frozenset({"VIP\x07"})), "tags"),
        (NewCustomer(name="Jan", tags=frozenset({"x" * 101})), "tags"),
        (NewCustomer(name="Jan", tags=frozenset(f"t{n}" for n in range(51))), "tags"),
    ],
)
def test_control_characters_and_overlong_fields_are_refused(
    store: Store, form: NewCustomer, field: str
) -> None:
    """The limits the CRM keeps (loyalty.text_fields), at the till too: nothing typed or
    scanned into a field carries a control character or runs past its length."""
    seed(store)
    with store.unit_of_work() as tx, pytest.raises(CustomerFormError) as raised:
        quick_add_customer(tx, form, now=NOW)
    assert set(raised.value.problems) == {field}


PERSONEL = CustomerGroup("g-personel", "Personel", "personel", discount_ids=(MANAGER_10.id,))


def _with_staff_group(store: Store) -> tuple[TerminalService, StaffMember, StaffMember]:
    """The shift world (Anna a cashier, Marek a manager) and a group for staff."""
    made = world(store)
    with store.unit_of_work() as tx:
        tx.rules.add_group(PERSONEL)  # not assignable at the till: a 30 % group, say
    return made


def _group_audits(store: Store) -> list[tuple[str | None, str | None, object]]:
    with store.unit_of_work(read_only=True) as tx:
        return [
            (e.actor_name, e.target, e.details.get("group"))
            for e in tx.audit.recent()
            if e.action == GROUP_BY_MANAGER
        ]


def test_a_cashier_alone_cannot_put_a_new_customer_in_a_staff_group(store: Store) -> None:
    """Issue 11: quick-add handed out any group, a 30 % staff group at once included."""
    service, anna, _ = _with_staff_group(store)
    form = NewCustomer(name="Kuzyn Kasjera", group_id=PERSONEL.id)
    with pytest.raises(CustomerFormError) as raised:
        service.add_customer(form, now=NOW, actor=anna)
    assert set(raised.value.problems) == {"manager_pin"}
    assert "manager's PIN" in str(raised.value.problems["manager_pin"])
    with pytest.raises(CustomerFormError, match="is not a manager"):
        service.add_customer(form, now=NOW, actor=anna, manager_pin="1111")  # Anna's own
    with pytest.raises(CustomerFormError, match="Wrong PIN"):
        service.add_customer(form, now=NOW, actor=anna, manager_pin="000000")
    assert _group_audits(store) == []
    with store.unit_of_work(read_only=True) as tx:
        assert tx.customers.search("Kuzyn").hits == ()

    added = service.add_customer(form, now=NOW, actor=anna, manager_pin="999999")  # Marek's
    assert added.group_id == PERSONEL.id
    assert _group_audits(store) == [("Marek Kierownik", added.id, PERSONEL.id)]


def test_a_manager_signed_in_needs_no_pin_and_an_ordinary_group_needs_none(
    store: Store,
) -> None:
    service, anna, marek = _with_staff_group(store)
    own = service.add_customer(
        NewCustomer(name="Nowy Pracownik", group_id=PERSONEL.id), now=NOW, actor=marek
    )
    regular = service.add_customer(
        NewCustomer(name="Stała Klientka", group_id=STALY.id), now=NOW, actor=anna
    )
    assert (own.group_id, regular.group_id) == (PERSONEL.id, STALY.id)
    assert _group_audits(store) == [("Marek Kierownik", own.id, PERSONEL.id)]
