"""Voucher templates, vouchers and exchanging points, over real HTTP on both databases.

Customers are made here directly (a row and its zero balances) and given points through
`postings.post`, so these tests depend on nothing but the vouchers' own API.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import func, select

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.postings import new_balances, post
from crm.services.voucher_fields import CODE_ALPHABET
from crm.store.models import AuditRow, BalanceRow, CustomerRow, LedgerEntryRow, VoucherRow

COFFEE = {"name": "Kawa gratis", "kind": "amount", "amount_minor": 900, "points_price": 300}


def fields_of(answer: httpx.Response) -> set[str]:
    assert answer.status_code == 422, answer.text
    return {problem["field"] for problem in answer.json()["problems"]}


def add_customer(services: CrmServices, points: int = 0, *, active: bool = True) -> str:
    customer_id = str(uuid.uuid4())
    now = datetime.now(UTC)

    def work(session: Any) -> None:
        session.add(
            CustomerRow(
                id=customer_id,
                name="Jan Kowalski",
                sort_name="jan kowalski",
                active=active,
                created_at=now,
                updated_at=now,
            )
        )
        session.flush()
        session.add_all(new_balances(customer_id))
        session.flush()
        if points:
            post(
                session,
                customer_id=customer_id,
                account="points",
                amount=points,
                kind="add",
                description="start",
                actor=CLI,
                at=now,
            )

    services.ctx.db.write(work)
    return customer_id


def points_of(services: CrmServices, customer_id: str) -> tuple[int, int, int]:
    """(balance, ledger entries, vouchers) of the customer."""

    def read(session: Any) -> tuple[int, int, int]:
        balance = session.scalar(
            select(BalanceRow.amount).where(
                BalanceRow.customer_id == customer_id, BalanceRow.account == "points"
            )
        )
        entries = session.scalar(
            select(func.count()).where(LedgerEntryRow.customer_id == customer_id)
        )
        vouchers = session.scalar(select(func.count()).where(VoucherRow.owner_id == customer_id))
        return balance, entries, vouchers

    return services.ctx.db.read(read)


def audit_of(services: CrmServices, entity: str) -> list[AuditRow]:
    return services.ctx.db.read(
        lambda s: list(s.scalars(select(AuditRow).where(AuditRow.entity == entity)))
    )


# Templates ------------------------------------------------------------------------------


def test_templates_are_created_read_back_edited_and_deactivated(owner: httpx.Client) -> None:
    made = owner.post("/v1/voucher-templates", json={**COFFEE, "valid_days": 30}).json()
    assert (made["kind"], made["amount_minor"], made["percent"]) == ("amount", 900, None)
    assert (made["valid_days"], made["points_price"], made["active"]) == (30, 300, True)
    assert owner.get(f"/v1/voucher-templates/{made['id']}").json() == made
    body = {"name": "−10 %", "kind": "percent", "percent": "10", "points_price": 500}
    edited = owner.put(f"/v1/voucher-templates/{made['id']}", json=body).json()
    assert (edited["percent"], edited["amount_minor"], edited["valid_days"]) == ("10", None, None)
    assert edited["version"] == 2
    off = owner.post(f"/v1/voucher-templates/{made['id']}/deactivate").json()
    assert (off["active"], off["version"]) == (False, 3)
    assert owner.get("/v1/voucher-templates", params={"active": True}).json()["items"] == []


def test_each_bad_template_field_is_named(owner: httpx.Client) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"points_price": 0}, "points_price"),
        ({"points_price": 2.5}, "points_price"),
        ({"valid_days": 0}, "valid_days"),
        ({"amount_minor": 0}, "amount_minor"),
        ({"amount_minor": 9.5}, "amount_minor"),
        ({"kind": "percent", "amount_minor": None, "percent": "101"}, "percent"),
        ({"kind": "percent", "amount_minor": None, "percent": 10}, "percent"),
        ({"kind": "gift"}, "kind"),
        ({"name": ""}, "name"),
    ]
    for change, field in cases:
        answer = owner.post("/v1/voucher-templates", json={**COFFEE, **change})
        assert field in fields_of(answer), (change, answer.text)
    assert owner.get("/v1/voucher-templates").json()["items"] == []


# Vouchers -------------------------------------------------------------------------------


def test_a_voucher_is_created_with_a_normalised_code_and_read_back(
    owner: httpx.Client, services: CrmServices
) -> None:
    customer = add_customer(services)
    body = {
        "code": " lato 2026 ",
        "kind": "percent",
        "percent": "15",
        "valid_from": "2026-06-01",
        "valid_to": "2026-08-31",
        "owner_id": customer,
        "single_use": False,
        "offline_redeemable": True,
    }
    created = owner.post("/v1/vouchers", json=body)
    assert created.status_code == 201, created.text
    made = created.json()
    assert (made["code"], made["percent"], made["status"]) == ("LATO2026", "15", "active")
    assert (made["owner_id"], made["single_use"], made["offline_redeemable"]) == (
        customer,
        False,
        True,
    )
    assert owner.get("/v1/vouchers/lato2026").json() == made  # found however it is typed
    again = owner.post("/v1/vouchers", json={**body, "code": "LATO2026"})
    assert again.status_code == 409
    assert again.json()["problems"][0]["field"] == "code"
    [entry] = audit_of(services, "voucher")
    assert (entry.action, entry.entity_id, entry.customer_id) == (
        "voucher.created",
        "LATO2026",
        customer,
    )


def test_without_a_code_the_crm_makes_an_unambiguous_one(owner: httpx.Client) -> None:
    codes = set()
    for _ in range(5):
        made = owner.post("/v1/vouchers", json={"kind": "amount", "amount_minor": 1000}).json()
        codes.add(made["code"])
        assert len(made["code"]) == 10 and set(made["code"]) <= set(CODE_ALPHABET)
    assert len(codes) == 5
    assert not set("01OIL") & set(CODE_ALPHABET)


def test_each_bad_voucher_field_is_named(owner: httpx.Client) -> None:
    good = {"kind": "amount", "amount_minor": 1000}
    cases: list[tuple[dict[str, Any], str]] = [
        ({"owner_id": "no-such-customer"}, "owner_id"),
        ({"amount_minor": 12.5}, "amount_minor"),
        ({"amount_minor": -1}, "amount_minor"),
        ({"kind": "percent", "amount_minor": None, "percent": 12.5}, "percent"),
        ({"kind": "percent", "amount_minor": None, "percent": "0"}, "percent"),
        ({"kind": "free"}, "kind"),
        ({"code": "   "}, "code"),
        ({"code": "a/b"}, "code"),
        ({"valid_from": "2026-02-01", "valid_to": "2026-01-31"}, "valid_to"),
        ({"valid_to": "31.01.2026"}, "valid_to"),
    ]
    for change, field in cases:
        answer = owner.post("/v1/vouchers", json={**good, **change})
        assert field in fields_of(answer), (change, answer.text)
    assert owner.get("/v1/vouchers").json()["items"] == []


def test_vouchers_are_cancelled_listed_by_owner_and_status_and_paged(
    owner: httpx.Client, services: CrmServices
) -> None:
    customer = add_customer(services)
    mine = [f"MINE{n}" for n in range(3)]
    for code in mine:
        owner.post(
            "/v1/vouchers",
            json={"code": code, "kind": "amount", "amount_minor": 500, "owner_id": customer},
        )
    owner.post("/v1/vouchers", json={"code": "OTHER", "kind": "amount", "amount_minor": 500})
    cancelled = owner.post("/v1/vouchers/mine1/cancel").json()
    assert (cancelled["status"], cancelled["version"]) == ("cancelled", 2)
    assert owner.post("/v1/vouchers/MINE1/cancel").json()["version"] == 2  # again: no change

    def codes(**params: Any) -> list[str]:
        return [v["code"] for v in owner.get("/v1/vouchers", params=params).json()["items"]]

    assert sorted(codes(owner_id=customer)) == mine
    assert codes(owner_id=customer, status="cancelled") == ["MINE1"]
    assert sorted(codes(status="active")) == ["MINE0", "MINE2", "OTHER"]
    assert fields_of(owner.get("/v1/vouchers", params={"status": "lost"})) == {"status"}
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 1} | ({"cursor": cursor} if cursor else {})
        page = owner.get("/v1/vouchers", params=params).json()
        seen += [v["code"] for v in page["items"]]
        if (cursor := page["next_cursor"]) is None:
            break
    assert sorted(seen) == [*mine, "OTHER"]
    actions = [row.action for row in audit_of(services, "voucher")]
    assert actions.count("voucher.cancelled") == 1
    assert owner.get("/v1/vouchers/NOPE").status_code == 404


# Exchanging points ----------------------------------------------------------------------


def test_points_are_exchanged_for_a_voucher_in_one_audited_step(
    owner: httpx.Client, services: CrmServices
) -> None:
    customer = add_customer(services, points=500)
    template = owner.post("/v1/voucher-templates", json={**COFFEE, "valid_days": 30}).json()
    answer = owner.post(
        f"/v1/customers/{customer}/vouchers/exchange", json={"template_id": template["id"]}
    )
    assert answer.status_code == 201, answer.text
    done = answer.json()
    voucher = done["voucher"]
    today = datetime.now(UTC).date()
    assert done["points_left"] == 200
    assert (voucher["owner_id"], voucher["template_id"], voucher["points_paid"]) == (
        customer,
        template["id"],
        300,
    )
    assert (voucher["kind"], voucher["amount_minor"], voucher["status"]) == (
        "amount",
        900,
        "active",
    )
    assert date.fromisoformat(voucher["valid_to"]) == today + timedelta(days=30)
    assert owner.get(f"/v1/vouchers/{voucher['code']}").json() == voucher
    assert points_of(services, customer) == (200, 2, 1)  # the start and the exchange

    def exchange_entry(session: Any) -> tuple[int, str, int]:
        entry = session.scalars(
            select(LedgerEntryRow).where(LedgerEntryRow.kind == "exchange")
        ).one()
        return entry.amount, entry.account, entry.balance_after

    assert services.ctx.db.read(exchange_entry) == (-300, "points", 200)
    [entry] = [row for row in audit_of(services, "voucher") if row.action == "voucher.exchanged"]
    assert entry.customer_id == customer
    assert entry.before == {"points": 500}
    assert entry.after is not None and entry.after["points"] == 200


def test_too_few_points_or_an_inactive_template_change_nothing(
    owner: httpx.Client, services: CrmServices
) -> None:
    customer = add_customer(services, points=299)
    template = owner.post("/v1/voucher-templates", json=COFFEE).json()
    url = f"/v1/customers/{customer}/vouchers/exchange"
    poor = owner.post(url, json={"template_id": template["id"]})
    assert fields_of(poor) == {"points"}
    assert "299" in poor.json()["problems"][0]["reason"]
    owner.post(f"/v1/voucher-templates/{template['id']}/deactivate")
    rich = add_customer(services, points=1000)
    inactive = owner.post(
        f"/v1/customers/{rich}/vouchers/exchange", json={"template_id": template["id"]}
    )
    assert fields_of(inactive) == {"template_id"}
    assert fields_of(owner.post(url, json={"template_id": "nope"})) == {"template_id"}
    missing = owner.post("/v1/customers/nobody/vouchers/exchange", json={"template_id": "x"})
    assert missing.status_code == 404
    assert points_of(services, customer) == (299, 1, 0)
    assert points_of(services, rich) == (1000, 1, 0)
    assert not [row for row in audit_of(services, "voucher") if row.action == "voucher.exchanged"]


def test_a_read_only_user_changes_nothing(
    owner: httpx.Client, reader: httpx.Client, services: CrmServices
) -> None:
    customer = add_customer(services, points=1000)
    template = owner.post("/v1/voucher-templates", json=COFFEE).json()["id"]
    owner.post("/v1/vouchers", json={"code": "KEEP", "kind": "amount", "amount_minor": 100})
    attempts = [
        ("POST", "/v1/voucher-templates", COFFEE),
        ("PUT", f"/v1/voucher-templates/{template}", COFFEE),
        ("POST", f"/v1/voucher-templates/{template}/deactivate", None),
        ("POST", f"/v1/voucher-templates/{template}/activate", None),
        ("POST", "/v1/vouchers", {"kind": "amount", "amount_minor": 100}),
        ("POST", "/v1/vouchers/KEEP/cancel", None),
        ("POST", f"/v1/customers/{customer}/vouchers/exchange", {"template_id": template}),
    ]
    for method, url, body in attempts:
        answer = reader.request(method, url, json=body)
        assert answer.status_code == 403, (method, url, answer.text)
    assert reader.get("/v1/vouchers/KEEP").json()["status"] == "active"
    assert reader.get(f"/v1/voucher-templates/{template}").json()["version"] == 1
    assert points_of(services, customer) == (1000, 1, 0)
