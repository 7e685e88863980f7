"""Signing in with a PIN on a large keypad; opening the shift with its cash float."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from loyalty import formatting
from loyalty.errors import DomainError
from loyalty.money import Money
from pos_terminal.domain.pin_pad import PadStep, PinLengths
from pos_terminal.domain.staff import WrongPinError
from pos_terminal.ui.i18n import user_message
from pos_terminal.ui.keypad import Keypad
from pos_terminal.ui.layouts import answer_row


class LoginView(QWidget):
    login_requested = Signal(str)  # the PIN
    try_requested = Signal(str)  # the digits so far: a shorter PIN's length was reached

    def __init__(self, terminal: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        outer.addLayout(column, 2)
        outer.addStretch(1)
        title = QLabel(self.tr("{terminal}: enter your PIN").format(terminal=terminal))
        title.setProperty("role", "total")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addStretch(1)
        column.addWidget(title)
        self.pin = QLineEdit()
        self.pin.setObjectName("pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin.returnPressed.connect(self._submit)
        self.pin.textChanged.connect(self._typed)
        self.lengths = PinLengths()  # none known: Sign in is tapped (set by the session)
        self._missed: str | None = None
        column.addWidget(self.pin)
        self.error = QLabel()
        self.error.setObjectName("login-error")
        self.error.setProperty("role", "alert")  # big: the cashier looks at the keypad
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.error)
        column.addWidget(Keypad(self.pin))
        self.sign_in = QPushButton(self.tr("Sign in"))
        self.sign_in.setObjectName("sign-in")
        self.sign_in.setProperty("role", "primary")
        self.sign_in.clicked.connect(self._submit)
        column.addWidget(self.sign_in)
        column.addStretch(1)

    def missed(self, digits: str) -> None:
        """The quiet try of `digits` found no PIN of that length."""
        self._missed = digits

    def _typed(self, text: str) -> None:
        step = self.lengths.step(len(text))
        if step is PadStep.SIGN_IN:
            self._submit()
        elif step is PadStep.TRY:
            self.try_requested.emit(text)

    def _submit(self) -> None:
        pin = self.pin.text()
        self.pin.clear()
        if pin and pin == self._missed and self.lengths.complete:
            # Tried already against every PIN of this length: the same miss, not a second
            # guess for the PIN guard to count.
            self.show_error(user_message(WrongPinError("Wrong PIN")))
        elif pin:
            self.error.clear()
            self.login_requested.emit(pin)
        self._missed = None

    def set_lengths(self, lengths: PinLengths) -> None:
        self.lengths = lengths

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.pin.setFocus()


FLOAT_QUICK = (10000, 20000, 50000)  # grosze: the floats a restaurant counts in most


class OpenShiftDialog(QDialog):
    """The cash float counted into the drawer at the start of a shift."""

    def __init__(self, cashier: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open shift"))
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("{name}, count the cash float in the drawer:").format(name=cashier))
        label.setWordWrap(True)
        layout.addWidget(label)
        self.amount = QLineEdit()  # empty: nothing to delete before typing
        self.amount.setObjectName("float")
        self.amount.setPlaceholderText("0,00")
        field = QHBoxLayout()
        field.addWidget(self.amount, 1)
        unit = QLabel("zł")
        unit.setObjectName("float-unit")
        field.addWidget(unit)
        layout.addLayout(field)
        quick = QHBoxLayout()
        for minor in FLOAT_QUICK:
            button = QPushButton(formatting.money(Money(minor)))
            button.setObjectName(f"float-{minor}")
            button.clicked.connect(lambda _=False, m=minor: self.amount.setText(Money(m).format()))
            quick.addWidget(button)
        layout.addLayout(quick)
        layout.addWidget(Keypad(self.amount, comma=True))
        self.error = QLabel()
        self.error.setProperty("role", "warning")
        layout.addWidget(self.error)
        # Cancel goes back to the sign-in: the next cashier may be the one to open the shift.
        row, self.ok = answer_row(
            (self.tr("Cancel"), self.reject),
            (self.tr("Open shift"), self._check),
            ok_name="open-shift",
        )
        layout.addLayout(row)

    def float_amount(self) -> Money:
        return Money.parse(self.amount.text() or "0")

    def _check(self) -> None:
        try:
            amount = self.float_amount()
        except DomainError as error:
            self.error.setText(user_message(error))
            return
        if amount.is_negative:
            self.error.setText(self.tr("The float cannot be negative"))
            return
        self.ok.setText(self.tr("Open shift with {amount}").format(amount=formatting.money(amount)))
        self.accept()
