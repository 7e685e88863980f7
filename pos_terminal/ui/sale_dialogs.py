"""The dialogs the sale screen opens, and what their answers do: customer search, quick-add,
a card for an existing customer, discounts (the bill's and a line's), naming the bill, the
card number, a voucher, payment. Each opens through `MainWindow.open_dialog`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from loyalty.customers import Customer, CustomerGroup
from loyalty.discounts import Discount
from loyalty.money import Money
from pos_terminal.services.customers import NewCustomer
from pos_terminal.services.terminal import CustomerSearch, TerminalService
from pos_terminal.ui.customer_dialog import CardNumberDialog, CustomerSearchDialog
from pos_terminal.ui.discounts_dialog import DiscountsDialog, LineDiscountDialog
from pos_terminal.ui.i18n import user_message
from pos_terminal.ui.keypad import Keyboard
from pos_terminal.ui.layouts import answer_row
from pos_terminal.ui.payment_dialog import PaymentDialog
from pos_terminal.ui.quick_add_dialog import QuickAddDialog
from pos_terminal.ui.sale_presenter import SalePresenter
from pos_terminal.ui.sale_view import SaleView
from pos_terminal.ui.tasks import TaskRunner


class SaleDialogs:
    """The dialogs the sale screen opens, and what their answers do."""

    def __init__(
        self,
        window: QWidget,
        presenter: SalePresenter,
        service: TerminalService,
        runner: TaskRunner,
        view: SaleView,
        *,
        open_dialog: Callable[[QDialog], None],
    ) -> None:
        # The window is the dialogs' parent (and their texts' context); they open through
        # `open_dialog` (title, backdrop, size: `MainWindow.open_dialog`).
        self.window, self._open = window, open_dialog
        self.presenter, self.service = presenter, service
        self.runner, self.view = runner, view
        view.customer_requested.connect(self.open_search)
        view.card_number_requested.connect(self.open_card_number)
        view.voucher_requested.connect(self.open_voucher)
        view.payment_requested.connect(self.open_payment)
        view.quick_add_requested.connect(self.open_quick_add)
        view.assign_card_requested.connect(self.assign_card)
        view.discounts_requested.connect(self.open_discounts)
        view.line_discount_requested.connect(self.open_line_discount)
        view.rename_requested.connect(self.open_rename)

    def search(self, query: str, done: Callable[[CustomerSearch], None]) -> None:
        self.runner.run_db(lambda: self.service.search(query), done)

    def open_search(self) -> None:
        dialog = CustomerSearchDialog(self.search, self.window)
        dialog.picked.connect(self.presenter.identify_customer)
        dialog.new_customer_requested.connect(lambda: self.open_quick_add(""))
        self._open(dialog)

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
            self._open(dialog)

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
        self._open(dialog)

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
            self._open(dialog)

        self.runner.run_db(self.service.visible_discounts, show)

    def open_line_discount(self, line_id: str) -> None:
        line = next((li for li in self.presenter.bill.lines if li.id == line_id), None)
        if line is None:
            return

        def show(manual: list[Discount]) -> None:
            dialog = LineDiscountDialog(
                line.product.name, line.manual_discount_id, manual, self.window
            )
            dialog.chosen.connect(lambda d: self.presenter.set_line_discount(line_id, d))
            self._open(dialog)

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
        self._open(dialog)

    def open_card_number(self) -> None:
        dialog = CardNumberDialog(self.window)
        dialog.accepted.connect(lambda: self.presenter.identify_number(dialog.number.text()))
        self._open(dialog)

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
        self._open(dialog)

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
        self._open(dialog)
