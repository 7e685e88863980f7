"""Adding a customer at the till: every field checked, usable at once, proposed to the CRM."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from pos_terminal.db.store import Store
from pos_terminal.services.customers import (
    CUSTOMER_PROPOSED,
    CustomerFormError,
    NewCustomer,
    quick_add_customer,
)
from pos_terminal.services.identify import IdentifyStatus, identify_by_card

from .conftest import NOW, STALY, TODAY, seed


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
        found = [hit.customer.id for hit in tx.customers.search("geslak")]
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
