"""One customer over real HTTP: create, edit, deactivate, delete, cards, rights and audit."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.customer_input import CustomerInput, validate
from crm.services.errors import Conflict, Invalid
from crm.store.models import AuditRow, BalanceRow, BillRow, CustomerWordRow

EVERY_FIELD: dict[str, Any] = {
    "name": "  Łucja Żak ",
    "type": "registered",
    "nip": "PL 526-000-12-46",
    "country": "pl",
    "city": "Kraków",
    "street": "Floriańska",
    "building": "12a",
    "flat": "3",
    "email": " Lucja.Zak@Example.PL ",
    "phone": "601 234 567",
    "tags": [" VIP ", "stała", "VIP"],
    "verified": True,
    "discount_limit_disabled": True,
    "discount_allowance_minor": 2500,
}


def _group(client: httpx.Client, name: str = "Stali klienci") -> str:
    answer = client.post("/v1/groups", json={"name": name})
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


def _audit(services: CrmServices, customer_id: str) -> list[AuditRow]:
    with services.ctx.db.session() as session:
        query = select(AuditRow).where(AuditRow.customer_id == customer_id).order_by(AuditRow.id)
        return list(session.scalars(query))


def test_create_with_every_field_stores_them_normalised(
    owner: httpx.Client, services: CrmServices
) -> None:
    group_id = _group(owner)
    answer = owner.post("/v1/customers", json={**EVERY_FIELD, "group_id": group_id})
    assert answer.status_code == 201, answer.text
    made = answer.json()
    assert made["name"] == "Łucja Żak"
    assert made["nip"] == "5260001246"
    assert made["phone"] == "+48601234567"
    assert made["email"] == "lucja.zak@example.pl"
    assert made["country"] == "PL"
    assert (made["city"], made["street"], made["building"], made["flat"]) == (
        "Kraków",
        "Floriańska",
        "12a",
        "3",
    )
    assert made["tags"] == ["VIP", "stała"]
    assert made["group_id"] == group_id
    assert made["verified"] is True
    assert made["discount_limit_disabled"] is True
    assert made["discount_allowance_minor"] == 2500
    assert (made["type"], made["active"], made["version"]) == ("registered", True, 1)
    assert (made["credits_minor"], made["wallet_minor"], made["points"]) == (0, 0, 0)
    assert owner.get(f"/v1/customers/{made['id']}").json() == made
    with services.ctx.db.session() as session:
        words = set(
            session.scalars(
                select(CustomerWordRow.word).where(CustomerWordRow.customer_id == made["id"])
            )
        )
        balances = session.scalars(
            select(BalanceRow.account).where(BalanceRow.customer_id == made["id"])
        )
        assert sorted(balances) == ["credits", "points", "wallet"]
    assert {"lucja", "zak", "601234567", "48601234567"} <= words
    [created] = _audit(services, made["id"])
    assert created.action == "customer.created"
    assert created.actor == "olga"
    assert created.after is not None and created.after["phone"] == "+48601234567"


def test_bad_input_names_every_bad_field(owner: httpx.Client) -> None:
    bad = {
        "name": " ",
        "type": "vip",
        "nip": "1234567890",
        "group_id": "no-such-group",
        "country": "Polska",
        "email": "not-an-address",
        "phone": "12",
        "tags": ["ok", " ", "x" * 101],
        "discount_allowance_minor": -1,
    }
    answer = owner.post("/v1/customers", json=bad)
    assert answer.status_code == 422, answer.text
    fields = {problem["field"] for problem in answer.json()["problems"]}
    assert fields == {
        "name",
        "type",
        "nip",
        "group_id",
        "country",
        "email",
        "phone",
        "tags.1",
        "tags.2",
        "discount_allowance_minor",
    }


def test_money_must_be_an_integer_and_unknown_fields_are_refused(owner: httpx.Client) -> None:
    answer = owner.post("/v1/customers", json={"name": "A", "discount_allowance_minor": 12.5})
    assert answer.status_code == 422
    assert answer.json()["problems"][0]["field"] == "discount_allowance_minor"
    answer = owner.post("/v1/customers", json={"name": "A", "surname": "B"})
    assert answer.status_code == 422
    assert answer.json()["problems"][0]["field"] == "surname"


def test_validate_is_the_same_rule_without_a_database() -> None:
    valid = validate(CustomerInput(name="Jan", phone="+48 601-234-567", tags=("a ", "a")))
    assert (valid.phone, valid.tags, valid.type, valid.country) == (
        "+48601234567",
        ("a",),
        "client",
        "PL",
    )
    with pytest.raises(Invalid) as refused:
        validate(CustomerInput(name="", email="x@", nip="1"))
    assert {p.field for p in refused.value.problems} == {"name", "email", "nip"}


def test_a_phone_belongs_to_one_customer(owner: httpx.Client) -> None:
    first = owner.post("/v1/customers", json={"name": "Anna Nowak", "phone": "601234567"}).json()
    answer = owner.post("/v1/customers", json={"name": "Jan", "phone": "+48 601 234 567"})
    assert answer.status_code == 409
    [problem] = answer.json()["problems"]
    assert problem["field"] == "phone"
    assert "Anna Nowak" in problem["reason"] and first["id"] in problem["reason"]
    other = owner.post("/v1/customers", json={"name": "Jan", "phone": "602000000"}).json()
    answer = owner.patch(f"/v1/customers/{other['id']}", json={"phone": "0048601234567"})
    assert answer.status_code == 409
    # Saving a customer with their own phone is no clash.
    answer = owner.patch(f"/v1/customers/{first['id']}", json={"phone": "601-234-567"})
    assert answer.status_code == 200


def test_edit_changes_only_what_is_sent_and_audits_it(
    owner: httpx.Client, services: CrmServices
) -> None:
    made = owner.post("/v1/customers", json={**EVERY_FIELD}).json()
    answer = owner.patch(
        f"/v1/customers/{made['id']}",
        json={"name": "Łucja Nowak", "email": None, "tags": ["nowy"]},
    )
    assert answer.status_code == 200, answer.text
    edited = answer.json()
    assert (edited["name"], edited["email"], edited["tags"]) == ("Łucja Nowak", None, ["nowy"])
    assert edited["phone"] == made["phone"] and edited["nip"] == made["nip"]
    assert edited["version"] == 2
    # The search words follow the name and e-mail.
    found = owner.get("/v1/customers", params={"text": "nowak"}).json()["items"]
    assert [c["id"] for c in found] == [made["id"]]
    assert owner.get("/v1/customers", params={"text": "zak"}).json()["items"] == []
    updated = _audit(services, made["id"])[-1]
    assert updated.action == "customer.updated"
    assert updated.before == {
        "email": "lucja.zak@example.pl",
        "name": "Łucja Żak",
        "tags": ["VIP", "stała"],
    }
    assert updated.after == {"email": None, "name": "Łucja Nowak", "tags": ["nowy"]}
    # Nothing new: no new version, no audit entry.
    same = owner.patch(f"/v1/customers/{made['id']}", json={"city": "Kraków"}).json()
    assert same["version"] == 2
    assert len(_audit(services, made["id"])) == 2
    bad = owner.patch(f"/v1/customers/{made['id']}", json={"name": "", "nip": "1"})
    assert {p["field"] for p in bad.json()["problems"]} == {"name", "nip"}


def test_deactivate_reactivate_and_unknown_ids(owner: httpx.Client) -> None:
    made = owner.post("/v1/customers", json={"name": "Ewa"}).json()
    off = owner.post(f"/v1/customers/{made['id']}/deactivate").json()
    assert (off["active"], off["version"]) == (False, 2)
    on = owner.post(f"/v1/customers/{made['id']}/reactivate").json()
    assert (on["active"], on["version"]) == (True, 3)
    for answer in (
        owner.get("/v1/customers/nope"),
        owner.patch("/v1/customers/nope", json={"name": "x"}),
        owner.delete("/v1/customers/nope"),
        owner.post("/v1/customers/nope/deactivate"),
        owner.post("/v1/customers/nope/cards", json={"code": "0006547886"}),
        owner.post("/v1/cards/nope/block"),
        owner.delete("/v1/cards/nope"),
    ):
        assert answer.status_code == 404, answer.text


def test_delete_is_refused_once_the_customer_has_bills(
    owner: httpx.Client, services: CrmServices
) -> None:
    kept = owner.post("/v1/customers", json={"name": "Z rachunkiem"}).json()
    gone = owner.post("/v1/customers", json={"name": "Bez rachunku", "tags": ["x"]}).json()
    owner.post(f"/v1/customers/{gone['id']}/cards", json={"code": "0000000001"})
    now = datetime.now(UTC)
    with services.ctx.db.session() as session:
        session.add(
            BillRow(
                bill_id="b1",
                op_id="op1",
                terminal_id="t1",
                local_no=1,
                business_date=date(2026, 1, 2),
                customer_id=kept["id"],
                total_minor=1000,
                discount_minor=0,
                status="closed",
                closed_at=now,
                received_at=now,
                payload={},
            )
        )
    answer = owner.delete(f"/v1/customers/{kept['id']}")
    assert answer.status_code == 409
    assert "bills" in answer.json()["message"]
    assert owner.delete(f"/v1/customers/{gone['id']}").status_code == 204
    assert owner.get(f"/v1/customers/{gone['id']}").status_code == 404
    assert _audit(services, gone["id"])[-1].action == "customer.deleted"


@pytest.mark.parametrize(
    ("enrolled", "typed"),
    [
        ("0006547886", "0063E9AE"),  # 10-digit decimal, then 8 hex of the same card
        ("0063E9AE", "0006547886"),
        ("0006547886", "099,59822"),  # a W26 reader knows only 24 bits: the same card
        ("099,59822", "0006547886"),
        ("0006547886", "00-06-54-78-86"),  # separators do not make another card
    ],
)
def test_a_card_is_unique_in_every_form(owner: httpx.Client, enrolled: str, typed: str) -> None:
    anna = owner.post("/v1/customers", json={"name": "Anna"}).json()
    jan = owner.post("/v1/customers", json={"name": "Jan"}).json()
    answer = owner.post(f"/v1/customers/{anna['id']}/cards", json={"code": enrolled})
    assert answer.status_code == 201, answer.text
    answer = owner.post(f"/v1/customers/{jan['id']}/cards", json={"code": typed})
    assert answer.status_code == 409, answer.text
    assert answer.json()["problems"][0]["field"] == "code"


def test_cards_add_block_unblock_remove(owner: httpx.Client, services: CrmServices) -> None:
    anna = owner.post("/v1/customers", json={"name": "Anna"}).json()
    answer = owner.post(
        f"/v1/customers/{anna['id']}/cards",
        json={"code": " 0006547886\n", "number": "K-1", "expires_on": "2020-01-31"},
    )
    assert answer.status_code == 201, answer.text
    card = answer.json()
    assert (card["code"], card["number"], card["status"]) == ("0006547886", "K-1", "expired")
    # Another card whose 32 bits share only the low 24 with the first is another card.
    other = owner.post(f"/v1/customers/{anna['id']}/cards", json={"code": "0023325102"})
    assert other.status_code == 201, other.text
    taken = owner.post(f"/v1/customers/{anna['id']}/cards", json={"code": "AB12", "number": "K-1"})
    assert (taken.status_code, taken.json()["problems"][0]["field"]) == (409, "number")
    bad = owner.post(f"/v1/customers/{anna['id']}/cards", json={"code": "12;34"})
    assert (bad.status_code, bad.json()["problems"][0]["field"]) == (422, "code")
    blocked = owner.post(f"/v1/cards/{card['id']}/block").json()
    assert (blocked["blocked"], blocked["status"]) == (True, "blocked")
    assert owner.post(f"/v1/cards/{card['id']}/unblock").json()["blocked"] is False
    assert owner.delete(f"/v1/cards/{card['id']}").status_code == 204
    shown = owner.get(f"/v1/customers/{anna['id']}").json()
    assert [c["code"] for c in shown["cards"]] == ["0023325102"]
    assert shown["version"] == 1 + 5  # two cards added, blocked, unblocked, one removed
    actions = [row.action for row in _audit(services, anna["id"])]
    assert actions[-5:] == [
        "card.added",
        "card.added",
        "card.blocked",
        "card.unblocked",
        "card.removed",
    ]
    # The freed card may now go to someone else.
    jan = owner.post("/v1/customers", json={"name": "Jan"}).json()
    again = owner.post(f"/v1/customers/{jan['id']}/cards", json={"code": "0063E9AE"})
    assert again.status_code == 201


def test_a_read_only_user_may_look_but_not_change(
    owner: httpx.Client, reader: httpx.Client, services: CrmServices
) -> None:
    made = owner.post("/v1/customers", json={"name": "Anna"}).json()
    card = owner.post(f"/v1/customers/{made['id']}/cards", json={"code": "0006547886"}).json()
    assert reader.get(f"/v1/customers/{made['id']}").status_code == 200
    assert reader.get("/v1/customers").status_code == 200
    refused = [
        reader.post("/v1/customers", json={"name": "X"}),
        reader.patch(f"/v1/customers/{made['id']}", json={"name": "X"}),
        reader.delete(f"/v1/customers/{made['id']}"),
        reader.post(f"/v1/customers/{made['id']}/deactivate"),
        reader.post(f"/v1/customers/{made['id']}/reactivate"),
        reader.post(f"/v1/customers/{made['id']}/cards", json={"code": "0000000002"}),
        reader.post(f"/v1/cards/{card['id']}/block"),
        reader.post(f"/v1/cards/{card['id']}/unblock"),
        reader.delete(f"/v1/cards/{card['id']}"),
        reader.post("/v1/customers/bulk", json={"filter": {}, "action": "add_tag", "value": "VIP"}),
    ]
    assert [answer.status_code for answer in refused] == [403] * len(refused)
    assert services.customers.get(CLI, made["id"]).version == 2  # only the card was added


def test_two_managers_giving_one_phone_at_once_get_one_customer(services: CrmServices) -> None:
    barrier = threading.Barrier(6)

    def create(n: int) -> str:
        barrier.wait()
        try:
            services.customers.create(CLI, CustomerInput(name=f"K{n}", phone="601 555 000"))
        except Conflict as clash:
            return clash.problems[0].field
        return "created"

    with ThreadPoolExecutor(6) as pool:
        outcomes = sorted(pool.map(create, range(6)))
    assert outcomes == ["created"] + ["phone"] * 5


def test_one_card_in_several_reader_forms_added_at_once_goes_to_one_customer(
    services: CrmServices,
) -> None:
    """A W26 reader knows 24 bits of the card; a HEX reader knows 32. No unique index can
    tell they are one card, so concurrent enrolments must be serialised another way."""
    owners = [services.customers.create(CLI, CustomerInput(name=f"K{n}")).id for n in range(6)]
    forms = ["099,59822", "0063E9AE", "09959822", "0006547886", "099,59822", "0063E9AE"]
    barrier = threading.Barrier(len(owners))

    def enrol(n: int) -> str:
        barrier.wait()
        try:
            services.customers.add_card(CLI, owners[n], forms[n])
        except Conflict as clash:
            return clash.problems[0].field
        return "added"

    with ThreadPoolExecutor(len(owners)) as pool:
        outcomes = sorted(pool.map(enrol, range(len(owners))))
    assert outcomes == ["added"] + ["code"] * 5


def test_control_characters_are_refused_in_every_text_field(owner: httpx.Client) -> None:
    """NUL, tabs, line breaks and other controls never reach the store (nor a receipt)."""
    bad = {
        "name": "Jan\x1fKowalski",  # (NUL is refused at the door: text_guard)
        "city": "Kra\nków",
        "street": "Długa\t12",
        "building": "1\x1b",
        "tags": ["VIP\x07"],
    }
    answer = owner.post("/v1/customers", json=bad)
    assert answer.status_code == 422, answer.text
    fields = {problem["field"] for problem in answer.json()["problems"]}
    assert fields == {"name", "city", "street", "building", "tags.0"}


def test_a_card_is_found_by_whatever_form_it_is_typed_in(services: CrmServices) -> None:
    """The list's search and a till's online lookup find a card by its code in any reader
    form — hex in either byte order included — or by the number printed on it."""
    customer = services.customers.create(CLI, CustomerInput(name="Karol Kartowy"))
    services.customers.add_card(CLI, customer.id, "0006547886", "K-1001")
    for typed in ("0006547886", "6547886", "0063E9AE", "AEE96300", "0063e9ae", "K-1001"):
        assert services.customers.card_owner(CLI, typed) == customer.id, typed
    for typed in ("0006547887", "", "   ", "K-1002"):
        assert services.customers.card_owner(CLI, typed) is None, typed
    for typed in ("0063E9AE", "AEE96300"):
        found = services.lookup.lookup(card=typed, phone=None, business_date=date(2026, 11, 30))
        assert found.customer_id == customer.id, typed
