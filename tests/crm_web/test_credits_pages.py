"""Credits over HTTP: one customer's from the profile (a reduce below zero refused, an add
saved), a recurring top-up of a group from the list (confirmed), the operations page with
its periods, stopping it; and a read-only user refused."""

from __future__ import annotations

import re

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.customer_filter import CustomerFilter
from crm.web import views
from tests.crm_web.conftest import form_token, sign_in
from tests.live_crm import LiveApi

ERRORS = re.compile(r'id="op-(\w+)-error" role="alert">([^<]+)<')
CUSTOMER = "c0000010"


def test_one_customers_credits_from_the_profile(site: LiveApi, services: CrmServices) -> None:
    before = services.customers.get(CLI, CUSTOMER).credits
    with sign_in(site, "olga") as client:
        token = form_token(client.get(f"/customers/{CUSTOMER}").text)
        path = f"/customers/{CUSTOMER}/balance"
        body = {"csrf": token, "op_account": "credits", "op_description": "Bonus"}
        refused = client.post(path, data=body | {"op_kind": "reduce", "op_amount": "99 999,00"})
        assert refused.status_code == 422
        assert dict(ERRORS.findall(refused.text)) == {
            "amount": f"Klient ma {views.money(before)} kredytów; "
            "nie można odjąć 99\xa0999,00\xa0zł."
        }
        saved = client.post(path, data=body | {"op_kind": "add", "op_amount": "50,00"})
        assert saved.headers["location"] == f"/customers/{CUSTOMER}?done=balance#balances"
        profile = client.get(f"/customers/{CUSTOMER}?section=credits").text
        operations = client.get("/credits").text
    after = services.customers.get(CLI, CUSTOMER).credits
    assert after == before + 5000
    assert "+50,00\xa0zł" in profile and "Bonus" in profile  # the history's credits section
    name = services.customers.get(CLI, CUSTOMER).name
    assert f'<a href="/customers/{CUSTOMER}">{name}</a>' in operations  # named, not an id


def test_a_recurring_top_up_of_a_group(site: LiveApi, services: CrmServices) -> None:
    group = next(g for g in services.groups.list(CLI).items if g.reference == "student")
    members = services.customers.list(CLI, CustomerFilter(group_id=group.id), limit=200).items
    with sign_in(site, "olga") as client:
        listing = client.get(f"/customers?group={group.id}").text
        token = form_token(listing)
        body = {
            "csrf": token,
            "group": group.id,
            "op_account": "credits",
            "op_kind": "set",
            "op_amount": "100,00",
            "op_recurring": "on",
            "op_every_months": "1",
            "op_description": "Co miesiąc",
        }
        unconfirmed = client.post("/customers/credits", data=body)
        assert unconfirmed.status_code == 422 and 'id="credits-confirm-error"' in unconfirmed.text
        done = client.post("/customers/credits", data=body | {"confirm": "on"})
        assert done.headers["location"] == "/credits?done=saved"
        page = client.get("/credits?recurring=1").text
        assert "Co miesiąc" in page and "Student" in page
        assert f"klientów: {len(members)}" in page  # period 0 ran today for each of them
        operation = re.search(r'data-operation="([^"]+)"', page)
        assert operation is not None
        stopped = client.post(f"/credits/{operation.group(1)}/stop", data={"csrf": token})
        assert stopped.headers["location"] == "/credits?recurring=1&done=stopped"
    for member in members:
        assert services.customers.get(CLI, member.id).credits == 10000
    assert not services.ledger.operation(CLI, operation.group(1)).active


def test_a_read_only_user_cannot_move_balances(site: LiveApi, services: CrmServices) -> None:
    before = services.customers.get(CLI, CUSTOMER).credits
    with sign_in(site, "rita") as client:
        profile = client.get(f"/customers/{CUSTOMER}").text
        assert 'id="credit-op"' not in profile
        token = form_token(profile)
        body = {"csrf": token, "op_account": "credits", "op_kind": "add", "op_amount": "5,00"}
        assert client.post(f"/customers/{CUSTOMER}/balance", data=body).status_code == 403
        bulk = body | {"confirm": "on"}
        assert client.post("/customers/credits", data=bulk).status_code == 403
        assert "/stop" not in client.get("/credits").text
    assert services.customers.get(CLI, CUSTOMER).credits == before
