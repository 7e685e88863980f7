"""Issue 12: the search's first screen holds the best matches of a chain's million, and says
how many more there are; e-mails are found by any fragment; a row carries what it shows."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from loyalty.customers import Customer
from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind
from pos_terminal.db.engine import create_store_engine
from pos_terminal.db.migrate import alembic_config
from pos_terminal.db.search import CustomerSearch
from pos_terminal.db.search_plan import MatchKind
from pos_terminal.db.store import Store, open_store
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.services.terminal import TerminalService

from .conftest import JAN, NOW, PIWO, TODAY, ZOLC, seed


def search(store: Store, query: str) -> CustomerSearch:
    with store.unit_of_work(read_only=True) as tx:
        return tx.customers.search(query)


def ids(store: Store, query: str) -> list[str]:
    return [hit.customer.id for hit in search(store, query).hits]


def add(store: Store, *customers: Customer) -> None:
    with store.unit_of_work() as tx:
        for customer in customers:
            tx.customers.add(customer)


def sell_to(store: Store, customer_id: str, *, minute: int) -> None:
    """A beer sold to the customer, closed as the till closes every bill."""
    bill = Bill(f"b-{customer_id}-{minute}", (BillLine("l1", PIWO),), customer_id=customer_id)
    TerminalService(store).close(
        bill,
        (Tender(TenderKind.CASH, PIWO.price),),
        name="",
        at=NOW + timedelta(minutes=minute),
        business_date=TODAY,
    )


# Sixty who merely contain "Jan Gęś", entered first (the cache's order is a CRM's order).
NAMESAKES = [Customer(f"c-ges{i:02}", f"Jan Gęś Nowak{i:02}") for i in range(60)]


def test_a_name_equal_to_the_query_beats_sixty_that_merely_contain_it(store: Store) -> None:
    """Before: the matches were cut at 50 in the cache's order, so the one Jan Gęś, entered
    after sixty Jan Gęś Nowaks, was not on the screen at all."""
    add(store, *NAMESAKES, Customer("c-ges", "Jan Gęś"))
    for query in ("jan gęś", "Gęś Jan", "ges jan"):
        found = search(store, query)
        assert found.hits[0].customer.id == "c-ges", query
        assert found.hits[0].match is MatchKind.EXACT
        assert len(found.hits) == 50 and found.more == 11


def test_a_customer_seen_here_lately_comes_first_among_equal_matches(store: Store) -> None:
    seed(store)
    add(store, *NAMESAKES)
    sell_to(store, "c-ges55", minute=1)  # beyond the first fifty in the cache's order
    sell_to(store, "c-ges57", minute=2)  # the latest
    found = search(store, "gęś")
    assert [hit.customer.id for hit in found.hits[:2]] == ["c-ges57", "c-ges55"]
    assert [hit.seen for hit in found.hits[:3]] == [True, True, False]
    assert {hit.match for hit in found.hits} == {MatchKind.WORD}
    # Fit comes before recency: an exact name seen never beats one seen lately.
    add(store, Customer("c-ges", "Jan Gęś"))
    assert ids(store, "jan ges")[:2] == ["c-ges", "c-ges57"]


def test_closing_a_bill_is_what_marks_a_customer_seen(store: Store) -> None:
    seed(store)
    sell_to(store, JAN.id, minute=1)
    sell_to(store, JAN.id, minute=4)
    with store.unit_of_work(read_only=True) as tx:
        seen = tx.session.execute(text("SELECT customer_id, last_bill_at FROM customer_seen"))
        assert [(c, str(at)[:16]) for c, at in seen] == [(JAN.id, "2026-11-18 12:04")]


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("kowalcz", MatchKind.FRAGMENT),  # inside the address
        ("jan.kow", MatchKind.FRAGMENT),  # a name-like single word
        ("JAN.KOWALCZYK@", MatchKind.FRAGMENT),
        ("m.jan", MatchKind.PREFIX),
    ],
)
def test_an_email_is_found_by_a_fragment_anywhere(
    store: Store, query: str, kind: MatchKind
) -> None:
    """Before: an e-mail was found only from its start."""
    seed(store)
    add(store, Customer("c-mail", "Maria Zielińska", email="m.jan.kowalczyk@poczta.pl"))
    found = search(store, query)
    assert [(h.customer.id, h.match, h.field) for h in found.hits if h.field == "email"] == [
        ("c-mail", kind, "email")
    ]


def test_an_email_fragment_needs_three_characters(store: Store) -> None:
    add(store, Customer("c-mail", "Maria Zielińska", email="m.jan.kowalczyk@poczta.pl"))
    assert ids(store, "ko") == []  # no name starts "ko", and two letters are too few
    assert ids(store, "kow") == ["c-mail"]


def test_how_many_more_is_said_exactly_or_as_at_least(store: Store) -> None:
    # Phones with 777 inside only: every tier is read to its end, so the count is exact.
    add(store, *(Customer(f"c{i}", f"Klient {i}", phone=f"+4850{i:03}7770") for i in range(60)))
    found = search(store, "777")
    assert (len(found.hits), found.more, found.more_at_least) == (50, 10, False)
    add(store, *(Customer(f"d{i}", f"Klient {i}", phone=f"+4851{i:03}7770") for i in range(300)))
    found = search(store, "777")
    assert (len(found.hits), found.more, found.more_at_least) == (50, 200, True)
    assert search(store, "klient").more_at_least  # the window of a tier filled
    assert search(store, "nikt taki") == CustomerSearch(())


def test_a_row_carries_its_group_card_and_the_credits_a_tap_would_see(store: Store) -> None:
    seed(store)
    sell_to(store, JAN.id, minute=1)  # takes 13,30 zł of Jan's 50,00 zł credits
    with store.unit_of_work(read_only=True) as tx:
        available = tx.balances.available(JAN.id, TODAY).credits
        jan, zolc = (tx.customers.search(q).hits[0] for q in ("kowalski", "zolc"))
    assert jan.credits == available == Money(3670)
    assert (jan.group_name, jan.card_number) == ("Stały klient", "1001")
    assert zolc.customer.id == ZOLC.id
    assert (zolc.group_name, zolc.card_number, zolc.credits) == (None, "1004", Money(0))


@pytest.mark.parametrize(
    "query",
    [
        "jan",
        "jan k",
        "kowalski jan",
        "ges",
        "gęś jan",
        "nowak0",
        "jan.kow",
        "601",
        "234 5",
        "@poczta",
        "jan.kow@poczta.pl",
        "ko",
        "aeble-d",
        "dordevic",
        "orsted ae",
        "zol",
    ],
)
def test_the_seen_are_ranked_by_the_rules_the_indexes_apply(store: Store, query: str) -> None:
    """The customers seen here are matched in Python (`Plan.fit`), the rest by the indexes:
    each customer gets the same fit either way."""
    seed(store)
    add(
        store,
        *NAMESAKES[:5],
        Customer("c-mail", "Maria Zielińska", phone="+48799601234", email="jan.kow@poczta.pl"),
        Customer("c-orsted", "Ørsted Æble-Đorđević", email="orsted@firma.dk"),
    )
    before = {(h.customer.id, h.match, h.field) for h in search(store, query).hits}
    with store.unit_of_work() as tx:
        tx.session.execute(
            text("INSERT INTO customer_seen SELECT id, '2026-11-18 12:00:00' FROM customer")
        )
    after = search(store, query).hits
    assert all(hit.seen for hit in after)
    assert {(h.customer.id, h.match, h.field) for h in after} == before


def test_migration_0009_indexes_the_emails_and_the_bills_a_store_already_holds(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    config = alembic_config()
    with create_store_engine(path).connect() as alembic_connection:
        config.attributes["connection"] = alembic_connection
        command.upgrade(config, "0008")
    with sqlite3.connect(path) as connection:
        connection.executescript(
            """
            INSERT INTO customer (id, name, type, active, verified, discount_limit_disabled,
                tags, details, proposed_locally, search_name, search_email) VALUES
                ('c1', 'Maria Zielińska', 'client', 1, 0, 0, '', '{}', 0, 'maria zielinska',
                 'm.jan.kowalczyk@poczta.pl'),
                ('c2', 'Anna Maj', 'client', 1, 0, 0, '', '{}', 0, 'anna maj', NULL);
            INSERT INTO bill (id, local_no, status, name, currency, voucher_codes,
                credits_removed, limit_overridden, opened_at, updated_at, closed_at,
                voided_at, customer_id) VALUES
                ('b1', 1, 'closed', '', 'PLN', '', 0, 0, '2026-11-17 12:00:00',
                 '2026-11-17 12:00:00', '2026-11-17 12:00:00', NULL, 'c1'),
                ('b2', 2, 'voided', '', 'PLN', '', 0, 0, '2026-11-17 13:00:00',
                 '2026-11-17 13:00:00', '2026-11-17 13:00:00', '2026-11-17 13:05:00', 'c1'),
                ('b3', NULL, 'draft', '', 'PLN', '', 0, 0, '2026-11-17 14:00:00',
                 '2026-11-17 14:00:00', NULL, NULL, 'c2');
            """
        )
    connection.close()
    store = open_store(path, now=NOW)
    try:
        assert store.migration.from_revision == "0008"
        assert ids(store, "kowalcz") == ["c1"]
        with store.unit_of_work(read_only=True) as tx:
            seen = tx.session.execute(text("SELECT customer_id, last_bill_at FROM customer_seen"))
            assert [(c, str(at)) for c, at in seen] == [("c1", "2026-11-17 13:00:00")]
    finally:
        store.close()
