"""The use-cases the cashier's screen calls, as one object over the store (the shift's
and the manager's are `BackOffice`'s, in `back_office.py`).

The UI holds a `TerminalService` and never sees the database: each method opens its own
unit of work, on whichever thread calls it (the UI calls from its database thread), and
returns frozen domain values.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import date, datetime

from loyalty.catalog import Category, Product
from loyalty.customers import Customer, CustomerGroup, CustomerState
from loyalty.discounts import Discount
from loyalty.errors import DomainError
from loyalty.tenders import Tender, TenderKind
from pos_terminal.db import backups
from pos_terminal.db.repositories.bills import DraftBill
from pos_terminal.db.repositories.closed_bills import BillSummary
from pos_terminal.db.repositories.sync_queue import RejectedOp
from pos_terminal.db.search import CustomerHit, CustomerSearch
from pos_terminal.db.store import Store
from pos_terminal.db.uow import UnitOfWork
from pos_terminal.domain.amount_limits import DEFAULT_LIMITS, AmountLimits
from pos_terminal.domain.bill import Bill
from pos_terminal.domain.pin_pad import PinLengths
from pos_terminal.domain.priced import PricedBill
from pos_terminal.domain.shift_report import ReportKind, ShiftInfo, ShiftReport
from pos_terminal.domain.staff import (
    AuditEntry,
    PinPadWaitsError,
    Role,
    StaffMember,
    WrongPinError,
)
from pos_terminal.services import attach, bills, customers, identify, staff, stored_value
from pos_terminal.services.back_office import BackOffice
from pos_terminal.services.receipts import (
    Printout,
    ReceiptPrinter,
    ReceiptSettings,
    TillPrinter,
    receipt_document,
)
from pos_terminal.services.staff_admin import StaffAdmin
from sync.wire.holds import Authorizer

__all__ = [
    "AuditEntry",
    "BillSummary",
    "CustomerHit",
    "CustomerSearch",
    "DraftBill",
    "RejectedOp",
    "ReportKind",
    "ShiftInfo",
    "ShiftReport",
    "StaffMember",
    "TerminalService",
]


log = logging.getLogger(__name__)


def _as_found(_tx: UnitOfWork, found: identify.Identification) -> identify.Identification:
    return found


@dataclass(frozen=True, slots=True)
class Menu:
    categories: tuple[Category, ...]
    products: tuple[Product, ...]


class TerminalService(BackOffice):
    def __init__(
        self,
        store: Store,
        *,
        printer: ReceiptPrinter | None = None,
        receipts: ReceiptSettings | None = None,
        till: TillPrinter | None = None,
        authorizer: Authorizer | None = None,
        backups_kept: int = backups.KEEP,
        limits: AmountLimits = DEFAULT_LIMITS,
    ) -> None:
        self._store = store
        self.amount_limits = limits  # replaced whole (immutable) when a manager raises one
        self._backups_kept = backups_kept
        self.backing_up: threading.Thread | None = None  # the last backup started
        self._printer = printer
        self._receipts = receipts
        self._till = till  # the till's thermal printer: reports, the cash drawer
        self._authorizer = authorizer  # set when enrolled with a CRM: stored value is held
        self.staff_admin = StaffAdmin(store)  # the manager's staff list

    def use_online(self, authorizer: Authorizer) -> None:
        """Enrolled from the Menu: from now on stored value is held at the CRM first."""
        self._authorizer = authorizer

    def print_receipt(self, closed: bills.ClosedBill, *, reprint: bool = False) -> Printout | None:
        """Print a stored bill's receipt; None when this terminal has no printer set up.
        Cash taken opens the drawer first (the till's printer kicks it)."""
        if not reprint:
            self.open_drawer_for(closed)
        if self._printer is None or self._receipts is None:
            return None
        document = receipt_document(self._store, closed, self._receipts, reprint=reprint)
        return self._printer.print_receipt(document, number=closed.local_no, duplicate=reprint)

    def open_drawer_for(self, closed: bills.ClosedBill) -> None:
        """Cash taken opens the drawer (the till's printer kicks it); with a fiscal printer
        and no non-fiscal printout, this is all a closed sale asks of the till's printer."""
        cash = any(tender.kind is TenderKind.CASH for tender in closed.tenders)
        if self._till is not None and cash:
            self._till.open_drawer()

    def menu(self) -> Menu:
        with self._store.unit_of_work(read_only=True) as tx:
            return Menu(tuple(tx.catalog.categories()), tuple(tx.catalog.products()))

    def drafts(self) -> list[DraftBill]:
        with self._store.unit_of_work(read_only=True) as tx:
            return tx.bills.drafts()

    def save_and_price(
        self,
        bill: Bill,
        *,
        name: str,
        at: datetime,
        business_date: date,
        save: bool = True,
        actor: StaffMember | None = None,
    ) -> tuple[PricedBill, CustomerState | None]:
        """Store the open bill as it is now (a draft), and price it with today's rules.
        `actor`: who changed it (named in the audit log if the change took something off a
        bill the customer had seen)."""
        with self._store.unit_of_work(read_only=not save) as tx:
            if save:
                bills.save_draft(tx, bill, name=name, now=at, actor=actor)
            state = None
            if bill.customer_id is not None:
                customer = tx.customers.by_id(bill.customer_id)
                if customer is not None:
                    state = identify.customer_state(tx, customer, business_date)
            priced = bills.price_open_bill(
                tx, bill, at=at, business_date=business_date, state=state
            )
            return priced, state

    def close(
        self,
        bill: Bill,
        tenders: tuple[Tender, ...],
        *,
        name: str,
        at: datetime,
        business_date: date,
        cashier: StaffMember | None = None,
    ) -> bills.ClosedBill:
        """Close the bill in the open shift (see `shifts.close_in_shift`); with a CRM, its
        credits and wallet are held there first, or checked against the offline allowances
        (`stored_value.close`). Never on a store the integrity check found damaged."""
        if self._store.damage is not None:
            raise self._store.damage
        for tender in tenders:
            self.amount_limits.check_tender(tender.amount)
        return stored_value.close(
            self._store, self._authorizer, bill, tenders, name=name, at=at,
            business_date=business_date, cashier=cashier,
        )  # fmt: skip

    def identify_card(
        self, read: str, *, today: date, business_date: date
    ) -> identify.Identification:
        """The card's customer from the cache; a card the cache lacks is asked of the CRM
        (when online, within its budget) and cached for the next tap."""
        return attach.by_card(
            self._store, self._authorizer, read, _as_found, today=today, business_date=business_date
        )

    def attach_card(
        self, bill: Bill, read: str, *, at: datetime, today: date, business_date: date
    ) -> attach.Attached:
        """A card tap, all the cashier waits for: the customer found, attached to `bill` if
        it has no other, and the bill priced — one read-only unit of work (plus the CRM's
        look-up for a card the cache lacks). Save the draft afterwards (`save_draft`)."""

        def then(tx: UnitOfWork, found: identify.Identification) -> attach.Attached:
            return attach.onto(tx, bill, found, at=at, business_date=business_date)

        return attach.by_card(
            self._store, self._authorizer, read, then, today=today, business_date=business_date
        )

    def attach_number(
        self, bill: Bill, number: str, *, at: datetime, today: date, business_date: date
    ) -> attach.Attached:
        """A typed card number, as `attach_card` does a read."""
        with self._store.unit_of_work(read_only=True) as tx:
            found = identify.identify_by_number(
                tx, number, today=today, business_date=business_date
            )
            return attach.onto(tx, bill, found, at=at, business_date=business_date)

    def attach_customer(
        self, bill: Bill, customer_id: str, *, at: datetime, business_date: date
    ) -> attach.Attached:
        """A customer picked from the search, as `attach_card` does a read."""
        with self._store.unit_of_work(read_only=True) as tx:
            found = identify.identify_by_id(tx, customer_id, business_date=business_date)
            return attach.onto(tx, bill, found, at=at, business_date=business_date)

    def save_draft(
        self, bill: Bill, *, name: str, at: datetime, actor: StaffMember | None = None
    ) -> None:
        """Store the open bill as it is now (see `save_and_price`), without pricing it."""
        with self._store.unit_of_work() as tx:
            bills.save_draft(tx, bill, name=name, now=at, actor=actor)

    def identify_number(
        self, number: str, *, today: date, business_date: date
    ) -> identify.Identification:
        with self._store.unit_of_work(read_only=True) as tx:
            return identify.identify_by_number(tx, number, today=today, business_date=business_date)

    def identify_customer(
        self, customer_id: str, *, business_date: date
    ) -> identify.Identification:
        with self._store.unit_of_work(read_only=True) as tx:
            return identify.identify_by_id(tx, customer_id, business_date=business_date)

    def demo_card_codes(self, *, on: date, limit: int = 50) -> list[str]:
        with self._store.unit_of_work(read_only=True) as tx:
            return tx.cards.usable_codes(on=on, limit=limit)

    def search(self, query: str) -> CustomerSearch:
        with self._store.unit_of_work(read_only=True) as tx:
            return tx.customers.search(query)

    def groups(self) -> list[CustomerGroup]:
        with self._store.unit_of_work(read_only=True) as tx:
            return tx.rules.groups()

    def visible_discounts(self) -> list[Discount]:
        """The manual discounts a cashier may choose on this terminal."""
        with self._store.unit_of_work(read_only=True) as tx:
            return tx.rules.visible_discounts()

    def assign_card(self, customer_id: str, code: str, *, now: datetime) -> None:
        with self._store.unit_of_work() as tx:
            customers.assign_card(tx, customer_id, code, now=now)

    def add_customer(
        self,
        form: customers.NewCustomer,
        *,
        now: datetime,
        actor: StaffMember | None = None,
        manager_pin: str = "",
    ) -> Customer:
        """A group a cashier alone may not give takes a manager: `actor` if they are one,
        else the one whose `manager_pin` this is (checked as a sign-in, with the PIN pad's
        limits and its audit)."""
        manager = actor if actor is not None and actor.is_manager else None
        if manager is None and manager_pin:
            try:
                manager = self.login(manager_pin, now=now)
            except DomainError as error:
                raise customers.CustomerFormError({"manager_pin": error}) from None
            if not manager.is_manager:
                refused = DomainError("{name} is not a manager", name=manager.name)
                raise customers.CustomerFormError({"manager_pin": refused})
        with self._store.unit_of_work() as tx:
            return customers.quick_add_customer(tx, form, now=now, manager=manager)

    # Staff, shifts, reports, the bill list — each call its own unit of work.

    def login(self, pin: str, *, now: datetime | None = None) -> StaffMember:
        """The staff member with this PIN; `WrongPinError` ("Wrong PIN") otherwise, or
        `PinPadWaitsError` after too many (`domain/pin_guard.py`). Every outcome is in the
        audit log (never the PIN)."""
        now = now or datetime.now()
        with self._store.unit_of_work() as tx:
            found = staff.authenticate(tx, pin, now=now)
        # Raised after the commit, so the failed attempt stays recorded.
        if found.waits_until is not None:
            raise PinPadWaitsError(found.waits_until, now)
        if found.member is None:
            raise WrongPinError("Wrong PIN")
        return found.member

    def try_pin(self, digits: str, *, now: datetime | None = None) -> StaffMember | None:
        """The PIN pad's quiet try of the digits typed so far (`domain/pin_pad.py`): the
        member whose PIN they are, or None to type on; `PinPadWaitsError` while it waits."""
        now = now or datetime.now()
        with self._store.unit_of_work() as tx:
            found = staff.authenticate(tx, digits, now=now, quiet_try=True)
        if found.waits_until is not None:
            raise PinPadWaitsError(found.waits_until, now)
        return found.member

    def pin_lengths(self) -> PinLengths:
        with self._store.unit_of_work(read_only=True) as tx:
            return tx.staff.pin_lengths()

    def change_own_pin(
        self, member: StaffMember, old_pin: str, new_pin: str, *, now: datetime
    ) -> None:
        with self._store.unit_of_work() as tx:
            staff.change_own_pin(tx, member, old_pin, new_pin, now=now)

    def pending_ops(self) -> int:
        """Ops waiting for the CRM (the status strip shows them)."""
        with self._store.unit_of_work(read_only=True) as tx:
            return tx.outbox.pending_count()

    def add_staff(self, name: str, role: Role, pin: str, *, now: datetime) -> StaffMember:
        """The installer's set-up of a staff member (no one signed in yet)."""
        with self._store.unit_of_work() as tx:
            return staff.add_staff(tx, name, role, pin, now=now)

    def audit_recent(self, limit: int = 50) -> list[AuditEntry]:
        with self._store.unit_of_work(read_only=True) as tx:
            return tx.audit.recent(limit)
