"""The cashback pages over HTTP: a rule added with its availability and conditions,
refused, edited, switched off; and a read-only user's view."""

from __future__ import annotations

import re
from datetime import time
from decimal import Decimal

from crm.services.actor import CLI
from crm.services.container import CrmServices
from tests.crm_web.conftest import form_token, sign_in
from tests.live_crm import LiveApi

ERRORS = re.compile(r'id="f-(\w+)-error" role="alert">([^<]+)<')


def named(services: CrmServices, name: str) -> list[str]:
    return [r.id for r in services.rules.list_cashback_rules(limit=500).items if r.name == name]


def test_a_rule_is_added_with_when_and_conditions(site: LiveApi, services: CrmServices) -> None:
    student = next(g for g in services.groups.list(CLI).items if g.reference == "student")
    with sign_in(site, "olga") as client:
        token = form_token(client.get("/cashback/new").text)
        body = {"csrf": token, "name": "Weekend", "resource": "points", "percent": "10"}
        refused = client.post(
            "/cashback/new",
            data=body | {"date_from": "2027-05-01", "date_to": "2027-04-01", "hours_from": "18:00"},
        )
        assert refused.status_code == 422
        assert dict(ERRORS.findall(refused.text)) == {
            "date_to": "Nie może być przed datą początkową.",
            "hours_to": "Podaj obie godziny: od i do.",
        }
        points = client.post("/cashback/new", data=body | {"fixed": "2,5"})
        assert dict(ERRORS.findall(points.text)) == {"fixed": "To nie liczba całkowita punktów."}
        assert named(services, "Weekend") == []

        saved = client.post(
            "/cashback/new",
            data=body
            | {
                "fixed": "5",
                "maximum": "50",
                "weekday:5": "on",
                "weekday:6": "on",
                "hours_from": "12:00",
                "hours_to": "16:00",
                "min_bill": "30,00",
                "payment:card": "on",
                "type:client": "on",
                f"group:{student.id}": "on",
            },
        )
        assert saved.headers["location"] == "/cashback?done=saved"
        [rule_id] = named(services, "Weekend")
        rule = services.rules.get_cashback_rule(rule_id)
        assert (rule.percent, rule.fixed, rule.maximum) == (Decimal("10"), 5, 50)
        assert rule.availability.weekdays == (5, 6)
        assert (rule.availability.hours_from, rule.availability.hours_to) == (time(12), time(16))
        assert rule.conditions.min_bill_minor == 3000
        assert rule.conditions.payment_methods == ("card",)
        assert rule.conditions.customer_types == ("client",)
        assert rule.conditions.group_ids == (student.id,)
        listing = client.get("/cashback").text
        assert re.search(
            r'data-rule="Weekend".*?sob\., niedz\..*?12:00–16:00.*?Student', listing, re.S
        )

        # Credits: the awards are money.
        form = client.get(f"/cashback/{rule_id}").text
        assert 'name="weekday:5" checked' in form and 'value="12:00"' in form
        credits = {"csrf": token, "name": "Weekend", "resource": "credits", "fixed": "2,50"}
        assert client.post(f"/cashback/{rule_id}", data=credits).status_code == 303
        changed = services.rules.get_cashback_rule(rule_id)
        assert (changed.resource, changed.fixed, changed.percent) == ("credits", 250, None)
        assert changed.availability.weekdays == ()
        off = client.post(f"/cashback/{rule_id}/deactivate", data={"csrf": token})
        assert off.headers["location"] == "/cashback?done=off"
        assert not services.rules.get_cashback_rule(rule_id).active


def test_a_read_only_user_sees_rules_and_changes_none(site: LiveApi, services: CrmServices) -> None:
    rule = services.rules.list_cashback_rules(limit=1).items[0]
    with sign_in(site, "rita") as client:
        listing = client.get("/cashback").text
        assert "/cashback/new" not in listing and "/deactivate" not in listing
        page = client.get(f"/cashback/{rule.id}").text
        assert 'id="save"' not in page
        token = form_token(page)
        for path in (f"/cashback/{rule.id}", f"/cashback/{rule.id}/deactivate"):
            body = {"csrf": token, "name": "X", "resource": "points", "percent": "1"}
            assert client.post(path, data=body).status_code == 403, path
    assert services.rules.get_cashback_rule(rule.id) == rule
