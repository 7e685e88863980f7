"""Discounts and cashback rules over real HTTP, on SQLite and PostgreSQL.

Every bad field is refused with 422 naming it, in the words of the shared rules where they
decide; every change is audited; a read-only user changes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from crm.services.container import CrmServices
from crm.services.rates import bp_to_percent, parse_percent, percent_text, percent_to_bp
from crm.store.models import AuditRow, CashbackRuleRow, CustomerGroupRow, DiscountRow
from loyalty.errors import DomainError

TEN_PERCENT = {"name": "Stały klient", "kind": "percent", "percent": "10"}
POINTS_RULE = {"name": "Punkty 10 %", "resource": "points", "percent": "10"}


def fields_of(answer: httpx.Response) -> set[str]:
    assert answer.status_code == 422, answer.text
    return {problem["field"] for problem in answer.json()["problems"]}


def add_group(services: CrmServices, group_id: str = "g-vip") -> str:
    now = datetime.now(UTC)

    def work(session: Any) -> None:
        session.add(
            CustomerGroupRow(
                id=group_id, name="VIP", reference=group_id, created_at=now, updated_at=now
            )
        )

    services.ctx.db.write(work)
    return group_id


def audit_actions(services: CrmServices, entity: str) -> list[tuple[str, Any, Any]]:
    def read(session: Any) -> list[tuple[str, Any, Any]]:
        rows = session.scalars(
            select(AuditRow).where(AuditRow.entity == entity).order_by(AuditRow.id)
        )
        return [(row.action, row.before, row.after) for row in rows]

    return services.ctx.db.read(read)


# Rates ----------------------------------------------------------------------------------


def test_percentages_are_read_exactly_and_floats_are_refused() -> None:
    assert parse_percent("12.5") == Decimal("12.5")
    assert parse_percent("12,50") == Decimal("12.50")
    assert parse_percent(10) == Decimal(10)
    assert percent_to_bp(Decimal("12.5")) == 1250
    assert percent_text(bp_to_percent(1250)) == "12.5"
    assert percent_text(bp_to_percent(1000)) == "10"
    assert percent_text(bp_to_percent(5)) == "0.05"
    for bad in (12.5, True, "abc", "", "1e2", "12.345", None):
        with pytest.raises(DomainError):
            parse_percent(bad)


# Discounts ------------------------------------------------------------------------------


def test_a_percent_discount_is_created_and_read_back(owner: httpx.Client) -> None:
    body = {
        "name": "  Lunch   −12,5 % ",
        "kind": "percent",
        "percent": "12.5",
        "scope": {"kind": "categories", "ids": ["soups", "mains", "soups"]},
        "visible_on_terminal": False,
        "min_bill_minor": 2000,
    }
    created = owner.post("/v1/discounts", json=body)
    assert created.status_code == 201, created.text
    made = created.json()
    assert made["name"] == "Lunch −12,5 %"
    assert made["percent"] == "12.5"
    assert made["amount_minor"] is None
    assert made["scope"] == {"kind": "categories", "ids": ["soups", "mains"]}
    assert (made["visible_on_terminal"], made["min_bill_minor"]) == (False, 2000)
    assert (made["active"], made["version"]) == (True, 1)
    assert owner.get(f"/v1/discounts/{made['id']}").json() == made
    listed = owner.get("/v1/discounts").json()
    assert [item["id"] for item in listed["items"]] == [made["id"]]


def test_an_amount_discount_is_created_and_read_back(
    owner: httpx.Client, services: CrmServices
) -> None:
    body = {"name": "5 zł", "kind": "amount", "amount_minor": 500}
    made = owner.post("/v1/discounts", json=body).json()
    read = owner.get(f"/v1/discounts/{made['id']}").json()
    assert (read["kind"], read["amount_minor"], read["percent"]) == ("amount", 500, None)
    assert read["scope"] == {"kind": "bill", "ids": []}
    rule = services.rules.get_discount(made["id"]).rule()  # the terminal's own discount
    assert rule.amount is not None and rule.amount.minor == 500


# (change to a good body, the field the 422 must name); one server for all the cases.
BAD_DISCOUNTS: list[tuple[dict[str, Any], str]] = [
    ({"percent": "0"}, "percent"),
    ({"percent": "101"}, "percent"),
    ({"percent": "abc"}, "percent"),
    ({"percent": "12.345"}, "percent"),
    ({"percent": 12.5}, "percent"),  # a JSON number: may not be what was typed
    ({"percent": None}, "percent"),  # a percent discount needs its percentage
    ({"amount_minor": 500}, "amount_minor"),  # both values given
    ({"kind": "amount", "percent": None, "amount_minor": 12.5}, "amount_minor"),
    ({"kind": "amount", "percent": None, "amount_minor": 0}, "amount_minor"),
    ({"kind": "amount", "percent": None}, "amount_minor"),
    ({"kind": "gift"}, "kind"),
    ({"name": " "}, "name"),
    ({"name": "a\x00b"}, "name"),
    ({"scope": {"kind": "shelf"}}, "scope.kind"),
    ({"scope": {"kind": "products", "ids": []}}, "scope.ids"),
    ({"scope": {"kind": "bill", "ids": ["x"]}}, "scope.ids"),
    ({"min_bill_minor": -1}, "min_bill_minor"),
    ({"min_bill_minor": 10.0}, "min_bill_minor"),
    ({"visible_on_terminal": "yes"}, "visible_on_terminal"),
    ({"precent": "10"}, "precent"),  # a misspelt field is named, not ignored
]


def test_each_bad_discount_field_is_named(owner: httpx.Client) -> None:
    for change, field in BAD_DISCOUNTS:
        answer = owner.post("/v1/discounts", json={**TEN_PERCENT, **change})
        assert field in fields_of(answer), (change, answer.text)
    assert owner.get("/v1/discounts").json()["items"] == []


def test_every_bad_field_is_named_at_once_in_the_shared_rules_words(owner: httpx.Client) -> None:
    answer = owner.post(
        "/v1/discounts",
        json={"name": "", "kind": "percent", "percent": "150", "scope": {"kind": "x"}},
    )
    assert fields_of(answer) == {"name", "percent", "scope.kind"}
    reasons = {p["field"]: p["reason"] for p in answer.json()["problems"]}
    assert reasons["percent"].endswith("150 % is not between 0 and 100")  # loyalty's message
    assert owner.get("/v1/discounts").json()["items"] == []


def test_edits_and_deactivation_move_the_version_and_are_audited(
    owner: httpx.Client, services: CrmServices
) -> None:
    made = owner.post("/v1/discounts", json=TEN_PERCENT).json()
    url = f"/v1/discounts/{made['id']}"
    edited = owner.put(url, json={**TEN_PERCENT, "percent": "15"})
    assert edited.status_code == 200, edited.text
    assert (edited.json()["percent"], edited.json()["version"]) == ("15", 2)
    refused = owner.put(url, json={**TEN_PERCENT, "percent": "0"})
    assert refused.status_code == 422
    off = owner.post(f"{url}/deactivate").json()
    assert (off["active"], off["version"]) == (False, 3)
    assert owner.get("/v1/discounts", params={"active": True}).json()["items"] == []
    assert len(owner.get("/v1/discounts", params={"active": False}).json()["items"]) == 1
    assert owner.post(f"{url}/activate").json()["active"] is True
    assert audit_actions(services, "discount") == [
        ("discount.created", None, {**_discount_after(), "percent_bp": 1000}),
        ("discount.updated", {"percent_bp": 1000}, {"percent_bp": 1500}),
        ("discount.deactivated", {"active": True}, {"active": False}),
        ("discount.activated", {"active": False}, {"active": True}),
    ]


def _discount_after() -> dict[str, Any]:
    return {
        "name": "Stały klient",
        "kind": "percent",
        "amount_minor": None,
        "scope_kind": "bill",
        "scope_ids": [],
        "visible_on_terminal": True,
        "min_bill_minor": None,
    }


def test_an_unknown_discount_is_404(owner: httpx.Client) -> None:
    assert owner.get("/v1/discounts/nope").status_code == 404
    assert owner.put("/v1/discounts/nope", json=TEN_PERCENT).status_code == 404
    assert owner.post("/v1/discounts/nope/deactivate").status_code == 404


def test_discounts_page_by_name_with_an_opaque_cursor(owner: httpx.Client) -> None:
    names = ["Echo", "alfa", "Delta", "Charlie", "Bravo"]
    for name in names:
        owner.post("/v1/discounts", json={**TEN_PERCENT, "name": name})
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = owner.get("/v1/discounts", params=params).json()
        seen += [item["name"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(names) and len(seen) == len(names)
    assert fields_of(owner.get("/v1/discounts", params={"cursor": "garbage"})) == {"cursor"}
    assert fields_of(owner.get("/v1/discounts", params={"limit": 0})) == {"limit"}


# Cashback rules -------------------------------------------------------------------------


def test_a_cashback_rule_with_every_field_is_created_and_read_back(
    owner: httpx.Client, services: CrmServices
) -> None:
    group = add_group(services)
    body = {
        "name": "Weekend",
        "resource": "credits",
        "percent": "2.5",
        "fixed": 100,
        "maximum": 2000,
        "availability": {
            "date_from": "2026-01-01",
            "date_to": "2026-12-31",
            "weekdays": [6, 5, 5],
            "hours_from": "22:00",
            "hours_to": "02:00",
        },
        "conditions": {
            "min_bill_minor": 5000,
            "payment_methods": ["card", "cash"],
            "customer_types": ["registered"],
            "group_ids": [group],
        },
    }
    created = owner.post("/v1/cashback-rules", json=body)
    assert created.status_code == 201, created.text
    made = created.json()
    assert (made["percent"], made["fixed"], made["maximum"]) == ("2.5", 100, 2000)
    assert made["availability"] == {
        "date_from": "2026-01-01",
        "date_to": "2026-12-31",
        "weekdays": [5, 6],
        "hours_from": "22:00:00",
        "hours_to": "02:00:00",
    }
    assert made["conditions"] == body["conditions"]
    assert owner.get(f"/v1/cashback-rules/{made['id']}").json() == made
    rule = services.rules.get_cashback_rule(made["id"]).rule()  # as the terminal evaluates it
    assert rule.availability.weekdays == frozenset({5, 6})


BAD_RULES: list[tuple[dict[str, Any], str]] = [
    ({"percent": "0"}, "percent"),
    ({"percent": "101"}, "percent"),
    ({"percent": "abc"}, "percent"),
    ({"percent": 10.0}, "percent"),
    ({"percent": None}, "percent"),  # neither a percentage nor a fixed amount
    ({"fixed": -1}, "fixed"),
    ({"fixed": 1.5}, "fixed"),
    ({"maximum": -5}, "maximum"),
    ({"resource": "money"}, "resource"),
    ({"availability": {"weekdays": [7]}}, "availability.weekdays"),
    ({"availability": {"hours_from": "10:00"}}, "availability.hours_to"),
    ({"availability": {"hours_to": "10:00"}}, "availability.hours_from"),
    ({"availability": {"hours_from": "25:00", "hours_to": "10:00"}}, "availability.hours_from"),
    (
        {"availability": {"date_from": "2026-05-02", "date_to": "2026-05-01"}},
        "availability.date_to",
    ),
    ({"conditions": {"payment_methods": ["bitcoin"]}}, "conditions.payment_methods"),
    ({"conditions": {"customer_types": ["vip"]}}, "conditions.customer_types"),
    ({"conditions": {"group_ids": ["no-such-group"]}}, "conditions.group_ids"),
    ({"conditions": {"min_bill_minor": -100}}, "conditions.min_bill_minor"),
]


def test_each_bad_cashback_field_is_named(owner: httpx.Client) -> None:
    for change, field in BAD_RULES:
        answer = owner.post("/v1/cashback-rules", json={**POINTS_RULE, **change})
        assert field in fields_of(answer), (change, answer.text)
    assert owner.get("/v1/cashback-rules").json()["items"] == []


def test_a_fixed_only_rule_is_fine_and_edits_move_the_version(
    owner: httpx.Client, services: CrmServices
) -> None:
    made = owner.post(
        "/v1/cashback-rules", json={"name": "5 pkt", "resource": "points", "fixed": 5}
    ).json()
    assert (made["percent"], made["fixed"], made["version"]) == (None, 5, 1)
    url = f"/v1/cashback-rules/{made['id']}"
    first = owner.put(url, json={**POINTS_RULE, "availability": {"weekdays": [0]}}).json()
    second = owner.put(url, json={**POINTS_RULE, "maximum": 50}).json()
    assert (first["version"], second["version"]) == (2, 3)
    assert second["availability"]["weekdays"] == []  # an edit gives the whole rule again
    bad = owner.put(url, json={**POINTS_RULE, "conditions": {"group_ids": ["ghost"]}})
    assert fields_of(bad) == {"conditions.group_ids"}
    assert owner.post(f"{url}/deactivate").json()["version"] == 4
    actions = audit_actions(services, "cashback_rule")
    assert [action for action, _, _ in actions] == [
        "cashback_rule.created",
        "cashback_rule.updated",
        "cashback_rule.updated",
        "cashback_rule.deactivated",
    ]
    assert actions[2][1:] == ({"maximum": None, "weekdays": [0]}, {"maximum": 50, "weekdays": []})


def test_a_read_only_user_changes_nothing(
    owner: httpx.Client, reader: httpx.Client, services: CrmServices
) -> None:
    discount = owner.post("/v1/discounts", json=TEN_PERCENT).json()["id"]
    rule = owner.post("/v1/cashback-rules", json=POINTS_RULE).json()["id"]
    attempts = [
        ("POST", "/v1/discounts", TEN_PERCENT),
        ("PUT", f"/v1/discounts/{discount}", TEN_PERCENT),
        ("POST", f"/v1/discounts/{discount}/deactivate", None),
        ("POST", f"/v1/discounts/{discount}/activate", None),
        ("POST", "/v1/cashback-rules", POINTS_RULE),
        ("PUT", f"/v1/cashback-rules/{rule}", POINTS_RULE),
        ("POST", f"/v1/cashback-rules/{rule}/deactivate", None),
        ("POST", f"/v1/cashback-rules/{rule}/activate", None),
    ]
    for method, url, body in attempts:
        answer = reader.request(method, url, json=body)
        assert answer.status_code == 403, (method, url, answer.text)
    # Reading is for everyone.
    assert reader.get(f"/v1/discounts/{discount}").status_code == 200
    assert len(reader.get("/v1/cashback-rules").json()["items"]) == 1

    def count(session: Any) -> tuple[int, int, int]:
        versions = session.scalars(select(DiscountRow.version)).all()
        rules = session.scalars(select(CashbackRuleRow.version)).all()
        return len(versions) + len(rules), max(versions), max(rules)

    assert services.ctx.db.read(count) == (2, 1, 1)
