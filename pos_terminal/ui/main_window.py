"""The window: the sale screen, the dialogs it opens, and the status strip."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QMainWindow, QPushButton, QVBoxLayout

from hardware.events import CardRead, ReaderState, ReaderStatus
from pos_terminal.domain.money import Money
from pos_terminal.services.terminal import CustomerHit, TerminalService
from pos_terminal.ui.customer_dialog import CardNumberDialog, CustomerSearchDialog
from pos_terminal.ui.keypad import Keyboard
from pos_terminal.ui.payment_dialog import PaymentDialog
from pos_terminal.ui.sale_presenter import SalePresenter
from pos_terminal.ui.sale_view import SaleView
from pos_terminal.ui.tasks import TaskRunner


class MainWindow(QMainWindow):
    def __init__(self, *, terminal: str, cashier: str) -> None:
        super().__init__()
        self.setWindowTitle(f"POS — {terminal}")
        self.setMinimumSize(1024, 700)
        self.starting = QLabel(self.tr("Starting…"))
        self.setCentralWidget(self.starting)
        bar = self.statusBar()
        self.terminal_label = QLabel(self.tr("{terminal} · cashier {cashier}").format(
            terminal=terminal, cashier=cashier))  # fmt: skip
        self.reader_label = QLabel(self.tr("Reader: none"))
        self.reader_label.setObjectName("reader-status")
        self.crm_label = QLabel(self.tr("CRM: not configured"))
        for label in (self.terminal_label, self.reader_label, self.crm_label):
            bar.addWidget(label)
        self.sale: SaleView | None = None
        self.dialog: QDialog | None = None

    def show_progress(self, text: str) -> None:
        self.starting.setText(text)

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
        self.setCentralWidget(view)

        def search(query: str, done: Callable[[list[CustomerHit]], None]) -> None:
            runner.run_db(lambda: service.search(query), done)

        def open_search() -> None:
            dialog = CustomerSearchDialog(search, self)
            dialog.picked.connect(presenter.identify_customer)
            self._open(dialog)

        def open_card_number() -> None:
            dialog = CardNumberDialog(self)
            dialog.accepted.connect(lambda: presenter.identify_number(dialog.number.text()))
            self._open(dialog)

        def open_voucher() -> None:
            dialog = QDialog(self)
            dialog.setWindowTitle(self.tr("Voucher"))
            layout = QVBoxLayout(dialog)
            code = QLineEdit()
            code.setObjectName("voucher-code")
            layout.addWidget(code)
            layout.addWidget(Keyboard(code))
            ok = QPushButton(self.tr("Add voucher"))
            ok.setProperty("role", "primary")
            ok.clicked.connect(dialog.accept)
            layout.addWidget(ok)
            dialog.accepted.connect(lambda: presenter.add_voucher(code.text()))
            self._open(dialog)

        def open_payment() -> None:
            priced = presenter.last_priced
            if priced is None or not priced.lines:
                return
            state = view._state  # what the strip shows
            wallet = state.wallet if state is not None else Money(0)
            dialog = PaymentDialog(priced.total, wallet=wallet, parent=self)
            dialog.accepted.connect(lambda: presenter.pay(dialog.tenders()))
            self._open(dialog)

        view.customer_requested.connect(open_search)
        view.card_number_requested.connect(open_card_number)
        view.voucher_requested.connect(open_voucher)
        view.payment_requested.connect(open_payment)
        if demo_tap is not None:
            view.demo_tap_requested.connect(demo_tap)
        return view

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog  # kept for tests and screenshots
        dialog.resize(900, 640)
        dialog.open()

    def on_card_read(self, read: CardRead, presenter: SalePresenter) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.reject()  # a tap answers the question the dialog was asking
        presenter.identify_card(read.code)
