"""The cashier's search box over the local cache."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from loyalty.customers import Customer
from pos_terminal.db.repositories.customers import refold_names
from pos_terminal.db.search_plan import MatchKind
from pos_terminal.db.store import Store

from .conftest import JAN, OLD, ZOLC, seed


def ids(store: Store, query: str) -> list[str]:
    with store.unit_of_work(read_only=True) as tx:
        return [hit.customer.id for hit in tx.customers.search(query).hits]


@pytest.mark.parametrize("query", ["zolc", "Żółć", "ŻÓŁĆ", "zol", "luc", "lucja z", "Łucja Żółć"])
def test_name_with_or_without_polish_letters_and_any_word_prefix(store: Store, query: str) -> None:
    seed(store)
    assert ids(store, query) == [ZOLC.id]


@pytest.mark.parametrize(
    "query",
    ["+48 601 234 567", "601234567", "601-234-567", "0048601234567", "234 567", "601", "4567"],
)
def test_phone_in_any_format_and_any_fragment(store: Store, query: str) -> None:
    seed(store)
    assert ids(store, query) == [JAN.id]


def test_too_short_a_phone_fragment_finds_nothing(store: Store) -> None:
    seed(store)
    assert ids(store, "60") == []
    assert ids(store, "") == [] and ids(store, "   ") == []


def test_email_prefix(store: Store) -> None:
    seed(store)
    assert ids(store, "jan.kow") == [JAN.id]
    assert ids(store, "Lucja@Firma.pl") == [ZOLC.id]
    assert ids(store, "lucja@") == [ZOLC.id]


def test_exact_first_then_prefix_and_deactivated_last_and_marked(store: Store) -> None:
    seed(store)
    with store.unit_of_work() as tx:
        tx.customers.add(Customer("c-janina", "Janina Abacka"))
        tx.customers.add(Customer("c-jan2", "Jan Zieliński"))
    with store.unit_of_work(read_only=True) as tx:
        hits = tx.customers.search("jan").hits
        exact = tx.customers.search("kowalski jan").hits  # a name's words in any order
        word = tx.customers.search("zielinski").hits
    assert [(h.customer.id, h.match, h.deactivated) for h in hits] == [
        (JAN.id, MatchKind.PREFIX, False),  # within a tier, by name
        ("c-jan2", MatchKind.PREFIX, False),
        ("c-janina", MatchKind.PREFIX, False),
        (OLD.id, MatchKind.PREFIX, True),
    ]
    assert [(h.customer.id, h.match) for h in exact] == [(JAN.id, MatchKind.EXACT)]
    assert [(h.customer.id, h.match) for h in word] == [("c-jan2", MatchKind.WORD)]


def test_phone_exact_then_prefix_then_fragment(store: Store) -> None:
    seed(store)
    with store.unit_of_work() as tx:
        tx.customers.add(Customer("c-a", "Anna Prefiks", phone="+48601234560"))
        tx.customers.add(Customer("c-b", "Bartek Środek", phone="+48799601234"))
    with store.unit_of_work(read_only=True) as tx:
        hits = tx.customers.search("601234").hits
    assert [(h.customer.id, h.match) for h in hits] == [
        ("c-a", MatchKind.PREFIX),  # within a tier, by name
        (JAN.id, MatchKind.PREFIX),
        ("c-b", MatchKind.FRAGMENT),
    ]
    with store.unit_of_work(read_only=True) as tx:
        exact = tx.customers.search("601 234 567").hits
    assert [h.match for h in exact] == [MatchKind.EXACT]


def test_at_most_fifty_results(store: Store) -> None:
    with store.unit_of_work() as tx:
        for i in range(80):
            tx.customers.add(Customer(f"c{i}", f"Kowalski Numer{i}", phone=f"+4860000{i:04d}"))
    with store.unit_of_work(read_only=True) as tx:
        assert len(tx.customers.search("kowalski").hits) == 50
        assert len(tx.customers.search("60000").hits) == 50
        assert len(tx.customers.search("kowalski", limit=5).hits) == 5


def test_edits_keep_the_index_in_step(store: Store) -> None:
    seed(store)
    with store.unit_of_work() as tx:
        tx.session.execute(
            text(
                "UPDATE customer SET name = 'Łucja Nowak', search_name = 'lucja nowak'"
                " WHERE id = :i"
            ),
            {"i": ZOLC.id},
        )
    assert ids(store, "zolc") == []
    assert ids(store, "nowak") == [ZOLC.id]
    with store.unit_of_work() as tx:
        tx.session.execute(text("DELETE FROM customer WHERE id = :i"), {"i": ZOLC.id})
    assert ids(store, "nowak") == []


ORSTED = Customer("c-orsted", "Ørsted Æble-Đorđević", phone="+4520123456")


@pytest.mark.parametrize("query", ["orsted", "ØRSTED", "aeble", "dordevic", "Æble-Đ"])
def test_letters_outside_polish_are_found_as_a_plain_keyboard_types_them(
    store: Store, query: str
) -> None:
    """Issue 11: "Ørsted" could not be found by typing "orsted"."""
    seed(store)
    with store.unit_of_work() as tx:
        tx.customers.add(ORSTED)
    assert ids(store, query) == [ORSTED.id]


def test_names_folded_by_an_earlier_version_are_folded_again(store: Store) -> None:
    """Migration 0008 folds again the names an earlier fold left letters in (it kept "ø",
    so the search index held "ørsted" and "orsted" found nobody)."""
    seed(store)
    with store.unit_of_work() as tx:
        tx.customers.add(ORSTED)
        tx.session.execute(
            text("UPDATE customer SET search_name = 'ørsted æble-đorđevic' WHERE id = :i"),
            {"i": ORSTED.id},
        )
    assert ids(store, "orsted") == []
    with store.engine.begin() as connection:
        changed = refold_names(connection)
    assert changed == 1  # Jan, Łucja and the rest were folded right already
    assert ids(store, "orsted") == [ORSTED.id]
