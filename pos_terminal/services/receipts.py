"""Printing a closed bill's receipt — always after the bill is stored, never before.

The printer is a port: `PdfReceiptPrinter` writes the non-fiscal receipt as a PDF (80 or
58 mm) into a folder (where no printer is set, and for e-mail); the till's thermal printer
(`pos_terminal.printing`) takes the same `ReceiptDocument`, queues it and answers at once:
its `Printout` carries the job's number, and what became of the job comes later, from the
print queue. `TillPrinter` is what only a till's printer does: X/Z reports on its roll, and
the cash drawer behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from loyalty.errors import DomainError
from pos_terminal.db.store import Store
from pos_terminal.db.uow import UnitOfWork
from pos_terminal.domain.receipt import (
    ReceiptBalances,
    ReceiptDocument,
    ReceiptHeader,
    build_receipt,
    build_receipt_from_record,
)
from pos_terminal.paths import private_folder, write_private
from pos_terminal.receipts.pdf import render_pdf
from pos_terminal.services.bills import ClosedBill
from pos_terminal.services.identify import customer_state


class ReceiptNotPrintedError(DomainError):
    """The printer (a full disk, for the PDF printer) did not take the receipt."""


@dataclass(frozen=True, slots=True)
class Printout:
    """Where a printout went: the file written, or the printer's setting (for the log only),
    and the print queue's job when it is on its way to a printer (None: done already)."""

    where: str
    job: int | None = None


class ReceiptPrinter(Protocol):
    def print_receipt(
        self, document: ReceiptDocument, *, number: int, duplicate: bool = False
    ) -> Printout:
        """Print it, or queue it; a failure the bill survives raises ReceiptNotPrintedError."""
        ...


class TillPrinter(Protocol):
    """The till's receipt printer, when one is set: each answers None when there is none."""

    def print_report(self, document: ReceiptDocument, *, label: str) -> Printout | None: ...

    def open_drawer(self) -> Printout | None:
        """Kick the cash drawer through the printer; None without a printer or a drawer."""
        ...


@dataclass(frozen=True, slots=True)
class PdfReceiptPrinter:
    directory: Path
    paper_mm: int = 80

    def print_receipt(
        self, document: ReceiptDocument, *, number: int, duplicate: bool = False
    ) -> Printout:
        """Write receipt-000123.pdf; a second printout of it (a duplicate) gets -2, -3, …"""
        private_folder(self.directory)
        path = self.directory / f"receipt-{number:06d}.pdf"
        copy = 1
        while path.exists():
            copy += 1
            path = self.directory / f"receipt-{number:06d}-{copy}.pdf"
        temporary = path.with_suffix(".pdf.part")
        try:
            write_private(temporary, render_pdf(document, paper_mm=self.paper_mm))
            temporary.replace(path)  # a half-written file never carries the final name
        except OSError as error:
            temporary.unlink(missing_ok=True)  # nothing half-written is left behind
            raise ReceiptNotPrintedError(
                "The receipt {number} could not be printed ({reason}). The bill is closed: "
                "print it again from the Menu, today's bills, once that is fixed.",
                number=number,
                reason=error.strerror or type(error).__name__,
            ) from error
        return Printout(str(path))


@dataclass(frozen=True, slots=True)
class ReceiptSettings:
    header: ReceiptHeader
    terminal: str
    cashier: str
    language: str = "pl"


def receipt_document(
    store: Store, closed: ClosedBill, settings: ReceiptSettings, *, reprint: bool = False
) -> ReceiptDocument:
    """The receipt of a closed bill, with the customer's balances as they are now."""
    name, balances = None, None
    customer_id = closed.priced.bill.customer_id
    if customer_id is not None:
        with store.unit_of_work(read_only=True) as tx:
            customer = tx.customers.by_id(customer_id)
            if customer is not None:
                state = customer_state(tx, customer, closed.priced.business_date)
                name = customer.name
                balances = ReceiptBalances(state.credits, state.wallet, state.points)
    return build_receipt(
        closed.priced,
        header=settings.header,
        receipt_no=closed.local_no,
        terminal=settings.terminal,
        cashier=closed.cashier or settings.cashier,
        closed_at=closed.closed_at,
        tenders=closed.tenders,
        customer_name=name,
        balances_after=balances,
        language=settings.language,
        reprint=reprint,
    )


def duplicate(
    tx: UnitOfWork, bill_id: str, settings: ReceiptSettings
) -> tuple[int, ReceiptDocument]:
    """(receipt number, the duplicate) of a closed or voided bill, from its stored rows.

    It prints what the original printed, titled "DUPLIKAT" (and "ANULOWANY" once voided),
    without the customer's balances: those have moved on since the bill."""
    stored = tx.bills.closed_bill(bill_id)
    if stored is None:
        raise DomainError("this bill is not a closed bill of this terminal")
    name = None
    if stored.customer_id is not None:
        customer = tx.customers.by_id(stored.customer_id)
        name = customer.name if customer is not None else None
    document = build_receipt_from_record(
        stored.record,
        header=settings.header,
        receipt_no=stored.local_no,
        terminal=settings.terminal,
        cashier=stored.cashier or settings.cashier,
        closed_at=stored.closed_at,
        customer_name=name,
        language=settings.language,
        reprint=True,
        voided=stored.voided,
    )
    return stored.local_no, document


def reprint_document(store: Store, bill_id: str, settings: ReceiptSettings) -> ReceiptDocument:
    """The duplicate receipt of a stored bill (see `duplicate`)."""
    with store.unit_of_work(read_only=True) as tx:
        return duplicate(tx, bill_id, settings)[1]
