"""Finding the customer: search as you type (name, phone, e-mail) or a card number."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from loyalty import formatting
from loyalty.card_codes import normalise_code
from pos_terminal.services.terminal import CustomerHit, CustomerSearch
from pos_terminal.ui.customer_rows import ROW_DATA, CustomerRowDelegate, RowText
from pos_terminal.ui.keypad import Keyboard, Keypad
from pos_terminal.ui.layouts import answer_row

SEARCH_DELAY_MS = 120  # wait for a pause in typing; each search takes a few ms
KEY_LEAST = 48  # px: a key's narrowest (the theme's QPushButton[role="key"])
Search = Callable[[str, Callable[[CustomerSearch], None]], None]


class CustomerSearchDialog(QDialog):
    """`search(query, on_results)` runs off the GUI thread (the rows' group, card and
    credits come with the results); a pick emits `picked(id)`."""

    picked = Signal(str)
    new_customer_requested = Signal()

    def __init__(self, search: Search, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Customer"))
        self._search = search
        outer = QHBoxLayout(self)
        column = QVBoxLayout()
        outer.addLayout(column, 1)  # the results take what the keyboard leaves
        self.query = QLineEdit()
        self.query.setObjectName("query")
        self.query.setPlaceholderText(self.tr("Name, phone or e-mail"))
        column.addWidget(self.query)
        self.results = QListWidget()
        self.results.setObjectName("results")
        self.results.setItemDelegate(CustomerRowDelegate(self.results))
        self.results.setUniformItemSizes(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.itemClicked.connect(self._pick)
        column.addWidget(self.results, 1)
        self.hint = QLabel()
        self.hint.setObjectName("search-hint")
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)
        column.addWidget(self.hint)
        side = QVBoxLayout()
        keyboard = Keyboard(self.query)
        keyboard.setMaximumWidth(_narrowest(keyboard))  # the results' room for an e-mail
        side.addWidget(keyboard)
        side.addStretch(1)
        new = QPushButton(self.tr("New customer"))
        new.setObjectName("new-customer")
        new.clicked.connect(self._new_customer)
        side.addWidget(new)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        side.addWidget(close)
        outer.addLayout(side, 0)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._run)
        self.query.textChanged.connect(lambda _: self._timer.start())

    def _new_customer(self) -> None:
        self.reject()
        self.new_customer_requested.emit()

    def _run(self) -> None:
        query = self.query.text()

        def show(found: CustomerSearch) -> None:
            self._show(query, found)

        self._search(query, show)

    def _show(self, query: str, found: CustomerSearch) -> None:
        if query != self.query.text():
            return  # an older keystroke's answer
        self.results.clear()
        for hit in found.hits:
            row = self._row(hit)
            item = QListWidgetItem(row.plain())
            item.setData(Qt.ItemDataRole.UserRole, hit.customer.id)
            item.setData(ROW_DATA, row)
            self.results.addItem(item)
        self.hint.setText(self._hint(query, found))

    def _row(self, hit: CustomerHit) -> RowText:
        customer = hit.customer
        name = customer.name
        if hit.deactivated:
            name += "  " + self.tr("(deactivated)")
        card = self.tr("Card {number}").format(number=hit.card_number) if hit.card_number else ""
        return RowText(
            name=name,
            credits=self.tr("Credits {amount}").format(amount=formatting.money(hit.credits)),
            phone=formatting.phone(customer.phone) if customer.phone else "",
            card=card,
            email=customer.email or "",
            group=hit.group_name or "",
            deactivated=hit.deactivated,
            has_credits=hit.credits.minor > 0,
        )

    def _hint(self, query: str, found: CustomerSearch) -> str:
        if not query.strip():
            return ""
        if not found.hits:
            return self.tr("0 found. Try the phone number, or the number on the card (Card no.).")
        if found.more:
            more = formatting.count(found.more)
            if found.more_at_least:
                return self.tr("{count}+ more — keep typing").format(count=more)
            return self.tr("{count} more — keep typing").format(count=more)
        return self.tr("{count} found").format(count=len(found.hits))

    def _pick(self, item: QListWidgetItem) -> None:
        self.picked.emit(item.data(Qt.ItemDataRole.UserRole))
        self.accept()


def _narrowest(keyboard: Keyboard) -> int:
    """The keyboard's width with every key at KEY_LEAST."""
    grid = keyboard.layout()
    if grid is None:
        return keyboard.maximumWidth()
    columns, margins = len(Keyboard.ROWS[0]), grid.contentsMargins()
    gaps = (columns - 1) * grid.spacing() + margins.left() + margins.right()
    return columns * KEY_LEAST + gaps


CARD_NUMBER_LENGTH = (4, 20)  # a printed number ("1001") to a 13-digit reader code


class CardNumberDialog(QDialog):
    """The number printed on a card, or a code a reader shows, checked before a look-up."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Card number"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("The number printed on the card")))
        self.number = QLineEdit()
        self.number.setObjectName("card-number")
        layout.addWidget(self.number)
        self.error = QLabel()
        self.error.setProperty("role", "warning")
        self.error.setObjectName("card-number-error")
        layout.addWidget(self.error)
        layout.addWidget(Keypad(self.number))
        row, _ = answer_row(
            (self.tr("Cancel"), self.reject), (self.tr("OK"), self._check), ok_name="card-number-ok"
        )
        layout.addLayout(row)

    def take_card(self, code: str) -> None:
        """A card read while the number is asked for: it is the number."""
        self.number.setText(code)
        self._check()

    def _check(self) -> None:
        typed = self.number.text().strip()
        shortest, longest = CARD_NUMBER_LENGTH
        try:
            normalise_code(typed)  # the characters the readers' forms are made of
        except ValueError:
            self.error.setText(self.tr("A card number has digits only (a code may hold A–F)."))
            return
        if not shortest <= len(typed) <= longest:
            self.error.setText(self.tr("A card number has 4 to 20 digits."))
            return
        self.accept()
