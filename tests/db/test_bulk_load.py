"""Loading many customers at once, as a first sync or the demo data does."""

from __future__ import annotations

from sqlalchemy import text

from loyalty.customers import Card, Customer
from loyalty.demo.people import demo_customers
from pos_terminal.db.bulk import CustomerBundle, load_customers
from pos_terminal.db.store import Store
from pos_terminal.services.demo import install_demo_data
from pos_terminal.services.identify import IdentifyStatus, identify_by_card

from .conftest import TODAY


def test_demo_data_is_usable_at_once(store: Store) -> None:
    stages: list[tuple[str, int]] = []
    install_demo_data(store, customers=3000, progress=lambda stage, n: stages.append((stage, n)))
    assert stages[-1] == ("search index", 3000)
    sample = list(demo_customers(3000))[1234]
    with store.unit_of_work(read_only=True) as tx:
        found = identify_by_card(tx, sample.card_code, today=TODAY, business_date=TODAY)
        by_phone = [h.customer.id for h in tx.customers.search(sample.phone or "").hits]
        by_name = [h.customer.id for h in tx.customers.search(sample.name).hits]
        products = tx.catalog.products()
        indexes = tx.session.execute(
            text("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'card'")
        ).scalar_one()
        triggers = tx.session.execute(
            text(
                "SELECT count(*) FROM sqlite_master"
                " WHERE type = 'trigger' AND tbl_name = 'customer'"
            )
        ).scalar_one()
    if sample.active and not sample.card_blocked:
        assert found.status in (IdentifyStatus.FOUND, IdentifyStatus.EXPIRED_CARD)
    assert found.state is not None and found.state.customer.id == sample.id
    assert found.state.credits.minor == sample.credits_minor
    assert sample.id in by_phone and sample.id in by_name
    assert len(products) > 50
    assert indexes >= 4 and triggers == 6  # dropped for the load and put back


def test_a_second_load_adds_to_the_cache_and_keeps_it_searchable(store: Store) -> None:
    install_demo_data(store, customers=500)
    extra = CustomerBundle(
        Customer("c-extra", "Ksawery Źdźbło", phone="+48600111222"),
        (Card("0099887766", "9001", "c-extra"),),
        credits_minor=700,
    )
    assert load_customers(store.engine, [[extra]]) == 1
    with store.unit_of_work() as tx:  # the search triggers are back after the load
        tx.session.execute(
            text("UPDATE customer SET search_name = 'ksawery zdzblo nowy' WHERE id = 'c-extra'")
        )
    with store.unit_of_work(read_only=True) as tx:
        assert [h.customer.id for h in tx.customers.search("zdzblo nowy").hits] == ["c-extra"]
        assert [h.customer.id for h in tx.customers.search("600 111 222").hits] == ["c-extra"]
        total = tx.session.execute(text("SELECT count(*) FROM customer")).scalar_one()
    assert total == 501
