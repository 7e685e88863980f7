"""The terminals page over HTTP: an owner enrols a till with a one-time code shown once,
sees it listed after it used the code, and revokes it; a manager sees the tills only."""

from __future__ import annotations

import re

from crm.services.actor import CLI
from crm.services.container import CrmServices
from tests.crm_web.conftest import PASSWORD, form_token, sign_in
from tests.live_crm import LiveApi


def test_an_owner_enrols_and_revokes_a_till(site: LiveApi, services: CrmServices) -> None:
    with sign_in(site, "olga") as client:
        page = client.get("/terminals").text
        assert 'id="enrol"' in page
        token = form_token(page)
        refused = client.post("/terminals/enrol", data={"csrf": token, "shop": " "})
        assert refused.status_code == 422 and 'id="f-shop-error"' in refused.text
        made = client.post("/terminals/enrol", data={"csrf": token, "shop": "Kawiarnia Rynek"})
        assert made.status_code == 200
        found = re.search(r'id="code">([A-Z0-9-]+)<', made.text)
        assert found is not None and re.fullmatch(r"(\w{4}-){3}\w{4}", found.group(1))
        assert made.headers["cache-control"] == "no-store"
        services.terminals.enrol(found.group(1), "Kasa 1")
        listed = client.get("/terminals").text
        assert re.search(r'data-terminal="Kasa 1".*?Kawiarnia Rynek.*?aktywna', listed, re.S)
        [till] = services.terminals.list_terminals(CLI).items
        revoked = client.post(f"/terminals/{till.id}/revoke", data={"csrf": token})
        assert revoked.headers["location"] == "/terminals?done=revoked"
    assert services.terminals.list_terminals(CLI).items[0].status == "revoked"


def test_a_manager_sees_the_tills_but_enrols_none(site: LiveApi, services: CrmServices) -> None:
    services.accounts.create(CLI, "marek", PASSWORD, "manager")
    with sign_in(site, "marek") as client:
        page = client.get("/terminals").text
        assert 'id="enrol"' not in page and "/revoke" not in page
        answer = client.post("/terminals/enrol", data={"csrf": form_token(page), "shop": "X"})
        assert answer.status_code == 403
    assert services.terminals.list_shops(CLI).items == ()
