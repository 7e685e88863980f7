"""Credits, wallet and points over real HTTP: add, reduce, set; one customer or a filter."""

from __future__ import annotations

import httpx
from sqlalchemy import func, select

from crm.services.container import CrmServices
from crm.store.models import AuditRow, CreditOperationRow, LedgerEntryRow, OperationRunRow
from tests.crm.ledger_world import add_customers, add_group, balance, entries_sum, ledgers_agree


def _operate(
    client: httpx.Client, customer_id: str, account: str, **body: object
) -> httpx.Response:
    body.setdefault("description", "test")
    return client.post(f"/v1/customers/{customer_id}/balances/{account}/operations", json=body)


def _count(services: CrmServices, model: type) -> int:
    return services.ctx.db.read(
        lambda session: session.scalar(select(func.count()).select_from(model)) or 0
    )


def test_add_reduce_and_set_one_customer(owner: httpx.Client, services: CrmServices) -> None:
    [anna] = add_customers(services)
    added = _operate(owner, anna, "credits", kind="add", amount=5000, description="Bonus")
    assert added.status_code == 201, added.text
    assert (added.json()["change"], added.json()["balance"]) == (5000, 5000)
    operation = added.json()["operation"]
    assert operation["customer_id"] == anna
    assert operation["every_months"] is None
    assert [run["period"] for run in operation["runs"]] == [0]
    assert operation["next_due_on"] is None

    reduced = _operate(owner, anna, "credits", kind="reduce", amount=1500)
    assert (reduced.json()["change"], reduced.json()["balance"]) == (-1500, 3500)
    set_to = _operate(owner, anna, "credits", kind="set", amount=10000)
    assert (set_to.json()["change"], set_to.json()["balance"]) == (6500, 10000)
    again = _operate(owner, anna, "credits", kind="set", amount=10000)
    assert (again.json()["change"], again.json()["balance"]) == (0, 10000)

    assert balance(services, anna) == entries_sum(services, anna) == 10000
    assert owner.get(f"/v1/customers/{anna}/balances").json() == {
        "customer_id": anna,
        "credits": 10000,
        "wallet": 0,
        "points": 0,
    }

    def entries(session):  # type: ignore[no-untyped-def]
        return session.execute(
            select(
                LedgerEntryRow.amount,
                LedgerEntryRow.balance_after,
                LedgerEntryRow.kind,
                LedgerEntryRow.period,
                LedgerEntryRow.actor,
            ).order_by(LedgerEntryRow.id)
        ).all()

    # The set to an equal balance posted nothing; each entry names its operation's period.
    assert services.ctx.db.read(entries) == [
        (5000, 5000, "add", 0, "olga"),
        (-1500, 3500, "reduce", 0, "olga"),
        (6500, 10000, "set", 0, "olga"),
    ]
    assert _count(services, CreditOperationRow) == 4
    assert _count(services, OperationRunRow) == 4


def test_reducing_below_zero_is_refused_and_changes_nothing(
    owner: httpx.Client, services: CrmServices
) -> None:
    [anna] = add_customers(services)
    _operate(owner, anna, "wallet", kind="add", amount=2000)
    before = (_count(services, CreditOperationRow), _count(services, AuditRow))

    refused = _operate(owner, anna, "wallet", kind="reduce", amount=2001)
    assert refused.status_code == 422
    problem = refused.json()["problems"][0]
    assert problem["field"] == "amount"
    assert "has 2000" in problem["reason"]

    assert balance(services, anna, "wallet") == entries_sum(services, anna, "wallet") == 2000
    assert (_count(services, CreditOperationRow), _count(services, AuditRow)) == before


def test_points_are_the_same_ledger(owner: httpx.Client, services: CrmServices) -> None:
    [anna] = add_customers(services)
    assert _operate(owner, anna, "points", kind="add", amount=120).json()["balance"] == 120
    assert _operate(owner, anna, "points", kind="reduce", amount=20).json()["balance"] == 100
    assert balance(services, anna, "points") == entries_sum(services, anna, "points") == 100
    assert balance(services, anna, "credits") == 0


def test_every_bad_field_is_named_at_once(owner: httpx.Client, services: CrmServices) -> None:
    [anna] = add_customers(services)
    answer = _operate(owner, anna, "gold", kind="double", amount=0, every_months=0)
    assert answer.status_code == 422
    fields = {problem["field"] for problem in answer.json()["problems"]}
    assert fields == {"account", "kind", "amount", "every_months"}
    floats = _operate(owner, anna, "credits", kind="add", amount=12.5)
    assert floats.status_code == 422
    assert floats.json()["problems"][0]["field"] == "amount"
    past = _operate(owner, anna, "credits", kind="add", amount=1, start_date="2000-01-01")
    assert past.json()["problems"][0]["field"] == "start_date"
    end = _operate(owner, anna, "credits", kind="add", amount=1, end_date="2100-01-01")
    assert end.json()["problems"][0]["field"] == "end_date"
    missing = _operate(owner, "no-such-customer", "credits", kind="add", amount=1)
    assert missing.status_code == 404


def test_bulk_over_a_group_tops_up_its_customers_only(
    owner: httpx.Client, services: CrmServices
) -> None:
    vip = add_group(services, "VIP")
    members = add_customers(services, 5, group_id=vip)
    [outsider] = add_customers(services, name="Obcy")
    answer = owner.post(
        "/v1/balance-operations",
        json={
            "account": "credits",
            "kind": "add",
            "amount": 5000,
            "description": "Doładowanie środków",
            "filter": {"group_id": vip},
        },
    )
    assert answer.status_code == 201, answer.text
    operation = answer.json()
    assert operation["filter"] == {"group_id": vip}
    assert operation["runs"][0]["period"] == 0
    assert operation["runs"][0]["customers"] == 5
    assert [balance(services, c) for c in members] == [5000] * 5
    assert balance(services, outsider) == 0

    def entries(session):  # type: ignore[no-untyped-def]
        return session.execute(
            select(LedgerEntryRow.operation_id, LedgerEntryRow.period, LedgerEntryRow.description)
        ).all()

    assert set(services.ctx.db.read(entries)) == {(operation["id"], 0, "Doładowanie środków")}
    audit = owner.get("/v1/audit", params={"entity_id": operation["id"]}).json()["items"]
    assert [entry["action"] for entry in audit] == ["balance_operation.created"]
    assert audit[0]["after"]["customers"] == 5
    assert ledgers_agree(services)


def test_bulk_set_posts_only_the_differences(owner: httpx.Client, services: CrmServices) -> None:
    vip = add_group(services)
    first, second = add_customers(services, 2, group_id=vip)
    _operate(owner, first, "credits", kind="add", amount=10000)
    _operate(owner, second, "credits", kind="add", amount=3000)
    answer = owner.post(
        "/v1/balance-operations",
        json={"account": "credits", "kind": "set", "amount": 10000, "filter": {"group_id": vip}},
    )
    assert answer.json()["runs"][0]["customers"] == 1
    assert (balance(services, first), balance(services, second)) == (10000, 10000)
    assert ledgers_agree(services)


def test_a_one_off_bulk_reduce_is_refused_whole_if_anyone_would_go_below_zero(
    owner: httpx.Client, services: CrmServices
) -> None:
    vip = add_group(services)
    rich, poor, poorer = add_customers(services, 3, group_id=vip)
    _operate(owner, rich, "credits", kind="add", amount=9000)
    _operate(owner, poor, "credits", kind="add", amount=1000)
    operations = _count(services, CreditOperationRow)
    answer = owner.post(
        "/v1/balance-operations",
        json={"account": "credits", "kind": "reduce", "amount": 2000, "filter": {"group_id": vip}},
    )
    assert answer.status_code == 422
    reason = answer.json()["problems"][0]["reason"]
    assert reason.startswith("2 customer(s)")
    assert "Klient 2 has 1000" in reason
    assert "Klient 3 has 0" in reason
    assert [balance(services, c) for c in (rich, poor, poorer)] == [9000, 1000, 0]
    assert _count(services, CreditOperationRow) == operations
    assert ledgers_agree(services)


def test_a_recurring_bulk_reduce_takes_at_most_what_each_has(
    owner: httpx.Client, services: CrmServices
) -> None:
    vip = add_group(services)
    rich, poor, empty = add_customers(services, 3, group_id=vip)
    _operate(owner, rich, "credits", kind="add", amount=9000)
    _operate(owner, poor, "credits", kind="add", amount=1000)
    answer = owner.post(
        "/v1/balance-operations",
        json={
            "account": "credits",
            "kind": "reduce",
            "amount": 2000,
            "every_months": 1,
            "filter": {"group_id": vip},
        },
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["runs"][0]["customers"] == 2  # nothing to take from the empty one
    assert [balance(services, c) for c in (rich, poor, empty)] == [7000, 0, 0]
    assert ledgers_agree(services)


def test_recurring_operations_are_listed_inspected_and_stopped(
    owner: httpx.Client, services: CrmServices
) -> None:
    vip = add_group(services)
    add_customers(services, 2, group_id=vip)
    body = {"account": "credits", "kind": "add", "amount": 100, "filter": {"group_id": vip}}
    owner.post("/v1/balance-operations", json=body)  # a one-off
    ids = [
        owner.post("/v1/balance-operations", json={**body, "every_months": 1}).json()["id"]
        for _ in range(3)
    ]
    listed = owner.get("/v1/balance-operations", params={"recurring": "true", "limit": 2}).json()
    more = owner.get(
        "/v1/balance-operations",
        params={"recurring": "true", "limit": 2, "cursor": listed["next_cursor"]},
    ).json()
    assert more["next_cursor"] is None
    assert [op["id"] for op in listed["items"] + more["items"]] == ids[::-1]  # newest first

    detail = owner.get(f"/v1/balance-operations/{ids[0]}").json()
    assert [run["customers"] for run in detail["runs"]] == [2]
    assert detail["next_due_on"] is not None
    stopped = owner.post(f"/v1/balance-operations/{ids[0]}/stop").json()
    assert (stopped["active"], stopped["next_due_on"]) == (False, None)
    assert owner.post(f"/v1/balance-operations/{ids[0]}/stop").status_code == 200
    active = owner.get(
        "/v1/balance-operations", params={"recurring": "true", "active": "true"}
    ).json()
    assert ids[0] not in [op["id"] for op in active["items"]]
    audit = owner.get("/v1/audit", params={"entity_id": ids[0]}).json()["items"]
    assert [entry["action"] for entry in audit] == [
        "balance_operation.stopped",
        "balance_operation.created",
    ]
    assert owner.get("/v1/balance-operations/nope").status_code == 404


def test_a_read_only_user_may_look_but_not_change(
    reader: httpx.Client, owner: httpx.Client, services: CrmServices
) -> None:
    [anna] = add_customers(services)
    recurring = owner.post(
        "/v1/balance-operations",
        json={"account": "credits", "kind": "add", "amount": 1, "every_months": 1, "filter": {}},
    ).json()
    changes = [
        _operate(reader, anna, "credits", kind="add", amount=100),
        reader.post(
            "/v1/balance-operations",
            json={"account": "credits", "kind": "add", "amount": 1, "filter": {}},
        ),
        reader.post(f"/v1/balance-operations/{recurring['id']}/stop"),
    ]
    assert [answer.status_code for answer in changes] == [403, 403, 403]
    assert reader.get(f"/v1/customers/{anna}/balances").json()["credits"] == 1
    assert reader.get(f"/v1/balance-operations/{recurring['id']}").json()["active"] is True


def test_single_operations_are_audited_on_the_customer(
    owner: httpx.Client, services: CrmServices
) -> None:
    [anna] = add_customers(services)
    done = _operate(owner, anna, "credits", kind="add", amount=700).json()
    audit = owner.get("/v1/audit", params={"customer_id": anna}).json()["items"]
    assert len(audit) == 1
    assert audit[0]["entity_id"] == done["operation"]["id"]
    assert audit[0]["before"] == {"credits": 0}
    assert audit[0]["after"]["credits"] == 700
    assert audit[0]["actor"] == "olga"


def test_control_characters_are_refused_in_an_operations_description(
    owner: httpx.Client, services: CrmServices
) -> None:
    [anna] = add_customers(services)
    answer = _operate(owner, anna, "credits", kind="add", amount=100, description="Bonus\r\nx")
    assert answer.status_code == 422
    assert answer.json()["problems"][0]["field"] == "description"
    assert balance(services, anna, "credits") == 0
