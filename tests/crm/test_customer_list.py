"""The customer list over real HTTP: keyset pages, filters, bulk actions, and index use."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import insert, select, text

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.customer_filter import CustomerFilter
from crm.services.customer_input import CustomerInput
from crm.services.customer_list import checked_request, driving_word, page_query
from crm.services.customer_words import customer_words, fold, sort_name
from crm.services.groups import GroupInput
from crm.store.models import AuditRow, CustomerGroupRow, CustomerRow, CustomerTagRow
from crm.store.models import CustomerWordRow as WordRow

NAMES = [
    "Anna Nowak",
    "anna nowak",  # the same sort key: the id breaks the tie
    "Anna Nowak",
    "Łukasz Żółć",
    "Lucyna Kowal",
    "Zenon Ąbc",
    "Ewa Ćwik",
    "Bartosz Śliwa",
    "Celina Ostrowska",
    "Dorota Źdźbło",
    "Jan Kowalski",
    "Jan Kowalczyk",
    "Marek Zieliński",
]


def _create(services: CrmServices, **fields: Any) -> str:
    return services.customers.create(CLI, CustomerInput(**fields)).id


def _walk(client: httpx.Client, limit: int, **params: Any) -> list[dict[str, Any]]:
    """Every item of the list, a page at a time, following the cursors."""
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(100):
        query = {**params, "limit": limit, **({"cursor": cursor} if cursor else {})}
        answer = client.get("/v1/customers", params=query)
        assert answer.status_code == 200, answer.text
        page = answer.json()
        assert len(page["items"]) <= limit
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("the cursors never ended")


def _ids(client: httpx.Client, **params: Any) -> set[str]:
    return {item["id"] for item in _walk(client, 200, **params)}


def test_keyset_pages_walk_the_list_once_in_every_order(
    owner: httpx.Client, services: CrmServices
) -> None:
    ids = {_create(services, name=name) for name in NAMES}
    stored = services.customers.list(CLI, CustomerFilter(), limit=200).items
    by_name = sorted((sort_name(item.name), item.id) for item in stored)
    for limit in (1, 4, 5):
        forward = _walk(owner, limit, sort="name")
        assert [(sort_name(i["name"]), i["id"]) for i in forward] == by_name
        backward = _walk(owner, limit, sort="-name")
        assert [i["id"] for i in backward] == [i["id"] for i in reversed(forward)]
    oldest_first = _walk(owner, 3, sort="created")
    assert {i["id"] for i in oldest_first} == ids and len(oldest_first) == len(ids)
    newest_first = _walk(owner, 3, sort="-created")
    assert [i["id"] for i in newest_first] == [i["id"] for i in reversed(oldest_first)]
    # "Łukasz" sorts among the L's, not after "Z".
    names = [i["name"] for i in forward]
    assert names.index("Łukasz Żółć") < names.index("Marek Zieliński")


def test_a_page_carries_tags_cards_and_balances(owner: httpx.Client, services: CrmServices) -> None:
    anna = _create(services, name="Anna", tags=("VIP", "b"), phone="601000001", email="a@b.pl")
    _create(services, name="Beata")
    services.customers.add_card(CLI, anna, "0006547886")
    services.customers.add_card(CLI, anna, "0000000007")
    page = owner.get("/v1/customers", params={"limit": 1}).json()
    [item] = page["items"]
    assert item == {
        "id": anna,
        "name": "Anna",
        "type": "client",
        "group_id": None,
        "phone": "+48601000001",
        "email": "a@b.pl",
        "active": True,
        "tags": ["VIP", "b"],
        "card_count": 2,
        "credits_minor": 0,
        "wallet_minor": 0,
        "points": 0,
    }
    assert page["next_cursor"] is not None


def test_bad_list_parameters_are_named(owner: httpx.Client) -> None:
    cases: list[tuple[dict[str, str | int], str]] = [
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"limit": 0}, "limit"),
        ({"limit": 201}, "limit"),
        ({"sort": "phone"}, "sort"),
        ({"type": "vip"}, "type"),
    ]
    for params, field in cases:
        answer = owner.get("/v1/customers", params=params)
        assert answer.status_code == 422, params
        assert field in {p["field"] for p in answer.json()["problems"]}


def test_a_cursor_of_one_order_is_refused_in_another(
    owner: httpx.Client, services: CrmServices
) -> None:
    for name in ("A", "B", "C"):
        _create(services, name=name)
    cursor = owner.get("/v1/customers", params={"limit": 1, "sort": "name"}).json()["next_cursor"]
    answer = owner.get("/v1/customers", params={"cursor": cursor, "sort": "created"})
    assert answer.status_code == 422
    assert answer.json()["problems"][0]["field"] == "cursor"


def test_filters(owner: httpx.Client, services: CrmServices) -> None:
    vip = services.groups.create(CLI, GroupInput(name="VIP")).id
    lukasz = _create(services, name="Łukasz Żółć", phone="601 234 567", group_id=vip)
    lucyna = _create(services, name="Lucyna Kowal", email="lucyna.kowal@firma.pl", tags=("x",))
    jan = _create(services, name="Jan Kowalski", type="lead", phone="+48 602 999 000")
    services.customers.add_card(CLI, jan, "0006547886")
    services.customers.deactivate(CLI, lucyna)
    assert _ids(owner, text="łukasz") == {lukasz}
    assert _ids(owner, text="LUKASZ zolc") == {lukasz}
    assert _ids(owner, text="Żółć") == {lukasz}
    assert _ids(owner, text="lu") == {lukasz, lucyna}
    assert _ids(owner, text="kowal") == {lucyna, jan}
    assert _ids(owner, text="kowal jan") == {jan}
    assert _ids(owner, text="601 23") == {lukasz}
    assert _ids(owner, text="+48 601") == {lukasz}
    assert _ids(owner, text="60") == {lukasz, jan}
    assert _ids(owner, text="lucyna.kowal@firma") == {lucyna}
    assert _ids(owner, text="nobody") == set()
    assert _ids(owner, group_id=vip) == {lukasz}
    assert _ids(owner, group_id=vip, text="lu") == {lukasz}
    assert _ids(owner, tag="x") == {lucyna}
    assert _ids(owner, type="lead") == {jan}
    assert _ids(owner, active="false") == {lucyna}
    assert _ids(owner, active="true") == {lukasz, jan}
    assert _ids(owner, has_card="true") == {jan}
    assert _ids(owner, has_card="false") == {lukasz, lucyna}


def _bulk(client: httpx.Client, **body: Any) -> httpx.Response:
    return client.post("/v1/customers/bulk", json=body)


def test_bulk_actions_change_every_match_once(owner: httpx.Client, services: CrmServices) -> None:
    gold = services.groups.create(CLI, GroupInput(name="Gold")).id
    kowal = {_create(services, name=f"Jan Kowal {n}") for n in range(5)}
    other = _create(services, name="Ewa Nowak", tags=("VIP",))
    answer = _bulk(owner, filter={"text": "kowal"}, action="assign_group", value=gold)
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"changed": 5}
    assert _ids(owner, group_id=gold) == kowal
    # Again: nobody changes, so nobody's version moves.
    assert _bulk(owner, filter={"text": "kowal"}, action="assign_group", value=gold).json() == {
        "changed": 0
    }
    assert _bulk(owner, filter={}, action="add_tag", value=" VIP ").json() == {"changed": 5}
    assert _ids(owner, tag="VIP") == kowal | {other}
    one = sorted(kowal)[0]
    answer = _bulk(owner, filter={"ids": [one, other]}, action="remove_tag", value="VIP")
    assert answer.json() == {"changed": 2}
    assert _ids(owner, tag="VIP") == kowal - {one}
    assert _bulk(owner, filter={"group_id": gold}, action="deactivate").json() == {"changed": 5}
    assert _ids(owner, active="false") == kowal
    assert _bulk(owner, filter={"text": "kowal"}, action="assign_group").json() == {"changed": 5}
    assert _ids(owner, group_id=gold) == set()
    versions = {c: services.customers.get(CLI, c).version for c in kowal | {other}}
    assert versions[one] == 1 + 5  # group, tag, tag removed, deactivated, group removed
    assert {versions[c] for c in kowal - {one}} == {1 + 4}  # group, tag, deactivated, group
    assert versions[other] == 1 + 1  # already had the tag; then lost it: one change
    with services.ctx.db.session() as session:
        entries = list(
            session.scalars(
                select(AuditRow).where(AuditRow.action.like("customer.bulk%")).order_by(AuditRow.id)
            )
        )
    assert [e.action for e in entries] == [
        "customer.bulk_assign_group",
        "customer.bulk_assign_group",
        "customer.bulk_add_tag",
        "customer.bulk_remove_tag",
        "customer.bulk_deactivate",
        "customer.bulk_assign_group",
    ]
    assert entries[0].after == {"filter": {"text": "kowal"}, "value": gold, "count": 5}


def test_bad_bulk_requests_are_named(owner: httpx.Client) -> None:
    for body, field in [
        ({"filter": {}, "action": "explode"}, "action"),
        ({"filter": {}, "action": "add_tag", "value": " "}, "value"),
        ({"filter": {}, "action": "assign_group", "value": "no-such-group"}, "value"),
        ({"filter": {"type": "vip"}, "action": "deactivate"}, "filter.type"),
        ({"filter": {"colour": "red"}, "action": "deactivate"}, "filter.colour"),
    ]:
        answer = _bulk(owner, **body)
        assert answer.status_code == 422, body
        assert field in {p["field"] for p in answer.json()["problems"]}, answer.text


# -- the plan on PostgreSQL ----------------------------------------------------------------------

FIRST = ["Anna", "Jan", "Łukasz", "Ewa", "Piotr", "Zofia", "Marek", "Żaneta", "Tomasz", "Ola"]
LAST = ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński"]
SEQ_SCAN_OF_CUSTOMER = re.compile(r"Seq Scan on customer\b(?!_)")


def _many_customers(services: CrmServices, count: int) -> list[str]:
    """`count` customers in 20 groups, with words and some tags, inserted in bulk."""
    now = datetime(2026, 1, 1, tzinfo=UTC)
    groups = [f"g{n}" for n in range(20)]
    customers, words, tags = [], [], []
    for n in range(count):
        name = f"{FIRST[n % len(FIRST)]} {LAST[n // len(FIRST) % len(LAST)]} {n}"
        phone = f"+4860{n:07d}"
        customer_id = f"c{n:07d}"
        customers.append(
            {
                "id": customer_id,
                "name": name,
                "sort_name": sort_name(name),
                "type": "client",
                "group_id": groups[n % len(groups)],
                "phone": phone,
                "active": True,
                "created_at": now + timedelta(seconds=n),
                "updated_at": now,
            }
        )
        words += [
            {
                "word": w,
                "customer_id": customer_id,
                "sort_name": sort_name(name),
                "group_id": groups[n % len(groups)],
            }
            for w in customer_words(name, None, phone)
        ]
        if n % 10 == 0:
            tags.append({"customer_id": customer_id, "tag": "VIP"})
    with services.ctx.db.session() as session:
        session.execute(
            insert(CustomerGroupRow),
            [
                {"id": g, "name": g, "reference": g, "created_at": now, "updated_at": now}
                for g in groups
            ],
        )
        session.execute(insert(CustomerRow), customers)
        session.execute(insert(WordRow), words)
        session.execute(insert(CustomerTagRow), tags)
    with services.ctx.db.engine.connect() as connection:
        connection.execute(text("ANALYZE"))
    return groups


def _plan(services: CrmServices, where: CustomerFilter, sort: str) -> str:
    """PostgreSQL's plan for the first page, with sequential scans priced out of reach.

    On a few thousand rows a sequential scan is honestly the cheapest plan, so the planner's
    own choice there says nothing about a million rows. With `enable_seqscan` off it still
    falls back to one when NO index can answer the query: that is what this checks.
    """
    with services.ctx.db.session() as session:
        driver = driving_word(session, where)
    query = page_query(checked_request(where, sort, 50, None), driver)
    compiled = query.compile(
        dialect=services.ctx.db.engine.dialect, compile_kwargs={"literal_binds": True}
    )
    with services.ctx.db.engine.connect() as connection:
        connection.execute(text("SET enable_seqscan = off"))
        rows = connection.execute(text(f"EXPLAIN {compiled}")).scalars()
        return "\n".join(rows)


@pytest.fixture
def pg_services(postgres_url: str) -> Iterator[CrmServices]:
    """PostgreSQL only: its planner is the one that could choose a scan of every customer."""
    built = CrmServices.at(postgres_url)
    yield built
    built.close()


def test_the_main_list_paths_use_indexes_on_postgresql(pg_services: CrmServices) -> None:
    services = pg_services
    _many_customers(services, 5000)
    paths = [
        (CustomerFilter(), "name", "ix_customer_sort_name"),
        (CustomerFilter(), "-name", "ix_customer_sort_name"),
        (CustomerFilter(), "-created", "ix_customer_created"),
        (CustomerFilter(group_id="g3"), "name", "ix_customer_group_sort"),
        (CustomerFilter(group_id="g3", text="łukasz wiś"), "name", "ix_customer_word_page"),
        (CustomerFilter(text="kowalski 12"), "name", "ix_customer_word_page"),
        (CustomerFilter(text="600000"), "name", "ix_customer_word_page"),
        (CustomerFilter(group_id="g3", text="kowalski"), "-name", "ix_customer_word_page"),
        (CustomerFilter(tag="VIP"), "name", "ix_customer_tag_tag"),
    ]
    for where, sort, index in paths:
        plan = _plan(services, where, sort)
        assert not SEQ_SCAN_OF_CUSTOMER.search(plan), f"{where} {sort}:\n{plan}"
        assert index in plan, f"{where} {sort}:\n{plan}"
    # And the answers are right: a text filter inside one group.
    found = services.customers.list(CLI, CustomerFilter(group_id="g2", text="łukasz"), limit=200)
    assert found.items and all(
        i.group_id == "g2" and fold(i.name).startswith("lukasz") for i in found.items
    )


def test_a_word_and_a_group_follow_the_customer_moves(
    owner: httpx.Client, services: CrmServices
) -> None:
    """The words index keeps a copy of each customer's name and group (the quick path for a
    word in a group): a rename, an edit of the group and a bulk move must all reach it."""
    gold = services.groups.create(CLI, GroupInput(name="Gold")).id
    silver = services.groups.create(CLI, GroupInput(name="Silver")).id
    many = [_create(services, name=f"Anna Nowak {n:02d}", group_id=gold) for n in range(12)]
    moved = _create(services, name="Adam Nowak", group_id=silver)
    by_name = [item["id"] for item in _walk(owner, 5, text="nowak", group_id=gold)]
    assert by_name == many  # name order, across pages
    backwards = [item["id"] for item in _walk(owner, 5, text="nowak", group_id=gold, sort="-name")]
    assert backwards == many[::-1]
    assert owner.patch(f"/v1/customers/{moved}", json={"group_id": gold}).status_code == 200
    assert _ids(owner, text="nowak", group_id=gold) == {*many, moved}
    assert _ids(owner, text="nowak", group_id=silver) == set()
    answer = _bulk(owner, filter={"text": "anna"}, action="assign_group", value=silver)
    assert answer.json() == {"changed": 12}
    assert _ids(owner, text="nowak", group_id=gold) == {moved}
    assert _ids(owner, text="nowak", group_id=silver) == set(many)
    assert (
        owner.patch(f"/v1/customers/{moved}", json={"name": "Adam Wiśniewski"}).status_code == 200
    )
    assert _ids(owner, text="nowak", group_id=gold) == set()
    assert _ids(owner, text="wisniewski", group_id=gold) == {moved}


def test_customers_with_many_words_of_the_one_typed_are_paged_whole(
    owner: httpx.Client, services: CrmServices
) -> None:
    """A page is read from the first entries of the typed word's range, with room for a few
    words of each customer; customers with more words than that still fill their pages."""
    many = " ".join(f"Zz{letter}" for letter in "abcdefgh")  # eight words starting "zz"
    ids = [_create(services, name="Anna Zzyzx")]  # one, first in name order
    ids += [_create(services, name=f"{many} {n}") for n in range(5)]
    for limit in (1, 2, 3, 10):
        assert [item["id"] for item in _walk(owner, limit, text="zz")] == ids
        backwards = [item["id"] for item in _walk(owner, limit, text="zz", sort="-name")]
        assert backwards == ids[::-1]
