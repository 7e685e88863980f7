"""The window: the sale screen, the dialogs it opens, and the status strip."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from hardware.events import CardRead, ReaderState, ReaderStatus
from hardware.fiscal.port import DeviceState
from hardware.printers.status import NO_PRINTER, PrinterStatus
from pos_terminal.services.terminal import TerminalService
from pos_terminal.ui.dialog_frame import Backdrop, add_title
from pos_terminal.ui.printer_dialog import PrintJobs, needs_attention, strip_text
from pos_terminal.ui.sale_dialogs import SaleDialogs
from pos_terminal.ui.sale_presenter import SalePresenter
from pos_terminal.ui.sale_view import SaleView
from pos_terminal.ui.starting_page import StartingPage
from pos_terminal.ui.status_strip import StatusStrip
from pos_terminal.ui.tasks import TaskRunner
from sync.link_state import NOT_CONFIGURED, CrmLink, LinkState

DIALOG_WIDTH, DIALOG_HEIGHT = 960, 680  # px, at most; less on a smaller screen


class MainWindow(QMainWindow):
    link_shown = Signal(object)  # CrmLink, after the strip shows it (for open dialogs)

    def __init__(self, *, terminal: str, cashier: str) -> None:
        super().__init__()
        self.setWindowTitle(f"POS — {terminal}")
        self.setMinimumSize(800, 600)  # a small till still gets the whole screen
        self.starting = StartingPage()
        # Screens are pages of one stack: switching never deletes one (setCentralWidget would).
        self.pages = QStackedWidget()
        self.pages.addWidget(self.starting)
        self.setCentralWidget(self.pages)
        self.strip = StatusStrip(self)
        self.setStatusBar(self.strip)
        self.terminal_label = QLabel(self.tr("{terminal} · cashier {cashier}").format(
            terminal=terminal, cashier=cashier))  # fmt: skip
        self.reader_label = QLabel(self.tr("Reader: none"))
        self.reader_label.setObjectName("reader-status")
        self.crm_label = QLabel()
        self.crm_label.setObjectName("crm-status")
        self.crm_link, self.pending_ops = NOT_CONFIGURED, 0
        self._show_crm()
        self.printer_label = QLabel()
        self.printer_label.setObjectName("printer-status")
        self.fiscal_label = QLabel()  # shown once a fiscal printer is set (show_fiscal_state)
        self.fiscal_label.setObjectName("fiscal-status")
        self.fiscal_label.hide()
        self._printer_status = NO_PRINTER
        self.show_printer_status(NO_PRINTER)
        self.print_jobs = PrintJobs(self)  # the print queue's answers (the app feeds them)
        labels = (self.terminal_label, self.reader_label, self.printer_label, self.fiscal_label)
        for label in (*labels, self.crm_label):
            self.strip.add(label)
        self.sale: SaleView | None = None
        self.dialog: QDialog | None = None
        self.backdrop = Backdrop(self)
        self.kiosk = False  # set by --kiosk: only a manager closes the window (leave_kiosk)
        self._leaving = False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self.kiosk and not self._leaving:
            event.ignore()  # Alt+F4, or the session closing windows: the till stays up
            return
        super().closeEvent(event)

    def leave_kiosk(self) -> None:
        """A manager closed the terminal from the Menu."""
        self._leaving = True
        self.close()

    def show_progress(self, text: str) -> None:
        self.starting.say(text)

    def show_page(self, page: QWidget) -> None:
        if self.pages.indexOf(page) < 0:
            self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)

    def show_pending_ops(self, count: int) -> None:
        self.pending_ops = count
        self._show_crm()

    def show_crm_link(self, link: CrmLink) -> None:
        self.crm_link = link
        self.link_shown.emit(link)
        if link.enrolled:  # the engine counted the outbox just now
            self.pending_ops = link.pending
        if link.snapshot is not None and self.pages.currentWidget() is self.starting:
            self.starting.show_snapshot(link.snapshot)
        self._show_crm()

    def _show_crm(self) -> None:
        link = self.crm_link
        if link.state is LinkState.OFFLINE:
            since = link.since.strftime("%H:%M") if link.since else "?"
            text = self.tr("CRM: offline since {time}").format(time=since)
        elif link.state is LinkState.SYNCING and link.snapshot is not None:
            percent = link.snapshot.percent
            text = self.tr("CRM: syncing {percent} %").format(
                percent=percent if percent is not None else "…"
            )
        else:
            text = {
                LinkState.NOT_CONFIGURED: self.tr("CRM: not configured"),
                LinkState.CHECKING: self.tr("CRM: connecting…"),
                LinkState.ONLINE: self.tr("CRM: synced")
                if link.enrolled
                else self.tr("CRM: online"),
                LinkState.SYNCING: self.tr("CRM: syncing"),
                LinkState.BLOCKED: self.tr("CRM: sync blocked, enrol again"),
            }[link.state]
        pending = (
            max(self.pending_ops, link.pending)
            if link.state is not LinkState.ONLINE
            else self.pending_ops
        )
        if pending:
            text += " · " + self.tr("{count} waiting").format(count=pending)
        if link.rejected:
            text += " · " + self.tr("{count} rejected (Menu)").format(count=link.rejected)
        if link.clock_skewed and link.clock_offset_ms is not None:
            minutes = max(1, round(abs(link.clock_offset_ms) / 60_000))
            text += " · " + self.tr("clock off by {minutes} min").format(minutes=minutes)
        self.crm_label.setText(text)
        self.crm_label.setToolTip(link.detail)  # the reason, for a technician; not needed
        warn = (
            link.state in (LinkState.OFFLINE, LinkState.BLOCKED)
            or link.clock_skewed
            or link.rejected > 0
        )
        if self.crm_label.property("state") != ("warning" if warn else ""):
            self.crm_label.setProperty("state", "warning" if warn else "")
            self.crm_label.style().unpolish(self.crm_label)
            self.crm_label.style().polish(self.crm_label)

    def set_cashier(self, terminal: str, cashier: str | None) -> None:
        """Who is signed in; None once they signed out."""
        if cashier is None:
            text = self.tr("{terminal} · nobody signed in").format(terminal=terminal)
        else:
            text = self.tr("{terminal} · cashier {cashier}").format(
                terminal=terminal, cashier=cashier
            )
        self.terminal_label.setText(text)

    def show_reader_status(self, status: ReaderStatus) -> None:
        names = {
            ReaderState.CONNECTED: self.tr("connected"),
            ReaderState.DISCONNECTED: self.tr("unplugged"),
            ReaderState.PERMISSION_DENIED: self.tr("no permission"),
            ReaderState.LIBRARY_MISSING: self.tr("library missing"),
            ReaderState.SEARCHING: self.tr("looking for one"),  # none set (ui/reader_setup.py)
        }
        self.reader_label.setText(self.tr("Reader: {state}").format(state=names[status.state]))
        self.reader_label.setToolTip(status.detail)

    def show_printer_status(self, status: PrinterStatus) -> None:
        self._printer_status = status
        # With a fiscal printer and no receipt printer, the fiscal one prints the receipts:
        # "Printer: none (PDF)" would only mislead, and take the strip's room.
        self.printer_label.setVisible(
            not (status == NO_PRINTER and self.fiscal_label.isVisibleTo(self))
        )
        self.printer_label.setText(strip_text(status))
        self.printer_label.setToolTip(status.detail)  # for a technician
        state = "warning" if needs_attention(status) else ""
        if self.printer_label.property("state") != state:
            self.printer_label.setProperty("state", state)
            self.printer_label.style().unpolish(self.printer_label)
            self.printer_label.style().polish(self.printer_label)

    def show_fiscal_state(self, state: DeviceState | None) -> None:
        """The fiscal printer in the strip (None: not asked yet)."""
        words = {
            None: self.tr("checking…"),
            DeviceState.READY: self.tr("ready"),
            DeviceState.PAPER: self.tr("paper out"),
            DeviceState.COVER: self.tr("cover open"),
            DeviceState.TXN_OPEN: self.tr("receipt open"),
            DeviceState.REPORT_DUE: self.tr("daily report due"),
            DeviceState.OFFLINE: self.tr("offline"),
        }[state]
        self.fiscal_label.setText(self.tr("Fiscal: {state}").format(state=words))
        self.fiscal_label.show()
        self.show_printer_status(self._printer_status)
        warn = "" if state in (None, DeviceState.READY) else "warning"
        if self.fiscal_label.property("state") != warn:
            self.fiscal_label.setProperty("state", warn)
            self.fiscal_label.style().unpolish(self.fiscal_label)
            self.fiscal_label.style().polish(self.fiscal_label)

    def install_sale(
        self,
        presenter: SalePresenter,
        service: TerminalService,
        runner: TaskRunner,
        *,
        demo_tap: Callable[[], None] | None,
    ) -> SaleView:
        view = SaleView(presenter, demo=demo_tap is not None)
        self.sale = view
        self.show_page(view)
        self.dialogs = SaleDialogs(
            self, presenter, service, runner, view, open_dialog=self.open_dialog
        )
        if demo_tap is not None:
            view.demo_tap_requested.connect(demo_tap)
        return view

    def open_dialog(self, dialog: QDialog) -> None:
        self.dialog = dialog  # kept for tests and screenshots
        add_title(dialog)
        screen = self.screen().availableGeometry()
        dialog.resize(
            min(DIALOG_WIDTH, screen.width() - 40), min(DIALOG_HEIGHT, screen.height() - 40)
        )
        # Centred by hand: a till has no window manager to place it.
        dialog.move(screen.center() - dialog.rect().center())
        self.backdrop.cover_for(dialog)
        dialog.open()

    def on_card_read(self, read: CardRead, presenter: SalePresenter) -> None:
        if self.sale is None or self.pages.currentWidget() is not self.sale:
            return  # no bill to attach a customer to (signed out, starting)
        dialog = self.dialog
        if dialog is not None and dialog.isVisible():
            take_card = getattr(dialog, "take_card", None)
            if callable(take_card):  # the dialog asked for a card: the read is its answer
                take_card(read.code)
                return
            dialog.reject()  # any other dialog gives way to the bill's customer
        presenter.identify_card(read.code)
