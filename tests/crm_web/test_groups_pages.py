"""The group pages over HTTP: add, edit, refuse, delete, and a read-only user's view."""

from __future__ import annotations

import re

from crm.services.actor import CLI
from crm.services.container import CrmServices
from tests.crm_web.conftest import form_token, sign_in
from tests.live_crm import LiveApi

ERRORS = re.compile(r'id="f-(\w+)-error" role="alert">([^<]+)<')


def test_a_group_is_added_with_its_reference_limit_and_discounts(
    site: LiveApi, services: CrmServices
) -> None:
    discount = services.rules.list_discounts(limit=1).items[0]
    with sign_in(site, "olga") as client:
        form = client.get("/groups/new").text
        body = {
            "csrf": form_token(form),
            "name": "Stali goście — środa",
            "description": "Rabat w środy",
            "daily_limit": "x",
            f"discount:{discount.id}": "on",
            "assignable_at_till": "on",
        }
        refused = client.post("/groups/new", data=body)
        assert refused.status_code == 422
        assert dict(ERRORS.findall(refused.text)) == {
            "daily_limit": "&#39;x&#39; to nie kwota (wpisz np. 12,50)."
        }
        assert 'value="Stali goście — środa"' in refused.text
        assert [g.name for g in services.groups.list(CLI).items].count("Stali goście — środa") == 0

        saved = client.post("/groups/new", data=body | {"daily_limit": "20,00"})
        assert saved.headers["location"] == "/groups?done=saved"
        listing = client.get("/groups").text
        assert 'data-group="stali-goscie-sroda"' in listing
        group = next(
            g for g in services.groups.list(CLI).items if g.reference == "stali-goscie-sroda"
        )
        assert group.daily_discount_limit_minor == 2000
        assert group.discount_ids == (discount.id,)
        assert group.assignable_at_till

        # Renamed: the reference stays. A reference another group has is refused.
        edit = client.get(f"/groups/{group.id}").text
        assert 'value="20,00"' in edit
        body = {"csrf": form_token(edit), "name": "Środowi goście", "daily_limit": "20,00"}
        assert client.post(f"/groups/{group.id}", data=body).status_code == 303
        renamed = services.groups.get(CLI, group.id)
        assert (renamed.name, renamed.reference) == ("Środowi goście", "stali-goscie-sroda")
        assert renamed.discount_ids == () and not renamed.assignable_at_till
        taken = client.post(f"/groups/{group.id}", data=body | {"reference": "staly-klient"})
        assert taken.status_code == 422
        assert "Referencja &#39;staly-klient&#39; należy już do grupy" in taken.text
        audit = services.history.audit(CLI, entity="customer_group", entity_id=group.id).items
        assert [(e.actor, e.action) for e in audit] == [
            ("olga", "group.updated"),
            ("olga", "group.created"),
        ]

        deleted = client.post(f"/groups/{group.id}/delete", data={"csrf": form_token(edit)})
        assert deleted.headers["location"] == "/groups?done=deleted"
        assert "Grupa została usunięta." in client.get("/groups?done=deleted").text


def test_a_group_with_customers_is_not_deleted(site: LiveApi, services: CrmServices) -> None:
    group = next(g for g in services.groups.list(CLI).items if g.reference == "staly-klient")
    with sign_in(site, "olga") as client:
        token = form_token(client.get(f"/groups/{group.id}").text)
        refused = client.post(f"/groups/{group.id}/delete", data={"csrf": token})
        assert refused.status_code == 409
        assert "W grupie są klienci: najpierw ich przenieś." in refused.text
    assert services.groups.get(CLI, group.id) == group


def test_a_read_only_user_sees_groups_and_changes_none(
    site: LiveApi, services: CrmServices
) -> None:
    group = next(g for g in services.groups.list(CLI).items if g.reference == "staly-klient")
    with sign_in(site, "rita") as client:
        assert "/groups/new" not in client.get("/groups").text
        assert client.get("/groups/new").status_code == 403
        page = client.get(f"/groups/{group.id}").text
        assert 'id="save"' not in page and 'id="delete"' not in page
        assert '<fieldset class="panel" disabled>' in page
        token = form_token(page)
        edit = client.post(f"/groups/{group.id}", data={"csrf": token, "name": "X"})
        assert edit.status_code == 403
        assert client.post(f"/groups/{group.id}/delete", data={"csrf": token}).status_code == 403
        assert client.post("/groups/new", data={"csrf": token, "name": "Y"}).status_code == 403
    assert services.groups.get(CLI, group.id) == group
