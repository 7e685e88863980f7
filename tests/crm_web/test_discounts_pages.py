"""The discount pages over HTTP: add, refuse, edit, switch off and on, and read-only."""

from __future__ import annotations

import re
from decimal import Decimal

from crm.services.container import CrmServices
from tests.crm_web.conftest import form_token, sign_in
from tests.live_crm import LiveApi

ERRORS = re.compile(r'id="f-(\w+)-error" role="alert">([^<]+)<')


def by_name(services: CrmServices, name: str) -> list[str]:
    return [d.id for d in services.rules.list_discounts(limit=500).items if d.name == name]


def test_a_discount_is_added_refused_edited_and_switched_off(
    site: LiveApi, services: CrmServices
) -> None:
    with sign_in(site, "olga") as client:
        token = form_token(client.get("/discounts/new").text)
        body = {"csrf": token, "name": "Jesień", "kind": "percent", "scope_kind": "bill"}
        refused = client.post("/discounts/new", data=body | {"value": "150", "min_bill": "-5"})
        assert refused.status_code == 422
        assert dict(ERRORS.findall(refused.text)) == {
            "value": "150 % nie mieści się w 0–100.",
            "min_bill": "Kwota nie może być ujemna.",
        }
        # An amount that cannot be read is named, and so is every other mistake at once.
        unread = body | {"name": " ", "kind": "amount", "value": "pięć", "scope_kind": "products"}
        both = dict(ERRORS.findall(client.post("/discounts/new", data=unread).text))
        assert set(both) == {"value", "name", "scope"} and "pięć" in both["value"]
        scoped = client.post("/discounts/new", data=body | {"value": "5", "scope_kind": "products"})
        assert dict(ERRORS.findall(scoped.text)) == {"scope": "Wskaż co najmniej jeden produkt."}
        assert by_name(services, "Jesień") == []

        saved = client.post(
            "/discounts/new",
            data=body | {"value": "12,5", "min_bill": "50,00", "visible_on_terminal": "on"},
        )
        assert saved.headers["location"] == "/discounts?done=saved"
        listing = client.get("/discounts").text
        assert re.search(r'data-discount="Jesień".*?12,5\xa0%.*?50,00\xa0zł', listing, re.S)
        found = next(
            d for d in services.rules.list_discounts(limit=500).items if d.name == "Jesień"
        )
        assert (found.percent, found.min_bill_minor, found.visible_on_terminal) == (
            Decimal("12.5"),
            5000,
            True,
        )

        edit = client.get(f"/discounts/{found.id}").text
        assert 'value="12,5"' in edit and 'value="50,00"' in edit
        changed = {"csrf": token, "name": "Jesień", "kind": "amount", "value": "7,50"}
        assert (
            client.post(f"/discounts/{found.id}", data=changed | {"scope_kind": "bill"}).status_code
            == 303
        )
        after = services.rules.get_discount(found.id)
        assert (after.kind, after.amount_minor, after.percent, after.visible_on_terminal) == (
            "amount",
            750,
            None,
            False,
        )
        off = client.post(f"/discounts/{found.id}/deactivate", data={"csrf": token})
        assert off.headers["location"] == "/discounts?done=off"
        assert not services.rules.get_discount(found.id).active
        assert "Zniżka została wyłączona." in client.get("/discounts?done=off").text


def test_a_read_only_user_sees_discounts_and_changes_none(
    site: LiveApi, services: CrmServices
) -> None:
    discount = services.rules.list_discounts(limit=1).items[0]
    with sign_in(site, "rita") as client:
        listing = client.get("/discounts").text
        assert "/discounts/new" not in listing and "/deactivate" not in listing
        page = client.get(f"/discounts/{discount.id}").text
        assert 'id="save"' not in page
        token = form_token(page)
        for path in (f"/discounts/{discount.id}", f"/discounts/{discount.id}/deactivate"):
            body = {
                "csrf": token,
                "name": "X",
                "kind": "percent",
                "value": "1",
                "scope_kind": "bill",
            }
            assert client.post(path, data=body).status_code == 403, path
    assert services.rules.get_discount(discount.id) == discount
