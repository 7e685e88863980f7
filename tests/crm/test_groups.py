"""Customer groups over real HTTP: the reference, limits, discounts, rights and audit."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
from sqlalchemy import select

from crm.services.container import CrmServices
from crm.store.models import AuditRow, DiscountRow


def _discount(services: CrmServices, discount_id: str) -> str:
    now = datetime.now(UTC)
    with services.ctx.db.session() as session:
        session.add(
            DiscountRow(
                id=discount_id,
                name=f"Rabat {discount_id}",
                kind="percent",
                percent_bp=500,
                scope_kind="bill",
                scope_ids=[],
                visible_on_terminal=False,
                active=True,
                created_at=now,
                updated_at=now,
                version=1,
            )
        )
    return discount_id


def _audit(services: CrmServices, group_id: str) -> list[AuditRow]:
    with services.ctx.db.session() as session:
        return list(
            session.scalars(
                select(AuditRow).where(AuditRow.entity_id == group_id).order_by(AuditRow.id)
            )
        )


def test_create_makes_the_reference_and_keeps_it_on_rename(
    owner: httpx.Client, services: CrmServices
) -> None:
    five = _discount(services, "d5")
    answer = owner.post(
        "/v1/groups",
        json={
            "name": " Stały klient −5% ",
            "description": "Rabat dla stałych klientów",
            "daily_discount_limit_minor": 2000,
            "discount_ids": [five],
        },
    )
    assert answer.status_code == 201, answer.text
    group = answer.json()
    assert group["name"] == "Stały klient −5%"
    assert group["reference"] == "staly-klient-5"
    assert group["daily_discount_limit_minor"] == 2000
    assert group["discount_ids"] == [five]
    assert group["version"] == 1
    renamed = owner.patch(f"/v1/groups/{group['id']}", json={"name": "Stali klienci"}).json()
    assert renamed["name"] == "Stali klienci"
    assert renamed["reference"] == "staly-klient-5"
    assert renamed["version"] == 2
    assert owner.get(f"/v1/groups/{group['id']}").json() == renamed
    entries = _audit(services, group["id"])
    assert [e.action for e in entries] == ["group.created", "group.updated"]
    assert entries[0].after is not None and entries[0].after["reference"] == "staly-klient-5"
    assert entries[1].before == {"name": "Stały klient −5%"}
    assert entries[1].after == {"name": "Stali klienci"}
    # Nothing new: no version, no entry.
    assert (
        owner.patch(f"/v1/groups/{group['id']}", json={"name": "Stali klienci"}).json()["version"]
        == 2
    )
    assert len(_audit(services, group["id"])) == 2


def test_a_reference_is_unique_and_may_be_given(owner: httpx.Client) -> None:
    first = owner.post("/v1/groups", json={"name": "VIP"}).json()
    answer = owner.post("/v1/groups", json={"name": "vip!"})
    assert answer.status_code == 409
    assert answer.json()["problems"][0]["field"] == "reference"
    given = owner.post("/v1/groups", json={"name": "vip!", "reference": "vip-2"})
    assert given.status_code == 201, given.text
    assert given.json()["reference"] == "vip-2"
    bad = owner.post("/v1/groups", json={"name": "Inni", "reference": "Not A Slug"})
    assert bad.status_code == 422
    assert bad.json()["problems"][0]["field"] == "reference"
    clash = owner.patch(f"/v1/groups/{given.json()['id']}", json={"reference": "vip"})
    assert clash.status_code == 409
    moved = owner.patch(f"/v1/groups/{first['id']}", json={"reference": "vip-1"})
    assert moved.json()["reference"] == "vip-1"


def test_bad_group_input_names_every_field(owner: httpx.Client, services: CrmServices) -> None:
    _discount(services, "d1")
    answer = owner.post(
        "/v1/groups",
        json={
            "name": "  ",
            "daily_discount_limit_minor": -1,
            "discount_ids": ["d1", "nope"],
            "description": "x" * 5001,
        },
    )
    assert answer.status_code == 422
    fields = {p["field"] for p in answer.json()["problems"]}
    assert fields == {"name", "daily_discount_limit_minor", "discount_ids.1", "description"}
    answer = owner.post("/v1/groups", json={"name": "???"})
    assert answer.status_code == 422
    assert answer.json()["problems"][0]["field"] == "name"  # no letters for a reference
    answer = owner.post("/v1/groups", json={"name": "A", "daily_discount_limit_minor": 1.5})
    assert answer.status_code == 422


def test_discounts_are_replaced_and_a_group_with_customers_is_kept(
    owner: httpx.Client, services: CrmServices
) -> None:
    a, b = _discount(services, "a"), _discount(services, "b")
    group = owner.post("/v1/groups", json={"name": "Gold", "discount_ids": [a]}).json()
    edited = owner.patch(f"/v1/groups/{group['id']}", json={"discount_ids": [b, a, b]}).json()
    assert edited["discount_ids"] == [a, b]
    cleared = owner.patch(
        f"/v1/groups/{group['id']}", json={"discount_ids": [], "daily_discount_limit_minor": None}
    ).json()
    assert (cleared["discount_ids"], cleared["daily_discount_limit_minor"]) == ([], None)
    member = owner.post("/v1/customers", json={"name": "Ala", "group_id": group["id"]}).json()
    answer = owner.delete(f"/v1/groups/{group['id']}")
    assert answer.status_code == 409
    owner.patch(f"/v1/customers/{member['id']}", json={"group_id": None})
    assert owner.delete(f"/v1/groups/{group['id']}").status_code == 204
    assert owner.get(f"/v1/groups/{group['id']}").status_code == 404
    assert _audit(services, group["id"])[-1].action == "group.deleted"


def test_list_pages_in_name_order(owner: httpx.Client) -> None:
    names = ["Zielona", "Alfa", "Ąbecadło", "Beta", "Gamma"]
    for name in names:
        assert owner.post("/v1/groups", json={"name": name}).status_code == 201
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = owner.get("/v1/groups", params=params).json()
        seen += [group["name"] for group in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(names) and len(seen) == len(names)
    assert seen[:2] == ["Alfa", "Beta"]
    assert owner.get("/v1/groups", params={"cursor": "???"}).status_code == 422


def test_unknown_groups_and_read_only_users(owner: httpx.Client, reader: httpx.Client) -> None:
    group = owner.post("/v1/groups", json={"name": "VIP"}).json()
    assert owner.get("/v1/groups/nope").status_code == 404
    assert owner.patch("/v1/groups/nope", json={"name": "x"}).status_code == 404
    assert owner.delete("/v1/groups/nope").status_code == 404
    assert reader.get("/v1/groups").status_code == 200
    assert reader.get(f"/v1/groups/{group['id']}").status_code == 200
    refused = [
        reader.post("/v1/groups", json={"name": "X"}),
        reader.patch(f"/v1/groups/{group['id']}", json={"name": "X"}),
        reader.delete(f"/v1/groups/{group['id']}"),
    ]
    assert [answer.status_code for answer in refused] == [403, 403, 403]
    assert owner.get(f"/v1/groups/{group['id']}").json()["name"] == "VIP"


def test_control_characters_are_refused_in_every_group_text(owner: httpx.Client) -> None:
    """Issue 11: a group's name and description took NUL, tabs and line breaks, which a
    receipt, a CSV export and the till's screen then carried."""
    for field, text in (
        ("name", "Stali\tklienci"),
        ("description", "rabat\x00"),
        ("name", "A\u2028B"),
    ):
        body = {"name": "Stali", field: text}
        answer = owner.post("/v1/groups", json=body)
        assert answer.status_code == 422, (field, answer.text)
        assert answer.json()["problems"][0]["field"] == field
