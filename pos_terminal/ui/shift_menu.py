"""The sale screen's Menu: the day's bills (reprint, void), X and Z reports, staff,
settings, signing out — and a manager's PIN for what only a manager may do.

Manager-only actions ask for a manager's PIN when a cashier is signed in; the services
record every such action with who did it and when.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject

from hardware.printers.status import JobOutcome, JobPhase
from loyalty.business_day import business_date
from pos_terminal.domain.shift_report import ReportKind, ShiftReport
from pos_terminal.domain.staff import Role, StaffMember
from pos_terminal.paths import private_folder, write_private
from pos_terminal.services.receipts import Printout
from pos_terminal.services.terminal import BillSummary, RejectedOp
from pos_terminal.ui.i18n import user_message
from pos_terminal.ui.main_window import MainWindow
from pos_terminal.ui.manager_dialogs import (
    BillsDialog,
    ManagerPinDialog,
    MenuDialog,
    ReportDialog,
)
from pos_terminal.ui.printer_dialog import state_words
from pos_terminal.ui.sale_view import SaleView
from pos_terminal.ui.session import SessionFlow
from pos_terminal.ui.settings_flow import SettingsFlow
from pos_terminal.ui.staff_dialog import StaffDialog
from pos_terminal.ui.sync_dialog import SyncDialog

log = logging.getLogger(__name__)

T = TypeVar("T")


class ShiftMenu(QObject):
    """The sale screen's menu: the day's bills, X and Z reports, signing out."""

    def __init__(
        self,
        session: SessionFlow,
        view: SaleView,
        *,
        data_dir: Path,
        sync_now: Callable[[], None] = lambda: None,
        enrol: Callable[[str, str], Callable[[], None]] | None = None,
        crm_url: str | None = None,
    ) -> None:
        super().__init__(view)
        self.session, self.view, self.data_dir = session, view, data_dir
        self.sync_now = sync_now  # wakes the sync engine, when there is one
        # On the database thread: enrol and first sync; returns what the GUI thread then runs.
        self.enrol, self.crm_url = enrol, crm_url
        self.reports_dir = data_dir / "reports"
        # With a fiscal printer: what a Z report's dialog offers besides (ui/fiscal_flow.py).
        self.after_z: Callable[[ReportDialog, StaffMember], None] | None = None
        self.settings = SettingsFlow(session.service, view, session.window, data_dir, self._run)
        view.menu_requested.connect(self.open)
        view.limit_override_requested.connect(self.lift_limit)

    @property
    def _window(self) -> MainWindow:
        return self.session.window

    def _run(self, work: Callable[[], T], done: Callable[[T], None]) -> None:
        self.session.runner.run_db(
            work, done, lambda error: self.view.notice.say(user_message(error), stays=True)
        )

    def open(self) -> None:
        dialog = MenuDialog(self._window, kiosk=self._window.kiosk)
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
        elif key == "staff":
            self.as_manager(self.tr("manage staff"), self._staff)
        elif key == "leave-kiosk":
            self.as_manager(self.tr("close the terminal"), self._leave_kiosk)
        elif key == "settings":
            self.as_manager(self.tr("change settings"), self.settings.open)
        elif key == "drawer":
            self.as_manager(self.tr("open the cash drawer"), self._open_drawer)
        elif key == "sync":
            self.as_manager(
                self.tr("see the ops the CRM refused"),
                lambda manager: self._run(
                    lambda: service.rejected_ops(manager), lambda ops: self._sync(manager, ops)
                ),
            )

    def _sync(self, manager: StaffMember, rejected: list[RejectedOp]) -> None:
        url = self.crm_url or "http://127.0.0.1:8765"
        dialog = SyncDialog(self._window.crm_link, rejected, self._window, crm_url=url)
        enrol = self.enrol
        if enrol is not None:

            def enrolled(start: Callable[[], None]) -> None:
                start()
                dialog.say(self.tr("Enrolled: this terminal now syncs with the CRM."))

            dialog.enrol_requested.connect(
                lambda url, code: self.session.runner.run_db(
                    lambda: enrol(url, code), enrolled, lambda e: dialog.say(user_message(e))
                )
            )
        service = self.session.service
        dialog.sync_requested.connect(self.sync_now)
        self._window.link_shown.connect(dialog.show_link)

        def sent_again(ops: list[RejectedOp]) -> None:
            dialog.show_rejected(ops)
            self.sync_now()

        dialog.send_again_requested.connect(
            lambda seq: self._run(
                lambda: service.send_again(manager, seq, now=datetime.now()), sent_again
            )
        )
        self._window.open_dialog(dialog)

    def _staff(self, manager: StaffMember) -> None:
        admin = self.session.service.staff_admin
        self._run(admin.members, lambda members: self._show_staff(manager, members))

    def _show_staff(self, manager: StaffMember, members: list[StaffMember]) -> None:
        dialog = StaffDialog(members, me=manager, parent=self._window)
        admin, runner = self.session.service.staff_admin, self.session.runner

        def refused(error: BaseException) -> None:
            dialog.refused(user_message(error))

        def add(name: str, role: Role, pin: str) -> None:
            runner.run_db(
                lambda: admin.add(manager, name, role, pin, now=datetime.now()),
                lambda now_members: dialog.added(now_members, " ".join(name.split())),
                refused,
            )

        def deactivate(staff_id: str) -> None:
            runner.run_db(
                lambda: admin.deactivate(manager, staff_id, now=datetime.now()),
                dialog.show_members,
                refused,
            )

        dialog.add_requested.connect(add)
        dialog.deactivate_requested.connect(deactivate)
        self._window.open_dialog(dialog)

    def _leave_kiosk(self, manager: StaffMember) -> None:
        service = self.session.service
        self._run(
            lambda: service.record_kiosk_left(manager, now=datetime.now()),
            lambda _: self._window.leave_kiosk(),
        )

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
                    self.view.notice.say(
                        self.tr("{name} is not a manager.").format(name=member.name)
                    )

            self._run(lambda: self.session.service.login(pin), confirmed)

        dialog.accepted.connect(check)
        self._window.open_dialog(dialog)

    def _close_shift(self, manager: StaffMember) -> None:
        def closed(report: ShiftReport) -> None:
            self._show_report(report, manager)
            self.session.shift_closed()

        self._run(lambda: self.session.service.close_shift(manager, now=datetime.now()), closed)

    def _show_report(self, report: ShiftReport, manager: StaffMember | None = None) -> None:
        dialog = ReportDialog(report, self._window)

        def save() -> Printout:
            """On the till's printer, or, without one, a PDF in the reports folder."""
            printed = self.session.service.print_report(report)
            if printed is not None:
                return printed
            private_folder(self.reports_dir)
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            path = self.reports_dir / f"report-{report.kind}-{stamp}.pdf"
            write_private(path, self.session.service.report_pdf(report))
            return Printout(str(path))

        def printed(printout: Printout) -> None:
            if printout.job is None:
                dialog.message.setText(self.tr("Printed: {where}").format(where=printout.where))
                return
            dialog.message.setText(self.tr("Sent to the printer…"))
            self._window.print_jobs.follow(
                printout.job,
                lambda outcome: dialog.message.setText(self._job_words(outcome)),
            )

        dialog.print_requested.connect(lambda: self._run(save, printed))
        if report.kind is ReportKind.Z and self.after_z is not None and manager is not None:
            self.after_z(dialog, manager)
        self._window.open_dialog(dialog)

    def _open_drawer(self, manager: StaffMember) -> None:
        """Audited; the drawer's trouble, if any, is said by ui/receipt_progress.py."""
        self._run(
            lambda: self.session.service.open_drawer(manager, now=datetime.now()),
            lambda _: self.view.notice.say(self.tr("The cash drawer is opening.")),
        )

    def _job_words(self, outcome: JobOutcome) -> str:
        """A duplicate's or a report's fate, for the dialog that asked for it ({number}:
        the receipt's, where there is one)."""
        state = state_words(outcome.state)
        if outcome.phase is JobPhase.PRINTED:
            return self.tr("Printed.") if outcome.kind == "report" else self.tr(
                "A duplicate of receipt {number} was printed.")  # fmt: skip
        if outcome.phase is JobPhase.WAITING:
            return self.tr("Waiting for the printer: {state}.").format(state=state)
        return self.tr("Not printed (printer: {state}). Try again once it is ready.").format(
            state=state
        )

    def _show_bills(self, bills: list[BillSummary]) -> None:
        dialog = BillsDialog(bills, self._window)
        service = self.session.service

        numbers = {bill.bill_id: bill.local_no for bill in bills}

        def reprint(bill_id: str) -> None:
            def printed(printout: Printout | None) -> None:
                number = numbers.get(bill_id, 0)
                if printout is None:
                    text = self.tr("No printer is set up: receipt {number} was not printed.")
                elif printout.job is None:
                    log.info("duplicate of receipt %s printed to %s", number, printout.where)
                    text = self.tr("A duplicate of receipt {number} was printed.")
                else:
                    text = self.tr("Printing a duplicate of receipt {number}…")
                    self._window.print_jobs.follow(
                        printout.job,
                        lambda outcome: dialog.message.setText(
                            self._job_words(outcome).format(number=number)
                        ),
                    )
                dialog.message.setText(text.format(number=number))

            self._run(lambda: service.reprint(bill_id, self.session.actor), printed)

        def void(bill_id: str, reason: str) -> None:
            dialog.accept()
            self.as_manager(
                self.tr("void a bill"),
                lambda manager: self._run(
                    lambda: service.void_bill(manager, bill_id, reason, now=datetime.now()),
                    lambda _: self.view.notice.say(self.tr("The bill was voided.")),
                ),
            )

        dialog.reprint_requested.connect(reprint)
        dialog.void_requested.connect(void)
        self._window.open_dialog(dialog)
