"""The demo CRM holds exactly the terminal's demo data, and `python -m crm --demo` serves it."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy import func, select

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.store.models import (
    AuditRow,
    BalanceRow,
    CardRow,
    CashbackRuleRow,
    CustomerGroupRow,
    CustomerRow,
    DiscountRow,
    GroupDiscountRow,
    LedgerEntryRow,
    VoucherRow,
)
from loyalty.demo.people import demo_customers
from loyalty.demo.programme import CASHBACK_RULES, MANUAL_DISCOUNTS, VOUCHERS, demo_groups
from tests.crm.test_import import JAN, count, csv_bytes
from tests.live_crm import free_port

CUSTOMERS = 300


def test_the_demo_is_the_terminals_demo(services: CrmServices) -> None:
    assert services.transfer.install_demo(customers=CUSTOMERS) is True
    groups, group_discounts = demo_groups()

    def stored(session):  # type: ignore[no-untyped-def]
        return (
            {g.reference: g.id for g in session.scalars(select(CustomerGroupRow))},
            {d.id: (d.kind, d.percent_bp, d.amount_minor, d.visible_on_terminal)
             for d in session.scalars(select(DiscountRow))},
            set(session.execute(select(GroupDiscountRow.group_id, GroupDiscountRow.discount_id))),
            {r.id: (r.resource, r.percent_bp, r.fixed, r.maximum, r.weekdays, r.payment_methods)
             for r in session.scalars(select(CashbackRuleRow))},
            {v.code: (v.kind, v.amount_minor, v.percent_bp)
             for v in session.scalars(select(VoucherRow))},
            [(c.id, c.phone, c.name, c.active, c.group_id)
             for c in session.scalars(select(CustomerRow).order_by(CustomerRow.id))],
            {card.customer_id: (card.code, card.number, card.blocked, card.expires_on)
             for card in session.scalars(select(CardRow))},
        )  # fmt: skip

    refs, discounts, links, rules, vouchers, customers, cards = services.ctx.db.read(stored)
    assert refs == {group.reference: group.id for group in groups}
    assert set(discounts) == {d.id for d in (*group_discounts, *MANUAL_DISCOUNTS)}
    assert discounts["d-kierownik-10"] == ("percent", 1000, None, True)
    assert discounts["d-przeprosiny-5"] == ("amount", None, 500, True)
    assert discounts["d-vip"][:2] == ("percent", 1000) and not discounts["d-vip"][3]
    assert links == {(group.id, group.discount_ids[0]) for group in groups}
    assert set(rules) == {rule.id for rule in CASHBACK_RULES}
    assert rules["cb-punkty"] == ("points", 1000, 0, 500, [], [])
    assert rules["cb-weekend"] == ("points", None, 5, None, [5, 6], [])
    assert rules["cb-karta"][:2] == ("credits", 200) and rules["cb-karta"][5] == ["card"]
    assert set(vouchers) == {voucher.code for voucher in VOUCHERS}
    assert vouchers == {"WITAJ20": ("amount", 2000, None), "JESIEN10": ("percent", None, 1000)}

    expected = list(demo_customers(CUSTOMERS))
    assert [(c[0], c[1], c[2], c[3]) for c in customers] == [
        (d.id, d.phone, d.name, d.active) for d in expected
    ]
    assert {c[0]: c[4] for c in customers} == {
        d.id: groups[d.group_index].id if d.group_index is not None else None for d in expected
    }
    assert cards == {
        d.id: (d.card_code, d.card_number, d.card_blocked, d.card_expires_on) for d in expected
    }

    def balances(session):  # type: ignore[no-untyped-def]
        pairs = session.execute(select(BalanceRow.customer_id, BalanceRow.account))
        entries = {(customer_id, account): 0 for customer_id, account in pairs}
        for customer_id, account, total in session.execute(
            select(
                LedgerEntryRow.customer_id, LedgerEntryRow.account, func.sum(LedgerEntryRow.amount)
            ).group_by(LedgerEntryRow.customer_id, LedgerEntryRow.account)
        ):
            entries[(customer_id, account)] = total
        stored = {(b.customer_id, b.account): b.amount for b in session.scalars(select(BalanceRow))}
        return stored, entries

    stored_balances, entry_sums = services.ctx.db.read(balances)
    assert stored_balances == entry_sums
    assert stored_balances == {
        (d.id, account): amount
        for d in expected
        for account, amount in (
            ("credits", d.credits_minor), ("wallet", d.wallet_minor), ("points", d.points)
        )
    }  # fmt: skip
    assert count(services, AuditRow, AuditRow.action == "demo.installed") == 1


def test_the_demo_fills_only_an_empty_database(services: CrmServices) -> None:
    assert services.transfer.install_demo(customers=10) is True
    assert services.transfer.install_demo(customers=10) is False
    assert count(services, CustomerRow) == 10
    assert count(services, AuditRow) == 1


def test_the_demo_leaves_a_database_with_customers_alone(services: CrmServices) -> None:
    assert services.transfer.import_csv(CLI, csv_bytes([{"name": "Jan", "phone": JAN["phone"]}])).ok
    assert services.transfer.install_demo(customers=10) is False
    assert count(services, CustomerRow) == 1
    assert count(services, CustomerGroupRow) == 0
    assert count(services, DiscountRow) == 0


def test_python_m_crm_demo_serves_the_demo(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "crm", "--demo", "--port", str(port), "--database", url,
         "--no-scheduler"],
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        ready = None
        while time.monotonic() < deadline and process.poll() is None:
            try:
                ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert ready is not None, process.stderr.read() if process.stderr else ""
        assert ready.status_code == 200
        assert ready.json()["status"] == "ready"
        services = CrmServices.at(url)
        try:
            assert count(services, CustomerRow) == 1000
            assert count(services, CustomerGroupRow) == len(demo_groups()[0])
        finally:
            services.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
