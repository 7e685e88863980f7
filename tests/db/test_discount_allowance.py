"""A customer's discount allowance is group discount they may still use (DESIGN §2 step 4):
each bill takes from it, a void gives back, and it stays spent after a restart. Jan (group
5 %) buys 3 × schabowy, 126,00 zł: 6,30 zł of group discount, under his daily limit of
20,00 zł, so his allowance alone caps it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import text

from loyalty.money import Money
from pos_terminal.db.store import Store, open_store
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.domain.explanation import CapReason
from pos_terminal.domain.priced import PricedBill
from pos_terminal.domain.staff import StaffMember
from pos_terminal.services.terminal import TerminalService

from .conftest import JAN, NOW, SCHABOWY, TODAY
from .shift_world import FLOAT, cash, world


def _allow(store: Store, minor: int) -> None:
    with store.unit_of_work() as tx:
        tx.session.execute(
            text("UPDATE customer SET discount_allowance_minor = :minor WHERE id = :id"),
            {"minor": minor, "id": JAN.id},
        )


def _sell_to_jan(service: TerminalService, bill_id: str, minute: int) -> PricedBill:
    bill = Bill(bill_id, (BillLine("l1", SCHABOWY, 3),), customer_id=JAN.id)
    at = NOW + timedelta(minutes=minute)
    priced, _ = service.save_and_price(bill, name="", at=at, business_date=TODAY)
    service.close(bill, (cash(priced.total.minor),), name="", at=at, business_date=TODAY)
    return priced


def _left(service: TerminalService) -> Money | None:
    found = service.identify_customer(JAN.id, business_date=TODAY)
    assert found.state is not None
    return found.state.allowance_left


def _opened(store: Store) -> tuple[TerminalService, StaffMember]:
    """Jan with 5,00 zł of allowance, a shift open; and the manager."""
    service, anna, marek = world(store)
    _allow(store, 500)
    service.open_shift(anna, FLOAT, now=NOW, business_date=TODAY)
    return service, marek


def test_an_allowance_is_spent_once_not_again_on_every_bill(store: Store) -> None:
    service, _ = _opened(store)
    first = _sell_to_jan(service, "b1", 1)
    assert first.group_discount == Money(500)
    assert first.limit is not None and first.limit.capped_by is CapReason.ALLOWANCE
    assert _left(service) == Money(0)
    second = _sell_to_jan(service, "b2", 2)
    assert second.group_discount == Money(0)
    assert second.limit is not None and second.limit.allowance == Money(0)


def test_a_void_gives_the_allowance_back(store: Store) -> None:
    service, marek = _opened(store)
    _sell_to_jan(service, "b1", 1)
    service.void_bill(marek, "b1", "pomyłka", now=NOW + timedelta(minutes=2))
    assert _left(service) == Money(500)
    assert _sell_to_jan(service, "b2", 3).group_discount == Money(500)


def test_the_allowance_stays_spent_after_a_restart(db_path: Path) -> None:
    store = open_store(db_path, now=NOW)
    try:
        _sell_to_jan(_opened(store)[0], "b1", 1)
    finally:
        store.close()
    reopened = open_store(db_path, now=NOW + timedelta(hours=1))
    try:
        assert _left(TerminalService(reopened)) == Money(0)
    finally:
        reopened.close()
