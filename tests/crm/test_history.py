"""A customer's history and the audit log over real HTTP: sections, newest first, paged."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy.orm import Session

from crm.services import audit
from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.store.models import BillRow, DiscountUsageRow, VoucherRow
from tests.crm.ledger_world import add_customers

T0 = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def _bills_and_more(services: CrmServices, customer_id: str, other_id: str) -> None:
    """Five bills (one of someone else), a discount used on each, two vouchers."""

    def work(session: Session) -> None:
        for number in range(6):
            owner = other_id if number == 5 else customer_id
            at = T0 + timedelta(hours=number)
            session.add(
                BillRow(
                    bill_id=f"bill-{number}",
                    op_id=f"op-{number}",
                    terminal_id="till-1",
                    local_no=number + 1,
                    business_date=at.date(),
                    customer_id=owner,
                    total_minor=1000 * (number + 1),
                    discount_minor=50,
                    status="closed",
                    closed_at=at,
                    received_at=at,
                    payload={},
                )
            )
            session.flush()
            session.add(
                DiscountUsageRow(
                    customer_id=owner,
                    bill_id=f"bill-{number}",
                    business_date=at.date(),
                    discount_id="d-5",
                    amount_minor=50,
                    over_limit=False,
                )
            )
        for code, bp in (("AAA111", None), ("BBB222", 1250)):
            session.add(
                VoucherRow(
                    code=code,
                    kind="percent" if bp else "amount",
                    amount_minor=None if bp else 2000,
                    percent_bp=bp,
                    owner_id=customer_id,
                    created_at=T0 if bp is None else T0 + timedelta(days=1),
                    updated_at=T0,
                )
            )

    services.ctx.db.write(work)


def _all_pages(client: httpx.Client, url: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        answer = client.get(url, params={**params, **({"cursor": cursor} if cursor else {})})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        page = body[params["kind"]] if "kind" in params else body
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items


def test_every_section_of_a_customers_history(owner: httpx.Client, services: CrmServices) -> None:
    anna, other = add_customers(services, 2)
    _bills_and_more(services, anna, other)
    operations = f"/v1/customers/{anna}/balances"
    owner.post(f"{operations}/credits/operations", json={"kind": "add", "amount": 5000})
    owner.post(f"{operations}/credits/operations", json={"kind": "reduce", "amount": 1200})
    owner.post(f"{operations}/points/operations", json={"kind": "add", "amount": 30})

    history = owner.get(f"/v1/customers/{anna}/history").json()
    assert set(history) == {
        "customer_id",
        "transactions",
        "credits",
        "wallet",
        "points",
        "discounts",
        "vouchers",
        "audit",
    }
    assert [bill["bill_id"] for bill in history["transactions"]["items"]] == [
        f"bill-{n}" for n in (4, 3, 2, 1, 0)
    ]
    credits = history["credits"]["items"]
    assert [(m["amount"], m["balance_after"], m["kind"]) for m in credits] == [
        (-1200, 3800, "reduce"),
        (5000, 5000, "add"),
    ]
    assert credits[0]["description"] == ""
    assert credits[0]["operation_id"] is not None
    assert history["wallet"]["items"] == []
    assert [m["amount"] for m in history["points"]["items"]] == [30]
    assert len(history["discounts"]["items"]) == 5
    assert [(v["code"], v["percent"]) for v in history["vouchers"]["items"]] == [
        ("BBB222", "12.5"),
        ("AAA111", None),
    ]
    assert [entry["action"] for entry in history["audit"]["items"]] == [
        "balance_operation.created"
    ] * 3


def test_each_section_pages_on_its_own(owner: httpx.Client, services: CrmServices) -> None:
    anna, other = add_customers(services, 2)
    _bills_and_more(services, anna, other)
    for amount in range(1, 8):
        owner.post(
            f"/v1/customers/{anna}/balances/wallet/operations",
            json={"kind": "add", "amount": amount},
        )
    url = f"/v1/customers/{anna}/history"
    bills = _all_pages(owner, url, kind="transactions", limit=2)
    assert [bill["bill_id"] for bill in bills] == [f"bill-{n}" for n in (4, 3, 2, 1, 0)]
    wallet = _all_pages(owner, url, kind="wallet", limit=3)
    assert [entry["amount"] for entry in wallet] == [7, 6, 5, 4, 3, 2, 1]
    vouchers = _all_pages(owner, url, kind="vouchers", limit=1)
    assert [voucher["code"] for voucher in vouchers] == ["BBB222", "AAA111"]
    one = owner.get(url, params={"kind": "discounts"}).json()
    assert set(one) == {"customer_id", "discounts"}


def test_history_refuses_what_it_cannot_answer(owner: httpx.Client, services: CrmServices) -> None:
    [anna] = add_customers(services)
    url = f"/v1/customers/{anna}/history"
    assert owner.get(url, params={"kind": "gossip"}).json()["problems"][0]["field"] == "kind"
    bad_cursor = owner.get(url, params={"kind": "credits", "cursor": "???"})
    assert bad_cursor.json()["problems"][0]["field"] == "cursor"
    assert owner.get(url, params={"cursor": "abc"}).status_code == 422
    assert owner.get(url, params={"limit": 0}).json()["problems"][0]["field"] == "limit"
    assert owner.get("/v1/customers/nobody/history").status_code == 404


def test_the_audit_log_newest_first_by_entity_or_customer(
    reader: httpx.Client, services: CrmServices
) -> None:
    [anna] = add_customers(services)

    def write_entries(session: Session) -> None:
        for number in range(5):
            audit.record(
                session,
                actor=CLI,
                at=T0 + timedelta(minutes=number),
                action="customer.updated",
                entity="customer",
                entity_id=anna,
                before={"n": number},
                after={"n": number + 1},
                customer_id=anna,
            )
        audit.record(
            session,
            actor=CLI,
            at=T0,
            action="group.created",
            entity="customer_group",
            entity_id="g-1",
            after={"name": "VIP"},
        )

    services.ctx.db.write(write_entries)
    mine = _all_pages(reader, "/v1/audit", customer_id=anna, limit=2)
    assert [entry["after"]["n"] for entry in mine] == [5, 4, 3, 2, 1]
    assert {entry["actor"] for entry in mine} == {"cli"}
    groups = reader.get("/v1/audit", params={"entity": "customer_group"}).json()["items"]
    assert [(entry["entity_id"], entry["customer_id"]) for entry in groups] == [("g-1", None)]
    by_id = reader.get("/v1/audit", params={"entity": "customer", "entity_id": anna}).json()
    assert len(by_id["items"]) == 5
    everything = reader.get("/v1/audit").json()["items"]
    assert everything[0]["action"] == "group.created"  # the last written comes first
    assert everything[0]["at"].startswith(date(2027, 3, 1).isoformat())
