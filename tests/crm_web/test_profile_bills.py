"""The profile's transactions: a bill a till pushed, opened on the page, shows its lines
with the discount on each, the group discount cut to the daily limit, the voucher, the
credits, how it was paid, what it earned, who sold it and what the CRM flagged."""

from __future__ import annotations

import re
from dataclasses import replace

from crm.services.container import CrmServices
from loyalty.money import Money
from sync.wire.ops import Adjustment, BillClosed, BillLine, CashbackAward, Payment, StaffRef
from tests.crm.sync_world import customer, enrol, sale
from tests.crm_web.conftest import sign_in
from tests.live_crm import LiveApi


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_a_bill_shows_its_lines_and_where_each_amount_off_came_from(
    site: LiveApi, services: CrmServices
) -> None:
    customer(services, "c-ala", credits=500, wallet=300)
    rule = next(r for r in services.rules.list_cashback_rules().items if r.resource == "points")
    till = enrol(services, site.url, "Kasa przy barze")
    bill = rich_bill("b-rich", 41, "c-ala", rule.id)
    answer = till.push(till.envelope(bill))
    assert answer["results"][0]["status"] == "applied", answer
    with sign_in(site, "olga") as client:
        page = client.get("/customers/c-ala?section=transactions").text
    found = re.search(
        r'<tbody class="bill" data-bill="b-rich">.*?</tbody>\s*</table>.*?</tbody>', page, re.S
    )
    assert found is not None, "the bill is listed"
    shown = _text(found.group(0))
    assert "Kasa przy barze / 41" in shown and "46,00 zł" in shown
    assert "sprzedał(a) Kasia Kasjerka" in shown
    assert re.search(r"p-zurek d-lunch 2 18,00 zł 36,00 zł 31,00 zł", shown), shown
    assert re.search(r"p-kawa 1 18,00 zł 18,00 zł 18,00 zł", shown), shown
    assert "Rabat grupowy −3,00 zł obcięty do limitu dziennego" in shown
    assert "Zniżka: d-lunch −5,00 zł" in shown
    assert "Promocyjne kredyty −5,00 zł" in shown
    assert "Zapłacono: portfel 10,00 zł" in shown and "Zapłacono: karta 36,00 zł" in shown
    assert f"Naliczono: {rule.name} +46 pkt" in shown
    assert "Oznaczony przez CRM Portfel zszedł poniżej zera" in shown, "300 in, 1000 spent"


def rich_bill(bill_id: str, local_no: int, customer_id: str, rule_id: str) -> BillClosed:
    """A bill with a line discount, the group discount cut to the daily limit, credits, a
    wallet payment beyond 3,00 zł and a card payment, points earned, and its cashier."""
    return replace(
        sale(bill_id, local_no, 4600, customer_id=customer_id, wallet=1000),
        gross=Money(5400),
        group_discount=Money(300),
        credits_used=Money(500),
        lines=(
            BillLine("p-zurek", 2, Money(1800), Money(3600), Money(3100), "d-lunch", "B"),
            BillLine("p-kawa", 1, Money(1800), Money(1800), Money(1800), None, "B"),
        ),
        adjustments=(
            Adjustment("group", None, Money(300), "applied", "daily_limit"),
            Adjustment("manual", "d-lunch", Money(500), "applied", None),
            Adjustment("credits", None, Money(500), "applied", None),
        ),
        payments=(Payment("wallet", Money(1000)), Payment("card", Money(3600))),
        cashback=(CashbackAward(rule_id, "points", 46),),
        cashier=StaffRef("s-1", "Kasia Kasjerka", "cashier"),
    )
