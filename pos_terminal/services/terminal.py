"""The use-cases the cashier's screen calls, as one object over the store.

The UI holds a `TerminalService` and never sees the database: each method opens its own
unit of work, on whichever thread calls it (the UI calls from its database thread), and
returns frozen domain values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from pos_terminal.db.repositories.bills import DraftBill
from pos_terminal.db.search import CustomerHit
from pos_terminal.db.store import Store
from pos_terminal.domain.bill import Bill
from pos_terminal.domain.catalog import Category, Product
from pos_terminal.domain.customers import Customer, CustomerGroup, CustomerState
from pos_terminal.domain.priced import PricedBill
from pos_terminal.domain.tenders import Tender
from pos_terminal.services import bills, customers, identify
from pos_terminal.services.receipts import ReceiptPrinter, ReceiptSettings, receipt_document

__all__ = ["CustomerHit", "DraftBill", "TerminalService"]


@dataclass(frozen=True, slots=True)
class Menu:
    categories: tuple[Category, ...]
    products: tuple[Product, ...]


class TerminalService:
    def __init__(
        self,
        store: Store,
        *,
        printer: ReceiptPrinter | None = None,
        receipts: ReceiptSettings | None = None,
    ) -> None:
        self._store = store
        self._printer = printer
        self._receipts = receipts

    def print_receipt(self, closed: bills.ClosedBill, *, reprint: bool = False) -> str | None:
        """Print a stored bill's receipt; None when this terminal has no printer set up."""
        if self._printer is None or self._receipts is None:
            return None
        document = receipt_document(self._store, closed, self._receipts, reprint=reprint)
        return self._printer.print_receipt(document, number=closed.local_no)

    def menu(self) -> Menu:
        with self._store.unit_of_work(read_only=True) as tx:
            return Menu(tuple(tx.catalog.categories()), tuple(tx.catalog.products()))

    def drafts(self) -> list[DraftBill]:
        with self._store.unit_of_work(read_only=True) as tx:
            return tx.bills.drafts()

    def save_and_price(
        self, bill: Bill, *, name: str, at: datetime, business_date: date, save: bool = True
    ) -> tuple[PricedBill, CustomerState | None]:
        """Store the open bill as it is now (a draft), and price it with today's rules."""
        with self._store.unit_of_work(read_only=not save) as tx:
            if save:
                bills.save_draft(tx, bill, name=name, now=at)
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
    ) -> bills.ClosedBill:
        with self._store.unit_of_work() as tx:
            return bills.close_bill(
                tx, bill, tenders, name=name, shift_id=None, at=at, business_date=business_date
            )

    def identify_card(
        self, read: str, *, today: date, business_date: date
    ) -> identify.Identification:
        with self._store.unit_of_work(read_only=True) as tx:
            return identify.identify_by_card(tx, read, today=today, business_date=business_date)

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

    def search(self, query: str) -> list[CustomerHit]:
        with self._store.unit_of_work(read_only=True) as tx:
            return tx.customers.search(query)

    def groups(self) -> list[CustomerGroup]:
        with self._store.unit_of_work(read_only=True) as tx:
            return tx.rules.groups()

    def assign_card(self, customer_id: str, code: str, *, now: datetime) -> None:
        with self._store.unit_of_work() as tx:
            customers.assign_card(tx, customer_id, code, now=now)

    def add_customer(self, form: customers.NewCustomer, *, now: datetime) -> Customer:
        with self._store.unit_of_work() as tx:
            return customers.quick_add_customer(tx, form, now=now)
