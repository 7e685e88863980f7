"""Real SQLite files: the schema is migrated once per test session into a template, and each
test gets its own copy (migrating per test would be slow; sharing a file would couple tests)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from loyalty.catalog import VAT_8, VAT_23, Category, Product
from loyalty.customers import Card, Customer, CustomerGroup
from loyalty.discounts import Discount, DiscountKind
from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind
from pos_terminal.db.store import Store, open_store
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.domain.staff import StaffMember
from pos_terminal.services.bills import ClosedBill
from pos_terminal.services.terminal import TerminalService

NOW = datetime(2026, 11, 18, 12, 0)
TODAY = NOW.date()


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "terminal.db"
    open_store(path, now=NOW).close()
    return path


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "terminal.db"
    shutil.copy(template_db, path)
    return path


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = open_store(db_path, now=NOW)
    yield opened
    opened.close()


STALY_5 = Discount(
    "d-staly-5",
    "Stały klient 5%",
    DiscountKind.PERCENT,
    percent=Decimal(5),
    visible_on_terminal=False,
)
MANAGER_10 = Discount("d-manager-10", "Kierownik 10%", DiscountKind.PERCENT, percent=Decimal(10))
STALY = CustomerGroup(
    "g-staly",
    "Stały klient",
    "staly-klient",
    daily_discount_limit=Money(2000),
    discount_ids=(STALY_5.id,),
    assignable_at_till=True,  # the ordinary group: a cashier may put a new customer in it
)
ZUREK = Product("p-zurek", "Żurek", "zupy", Money(1800), VAT_8)
SCHABOWY = Product("p-schabowy", "Schabowy", "dania", Money(4200), VAT_8)
PIWO = Product("p-piwo", "Piwo", "alkohole", Money(1400), VAT_23)

JAN = Customer(
    "c-jan",
    "Jan Kowalski",
    group_id=STALY.id,
    phone="+48601234567",
    email="jan.kowalski@example.pl",
)
ZOLC = Customer("c-zolc", "Łucja Żółć", phone="+48501999888", email="lucja@firma.pl")
OLD = Customer("c-old", "Jan Nieaktywny", phone="+48700100200", active=False)


def seed(store: Store) -> None:
    """A small, readable world for the store tests."""
    with store.unit_of_work() as tx:
        tx.catalog.replace(
            [
                Category("zupy", "Zupy"),
                Category("dania", "Dania"),
                Category("alkohole", "Alkohole"),
            ],
            [ZUREK, SCHABOWY, PIWO],
        )
        for discount in (STALY_5, MANAGER_10):
            tx.rules.add_discount(discount)
        tx.rules.add_group(STALY)
        for customer in (JAN, ZOLC, OLD):
            tx.customers.add(customer)
        tx.cards.add(Card("0006547886", "1001", JAN.id))
        tx.cards.add(Card("0008844356", "1002", ZOLC.id, blocked=True))
        tx.cards.add(Card("0013961168", "1003", OLD.id))
        tx.cards.add(Card("0000000777", "1004", ZOLC.id, expires_on=date(2026, 1, 31)))
        tx.balances.set_snapshot(JAN.id, credits=5000, wallet=20000, points=120, as_of_seq=10)


def sell_a_beer(service: TerminalService, bill_id: str, cashier: StaffMember) -> ClosedBill:
    """One Piwo (14,00 zł) paid in cash, closed in the open shift."""
    return service.close(
        Bill(bill_id, (BillLine("l1", PIWO),)),
        (Tender(TenderKind.CASH, PIWO.price),),
        name="",
        at=NOW,
        business_date=TODAY,
        cashier=cashier,
    )
