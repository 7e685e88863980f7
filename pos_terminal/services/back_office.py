"""The shift's and the manager's use-cases: open and close the shift with its X and Z
reports, print them, reprint a receipt, open the drawer, void a bill, the CRM's refused ops,
and the records a manager's acts leave in the audit log; and the store's backups.

A part of `TerminalService` (the screens hold one object): it works on that service's
store, printers and settings, each method in its own unit of work.
"""

from __future__ import annotations

import logging
import threading
from datetime import date, datetime

from loyalty.errors import DomainError
from loyalty.money import Money
from pos_terminal.db import backups
from pos_terminal.db.repositories.closed_bills import BillSummary
from pos_terminal.db.repositories.sync_queue import RejectedOp
from pos_terminal.db.store import Store
from pos_terminal.domain.amount_limits import AmountLimits
from pos_terminal.domain.shift_report import ReportKind, ShiftInfo, ShiftReport
from pos_terminal.domain.staff import StaffMember
from pos_terminal.receipts.report_pdf import render_report_pdf, report_document
from pos_terminal.services import shifts, staff
from pos_terminal.services.receipts import (
    Printout,
    ReceiptPrinter,
    ReceiptSettings,
    TillPrinter,
    duplicate,
)
from pos_terminal.services.staff import refusal_audited

log = logging.getLogger(__name__)
REPRINTED = "bill.reprinted"  # a duplicate receipt (audit log)
DRAWER_OPENED = "drawer.opened"  # a manager opened the cash drawer with no sale (audit log)
KIOSK_LEFT = "terminal.kiosk_left"  # a manager closed the kiosk from the Menu


class BackOffice:
    # Set by TerminalService.__init__.
    _store: Store
    _printer: ReceiptPrinter | None
    _receipts: ReceiptSettings | None
    _till: TillPrinter | None
    _backups_kept: int
    backing_up: threading.Thread | None
    amount_limits: AmountLimits

    def current_shift(self) -> ShiftInfo | None:
        with self._store.unit_of_work(read_only=True) as tx:
            return shifts.current_shift(tx)

    def open_shift(
        self, actor: StaffMember, float_minor: int, *, now: datetime, business_date: date
    ) -> ShiftInfo:
        self.amount_limits.check_float(Money(float_minor))
        with self._store.unit_of_work() as tx:
            return shifts.open_shift(tx, actor, float_minor, now=now, business_date=business_date)

    def shift_report(self, kind: ReportKind | str = ReportKind.X) -> ShiftReport:
        """The X reading of the open shift."""
        with self._store.unit_of_work(read_only=True) as tx:
            shift = tx.shifts.current()
            if shift is None:
                raise DomainError("no shift is open")
            return shifts.shift_report(tx, shift.id, kind)

    def close_shift(self, actor: StaffMember, *, now: datetime) -> ShiftReport:
        """Close the open shift with its Z report (a manager only), then back the store up
        (`db/backups.py`; a failed backup is logged, the report stands)."""
        refusal = refusal_audited(self._store, actor, "close the shift", None, now)
        with refusal, self._store.unit_of_work() as tx:
            report = shifts.close_shift(tx, actor, now=now)
        self._back_up("z-report", now)
        return report

    def _back_up(self, label: str, now: datetime) -> threading.Thread:
        """On a thread of its own: copying a large store takes seconds, and SQLite's backup
        blocks no writer. Not a daemon, so the process ends after the copy, not during it."""

        def copy() -> None:
            try:
                backups.take(self._store.path, label, now=now, keep=self._backups_kept)
            except backups.BackupFailedError:
                log.exception("the %s backup failed", label)

        thread = threading.Thread(target=copy, name=f"{label} backup")
        thread.start()
        self.backing_up = thread
        return thread

    def report_pdf(self, report: ShiftReport) -> bytes:
        settings = self._receipts
        if settings is None:
            return render_report_pdf(report)
        return render_report_pdf(
            report, language=settings.language, header=settings.header, terminal=settings.terminal
        )

    def bills_today(self, business_date: date) -> list[BillSummary]:
        """Bills closed (or since voided) on the business date, the latest first."""
        with self._store.unit_of_work(read_only=True) as tx:
            return tx.bills.closed_today(business_date)

    def reprint(
        self, bill_id: str, actor: StaffMember | None = None, *, now: datetime | None = None
    ) -> Printout | None:
        """Print a duplicate of a closed bill; where it went, or None without a printer.
        Each duplicate is in the audit log, with who asked for it."""
        if self._printer is None or self._receipts is None:
            return None
        with self._store.unit_of_work() as tx:
            number, document = duplicate(tx, bill_id, self._receipts)
            details = {"local_no": number}
            tx.audit.record(actor, REPRINTED, bill_id, details, now=now or datetime.now())
        return self._printer.print_receipt(document, number=number, duplicate=True)

    def print_report(self, report: ShiftReport) -> Printout | None:
        """An X or Z report on the till's printer; None without one (the screen then saves
        the PDF, `report_pdf`)."""
        if self._till is None:
            return None
        settings = self._receipts
        if settings is None:
            document = report_document(report)
        else:
            document = report_document(
                report, language=settings.language, header=settings.header,
                terminal=settings.terminal,
            )  # fmt: skip
        return self._till.print_report(document, label=str(report.kind))

    def open_drawer(self, actor: StaffMember, *, now: datetime) -> Printout:
        """A manager opens the cash drawer with no sale: audited, like every other act that
        touches cash."""
        refusal = refusal_audited(self._store, actor, "open the cash drawer", None, now)
        with refusal:
            staff.require_manager(actor, "open the cash drawer")
        kicked = self._till.open_drawer() if self._till is not None else None
        if kicked is None:
            raise DomainError(
                "No cash drawer is set up: it opens through the receipt printer (Settings,"
                " Printer)."
            )
        with self._store.unit_of_work() as tx:
            tx.audit.record(actor, DRAWER_OPENED, None, {"job": kicked.job}, now=now)
        return kicked

    def void_bill(self, actor: StaffMember, bill_id: str, reason: str, *, now: datetime) -> None:
        """Void a closed bill of the open shift (a manager only), giving back its effect on
        the customer's balances."""
        refusal = refusal_audited(self._store, actor, "void a bill", bill_id, now)
        with refusal, self._store.unit_of_work() as tx:
            shifts.void_bill(tx, actor, bill_id, reason, now=now)

    def record_limit_override(self, actor: StaffMember, bill_id: str, *, now: datetime) -> None:
        """A manager lifts the daily discount limit for one open bill: recorded, then applied
        by the screen (the bill's flag is saved with its draft)."""
        refusal = refusal_audited(self._store, actor, "lift the daily limit", bill_id, now)
        with refusal, self._store.unit_of_work() as tx:
            staff.require_manager(actor, "lift the daily limit")
            tx.audit.record(actor, "limit.overridden", bill_id, now=now)

    def x_report(self, actor: StaffMember, *, now: datetime) -> ShiftReport:
        """The X reading of the open shift, for a manager; recorded in the audit log."""
        refusal = refusal_audited(self._store, actor, "see the X report", None, now)
        with refusal, self._store.unit_of_work() as tx:
            staff.require_manager(actor, "see the X report")
            shift = tx.shifts.current()
            if shift is None:
                raise DomainError("no shift is open")
            tx.audit.record(actor, "report.x", shift.id, now=now)
            return shifts.shift_report(tx, shift.id, ReportKind.X)

    def record_setting(self, actor: StaffMember, key: str, value: object, *, now: datetime) -> None:
        """A manager changed a setting on the screen: recorded in the audit log."""
        refusal = refusal_audited(self._store, actor, "change settings", key, now)
        with refusal, self._store.unit_of_work() as tx:
            staff.require_manager(actor, "change settings")
            tx.audit.record(actor, "setting.changed", key, {"value": value}, now=now)

    def record_kiosk_left(self, actor: StaffMember, *, now: datetime) -> None:
        """A manager closed the terminal running as a kiosk: recorded in the audit log."""
        refusal = refusal_audited(self._store, actor, "close the terminal", None, now)
        with refusal, self._store.unit_of_work() as tx:
            staff.require_manager(actor, "close the terminal")
            tx.audit.record(actor, KIOSK_LEFT, None, now=now)

    def rejected_ops(self, actor: StaffMember) -> list[RejectedOp]:
        """Ops the CRM refused, with its reasons: a manager's queue in the Menu."""
        staff.require_manager(actor, "see the ops the CRM refused")
        with self._store.unit_of_work(read_only=True) as tx:
            return tx.sync_queue.rejected()

    def send_again(
        self, actor: StaffMember, terminal_seq: int, *, now: datetime
    ) -> list[RejectedOp]:
        """Put a refused op back in the queue (audited); the queue as it is then."""
        refusal = refusal_audited(self._store, actor, "send an op again", str(terminal_seq), now)
        with refusal, self._store.unit_of_work() as tx:
            staff.require_manager(actor, "send an op again")
            if not tx.sync_queue.send_again(terminal_seq):
                raise DomainError("op {number} is not waiting for a decision", number=terminal_seq)
            tx.audit.record(actor, "op.sent_again", str(terminal_seq), {}, now=now)
        with self._store.unit_of_work(read_only=True) as tx:
            return tx.sync_queue.rejected()

    def tidy_up(self, now: datetime | None = None) -> None:
        """Housekeeping for quiet moments: fold the WAL back into the database file, and
        back it up when the last backup is a day old."""
        self._store.checkpoint()
        now = now or datetime.now()
        if backups.due(self._store.path, now):
            self._back_up("daily", now)
