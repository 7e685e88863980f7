"""The till's receipt printer: the services' printer ports over the print queue.

`ThermalPrinter` renders a `ReceiptDocument` to ESC/POS (`receipts/escpos.py`, on the
calling thread: the database thread, well under a millisecond), hands the bytes to the print
queue (`hardware/printers/queue.py`, its own thread) and answers at once with the job's
number; what became of it comes later through the queue's callbacks, which the app passes
to the screen (`ui/printer_dialog.PrinterBridge`). Where no printer is set, receipts are
PDF files as before (`PdfReceiptPrinter`), X/Z reports are saved by the screen, and there is
no drawer to open. The app builds one and wires it; the Printer page changes it at once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache

from hardware.printers.probe import list_printers
from hardware.printers.queue import PrintQueue
from hardware.printers.spec import parse_printer_spec
from hardware.printers.status import JobKind, PrinterCandidate, PrinterStatus
from pos_terminal.config import TerminalConfig
from pos_terminal.domain.receipt import ReceiptDocument, ReceiptHeader, ReceiptLine
from pos_terminal.receipts.escpos import render_escpos
from pos_terminal.services.receipts import PdfReceiptPrinter, Printout

log = logging.getLogger(__name__)

COLUMNS = {80: 48, 58: 32}  # Font A on 72 mm and 48 mm of printable width
CP852 = "CP852"


@dataclass(frozen=True, slots=True)
class PrinterSettings:
    setting: str | None = None  # hardware/printers/spec.py; None: no printer (PDF receipts)
    paper_mm: int = 80
    drawer: bool = True  # a cash drawer hangs on the printer: cash and the Menu kick it
    profile: str = "default"  # python-escpos's printer database: ESC t's number, the cutter

    def __post_init__(self) -> None:
        if self.paper_mm not in COLUMNS:
            raise ValueError(f"paper is 80 or 58 mm wide, not {self.paper_mm}")
        if self.setting:
            parse_printer_spec(self.setting)  # a bad setting is refused here, with its reason


@lru_cache(maxsize=8)
def _model(profile: str) -> tuple[int, bool]:
    """(ESC t's number for CP852, whether it cuts) from python-escpos's printer database;
    an unknown printer is taken as Epson-compatible (18, a cutter)."""
    from escpos.capabilities import get_profile  # noqa: PLC0415 - a fifth of a second

    try:
        model = get_profile(profile)
    except Exception:
        log.warning("printer profile %r is unknown: Epson's code page and cutter", profile)
        return 18, True
    pages = model.get_code_pages()
    number = int(pages[CP852]) if CP852 in pages else 18
    return number, model.supports("paperPartCut") or model.supports("paperFullCut")


def test_page(when: datetime) -> ReceiptDocument:
    """What "Print a test page" prints: the code page's Polish letters and the columns."""
    header = ReceiptHeader("Test drukarki", (when.strftime("%Y-%m-%d %H:%M"),), None)
    lines = (
        ReceiptLine("Zażółć gęślą jaźń", ""),
        ReceiptLine("ZAŻÓŁĆ GĘŚLĄ JAŹŃ", ""),
        ReceiptLine("Schabowy z ziemniakami", "1 234,50 zł"),
    )
    return ReceiptDocument(header, ("WYDRUK TESTOWY",), (lines,), ("Wydruk niefiskalny",))


class ThermalPrinter:
    """`ReceiptPrinter` and `TillPrinter` of the services, and the Printer page's control.

    Used from the database thread (printing) and the GUI thread (`status`); the queue is
    safe from any thread."""

    def __init__(
        self, queue: PrintQueue, settings: PrinterSettings, fallback: PdfReceiptPrinter
    ) -> None:
        self.queue, self.fallback = queue, fallback
        self.settings = settings
        queue.configure(settings.setting)

    @property
    def status(self) -> PrinterStatus:
        return self.queue.status

    def apply(self, settings: PrinterSettings) -> None:
        """From the next job on (the Printer page, after it is saved)."""
        self.queue.configure(settings.setting)
        self.settings = settings
        self.fallback = replace(self.fallback, paper_mm=settings.paper_mm)

    def current(self) -> tuple[str, int, bool]:
        """(setting, paper width, cash drawer), for the Printer page."""
        return self.settings.setting or "", self.settings.paper_mm, self.settings.drawer

    def change(self, setting: str, paper_mm: int, drawer: bool) -> None:
        """The Printer page's choice, at once; ValueError (and nothing changed) if it is bad."""
        chosen = replace(
            self.settings, setting=setting.strip() or None, paper_mm=paper_mm, drawer=drawer
        )
        self.apply(chosen)

    def candidates(self) -> list[PrinterCandidate]:
        """Printers plugged into this computer (reads /dev and /sys: off the GUI thread)."""
        return list_printers()

    def _render(self, document: ReceiptDocument) -> bytes:
        code_page, cut = _model(self.settings.profile)
        columns = COLUMNS[self.settings.paper_mm]
        return render_escpos(document, columns=columns, code_page=code_page, cut=cut)

    def _queue(self, kind: JobKind, label: str, document: ReceiptDocument) -> Printout:
        job = self.queue.submit(kind, label, self._render(document))
        return Printout(self.settings.setting or "", job)

    def print_receipt(
        self, document: ReceiptDocument, *, number: int, duplicate: bool = False
    ) -> Printout:
        if not self.settings.setting:
            return self.fallback.print_receipt(document, number=number, duplicate=duplicate)
        kind = JobKind.DUPLICATE if duplicate else JobKind.RECEIPT
        return self._queue(kind, str(number), document)

    def print_report(self, document: ReceiptDocument, *, label: str) -> Printout | None:
        if not self.settings.setting:
            return None
        return self._queue(JobKind.REPORT, label, document)

    def print_test_page(self, when: datetime) -> Printout | None:
        if not self.settings.setting:
            return None
        return self._queue(JobKind.TEST, "test", test_page(when))

    def open_drawer(self) -> Printout | None:
        if not self.settings.setting or not self.settings.drawer:
            return None
        return Printout(self.settings.setting, self.queue.submit(JobKind.DRAWER, "drawer"))


def from_config(config: TerminalConfig, queue: PrintQueue) -> ThermalPrinter:
    """The till's printer as settings.json and the defaults describe it; a bad printer
    setting is logged and the till prints PDF receipts until a manager fixes it."""
    fallback = PdfReceiptPrinter(config.receipts_dir, config.receipt_paper_mm)
    paper_mm, drawer, profile = config.receipt_paper_mm, config.cash_drawer, config.printer_profile
    try:
        settings = PrinterSettings(config.printer, paper_mm, drawer, profile)
    except ValueError as error:
        log.error("the printer setting is not used: %s", error)
        settings = PrinterSettings(None, paper_mm if paper_mm in COLUMNS else 80, drawer, profile)
    return ThermalPrinter(queue, settings, fallback)
