"""What the cashier sees of the fiscal printer: a sale that could not be registered stays
open with the reason and a Retry, a missing daily report is offered to be printed, the
status strip shows the printer's state, and a Z report offers the daily report.

The printer's reasons (`hardware.fiscal.errors`) carry their own English and Polish texts
(the package never imports Qt); what the terminal adds around them is in the .ts catalogue.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal

from hardware.fiscal.errors import FiscalError
from hardware.fiscal.port import DeviceState, FiscalDevice, ReportAnchor
from pos_terminal.domain.staff import StaffMember
from pos_terminal.services.fiscal import FiscalLink
from pos_terminal.ui.i18n import user_message
from pos_terminal.ui.manager_dialogs import ReportDialog
from pos_terminal.ui.sale_presenter import SalePresenter
from pos_terminal.ui.sale_view import SaleView
from pos_terminal.ui.tasks import TaskRunner

# Reasons a daily report cures: offered with the message, so the cashier need not look.
REPORT_CURES = frozenset({"report_missing", "totals_full"})


class FiscalBridge(QObject):
    """The fiscal printer's state, from its thread, as a signal on the GUI thread."""

    state_changed = Signal(object)  # DeviceState

    def on_state(self, state: DeviceState) -> None:
        self.state_changed.emit(state)


class FiscalFlow(QObject):
    def __init__(
        self,
        view: SaleView,
        presenter: SalePresenter,
        runner: TaskRunner,
        link: FiscalLink,
        *,
        language: str,
        as_manager: Callable[[str, Callable[[StaffMember], None]], None],
    ) -> None:
        super().__init__(view)
        self.view, self.presenter, self.runner, self.link = view, presenter, runner, link
        self.language, self.as_manager = language, as_manager
        payment = presenter.fiscal
        assert payment is not None, "a fiscal flow goes with a presenter that pays fiscally"
        payment.registering.connect(self._registering)
        payment.failed.connect(self.failed)
        payment.frozen.connect(self.frozen)
        presenter.closed.connect(lambda _closed: self._done_registering())

    def _registering(self) -> None:
        self.view.notice.say(self.tr("Registering the fiscal receipt…"))

    def _done_registering(self) -> None:
        if self.view.notice.text.text() == self.tr("Registering the fiscal receipt…"):
            self.view.notice.hide()

    def explain(self, error: BaseException) -> str:
        """The reason in the cashier's language: the printer's own words, or the terminal's."""
        if isinstance(error, FiscalError):
            return error.message(self.language)
        return user_message(error)

    def failed(self, error: BaseException) -> None:
        """The bill stays open: say why, offer Retry (and the daily report when it cures)."""
        text = self.tr("Not paid: the fiscal receipt was not registered. {why}").format(
            why=self.explain(error)
        )
        choices: list[tuple[str, Callable[[], None]]] = [(self.tr("Retry"), self.presenter.retry)]
        if isinstance(error, FiscalError) and error.reason in REPORT_CURES:
            text += " " + self.tr("A manager prints the daily report, then Retry.")
            choices.append((self.tr("Print the daily report"), self.ask_daily_report))
        self.view.notice.choose(text, choices, dismiss=self.tr("Keep the bill open"))

    def frozen(self) -> None:
        """A change to a bill whose receipt the printer may hold: Retry settles it first."""
        self.view.notice.choose(
            self.tr(
                "The printer may have printed this bill's receipt: press Retry to check"
                " before changing the bill."
            ),
            [(self.tr("Retry"), self.presenter.retry)],
            dismiss=self.tr("Keep the bill open"),
        )

    def ask_daily_report(self) -> None:
        self.as_manager(
            self.tr("print the fiscal daily report"),
            lambda manager: self.daily_report(self.view.notice.say, manager),
        )

    def daily_report(self, say: Callable[[str], None], manager: StaffMember) -> None:
        """The printer's daily report for its own date, on its thread, in the audit log."""
        service = self.link.service

        def report(device: FiscalDevice) -> ReportAnchor:
            return service.daily_report(device, device.today(), manager)

        def printed(anchor: ReportAnchor) -> None:
            say(self.tr("Daily report {number} of {day} printed.").format(
                number=anchor.report_no, day=_day(anchor.day)))  # fmt: skip

        def refused(error: BaseException) -> None:
            say(self.tr("The daily report was not printed. {why}").format(why=self.explain(error)))

        say(self.tr("Printing the daily report…"))
        self.runner.follow(self.link.submit(report), printed, refused)

    def offer_after_z(self, dialog: ReportDialog, manager: StaffMember) -> None:
        """After a Z report: the fiscal printer's daily report, due before the next sale."""
        dialog.message.setText(
            self.tr(
                "Print the fiscal printer's daily report: it is due before the first sale"
                " of the next day."
            )
        )
        dialog.add_action(
            self.tr("Daily report"),
            "daily-report",
            lambda: self.daily_report(dialog.message.setText, manager),
        )


def _day(day: date) -> str:
    return f"{day:%d.%m.%Y}"
