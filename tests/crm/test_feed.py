"""Every way the CRM writes what terminals cache shows in the change feed, on both databases.

The feed is written by database triggers (migration 0002), so each write path of the CRM —
ORM edits, bulk Core statements, the CSV import, the demo load, a terminal's discount
usage — is exercised here and the pulled page is checked for that entity's new state (or
its tombstone). Writes a terminal does not use (a customer's transaction count) must not.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select, update

from crm.services.actor import CLI
from crm.services.cashback_rules import CashbackSpec
from crm.services.container import CrmServices
from crm.services.customer_filter import CustomerFilter
from crm.services.customer_input import CustomerInput
from crm.services.discounts import DiscountSpec
from crm.services.groups import GroupInput
from crm.services.ledger import OperationRequest
from crm.services.sync_feed import Change
from crm.services.voucher_fields import VoucherSpec
from crm.services.voucher_templates import TemplateSpec
from crm.store.models import BillRow, CardRow, ChangeLogRow, CustomerRow, DiscountUsageRow
from loyalty.customers import CustomerGroup
from sync.wire import reference
from tests.crm.test_import import JAN, csv_bytes

Seen = dict[tuple[str, str], Change]


class Feed:
    """A terminal's view of one CRM: pulls each stream from where it stopped."""

    def __init__(self, services: CrmServices) -> None:
        self.services = services
        self.cursors: dict[str, str | None] = {
            "reference": None,
            "balances": None,
            "vouchers": None,
        }
        self.random = random.Random(5)

    def news(self, stream: str) -> Seen:
        seen: Seen = {}
        while True:
            limit = self.random.randint(1, 7)
            page = self.services.feed.pull(stream, self.cursors[stream], limit)
            for change in page.changes:
                seen[change.entity, change.id] = change
            self.cursors[stream] = page.next_cursor
            if not page.has_more:
                return seen

    def upsert(self, stream: str, entity: str, entity_id: str) -> dict[str, Any]:
        news = self.news(stream)
        change = news.get((entity, entity_id))
        assert change is not None, f"{entity} {entity_id} not in the feed: {sorted(news)}"
        assert change.op == "upsert" and change.data is not None
        return change.data

    def deleted(self, stream: str, entity: str, entity_id: str) -> Seen:
        news = self.news(stream)
        change = news.get((entity, entity_id))
        assert change is not None and change.op == "delete", (entity, entity_id, change)
        assert change.data is None
        return news


def _customer(services: CrmServices, name: str, **fields: Any) -> str:
    return services.customers.create(CLI, CustomerInput(name=name, **fields)).id


def test_customers_tags_and_cards(services: CrmServices) -> None:
    feed = Feed(services)
    anna = _customer(services, "Anna Nowak", phone="601 000 001", tags=("VIP",))
    assert feed.upsert("reference", "customer", anna)["tags"] == ["VIP"]
    assert feed.upsert("balances", "balance", anna)["points"] == 0

    services.customers.edit(CLI, anna, {"name": "Anna Kowalska", "city": "Łódź"})
    data = feed.upsert("reference", "customer", anna)
    assert (data["name"], data["address"]["city"]) == ("Anna Kowalska", "Łódź")
    services.customers.edit(CLI, anna, {"tags": ["VIP", "stały"]})
    assert feed.upsert("reference", "customer", anna)["tags"] == ["VIP", "stały"]
    services.customers.deactivate(CLI, anna)
    assert feed.upsert("reference", "customer", anna)["active"] is False
    services.customers.reactivate(CLI, anna)
    assert feed.upsert("reference", "customer", anna)["active"] is True

    card = services.customers.add_card(CLI, anna, "0006547886", "100000000001")
    assert feed.upsert("reference", "card", card.code)["customer_id"] == anna
    services.customers.block_card(CLI, card.id)
    assert feed.upsert("reference", "card", card.code)["blocked"] is True
    services.customers.remove_card(CLI, card.id)
    feed.deleted("reference", "card", card.code)

    second = services.customers.add_card(CLI, anna, "1234567890")
    services.customers.delete(CLI, anna)
    news = feed.deleted("reference", "customer", anna)
    assert news["card", second.code].op == "delete"
    feed.deleted("balances", "balance", anna)


def test_writes_a_terminal_does_not_use_stay_out_of_the_feed(services: CrmServices) -> None:
    feed = Feed(services)
    anna = _customer(services, "Anna Nowak")
    feed.news("reference")

    def stats(session: Any) -> None:
        session.execute(
            update(CustomerRow)
            .where(CustomerRow.id == anna)
            .values(transactions=5, last_activity_at=datetime.now(UTC), version=9)
        )

    services.ctx.db.write(stats)
    assert feed.news("reference") == {}


def test_a_card_whose_code_changes_leaves_a_tombstone(services: CrmServices) -> None:
    feed = Feed(services)
    anna = _customer(services, "Anna Nowak")
    card = services.customers.add_card(CLI, anna, "0006547886")
    feed.news("reference")

    def recode(session: Any) -> None:
        session.execute(update(CardRow).where(CardRow.id == card.id).values(code="ABCDEF01"))

    services.ctx.db.write(recode)
    news = feed.news("reference")
    assert news["card", card.code].op == "delete"
    assert news["card", "ABCDEF01"].op == "upsert"


def test_bulk_actions_mark_every_customer(services: CrmServices) -> None:
    feed = Feed(services)
    group = services.groups.create(CLI, GroupInput(name="Stali klienci")).id
    ids = [_customer(services, f"Klient {n}", tags=("promo",)) for n in range(5)]
    feed.news("reference")
    where = CustomerFilter(tag="promo")
    services.customers.bulk(CLI, where, "assign_group", group)
    news = feed.news("reference")
    assert {news["customer", i].data["group_id"] for i in ids} == {group}  # type: ignore[index]
    services.customers.bulk(CLI, where, "add_tag", "vip")
    assert all("vip" in feed_tags for feed_tags in _tags(feed.news("reference"), ids))
    services.customers.bulk(CLI, CustomerFilter(tag="vip"), "remove_tag", "promo")
    assert all("promo" not in t for t in _tags(feed.news("reference"), ids))
    services.customers.bulk(CLI, CustomerFilter(tag="vip"), "deactivate", None)
    news = feed.news("reference")
    assert not any(news["customer", i].data["active"] for i in ids)  # type: ignore[index]


def _tags(news: Seen, ids: list[str]) -> list[list[str]]:
    return [news["customer", i].data["tags"] for i in ids]  # type: ignore[index]


def test_groups_discounts_and_cashback_rules(services: CrmServices) -> None:
    feed = Feed(services)
    five = services.rules.create_discount(CLI, DiscountSpec("Stały −5%", "percent", "5"))
    assert feed.upsert("reference", "discount", five.id)["percent"] == "5.00"
    services.rules.update_discount(CLI, five.id, DiscountSpec("Stały −7%", "percent", "7.5"))
    assert feed.upsert("reference", "discount", five.id)["percent"] == "7.50"

    group = services.groups.create(
        CLI, GroupInput(name="Stali", daily_discount_limit_minor=2000, discount_ids=(five.id,))
    )
    data = feed.upsert("reference", "group", group.id)
    assert data["discount_ids"] == [five.id]
    assert data["daily_discount_limit"] == {"amount_minor": 2000, "currency": "PLN"}
    services.groups.edit(CLI, group.id, {"discount_ids": []})
    assert feed.upsert("reference", "group", group.id)["discount_ids"] == []
    services.groups.edit(CLI, group.id, {"discount_ids": [five.id], "description": "x"})
    assert feed.upsert("reference", "group", group.id)["description"] == "x"
    # Which groups a cashier may give travels too; a CRM from before it sent none: no group.
    assert data["assignable_at_till"] is False
    services.groups.edit(CLI, group.id, {"assignable_at_till": True})
    sent = feed.upsert("reference", "group", group.id)
    assert sent["assignable_at_till"] is True
    older = {key: value for key, value in sent.items() if key != "assignable_at_till"}
    now_read, older_read = reference.decode("group", sent), reference.decode("group", older)
    assert isinstance(now_read, CustomerGroup) and isinstance(older_read, CustomerGroup)
    assert (now_read.assignable_at_till, older_read.assignable_at_till) == (True, False)

    services.rules.set_discount_active(CLI, five.id, False)
    feed.deleted("reference", "discount", five.id)  # a terminal never offers it again
    services.rules.set_discount_active(CLI, five.id, True)
    feed.upsert("reference", "discount", five.id)
    services.groups.delete(CLI, group.id)
    feed.deleted("reference", "group", group.id)

    rule = services.rules.create_cashback_rule(CLI, CashbackSpec("Punkty", "points", "10"))
    assert feed.upsert("reference", "cashback_rule", rule.id)["percent"] == "10.00"
    services.rules.update_cashback_rule(CLI, rule.id, CashbackSpec("Punkty", "points", fixed=3))
    assert feed.upsert("reference", "cashback_rule", rule.id)["fixed"] == 3
    services.rules.set_cashback_rule_active(CLI, rule.id, False)
    feed.deleted("reference", "cashback_rule", rule.id)


def test_balances_single_bulk_and_scheduled(services: CrmServices) -> None:
    feed = Feed(services)
    ids = [_customer(services, f"Klient {n}", tags=("promo",)) for n in range(4)]
    feed.news("balances")
    services.ledger.operate(CLI, ids[0], OperationRequest("wallet", "add", 1234))
    assert feed.upsert("balances", "balance", ids[0])["wallet"]["amount_minor"] == 1234
    bulk = OperationRequest("credits", "add", 500, "bulk")
    services.ledger.operate_bulk(CLI, bulk, CustomerFilter(tag="promo"))
    news = feed.news("balances")
    assert {news["balance", i].data["credits"]["amount_minor"] for i in ids} == {500}  # type: ignore[index]
    monthly = OperationRequest("points", "add", 7, "monthly", every_months=1)
    services.ledger.operate_bulk(CLI, monthly, CustomerFilter(tag="promo"))
    news = feed.news("balances")
    assert {news["balance", i].data["points"] for i in ids} == {7}  # type: ignore[index]


def test_a_version_is_the_entitys_highest_feed_number(services: CrmServices) -> None:
    anna = _customer(services, "Anna Nowak")
    for amount in (100, 200, 300):
        services.ledger.operate(CLI, anna, OperationRequest("points", "add", amount))
    page = services.feed.pull("balances", None, 1)  # names anna at her first mark only
    query = select(func.max(ChangeLogRow.seq)).where(
        ChangeLogRow.stream == "balances", ChangeLogRow.entity_id == anna
    )
    highest = services.ctx.db.read(lambda s: s.scalar(query)) or 0
    [change] = page.changes
    assert page.position < highest == change.version  # the state sent is the newest
    assert change.data is not None and change.data["points"] == 600


def test_vouchers_and_exchanging_points(services: CrmServices) -> None:
    feed = Feed(services)
    made = services.vouchers.create_voucher(CLI, VoucherSpec("amount", "LATO25", amount_minor=2500))
    assert feed.upsert("vouchers", "voucher", "LATO25")["status"] == "active"
    services.vouchers.cancel_voucher(CLI, made.code)
    assert feed.upsert("vouchers", "voucher", "LATO25")["status"] == "cancelled"

    anna = _customer(services, "Anna Nowak")
    services.ledger.operate(CLI, anna, OperationRequest("points", "add", 100))
    template = services.vouchers.create_template(
        CLI, TemplateSpec("10 zł", "amount", points_price=40, amount_minor=1000)
    )
    feed.news("balances")
    exchanged = services.vouchers.exchange(CLI, anna, template.id)
    assert feed.upsert("vouchers", "voucher", exchanged.voucher.code)["owner_id"] == anna
    assert feed.upsert("balances", "balance", anna)["points"] == 60


def test_discount_usage_marks_the_days_limit(services: CrmServices) -> None:
    feed = Feed(services)
    anna = _customer(services, "Anna Nowak")
    feed.news("balances")
    day = date(2026, 11, 27)

    def used(session: Any) -> None:
        now = datetime.now(UTC)
        for n, amount in enumerate((300, 450)):
            bill = f"bill-{n}"
            session.add(
                BillRow(
                    bill_id=bill, op_id=f"op-{n}", terminal_id="t", local_no=n, business_date=day,
                    customer_id=anna, total_minor=1000, discount_minor=amount, status="closed",
                    closed_at=now, received_at=now, payload={},
                )
            )  # fmt: skip
            session.flush()
            session.add(
                DiscountUsageRow(
                    customer_id=anna, bill_id=bill, business_date=day, amount_minor=amount
                )
            )

    services.ctx.db.write(used)
    data = feed.upsert("balances", "limit", f"{anna}/2026-11-27")
    assert data == {
        "customer_id": anna,
        "business_date": "2026-11-27",
        "used": {"amount_minor": 750, "currency": "PLN"},
    }


def test_csv_import(services: CrmServices) -> None:
    feed = Feed(services)
    services.groups.create(CLI, GroupInput(name="Stały klient"))
    row = {**JAN, "card_code": "0006547886", "credits": "12,50"}
    report = services.transfer.import_csv(CLI, csv_bytes([row]))
    assert report.ok, report.problems
    news = feed.news("reference")
    [jan] = [c for c in news.values() if c.entity == "customer"]
    assert jan.data is not None and jan.data["name"] == "Jan Kowalski"
    [card] = [c for c in news.values() if c.entity == "card"]
    assert card.data is not None and card.data["customer_id"] == jan.id
    assert feed.upsert("balances", "balance", jan.id)["credits"]["amount_minor"] == 1250


def test_demo_load(services: CrmServices) -> None:
    feed = Feed(services)
    assert services.transfer.install_demo(customers=50)
    news = feed.news("reference")
    upserts = [c.entity for c in news.values() if c.op == "upsert"]
    counts = {entity: upserts.count(entity) for entity in set(upserts)}
    assert counts["customer"] == counts["card"] == 50
    assert {"group", "discount", "cashback_rule"} <= set(counts)
    assert len(feed.news("balances")) == 50
    assert len(feed.news("vouchers")) > 0
