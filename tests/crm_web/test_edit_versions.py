"""Two people edit one thing: the second save does not silently undo the first. Both open
the form; the first saves; the second is told, keeps what they typed, nothing of theirs is
saved, and sending it again saves it over the first — knowingly."""

from __future__ import annotations

from html.parser import HTMLParser

import httpx
import pytest

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.customer_filter import CustomerFilter
from tests.crm_web.conftest import PASSWORD, sign_in
from tests.live_crm import LiveApi


class _Form(HTMLParser):
    """The fields a browser would send for the form `form_id`, as the page filled them."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id, self.inside, self.select = form_id, False, ""
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside or "name" not in a:
            if tag == "option" and self.select and ("selected" in a):
                self.fields[self.select] = a.get("value", "")
            return
        if tag == "input" and a.get("type") == "checkbox":
            if "checked" in a:
                self.fields[a["name"]] = "on"
        elif tag == "input":
            self.fields[a["name"]] = a.get("value", "")
        elif tag == "select":
            self.select = a["name"]
        elif tag == "textarea":
            self.fields[a["name"]] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        if tag == "select":
            self.select = ""


def opened(client: httpx.Client, path: str, form_id: str) -> dict[str, str]:
    parser = _Form(form_id)
    parser.feed(client.get(path).text)
    assert parser.fields.get("version"), "the form carries the version it shows"
    return parser.fields


@pytest.fixture
def marek(services: CrmServices) -> None:
    services.accounts.create(CLI, "marek", PASSWORD, "manager")


def test_a_discount_saved_by_another_is_not_undone_without_being_told(
    site: LiveApi, services: CrmServices, marek: None
) -> None:
    discount = services.rules.list_discounts().items[0]
    path = f"/discounts/{discount.id}"
    with sign_in(site, "olga") as olga, sign_in(site, "marek") as marek_:
        hers, his = opened(olga, path, "discount-form"), opened(marek_, path, "discount-form")
        assert olga.post(path, data={**hers, "name": "Obiad -10 %"}).status_code == 303
        refused = marek_.post(path, data={**his, "name": "Lunch -10 %"})
        assert refused.status_code == 422
        assert 'id="stale"' in refused.text
        assert "Ktoś zmienił to po otwarciu formularza" in refused.text
        assert 'value="Lunch -10 %"' in refused.text, "what he typed is kept"
        assert services.rules.get_discount(discount.id).name == "Obiad -10 %"
        again = _Form("discount-form")
        again.feed(refused.text)
        assert int(again.fields["version"]) == services.rules.get_discount(discount.id).version
        assert marek_.post(path, data=again.fields).status_code == 303
    assert services.rules.get_discount(discount.id).name == "Lunch -10 %"


def test_a_customer_and_a_group_check_their_versions_too(
    site: LiveApi, services: CrmServices, marek: None
) -> None:
    customer = services.customers.list(CLI, CustomerFilter(), limit=1).items[0]
    group = services.groups.list(CLI).items[0]
    edits = (
        (f"/customers/{customer.id}/edit", "customer-form", "city"),
        (f"/groups/{group.id}", "group-form", "description"),
    )
    with sign_in(site, "olga") as olga, sign_in(site, "marek") as marek_:
        for path, form_id, field in edits:
            hers, his = opened(olga, path, form_id), opened(marek_, path, form_id)
            assert olga.post(path, data={**hers, field: "Gdańsk"}).status_code == 303
            refused = marek_.post(path, data={**his, field: "Sopot"})
            assert refused.status_code == 422 and 'id="stale"' in refused.text, path
    assert services.customers.get(CLI, customer.id).city == "Gdańsk"
    assert services.groups.get(CLI, group.id).description == "Gdańsk"
