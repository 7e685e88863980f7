"""What the cashier is told about a receipt on its way to the till's printer, and about the
cash drawer.

A closed bill's receipt is queued (`Printout.job`); the print queue says later what became
of it (`PrintJobs`). The change-due sheet reads "Printing the receipt…", then "Receipt
printed.", or that it waits for the printer (paper out, offline), or that it was not printed
and where to print it again — the bill is closed either way. Once the sheet is away, a
notice says it. A drawer that cannot open is said over whatever is showing.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from hardware.printers.status import JobKind, JobOutcome, JobPhase
from pos_terminal.services.bills import ClosedBill
from pos_terminal.services.receipts import Printout
from pos_terminal.ui.printer_dialog import PrintJobs, state_words
from pos_terminal.ui.sale_presenter import SalePresenter
from pos_terminal.ui.sale_view import SaleView


class ReceiptProgress(QObject):
    def __init__(self, view: SaleView, presenter: SalePresenter, jobs: PrintJobs) -> None:
        super().__init__(view)
        self.view, self.jobs = view, jobs
        presenter.printed.connect(self._queued)
        jobs.outcome.connect(self._drawer)

    def _queued(self, closed: ClosedBill, printout: Printout | None) -> None:
        if printout is None or printout.job is None:
            return  # none, or a PDF written already (SaleView says so)
        number = closed.local_no
        self.jobs.follow(printout.job, lambda outcome: self._receipt(number, outcome))

    def _receipt(self, number: int, outcome: JobOutcome) -> None:
        sheet, state = self.view.change_due, state_words(outcome.state)
        showing = sheet.isVisible() and sheet.number == number
        if outcome.phase is JobPhase.PRINTED:
            if showing:
                sheet.show_printed()
            else:
                self.view.notice.say(self.tr("Receipt {number} printed.").format(number=number))
        elif outcome.phase is JobPhase.WAITING:
            if showing:
                sheet.show_waiting(state)
        elif showing:
            sheet.show_not_printed(state)
        else:
            self.view.notice.say(
                self.tr(
                    "Receipt {number} was not printed (printer: {state}). The bill is closed:"
                    " print it from Menu, Today's bills."
                ).format(number=number, state=state),
                stays=True,
            )

    def _drawer(self, outcome: JobOutcome) -> None:
        if outcome.kind is not JobKind.DRAWER or outcome.phase is JobPhase.PRINTED:
            return  # it opened: the cashier sees that
        state = state_words(outcome.state)
        if outcome.phase is JobPhase.WAITING:
            text = self.tr("The cash drawer cannot open yet (printer: {state}).")
        else:
            text = self.tr("The cash drawer did not open (printer: {state}).")
        self.view.notice.say(text.format(state=state), stays=True)
        self.view.notice.raise_()  # over the change-due sheet, which hides the grid
