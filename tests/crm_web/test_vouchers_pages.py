"""The voucher pages over HTTP: issue (refused, then issued), list by status, cancel;
templates added and switched off; and a read-only user's view."""

from __future__ import annotations

import re

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.customer_filter import CustomerFilter
from crm.services.voucher_templates import TemplateSpec
from tests.crm_web.conftest import form_token, sign_in
from tests.live_crm import LiveApi

ERRORS = re.compile(r'id="f-(\w+)-error" role="alert">([^<]+)<')


def test_a_voucher_is_issued_listed_and_cancelled(site: LiveApi, services: CrmServices) -> None:
    with sign_in(site, "olga") as client:
        token = form_token(client.get("/vouchers").text)
        refused = client.post(
            "/vouchers",
            data={
                "csrf": token,
                "kind": "percent",
                "value": "150",
                "owner": "nobody",
                "valid_from": "2027-05-01",
                "valid_to": "2027-04-01",
            },
        )
        assert refused.status_code == 422
        assert dict(ERRORS.findall(refused.text)) == {
            "value": "Procent musi mieścić się w 0–100.",
            "owner": "Nie ma klienta &#39;nobody&#39;.",
            "valid_to": "Nie może być przed datą początkową.",
        }
        body = {"csrf": token, "kind": "amount", "value": "20,00", "code": "wiosna-20"}
        issued = client.post("/vouchers", data=body | {"owner": "c0000010"})
        assert issued.headers["location"] == "/vouchers?done=issued"
        voucher = services.vouchers.get_voucher("WIOSNA-20")
        assert (voucher.amount_minor, voucher.owner_id, voucher.status) == (
            2000,
            "c0000010",
            "active",
        )
        listing = client.get("/vouchers?status=active").text
        assert re.search(r'data-voucher="WIOSNA-20">.*?20,00\xa0zł', listing, re.S)
        cancelled = client.post("/vouchers/WIOSNA-20/cancel", data={"csrf": token})
        assert cancelled.headers["location"] == "/vouchers?done=cancelled"
        assert services.vouchers.get_voucher("WIOSNA-20").status == "cancelled"
        assert 'data-voucher="WIOSNA-20"' not in client.get("/vouchers?status=active").text
        assert 'data-voucher="WIOSNA-20"' in client.get("/vouchers?status=cancelled").text
    audit = services.history.audit(CLI, entity="voucher", entity_id="WIOSNA-20").items
    assert [(e.actor, e.action) for e in audit] == [
        ("olga", "voucher.cancelled"),
        ("olga", "voucher.created"),
    ]


def test_a_template_is_added_and_switched_off(site: LiveApi, services: CrmServices) -> None:
    with sign_in(site, "olga") as client:
        token = form_token(client.get("/vouchers/templates/new").text)
        body = {"csrf": token, "name": "Kawa", "kind": "amount", "value": "10,00"}
        refused = client.post("/vouchers/templates/new", data=body | {"points_price": "x"})
        assert dict(ERRORS.findall(refused.text)) == {"points_price": "To nie liczba całkowita."}
        saved = client.post(
            "/vouchers/templates/new", data=body | {"points_price": "100", "valid_days": "30"}
        )
        assert saved.headers["location"] == "/vouchers/templates?done=saved"
        [template] = [
            t for t in services.vouchers.list_templates(limit=500).items if t.name == "Kawa"
        ]
        assert (template.amount_minor, template.points_price, template.valid_days) == (
            1000,
            100,
            30,
        )
        off = client.post(f"/vouchers/templates/{template.id}/deactivate", data={"csrf": token})
        assert off.headers["location"] == "/vouchers/templates?done=off"
        assert not services.vouchers.get_template(template.id).active


def test_a_read_only_user_sees_vouchers_and_changes_none(
    site: LiveApi, services: CrmServices
) -> None:
    with sign_in(site, "rita") as client:
        listing = client.get("/vouchers").text
        assert 'action="/vouchers"' not in listing and "/cancel" not in listing
        token = form_token(listing)
        body = {"csrf": token, "kind": "amount", "value": "5,00", "code": "HACK"}
        assert client.post("/vouchers", data=body).status_code == 403
        assert client.get("/vouchers/templates/new").status_code == 403
        assert client.post("/vouchers/templates/new", data=body).status_code == 403
    assert [
        v.code for v in services.vouchers.list_vouchers(limit=500).items if v.code == "HACK"
    ] == []


def test_a_customers_points_buy_a_voucher_on_the_profile(
    site: LiveApi, services: CrmServices
) -> None:
    offer = services.vouchers.create_template(
        CLI, TemplateSpec(name="Kawa", kind="amount", points_price=1000, amount_minor=1000)
    )
    rich = next(
        item
        for item in services.customers.list(CLI, CustomerFilter(), limit=200).items
        if item.points >= 1000 and item.active
    )
    poor = next(
        item
        for item in services.customers.list(CLI, CustomerFilter(), limit=200).items
        if item.points < 1000
    )
    with sign_in(site, "olga") as client:
        profile = client.get(f"/customers/{poor.id}").text
        assert 'id="exchange"' in profile
        token = form_token(profile)
        refused = client.post(
            f"/customers/{poor.id}/exchange", data={"csrf": token, "template": offer.id}
        )
        assert refused.status_code == 422
        assert "nie można odjąć 1000" in refused.text
        done = client.post(
            f"/customers/{rich.id}/exchange", data={"csrf": token, "template": offer.id}
        )
        assert done.status_code == 303
        code = re.search(r"code=([A-Z0-9_-]+)", done.headers["location"])
        assert code is not None
        assert (
            f"Za punkty wydano voucher {code.group(1)}."
            in client.get(done.headers["location"]).text
        )
    assert services.customers.get(CLI, rich.id).points == rich.points - 1000
    assert services.vouchers.get_voucher(code.group(1)).owner_id == rich.id
    assert services.customers.get(CLI, poor.id).points == poor.points
