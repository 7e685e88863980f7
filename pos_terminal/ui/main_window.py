"""The window: the sale screen, the dialogs it opens, and the status strip."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hardware.events import CardRead, ReaderState, ReaderStatus
from loyalty.customers import Customer, CustomerGroup
from loyalty.discounts import Discount
from loyalty.money import Money
from pos_terminal.services.customers import NewCustomer
from pos_terminal.services.terminal import CustomerSearch, TerminalService
from pos_terminal.ui.customer_dialog import CardNumberDialog, CustomerSearchDialog
from pos_terminal.ui.dialog_frame import Backdrop, add_title
from pos_terminal.ui.discounts_dialog import DiscountsDialog
from pos_terminal.ui.i18n import user_message
from pos_terminal.ui.keypad import Keyboard
from pos_terminal.ui.layouts import answer_row
from pos_terminal.ui.payment_dialog import PaymentDialog
from pos_terminal.ui.quick_add_dialog import QuickAddDialog
from pos_terminal.ui.sale_presenter import SalePresenter
from pos_terminal.ui.sale_view import SaleView
from pos_terminal.ui.starting_page import StartingPage
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
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)  # a till runs full screen; a grip is a stray square
        self.terminal_label = QLabel(self.tr("{terminal} · cashier {cashier}").format(
            terminal=terminal, cashier=cashier))  # fmt: skip
        self.reader_label = QLabel(self.tr("Reader: none"))
        self.reader_label.setObjectName("reader-status")
        self.crm_label = QLabel()
        self.crm_label.setObjectName("crm-status")
        self.crm_link, self.pending_ops = NOT_CONFIGURED, 0
        self._show_crm()
        for label in (self.terminal_label, self.reader_label, self.crm_label):
            bar.addWidget(label)
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
        }
        self.reader_label.setText(self.tr("Reader: {state}").format(state=names[status.state]))
        self.reader_label.setToolTip(status.detail)

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
        self.dialogs = SaleDialogs(self, presenter, service, runner, view)
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


class SaleDialogs:
    """The dialogs the sale screen opens, and what their answers do."""

    def __init__(
        self,
        window: MainWindow,
        presenter: SalePresenter,
        service: TerminalService,
        runner: TaskRunner,
        view: SaleView,
    ) -> None:
        self.window, self.presenter, self.service = window, presenter, service
        self.runner, self.view = runner, view
        view.customer_requested.connect(self.open_search)
        view.card_number_requested.connect(self.open_card_number)
        view.voucher_requested.connect(self.open_voucher)
        view.payment_requested.connect(self.open_payment)
        view.quick_add_requested.connect(self.open_quick_add)
        view.assign_card_requested.connect(self.assign_card)
        view.discounts_requested.connect(self.open_discounts)
        view.rename_requested.connect(self.open_rename)

    def search(self, query: str, done: Callable[[CustomerSearch], None]) -> None:
        self.runner.run_db(lambda: self.service.search(query), done)

    def open_search(self) -> None:
        dialog = CustomerSearchDialog(self.search, self.window)
        dialog.picked.connect(self.presenter.identify_customer)
        dialog.new_customer_requested.connect(lambda: self.open_quick_add(""))
        self.window.open_dialog(dialog)

    def open_quick_add(self, card_code: str) -> None:
        actor = self.presenter.signed_in()

        def save(
            form: NewCustomer,
            manager_pin: str,
            on_saved: Callable[[Customer], None],
            on_error: Callable[[BaseException], None],
        ) -> None:
            self.runner.run_db(
                lambda: self.service.add_customer(
                    form, now=datetime.now(), actor=actor, manager_pin=manager_pin
                ),
                on_saved,
                on_error,
            )

        def show(groups: list[CustomerGroup]) -> None:
            manager = actor is not None and actor.is_manager
            dialog = QuickAddDialog(
                groups, save, manager=manager, card_code=card_code, parent=self.window
            )
            dialog.added.connect(lambda customer: self.presenter.attach_customer(customer.id))
            self.window.open_dialog(dialog)

        self.runner.run_db(self.service.groups, show)

    def assign_card(self, card_code: str) -> None:
        dialog = CustomerSearchDialog(self.search, self.window)

        def picked(customer_id: str) -> None:
            self.runner.run_db(
                lambda: self.service.assign_card(customer_id, card_code, now=datetime.now()),
                lambda _: self.presenter.identify_customer(customer_id),
                lambda error: self.view.notice.say(user_message(error), stays=True),
            )

        dialog.picked.connect(picked)
        self.window.open_dialog(dialog)

    def open_discounts(self) -> None:
        priced = self.presenter.last_priced
        if priced is None:
            return

        def show(manual: list[Discount]) -> None:
            state = self.presenter.customer_state
            available = state is not None and state.has_credits
            dialog = DiscountsDialog(priced, manual, self.window, credits_available=available)
            dialog.credits_toggled.connect(self.presenter.set_credits_removed)
            dialog.manual_chosen.connect(self.presenter.set_manual_discount)
            dialog.limit_override_requested.connect(self.view.limit_override_requested.emit)
            self.window.open_dialog(dialog)

        self.runner.run_db(self.service.visible_discounts, show)

    def open_rename(self) -> None:
        """Name the open bill, e.g. after its table ("Stolik 4")."""
        dialog = QDialog(self.window)
        dialog.setWindowTitle(self.window.tr("Name the bill"))
        layout = QVBoxLayout(dialog)
        name = QLineEdit()
        name.setObjectName("bill-name")
        current = self.presenter.open_bills[self.presenter.current_index]
        name.setText(current.name)
        layout.addWidget(name)
        layout.addWidget(Keyboard(name))
        ok = QPushButton(self.window.tr("Save"))
        ok.setObjectName("save-name")
        ok.setProperty("role", "primary")
        ok.clicked.connect(dialog.accept)
        layout.addWidget(ok)
        dialog.accepted.connect(lambda: self.presenter.rename(name.text()))
        self.window.open_dialog(dialog)

    def open_card_number(self) -> None:
        dialog = CardNumberDialog(self.window)
        dialog.accepted.connect(lambda: self.presenter.identify_number(dialog.number.text()))
        self.window.open_dialog(dialog)

    def open_voucher(self) -> None:
        dialog = QDialog(self.window)
        dialog.setWindowTitle(self.window.tr("Voucher"))
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel(self.window.tr("Voucher code")))
        code = QLineEdit()
        code.setObjectName("voucher-code")
        layout.addWidget(code)
        hint = QLabel(self.window.tr("Type or scan the voucher's code."))
        hint.setObjectName("voucher-hint")
        layout.addWidget(hint)
        layout.addWidget(Keyboard(code))
        row, ok = answer_row(
            (self.window.tr("Cancel"), dialog.reject),
            (self.window.tr("Add voucher"), dialog.accept),
            ok_name="add-voucher",
        )
        ok.setEnabled(False)  # an empty code is explained, never sent
        code.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        layout.addLayout(row)
        dialog.accepted.connect(lambda: self.presenter.add_voucher(code.text()))
        self.window.open_dialog(dialog)

    def open_payment(self) -> None:
        priced = self.presenter.last_priced
        if priced is None or not priced.lines:
            return
        state = self.presenter.customer_state
        wallet = state.wallet if state is not None else Money(0)
        self.presenter.show_subtotal()
        limits = self.service.amount_limits
        dialog = PaymentDialog(priced.total, wallet=wallet, limits=limits, parent=self.window)
        dialog.accepted.connect(lambda: self.presenter.pay(dialog.tenders()))
        self.window.open_dialog(dialog)
