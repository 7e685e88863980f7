"""The sale screen's state and actions, without widgets (so it can be tested on its own).

Every change is applied to the open bill at once on the GUI thread (a pure domain value),
then saved as a draft and repriced on the database thread; the screen shows the priced bill
when it comes back. A revision number drops answers that a newer change has overtaken.
Identifying a customer (a card tap above all) goes the other way round: the database thread
finds them, attaches them and prices the bill in one unit of work, and the draft is saved
after the screen has the answer.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from PySide6.QtCore import QObject, Signal

from loyalty.business_day import business_date
from loyalty.catalog import Product
from loyalty.customers import CustomerState
from loyalty.errors import DomainError
from loyalty.tenders import Tender
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.domain.priced import PricedBill
from pos_terminal.domain.staff import StaffMember
from pos_terminal.services.attach import Attached
from pos_terminal.services.bills import ClosedBill
from pos_terminal.services.fiscal import FiscalLink, FiscalSale
from pos_terminal.services.receipts import Printout
from pos_terminal.services.terminal import Menu, TerminalService
from pos_terminal.ui.fiscal_payment import FiscalPayment
from pos_terminal.ui.i18n import user_message
from pos_terminal.ui.tasks import TaskRunner


@dataclass(frozen=True)
class OpenBill:
    bill: Bill
    name: str
    opened_at: datetime


class SalePresenter(QObject):
    catalog_loaded = Signal(object)  # Menu
    bills_changed = Signal(object)  # tuple[OpenBill, ...], current index
    priced = Signal(object, object)  # PricedBill, CustomerState | None
    identified = Signal(object)  # Identification (attached already when it could be)
    closed = Signal(object)  # ClosedBill
    printed = Signal(object, object)  # ClosedBill, where it went (None: no printer)
    failed = Signal(str)  # a message for the cashier

    def __init__(
        self,
        service: TerminalService,
        runner: TaskRunner,
        *,
        day_starts_at: time,
        cashier: Callable[[], StaffMember | None] = lambda: None,
        fiscal: FiscalLink | None = None,
    ) -> None:
        """`cashier`: who is signed in now (the bill, its receipt and its op name them);
        `fiscal`: the fiscal printer, when one is set (each sale registered before closing)."""
        super().__init__()
        self._service = service
        # With a fiscal printer, a sale is registered on it first (`fiscal_payment.py`).
        self.fiscal = (
            FiscalPayment(fiscal, runner, error=self._error, parent=self) if fiscal else None
        )
        self.last_tenders: tuple[Tender, ...] = ()  # what Retry pays with
        self._cashier = cashier
        self._runner = runner
        self._day_starts_at = day_starts_at
        self._bills: list[OpenBill] = []
        self._current = 0
        self._revision = 0
        self._state: CustomerState | None = None
        self.last_priced: PricedBill | None = None

    # Reading ----------------------------------------------------------------------------

    @property
    def bill(self) -> Bill:
        return self._bills[self._current].bill

    @property
    def current_index(self) -> int:
        return self._current

    @property
    def customer_state(self) -> CustomerState | None:
        """The customer on the current bill as last priced (None when there is none)."""
        return self._state

    @property
    def open_bills(self) -> tuple[OpenBill, ...]:
        return tuple(self._bills)

    def now(self) -> datetime:
        return datetime.now()

    def signed_in(self) -> StaffMember | None:
        """Who is signed in now."""
        return self._cashier()

    def business_date(self) -> date:
        return business_date(self.now(), self._day_starts_at)

    def start(self) -> None:
        """Load the menu and every open bill left from before (a crash loses none)."""

        def load() -> tuple[Menu, list[OpenBill]]:
            drafts = [OpenBill(d.bill, d.name, d.opened_at) for d in self._service.drafts()]
            return self._service.menu(), drafts

        def loaded(result: tuple[Menu, list[OpenBill]]) -> None:
            catalog, drafts = result
            self.catalog_loaded.emit(catalog)
            self._bills = drafts
            if not self._bills:
                self._bills.append(self._blank())
            self._current = 0
            self._publish()

        self._runner.run_db(load, loaded, self._error)

    # Bills ------------------------------------------------------------------------------

    def _blank(self) -> OpenBill:
        number = len(self._bills) + 1
        return OpenBill(Bill(str(uuid.uuid4())), f"Rachunek {number}", self.now())

    def new_bill(self) -> None:
        self._bills.append(self._blank())
        self._current = len(self._bills) - 1
        self._publish(save=True)

    def switch_to(self, index: int) -> None:
        if 0 <= index < len(self._bills):
            self._current = index
            self._publish()

    def _frozen(self) -> bool:
        """True, with the reason said, while the printer may hold the bill's receipt."""
        return self.fiscal is not None and self.fiscal.refuses_change(self.bill.id)

    def rename(self, name: str) -> None:
        if self._frozen():
            return
        self._bills[self._current] = replace(self._bills[self._current], name=name.strip())
        self._publish(save=True)

    def _change(self, bill: Bill) -> None:
        if self._frozen():
            return
        self._bills[self._current] = replace(self._bills[self._current], bill=bill)
        self._publish(save=True)

    def add_product(self, product: Product) -> None:
        bill = self.bill
        for line in bill.lines:
            if line.product.id == product.id and line.manual_discount_id is None:
                self._change(bill.with_quantity(line.id, line.quantity + 1))
                return
        self._change(bill.with_line(BillLine(str(uuid.uuid4()), product, 1)))

    def change_quantity(self, line_id: str, delta: int) -> None:
        line = next(line for line in self.bill.lines if line.id == line_id)
        if line.quantity + delta < 1:
            self._change(self.bill.without_line(line_id))
        else:
            self._change(self.bill.with_quantity(line_id, line.quantity + delta))

    def remove_line(self, line_id: str) -> None:
        self._change(self.bill.without_line(line_id))

    def set_credits_removed(self, removed: bool) -> None:
        self._change(self.bill.with_credits_removed(removed))

    def override_limit(self) -> None:
        """Lift the daily limit for this bill (after a manager confirmed it)."""
        self._change(replace(self.bill, limit_overridden=True))

    def set_manual_discount(self, discount_id: str | None) -> None:
        """The cashier's discount on the whole bill (a visible discount), or none."""
        self._change(replace(self.bill, manual_discount_id=discount_id))

    def set_line_discount(self, line_id: str, discount_id: str | None) -> None:
        """The cashier's discount on one line (a visible discount), or none."""
        self._change(self.bill.with_line_discount(line_id, discount_id))

    def add_voucher(self, code: str) -> None:
        try:
            self._change(self.bill.with_voucher(code))
        except DomainError as error:
            self.failed.emit(user_message(error))

    # Customers --------------------------------------------------------------------------

    def identify_card(self, code: str) -> None:
        self._identify(
            lambda bill, at, day: self._service.attach_card(
                bill, code, at=at, today=at.date(), business_date=day
            )
        )

    def identify_number(self, number: str) -> None:
        self._identify(
            lambda bill, at, day: self._service.attach_number(
                bill, number, at=at, today=at.date(), business_date=day
            )
        )

    def identify_customer(self, customer_id: str) -> None:
        self._identify(
            lambda bill, at, day: self._service.attach_customer(
                bill, customer_id, at=at, business_date=day
            )
        )

    def _identify(self, find: Callable[[Bill, datetime, date], Attached]) -> None:
        """One trip: on the database thread the customer is found, attached and the bill
        priced (`TerminalService.attach_card`); here the answer is taken and shown, and only
        then the draft save queued (the cashier does not wait for the disk).
        `identified` comes last, for the screen to explain a card it cannot use or to ask
        before replacing another customer; attaching the one now on the bill changes
        nothing."""
        if self._frozen():
            return
        revision, current = self._revision, self._bills[self._current]
        at = self.now()
        day = business_date(at, self._day_starts_at)

        def done(result: Attached) -> None:
            # After a change made meanwhile (priced without the customer) the screen
            # attaches them on `identified` through `attach_customer`, as any other time.
            if result.priced is not None and revision == self._revision:
                self._revision += 1
                attached = replace(current, bill=result.bill)
                self._bills[self._current] = attached
                self.last_priced, self._state = result.priced, result.state
                self.priced.emit(result.priced, result.state)
                self.bills_changed.emit((tuple(self._bills), self._current))
                self._save(attached, at)  # the screen has it: now the disk
            self.identified.emit(result.identification)

        self._runner.run_db(lambda: find(current.bill, at, day), done, self._error)

    def attach_customer(self, customer_id: str | None) -> None:
        bill = self.bill.with_customer(customer_id)
        if bill != self.bill:
            self._change(bill)

    def show_subtotal(self) -> None:
        """The payment screen shows the customer the total: the bill counts as seen."""
        if not self.bill.shown_to_customer:
            self._change(self.bill.shown())

    # Pricing, drafts, payment -----------------------------------------------------------

    def _publish(self, *, save: bool = False) -> None:
        self._revision += 1
        revision = self._revision
        self.bills_changed.emit((tuple(self._bills), self._current))
        current = self._bills[self._current]
        at = self.now()
        day = business_date(at, self._day_starts_at)
        actor = self._cashier()

        def work() -> tuple[PricedBill, CustomerState | None]:
            return self._service.save_and_price(
                current.bill, name=current.name, at=at, business_date=day, save=save,
                actor=actor,
            )  # fmt: skip

        def done(result: tuple[PricedBill, CustomerState | None]) -> None:
            if revision == self._revision:
                self.last_priced, self._state = result
                self.priced.emit(*result)

        self._runner.run_db(work, done, self._error)

    def _save(self, open_bill: OpenBill, at: datetime) -> None:
        actor = self._cashier()
        self._runner.run_db(
            lambda: self._service.save_draft(
                open_bill.bill, name=open_bill.name, at=at, actor=actor
            ),
            None,
            self._error,
        )

    def pay(self, tenders: tuple[Tender, ...]) -> None:
        current = self._bills[self._current]
        at = self.now()
        day = business_date(at, self._day_starts_at)
        cashier = self._cashier()
        self.last_tenders = tenders
        if self.fiscal is not None:
            if self.fiscal.another_waits(current.bill.id):
                self.failed.emit(
                    self.tr(
                        "Another bill's receipt may have been printed: open that bill and"
                        " press Retry first."
                    )
                )
                return
            self.fiscal.pay(
                current.bill, current.name, tenders, at=at, day=day, cashier=cashier,
                done=lambda sale: self._closed(current, sale.closed, sale),
            )  # fmt: skip
            return

        def work() -> ClosedBill:
            return self._service.close(
                current.bill, tenders, name=current.name, at=at, business_date=day,
                cashier=cashier,
            )  # fmt: skip

        self._runner.run_db(work, lambda closed: self._closed(current, closed), self._error)

    def retry(self) -> None:
        """Pay the current bill again with the tenders last given (after a printer fault)."""
        if self.last_tenders:
            self.pay(self.last_tenders)

    def _closed(
        self, current: OpenBill, closed: ClosedBill, sale: FiscalSale | None = None
    ) -> None:
        if self.fiscal is not None:
            self.fiscal.settled(current.bill.id)
        self._bills = [b for b in self._bills if b.bill.id != current.bill.id]
        if not self._bills:
            self._bills.append(self._blank())
        self._current = min(self._current, len(self._bills) - 1)
        self.last_tenders = ()
        self.closed.emit(closed)
        self._publish()
        if sale is not None and not (self.fiscal and self.fiscal.link.printout):
            where = f"fiscal receipt {sale.anchor.receipt_no}"
            self._runner.run_db(
                lambda: self._service.open_drawer_for(closed),
                lambda _: self.printed.emit(closed, Printout(where)),
                self._error,
            )
            return
        # Printed only now: the bill is stored whatever happens to the printer.
        self._runner.run_db(
            lambda: self._service.print_receipt(closed),
            lambda where: self.printed.emit(closed, where),
            lambda error: self.failed.emit(
                self.tr("The receipt did not print: {error}").format(error=user_message(error))
            ),
        )

    def _error(self, error: BaseException) -> None:
        self.failed.emit(user_message(error))  # a fault's own words go to the log only
