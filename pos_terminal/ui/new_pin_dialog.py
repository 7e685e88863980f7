"""A new PIN, typed twice: asked of a manager whose PIN is shorter than managers' PINs now
are (`domain.staff.pin_too_short`), before anything else at the till."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from pos_terminal.domain.staff import MANAGER_PIN_DIGITS
from pos_terminal.ui.keypad import Keypad
from pos_terminal.ui.layouts import answer_row


class NewPinDialog(QDialog):
    """`pin()` is the new PIN once both fields agree; the caller saves it via the services."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New PIN"))
        layout = QVBoxLayout(self)
        text = self.tr(
            "{name}, a manager's PIN now has at least {digits} digits. Choose a new one."
        ).format(name=name, digits=MANAGER_PIN_DIGITS)
        label = QLabel(text)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.first, self.second = QLineEdit(), QLineEdit()
        for field, name_, hint in (
            (self.first, "new-pin", self.tr("New PIN")),
            (self.second, "new-pin-again", self.tr("The same PIN again")),
        ):
            field.setObjectName(name_)
            field.setPlaceholderText(hint)
            field.setEchoMode(QLineEdit.EchoMode.Password)
            layout.addWidget(field)
        self.keypad = Keypad(self.first)
        layout.addWidget(self.keypad)
        self.first.returnPressed.connect(self._check)
        self.error = QLabel()
        self.error.setProperty("role", "warning")
        layout.addWidget(self.error)
        row, self.ok = answer_row(
            (self.tr("Sign out"), self.reject), (self.tr("Save"), self._check), ok_name="new-pin-ok"
        )
        layout.addLayout(row)
        layout.addStretch(1)

    def pin(self) -> str:
        return self.first.text().strip()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.first.clear()
        self.second.clear()
        self.keypad.type_into(self.first)

    def _check(self) -> None:
        if not self.pin():
            return
        if not self.second.text().strip():  # the first time: now the same PIN again
            self.error.setText(self.tr("Type the same PIN again."))
            self.keypad.type_into(self.second)
            return
        if self.pin() != self.second.text().strip():
            self.show_error(self.tr("The two PINs differ: type the new PIN twice."))
            return
        self.accept()
