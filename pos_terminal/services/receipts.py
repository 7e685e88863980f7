"""Printing a closed bill's receipt — always after the bill is stored, never before.

The printer is a port: `PdfReceiptPrinter` writes the non-fiscal receipt as a PDF (80 or
58 mm) into a folder, where a print queue or the cashier can take it; an ESC/POS printer
adapter takes the same `ReceiptDocument`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from pos_terminal.db.store import Store
from pos_terminal.domain.receipt import (
    ReceiptBalances,
    ReceiptDocument,
    ReceiptHeader,
    build_receipt,
)
from pos_terminal.receipts.pdf import render_pdf
from pos_terminal.services.bills import ClosedBill
from pos_terminal.services.identify import customer_state


class ReceiptPrinter(Protocol):
    def print_receipt(self, document: ReceiptDocument, *, number: int) -> str:
        """Print it; return where it went, for the cashier's status line."""
        ...


@dataclass(frozen=True, slots=True)
class PdfReceiptPrinter:
    directory: Path
    paper_mm: int = 80

    def print_receipt(self, document: ReceiptDocument, *, number: int) -> str:
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"receipt-{number:06d}.pdf"
        temporary = path.with_suffix(".pdf.part")
        temporary.write_bytes(render_pdf(document, paper_mm=self.paper_mm))
        temporary.replace(path)  # a half-written file never carries the final name
        return str(path)


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
        cashier=settings.cashier,
        closed_at=closed.closed_at,
        tenders=closed.tenders,
        customer_name=name,
        balances_after=balances,
        language=settings.language,
        reprint=reprint,
    )
