"""The terminals page's list to review: a till pushes a bill that overdraws a wallet and an
op the CRM refuses, says how many ops it has not sent; a manager sees both on the page,
resolves them with a note (refused without one), and a read-only user only looks."""

from __future__ import annotations

import re

from sqlalchemy import select

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.store.models import AuditRow, ReviewItemRow
from tests.crm.sync_world import customer, enrol, sale
from tests.crm_web.conftest import PASSWORD, form_token, sign_in
from tests.live_crm import LiveApi


def _flag_a_bill_and_refuse_an_op(services: CrmServices, site: LiveApi) -> str:
    customer(services, "c-ala", wallet=1000)
    till = enrol(services, site.url, "Kasa przy oknie")
    spent = till.envelope(sale("b-over", 17, 2500, customer_id="c-ala", wallet=2500))
    broken = {**till.envelope(sale("b-broken", 18, 700)), "payload_sha256": "0" * 64}
    answer = till.push(spent, broken)
    assert [r["status"] for r in answer["results"]] == ["applied", "rejected"]
    hello = till.http.get("/v1/sync/hello", headers={"X-Queued-Ops": "42"})
    assert hello.status_code == 200
    return till.terminal_id


def _items(page: str) -> list[str]:
    return re.findall(r'data-item="([^"]+)"', page)


def test_a_manager_resolves_a_flagged_bill_and_a_refused_op(
    site: LiveApi, services: CrmServices
) -> None:
    till_id = _flag_a_bill_and_refuse_an_op(services, site)
    services.accounts.create(CLI, "marek", PASSWORD, "manager")
    with sign_in(site, "marek") as client:
        page = client.get("/terminals").text
        row = re.search(r'data-terminal="Kasa przy oknie".*?</tr>', page, re.S)
        assert row is not None
        assert '<small class="queued">42</small>' in row.group(0), "the queue it reported"
        assert f'href="/terminals?till={till_id}#review"' in row.group(0)
        assert "Portfel zszedł poniżej zera" in page
        assert re.search(r"Rachunek 17 · 25,00\xa0zł", page)
        assert "Treść operacji nie zgadza się z jej sumą kontrolną SHA-256." in page
        [bill_item] = re.findall(
            r'data-item="([^"]+)">\s*<div class="review-what">\s*<strong>Rachunek', page
        )
        [op_item] = [item for item in _items(page) if item != bill_item]
        token = form_token(page)

        empty = client.post(
            f"/terminals/review/{bill_item}/resolve", data={"csrf": token, "note": "  "}
        )
        assert empty.status_code == 422
        assert re.search(r'class="field bad".*?Od 1 do 500 znaków', empty.text, re.S)
        assert len(_items(empty.text)) == 2, "nothing was resolved"

        note = "Ala dopłaciła 15 zł gotówką"
        done = client.post(
            f"/terminals/review/{bill_item}/resolve",
            data={"csrf": token, "note": note, "till": till_id},
        )
        assert done.status_code == 303
        assert done.headers["location"] == f"/terminals?done=resolved&till={till_id}#review"
        again = client.post(
            f"/terminals/review/{bill_item}/resolve", data={"csrf": token, "note": "x"}
        )
        assert again.status_code == 422 and "marek" in again.text
        client.post(
            f"/terminals/review/{op_item}/resolve", data={"csrf": token, "note": "Błąd kasy"}
        )
        assert 'id="review-empty"' in client.get("/terminals").text

    resolved = services.ctx.db.read(lambda s: s.get(ReviewItemRow, bill_item))
    assert resolved is not None and (resolved.resolved_by, resolved.resolution) == ("marek", note)
    audit = services.ctx.db.read(
        lambda s: s.scalars(select(AuditRow).where(AuditRow.action == "review.resolved")).all()
    )
    assert {(row.actor, row.entity_id) for row in audit} == {
        ("marek", bill_item),
        ("marek", op_item),
    }


def test_a_read_only_user_sees_the_list_and_cannot_resolve(
    site: LiveApi, services: CrmServices
) -> None:
    _flag_a_bill_and_refuse_an_op(services, site)
    with sign_in(site, "rita") as client:
        page = client.get("/terminals").text
        items = _items(page)
        assert len(items) == 2 and "/resolve" not in page
        forged = client.post(
            f"/terminals/review/{items[0]}/resolve", data={"csrf": form_token(page), "note": "x"}
        )
        assert forged.status_code == 403
    assert len(services.review.open_items(CLI)) == 2
