"""The sale screen: open bills, the menu, the bill, the customer, and the actions."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from loyalty import formatting
from loyalty.catalog import Product
from loyalty.customers import CustomerState
from pos_terminal.domain.priced import PricedBill
from pos_terminal.services.bills import ClosedBill
from pos_terminal.services.identify import Identification, IdentifyStatus
from pos_terminal.services.receipts import Printout
from pos_terminal.services.terminal import Menu
from pos_terminal.ui.bill_panel import BillPanel
from pos_terminal.ui.change_due import ChangeDueSheet
from pos_terminal.ui.customer_strip import CustomerStrip
from pos_terminal.ui.layouts import clear_layout
from pos_terminal.ui.notice import Notice
from pos_terminal.ui.sale_presenter import OpenBill, SalePresenter

log = logging.getLogger(__name__)

TILE_WIDTH = 170  # px per product tile, so a row holds as many as fit
BILL_SHARE, BILL_WIDTH_LEAST, BILL_WIDTH_MOST = 0.4, 440, 640  # the right column, in px


def bill_column_width(screen_width: int) -> int:
    """The right column's width: set by the screen alone, never by what it shows."""
    return max(BILL_WIDTH_LEAST, min(BILL_WIDTH_MOST, round(screen_width * BILL_SHARE)))


class ProductTile(QPushButton):
    """A product as a large button: the name (wrapped) over the price."""

    def __init__(self, product: Product) -> None:
        super().__init__()
        self.setObjectName(f"product-{product.id}")
        self.setProperty("role", "tile")
        self.setMinimumSize(TILE_WIDTH - 20, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        name = QLabel(product.name)
        name.setWordWrap(True)
        price = QLabel(f"<b>{formatting.money(product.price)}</b>")
        for label in (name, price):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setStyleSheet("background: transparent;")
            layout.addWidget(label)


class SaleView(QWidget):
    customer_requested = Signal()
    card_number_requested = Signal()
    voucher_requested = Signal()
    payment_requested = Signal()
    demo_tap_requested = Signal()
    menu_requested = Signal()
    discounts_requested = Signal()
    line_discount_requested = Signal(str)  # a bill line's id
    limit_override_requested = Signal()
    rename_requested = Signal()
    quick_add_requested = Signal(str)  # a card code, or "" for none
    assign_card_requested = Signal(str)  # a card code for an existing customer

    def __init__(self, presenter: SalePresenter, *, demo: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.presenter = presenter
        self._state: CustomerState | None = None
        self._priced: PricedBill | None = None
        self._products: tuple[Product, ...] = ()
        self._category: str | None = None
        self._demo = demo
        self.card_beep = False  # the setting; the strip flashes either way
        self.beep: Callable[[], None] = QApplication.beep  # the X bell: a till's speaker
        self._shown_columns = 0
        root = QVBoxLayout(self)
        self.tabs = QHBoxLayout()
        root.addLayout(self.tabs)
        body = QHBoxLayout()
        root.addLayout(body, 1)
        left = QVBoxLayout()
        self.categories = QGridLayout()
        self.categories.setSpacing(6)
        left.addLayout(self.categories)
        self.tile_scroll = QScrollArea()
        self.tile_scroll.setWidgetResizable(True)
        self._tiles = QWidget()
        self.tile_grid = QGridLayout(self._tiles)
        self.tile_grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.tile_scroll.setWidget(self._tiles)
        left.addWidget(self.tile_scroll, 1)
        body.addLayout(left, 1)
        self.right = QWidget()
        right = QVBoxLayout(self.right)
        right.setContentsMargins(0, 0, 0, 0)
        self.customer = CustomerStrip()
        self.customer.clear_button.clicked.connect(self._remove_customer)
        self.customer.find_button.clicked.connect(self.customer_requested.emit)
        self.customer.number_button.clicked.connect(self.card_number_requested.emit)
        right.addWidget(self.customer)
        self.bill = BillPanel(
            on_quantity=presenter.change_quantity,
            on_remove=presenter.remove_line,
            on_discount=self.line_discount_requested.emit,
        )
        right.addWidget(self.bill, 1)
        right.addLayout(self._actions(demo))
        body.addWidget(self.right)
        # Over the screen, not in its layouts: a message never pushes the grid down.
        self.notice = Notice(self)
        presenter.catalog_loaded.connect(self.show_menu)
        presenter.bills_changed.connect(self.show_bills)
        presenter.priced.connect(self.show_priced)
        presenter.identified.connect(self.on_identified)
        presenter.failed.connect(self._failed)
        # Bound methods only: Qt drops them when this view is deleted, a lambda it would
        # keep calling into a deleted widget.
        self.change_due = ChangeDueSheet(self)
        presenter.closed.connect(self._closed)
        presenter.printed.connect(self._printed)

    def _actions(self, demo: bool) -> QGridLayout:
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {
            "customer": self.customer.find_button,
            "card-number": self.customer.number_button,
        }
        buttons = [
            ("voucher", self.tr("Voucher"), self.voucher_requested.emit),
            ("credits", self.tr("Remove credits"), self._toggle_credits),
            ("discounts", self.tr("Discounts"), self.discounts_requested.emit),
        ]
        for index, (name, text, action) in enumerate(buttons):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setProperty("role", "action")
            button.clicked.connect(action)
            # Ignored: a longer label ("Restore credits") never widens the column.
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            grid.addWidget(button, 0, index)
            self.buttons[name] = button
        self.button_credits = self.buttons["credits"]
        self.pay = QPushButton(self.tr("Pay"))
        self.pay.setObjectName("pay")
        self.pay.setProperty("role", "pay")
        self.pay.setMinimumHeight(72)
        self.pay.clicked.connect(self.payment_requested.emit)
        grid.addWidget(self.pay, 1, 0, 1, len(buttons))
        return grid

    def _failed(self, text: str) -> None:
        self.notice.say(text, stays=True)  # an error waits until the cashier has read it

    def _closed(self, closed: ClosedBill) -> None:
        self.notice.hide()
        self.change_due.show_for(closed)

    def _printed(self, closed: ClosedBill, printout: Printout | None) -> None:
        if printout is None or printout.job is not None:
            return  # no printer; or on its way to the till's (ui/receipt_progress.py)
        log.info("receipt printed to %s", printout.where)  # for the log only
        if self.change_due.isVisible():
            self.change_due.show_printed()
        else:
            self.notice.say(self.tr("Receipt {number} printed.").format(number=closed.local_no))

    @property
    def products(self) -> tuple[Product, ...]:
        """The menu as loaded (every category)."""
        return self._products

    def _remove_customer(self) -> None:
        self.presenter.attach_customer(None)

    def _toggle_credits(self) -> None:
        self.presenter.set_credits_removed(not self.presenter.bill.credits_removed)

    # Showing ----------------------------------------------------------------------------

    def show_menu(self, menu: Menu) -> None:
        self._products = menu.products
        per_row = (len(menu.categories) + 1) // 2  # two rows of categories fit any width
        for index, category in enumerate(menu.categories):
            button = QPushButton(category.name)
            button.setObjectName(f"category-{category.id}")
            button.setProperty("role", "category")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, c=category.id: self._show_category(c))
            self.categories.addWidget(button, index // per_row, index % per_row)
        if menu.categories:
            self._show_category(menu.categories[0].id)

    def _show_category(self, category_id: str) -> None:
        for index in range(self.categories.count()):
            item = self.categories.itemAt(index)
            button = item.widget() if item is not None else None
            if isinstance(button, QPushButton):
                button.setChecked(button.objectName() == f"category-{category_id}")
        clear_layout(self.tile_grid)
        self._category = category_id
        products = [p for p in self._products if p.category_id == category_id]
        columns = self._columns()
        for index, product in enumerate(products):
            tile = ProductTile(product)
            tile.clicked.connect(lambda _=False, p=product: self._add(p))
            self.tile_grid.addWidget(tile, index // columns, index % columns)
        self._shown_columns = columns

    def _add(self, product: Product) -> None:
        self.change_due.hide()  # the next product: the change was given
        self.presenter.add_product(product)

    def _columns(self) -> int:
        return max(2, min(6, self._tiles.width() // TILE_WIDTH))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.right.setFixedWidth(bill_column_width(self.width()))
        self.change_due.setGeometry(self.rect())
        self.notice.place(self._notice_area)
        if self._category is not None and self._columns() != self._shown_columns:
            self._show_category(self._category)

    def _notice_area(self) -> QRect:
        """Over the product grid: the bill and its total stay in sight under a question."""
        top_left = self.tile_scroll.mapTo(self, self.tile_scroll.rect().topLeft())
        return QRect(top_left, self.tile_scroll.size())

    def show_bills(self, payload: tuple[tuple[OpenBill, ...], int]) -> None:
        bills, current = payload
        clear_layout(self.tabs)
        for index, open_bill in enumerate(bills):
            button = QPushButton(open_bill.name or self.tr("Bill"))
            button.setObjectName(f"bill-tab-{index}")
            button.setCheckable(True)
            button.setChecked(index == current)
            button.clicked.connect(lambda _=False, i=index: self.presenter.switch_to(i))
            self.tabs.addWidget(button)
        new = QPushButton(self.tr("+ New bill"))
        new.setObjectName("new-bill")
        new.clicked.connect(self.presenter.new_bill)
        self.tabs.addWidget(new)
        rename = QPushButton(self.tr("Name"))
        rename.setObjectName("rename-bill")
        rename.clicked.connect(self.rename_requested.emit)
        self.tabs.addWidget(rename)
        self.tabs.addStretch(1)
        if self._demo:  # demo mode: a visible stand-in for a card reader
            tap = QPushButton(self.tr("Simulate card tap"))
            tap.setObjectName("demo-tap")
            tap.clicked.connect(self.demo_tap_requested.emit)
            self.tabs.addWidget(tap)
        menu = QPushButton(self.tr("Menu"))
        menu.setObjectName("menu")
        menu.clicked.connect(self.menu_requested.emit)
        self.tabs.addWidget(menu)

    def show_priced(self, priced: PricedBill, state: CustomerState | None) -> None:
        self._priced, self._state = priced, state
        self.bill.show_bill(priced)
        self.customer.show_state(state, priced)
        available = state is not None and state.has_credits
        if state is None:  # greyed out with its reason: a touch screen shows no tooltips
            text = self.tr("Credits")
        elif not available:
            text = self.tr("No credits")
        elif priced.bill.credits_removed:
            text = self.tr("Restore credits")
        else:
            text = self.tr("Remove credits")
        self.button_credits.setText(text)
        self.button_credits.setEnabled(available)
        self.pay.setEnabled(bool(priced.lines))
        self.pay.setText(
            self.tr("Pay {amount}").format(amount=formatting.money(priced.total))
            if priced.lines
            else self.tr("Pay")
        )

    # Customers --------------------------------------------------------------------------

    def on_identified(self, result: Identification) -> None:
        state = result.state
        name = state.customer.name if state else ""
        messages = {
            IdentifyStatus.UNKNOWN_CARD: self.tr("No card {code} is known on this terminal."),
            IdentifyStatus.BLOCKED_CARD: self.tr("The card of {name} is blocked."),
            IdentifyStatus.EXPIRED_CARD: self.tr("The card of {name} has expired."),
            IdentifyStatus.AMBIGUOUS_CARD: self.tr(
                "This read fits several cards; ask for the card number."
            ),
            IdentifyStatus.UNREADABLE: self.tr("The reader sent something that is not a card."),
            IdentifyStatus.DEACTIVATED: self.tr("{name} is deactivated."),
            IdentifyStatus.UNKNOWN_CUSTOMER: self.tr("This customer is not on this terminal."),
        }
        if result.status is IdentifyStatus.UNKNOWN_CARD:
            code = result.read
            self.notice.choose(
                self.tr("No card {code} is known on this terminal. Give it to a customer?").format(
                    code=code
                ),
                [
                    (self.tr("New customer"), lambda: self.quick_add_requested.emit(code)),
                    (self.tr("Existing customer"), lambda: self.assign_card_requested.emit(code)),
                ],
                dismiss=self.tr("Cancel"),
            )
            return
        if not result.found or state is None:
            self.notice.say(messages[result.status].format(code=result.read, name=name))
            return
        current = self._state
        if current is not None and current.customer.id != state.customer.id:
            self.notice.ask(
                self.tr("Replace {old} with {new} on this bill?").format(
                    old=current.customer.name, new=name
                ),
                self.tr("Replace"),
                self.tr("Keep"),
                lambda: self.presenter.attach_customer(state.customer.id),
            )
            return
        self.notice.hide()
        self.customer.flash()  # the cashier sees the tap was taken without reading the strip
        if self.card_beep:
            self.beep()
        self.presenter.attach_customer(state.customer.id)
