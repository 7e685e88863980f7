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
from pos_terminal.services.terminal import CustomerHit
from pos_terminal.ui.keypad import Keyboard, Keypad
from pos_terminal.ui.layouts import answer_row

SEARCH_DELAY_MS = 120  # wait for a pause in typing; each search takes a few ms


class CustomerSearchDialog(QDialog):
    """`search(query, on_results)` runs off the GUI thread; a pick emits `picked(id)`."""

    picked = Signal(str)
    new_customer_requested = Signal()

    def __init__(
        self,
        search: Callable[[str, Callable[[list[CustomerHit]], None]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Customer"))
        self._search = search
        self._query_shown = ""
        outer = QHBoxLayout(self)
        layout = QVBoxLayout()
        outer.addLayout(layout, 2)
        self.query = QLineEdit()
        self.query.setObjectName("query")
        self.query.setPlaceholderText(self.tr("Name, phone or e-mail"))
        layout.addWidget(self.query)
        self.results = QListWidget()
        self.results.setObjectName("results")
        self.results.itemClicked.connect(self._pick)
        layout.addWidget(self.results, 1)
        self.hint = QLabel()
        self.hint.setProperty("role", "muted")
        layout.addWidget(self.hint)
        side = QVBoxLayout()
        side.addWidget(Keyboard(self.query))
        side.addStretch(1)
        new = QPushButton(self.tr("New customer"))
        new.setObjectName("new-customer")
        new.clicked.connect(self._new_customer)
        side.addWidget(new)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        side.addWidget(close)
        outer.addLayout(side, 3)
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

        def show(hits: list[CustomerHit]) -> None:
            self._show(query, hits)

        self._search(query, show)

    def _show(self, query: str, hits: list[CustomerHit]) -> None:
        if query != self.query.text():
            return  # an older keystroke's answer
        self.results.clear()
        for hit in hits:
            customer = hit.customer
            number = formatting.phone(customer.phone) if customer.phone else None
            details = " · ".join(x for x in (number, customer.email) if x)
            text = f"{customer.name}\n{details}"
            if hit.deactivated:
                text += "  " + self.tr("(deactivated)")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, customer.id)
            self.results.addItem(item)
        self.hint.setText(self.tr("{count} found").format(count=len(hits)) if query.strip() else "")

    def _pick(self, item: QListWidgetItem) -> None:
        self.picked.emit(item.data(Qt.ItemDataRole.UserRole))
        self.accept()


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
