"""Who is at the till: sign in with a PIN, open the shift if none is open, sell, sign out.

Manager-only actions ask for a manager's PIN when a cashier is signed in; the services
record every such action with who did it and when.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject

from pos_terminal.domain.business_day import business_date
from pos_terminal.domain.shift_report import ShiftReport
from pos_terminal.domain.staff import StaffMember
from pos_terminal.services.terminal import BillSummary, TerminalService
from pos_terminal.settings_file import load_settings, save_setting
from pos_terminal.ui.i18n import user_message
from pos_terminal.ui.login_view import LoginView, OpenShiftDialog
from pos_terminal.ui.main_window import MainWindow
from pos_terminal.ui.manager_dialogs import (
    BillsDialog,
    ManagerPinDialog,
    MenuDialog,
    ReportDialog,
    SettingsDialog,
)
from pos_terminal.ui.sale_view import SaleView
from pos_terminal.ui.tasks import TaskRunner

T = TypeVar("T")


class SessionFlow(QObject):
    def __init__(
        self,
        window: MainWindow,
        service: TerminalService,
        runner: TaskRunner,
        *,
        terminal: str,
        day_starts_at: time,
        enter_sale: Callable[[StaffMember], None],
    ) -> None:
        super().__init__(window)
        self.window, self.service, self.runner = window, service, runner
        self.terminal, self.day_starts_at = terminal, day_starts_at
        self.actor: StaffMember | None = None
        self._enter_sale = enter_sale
        self.login = LoginView(terminal)
        self.login.login_requested.connect(self._sign_in)

    def start(self) -> None:
        self.actor = None
        self.window.show_page(self.login)

    def shift_closed(self) -> None:
        """After the Z report the next person signs in and opens a new shift."""
        self.start()

    def _sign_in(self, pin: str) -> None:
        self.runner.run_db(
            lambda: self.service.login(pin),
            self._signed_in,
            lambda error: self.login.show_error(user_message(error)),
        )

    def _signed_in(self, actor: StaffMember) -> None:
        self.actor = actor
        self.window.set_cashier(self.terminal, actor.name)
        self.runner.run_db(self.service.current_shift, self._shift_known)

    def _shift_known(self, shift: object) -> None:
        actor = self.actor
        assert actor is not None
        if shift is not None:
            self._enter_sale(actor)
            return
        dialog = OpenShiftDialog(actor.name, self.window)

        def open_shift() -> None:
            now = datetime.now()
            amount = dialog.float_amount().minor
            day = business_date(now, self.day_starts_at)
            self.runner.run_db(
                lambda: self.service.open_shift(actor, amount, now=now, business_date=day),
                lambda _: self._enter_sale(actor),
                lambda error: self.login.show_error(user_message(error)),
            )

        dialog.accepted.connect(open_shift)
        dialog.rejected.connect(self.start)
        self.window.open_dialog(dialog)


class ShiftMenu(QObject):
    """The sale screen's menu: the day's bills, X and Z reports, signing out."""

    def __init__(self, session: SessionFlow, view: SaleView, *, data_dir: Path) -> None:
        super().__init__(view)
        self.session, self.view, self.data_dir = session, view, data_dir
        self.reports_dir = data_dir / "reports"
        view.menu_requested.connect(self.open)
        view.limit_override_requested.connect(self.lift_limit)

    @property
    def _window(self) -> MainWindow:
        return self.session.window

    def _run(self, work: Callable[[], T], done: Callable[[T], None]) -> None:
        self.session.runner.run_db(
            work, done, lambda error: self.view.banner.say(user_message(error))
        )

    def open(self) -> None:
        dialog = MenuDialog(self._window)
        dialog.chosen.connect(self._chosen)
        self._window.open_dialog(dialog)

    def _chosen(self, key: str) -> None:
        service = self.session.service
        if key == "sign-out":
            self.session.start()
        elif key == "bills":
            day = business_date(datetime.now(), self.session.day_starts_at)
            self._run(lambda: service.bills_today(day), self._show_bills)
        elif key == "x-report":
            self.as_manager(
                self.tr("see the X report"),
                lambda manager: self._run(
                    lambda: service.x_report(manager, now=datetime.now()), self._show_report
                ),
            )
        elif key == "z-report":
            self.as_manager(self.tr("close the shift"), self._close_shift)
        elif key == "settings":
            self.as_manager(self.tr("change settings"), self._settings)

    def _settings(self, manager: StaffMember) -> None:
        # The settings file is read off the GUI thread, like every other I/O.
        self._run(
            lambda: str(load_settings(self.data_dir).get("language", "pl")),
            lambda current: self._show_settings(manager, current),
        )

    def _show_settings(self, manager: StaffMember, current: str) -> None:
        dialog = SettingsDialog(current, self._window)

        def chosen(code: str) -> None:
            def save() -> None:
                self.session.service.record_setting(manager, "language", code, now=datetime.now())
                save_setting(self.data_dir, "language", code)

            self._run(
                save,
                lambda _: self.view.banner.say(
                    self.tr("The language changes at the next start of the terminal.")
                ),
            )

        dialog.language_chosen.connect(chosen)
        self._window.open_dialog(dialog)

    def lift_limit(self) -> None:
        presenter = self.view.presenter
        bill_id = presenter.bill.id

        def lift(manager: StaffMember) -> None:
            self._run(
                lambda: self.session.service.record_limit_override(
                    manager, bill_id, now=datetime.now()
                ),
                lambda _: presenter.override_limit(),
            )

        self.as_manager(self.tr("lift the daily limit"), lift)

    def as_manager(self, action: str, then: Callable[[StaffMember], None]) -> None:
        """Run `then` with a manager: the one signed in, or one who confirms with a PIN."""
        actor = self.session.actor
        if actor is not None and actor.is_manager:
            then(actor)
            return
        dialog = ManagerPinDialog(action, self._window)

        def check() -> None:
            pin = dialog.pin.text()

            def confirmed(member: StaffMember) -> None:
                if member.is_manager:
                    then(member)
                else:
                    self.view.banner.say(
                        self.tr("{name} is not a manager.").format(name=member.name)
                    )

            self._run(lambda: self.session.service.login(pin), confirmed)

        dialog.accepted.connect(check)
        self._window.open_dialog(dialog)

    def _close_shift(self, manager: StaffMember) -> None:
        def closed(report: ShiftReport) -> None:
            self._show_report(report)
            self.session.shift_closed()

        self._run(lambda: self.session.service.close_shift(manager, now=datetime.now()), closed)

    def _show_report(self, report: ShiftReport) -> None:
        dialog = ReportDialog(report, self._window)

        def save() -> str:
            self.reports_dir.mkdir(parents=True, exist_ok=True)
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            path = self.reports_dir / f"report-{report.kind}-{stamp}.pdf"
            path.write_bytes(self.session.service.report_pdf(report))
            return str(path)

        dialog.print_requested.connect(
            lambda: self._run(
                save,
                lambda where: dialog.message.setText(
                    self.tr("Printed: {where}").format(where=where)
                ),
            )
        )
        self._window.open_dialog(dialog)

    def _show_bills(self, bills: list[BillSummary]) -> None:
        dialog = BillsDialog(bills, self._window)
        service = self.session.service

        def printed(where: str | None) -> None:
            dialog.message.setText(self.tr("Printed: {where}").format(where=where or "—"))

        def void(bill_id: str, reason: str) -> None:
            dialog.accept()
            self.as_manager(
                self.tr("void a bill"),
                lambda manager: self._run(
                    lambda: service.void_bill(manager, bill_id, reason, now=datetime.now()),
                    lambda _: self.view.banner.say(self.tr("The bill was voided.")),
                ),
            )

        dialog.reprint_requested.connect(
            lambda bill_id: self._run(lambda: service.reprint(bill_id), printed)
        )
        dialog.void_requested.connect(void)
        self._window.open_dialog(dialog)
