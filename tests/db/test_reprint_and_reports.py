"""A duplicate receipt is rebuilt from the stored rows and prints what the original printed;
shift reports print as PDFs with every total."""

from __future__ import annotations

import io
import resource
import signal
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from loyalty.errors import DomainError
from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind
from pos_terminal.db.store import Store
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.domain.receipt import ReceiptDocument, ReceiptHeader, build_receipt
from pos_terminal.domain.staff import Role
from pos_terminal.receipts.report_pdf import render_report_pdf
from pos_terminal.services.receipts import (
    PdfReceiptPrinter,
    ReceiptNotPrintedError,
    ReceiptSettings,
    receipt_document,
    reprint_document,
)
from pos_terminal.services.terminal import TerminalService

from .conftest import JAN, MANAGER_10, NOW, PIWO, SCHABOWY, TODAY, seed, sell_a_beer

NBSP = "\u00a0"
SETTINGS = ReceiptSettings(
    header=ReceiptHeader("Bar „Pod Żurawiem”", ("ul. Długa 12",)),
    terminal="KASA-1",
    cashier="Demo",
)


def pdf_text(data: bytes) -> str:
    """The printed words in order, each label followed by its amount, one space apart."""
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).replace(NBSP, " ").split())


def lefts(document: ReceiptDocument) -> list[str]:
    return [line.left.replace(NBSP, " ") for section in document.sections for line in section]


@pytest.fixture
def service(store: Store, tmp_path: Path) -> TerminalService:
    seed(store)
    with store.unit_of_work() as tx:
        tx.staff.add("Anna Kasjerka", Role.CASHIER, "1111")
        tx.staff.add("Marek Kierownik", Role.MANAGER, "999999")
        # Jan has used 18,00 of his 20,00 zł daily limit: this bill's group discount is capped.
        tx.balances.set_limit_used(JAN.id, TODAY, used=1800, as_of_seq=10)
    return TerminalService(
        store, printer=PdfReceiptPrinter(tmp_path / "receipts"), receipts=SETTINGS
    )


def test_a_duplicate_prints_exactly_what_the_original_did(
    service: TerminalService, store: Store, tmp_path: Path
) -> None:
    anna = service.login("1111", now=NOW)
    service.open_shift(anna, 10000, now=NOW, business_date=TODAY)
    bill = Bill("b1", (BillLine("l1", SCHABOWY), BillLine("l2", PIWO, 2)), customer_id=JAN.id)
    closed = service.close(
        bill,
        (Tender(TenderKind.CARD, Money(1800)),),
        name="Stolik 1",
        at=NOW,
        business_date=TODAY,
        cashier=anna,
    )
    # 70,00 − group 2,00 (5 % is 3,50, capped by the limit) − credits 50,00 = 18,00 by card
    assert closed.priced.total == Money(1800)
    original = build_receipt(
        closed.priced,
        header=SETTINGS.header,
        receipt_no=closed.local_no,
        terminal="KASA-1",
        cashier="Anna Kasjerka",
        closed_at=closed.closed_at,
        tenders=closed.tenders,
        customer_name=JAN.name,
    )
    duplicate = reprint_document(store, "b1", SETTINGS)
    assert duplicate.titles == ("DUPLIKAT",) and original.titles == ()
    assert duplicate.sections == original.sections
    assert duplicate.footer == original.footer
    assert "Limit dzienny: wykorzystano 20,00 z 20,00 zł" in lefts(duplicate)
    assert "Kasjer: Anna Kasjerka" in duplicate.footer
    # The printed original also shows balances after the bill; the duplicate does not.
    printed = receipt_document(store, closed, SETTINGS)
    assert printed.sections[:-1] == duplicate.sections[:-1]
    assert "Stan konta po rachunku" in lefts(printed)
    assert "Stan konta po rachunku" not in lefts(duplicate)

    first = service.print_receipt(closed)
    again = service.reprint("b1")
    assert first is not None and again is not None
    assert (first.job, again.job) == (None, None)  # PDF files: done, nothing queued
    assert (Path(first.where).name, Path(again.where).name) == (
        "receipt-000001.pdf", "receipt-000001-2.pdf",
    )  # fmt: skip
    text = pdf_text(Path(again.where).read_bytes())
    for expected in ("DUPLIKAT", "Rachunek nr 1", "Kasjer: Anna Kasjerka", "Limit dzienny"):
        assert expected in text, expected
    assert "DO ZAPŁATY 18,00 zł" in text

    marek = service.login("999999", now=NOW)
    service.void_bill(marek, "b1", "zła karta", now=NOW + timedelta(minutes=5))
    voided = reprint_document(store, "b1", SETTINGS)
    assert voided.titles == ("DUPLIKAT", "ANULOWANY")
    assert voided.sections == original.sections  # the bill as it was sold
    with pytest.raises(DomainError):
        reprint_document(store, "nope", SETTINGS)
    assert TerminalService(store).reprint("b1") is None  # no printer set up


def test_x_and_z_reports_print_every_total(service: TerminalService) -> None:
    anna = service.login("1111", now=NOW)
    marek = service.login("999999", now=NOW)
    service.open_shift(anna, 15000, now=NOW, business_date=TODAY)
    service.close(
        Bill("b1", (BillLine("l1", PIWO, 3),)),
        (Tender(TenderKind.CASH, Money(5000)),),
        name="",
        at=NOW,
        business_date=TODAY,
    )
    x = service.shift_report()
    text = pdf_text(service.report_pdf(x))
    for expected in (
        "Raport X",
        "Bar „Pod Żurawiem”",
        "Otwarcie: Anna Kasjerka",
        "Rachunki 1",
        "UTARG 42,00 zł",
        "Pogotowie kasowe 150,00 zł",
        "Gotówka przyjęta 50,00 zł",
        "Reszta wydana −8,00 zł",
        "Gotówka w szufladzie 192,00 zł",
        "Sprzedaż A 23 % 42,00 zł",
        "PTU A 23 % 7,85 zł",
        "Wydruk niefiskalny",
    ):
        assert expected in text, expected
    z = service.close_shift(marek, now=NOW + timedelta(hours=8))
    text = pdf_text(service.report_pdf(z))
    assert "Raport Z (dobowy)" in text and "Zamknięcie: Marek Kierownik" in text
    assert "UTARG 42,00 zł" in text
    english = pdf_text(render_report_pdf(z, language="en"))
    assert "Z report (end of day)" in english and "NET SALES 42,00 zł" in english
    with pytest.raises(ValueError, match="de"):
        render_report_pdf(z, language="de")


@pytest.fixture
def file_size_limit() -> Iterator[Callable[[int | None], None]]:
    """The kernel refuses writes past a size (RLIMIT_FSIZE, EFBIG): a disk that fills up
    while the receipt is written, without filling this machine's disk. SIGXFSZ, which would
    kill the process, is ignored while it lasts, so the write fails instead."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    def limit(size: int | None) -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft if size is None else size, hard))

    try:
        yield limit
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, handler)


def test_a_receipt_the_disk_cannot_take_leaves_nothing_behind_and_prints_later(
    service: TerminalService, tmp_path: Path, file_size_limit: Callable[[int | None], None]
) -> None:
    anna = service.login("1111", now=NOW)
    service.open_shift(anna, 10000, now=NOW, business_date=TODAY)
    closed = sell_a_beer(service, "b1", anna)
    receipts = tmp_path / "receipts"
    file_size_limit(1000)  # a receipt PDF is a few kB
    try:
        with pytest.raises(ReceiptNotPrintedError, match="print it again from the Menu"):
            service.print_receipt(closed)
    finally:
        file_size_limit(None)
    assert sorted(p.name for p in receipts.iterdir()) == []  # no .part, no half receipt
    again = service.reprint("b1")
    assert again is not None and Path(again.where).name == "receipt-000001.pdf"
    assert "DUPLIKAT" in pdf_text(Path(again.where).read_bytes())


def test_what_moves_money_is_in_the_audit_log_with_who_did_it(
    service: TerminalService, store: Store
) -> None:
    anna = service.login("1111", now=NOW)
    marek = service.login("999999", now=NOW)
    service.open_shift(anna, 10000, now=NOW, business_date=TODAY)
    bill = Bill(
        "b1", (BillLine("l1", SCHABOWY),), customer_id=JAN.id, manual_discount_id=MANAGER_10.id
    ).with_credits_removed(True)
    priced, _ = service.save_and_price(bill, name="", at=NOW, business_date=TODAY)
    service.close(
        bill, (Tender(TenderKind.CARD, priced.total),), name="", at=NOW, business_date=TODAY,
        cashier=anna,
    )  # fmt: skip
    service.reprint("b1", marek, now=NOW)
    entries = [(e.action, e.actor_name, e.target) for e in service.audit_recent(10)]
    assert ("bill.manual_discount", "Anna Kasjerka", "b1") in entries
    assert ("bill.credits_removed", "Anna Kasjerka", "b1") in entries
    assert ("bill.reprinted", "Marek Kierownik", "b1") in entries
    discount = next(e for e in service.audit_recent(10) if e.action == "bill.manual_discount")
    assert discount.details["amount_minor"] == priced.manual_discount.minor > 0
