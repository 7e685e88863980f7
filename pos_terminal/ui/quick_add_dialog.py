"""Adding a customer at the till: name, phone, e-mail, NIP, group, and the tapped card."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from loyalty.customers import Customer, CustomerGroup
from pos_terminal.services.customers import CustomerFormError, NewCustomer
from pos_terminal.ui.i18n import user_message
from pos_terminal.ui.keypad import Keyboard
from pos_terminal.ui.layouts import answer_row

FIELDS = ("name", "phone", "email", "nip", "card")


class QuickAddDialog(QDialog):
    """`save(form, on_saved, on_error)` stores the customer off the GUI thread."""

    added = Signal(object)  # Customer

    def __init__(
        self,
        groups: list[CustomerGroup],
        save: Callable[
            [NewCustomer, Callable[[Customer], None], Callable[[BaseException], None]], None
        ],
        *,
        card_code: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New customer"))
        self._save = save
        self._group_id: str | None = None
        outer = QHBoxLayout(self)
        form_side = QVBoxLayout()
        outer.addLayout(form_side, 2)
        form = QFormLayout()
        form_side.addLayout(form)
        labels = {
            "name": self.tr("Name *"),
            "phone": self.tr("Phone"),
            "email": self.tr("E-mail"),
            "nip": self.tr("NIP"),
            "card": self.tr("Card"),
        }
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        for field in FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"field-{field}")
            error = QLabel()
            error.setProperty("role", "warning")
            error.setObjectName(f"error-{field}")
            error.hide()
            column = QVBoxLayout()
            column.addWidget(edit)
            column.addWidget(error)
            form.addRow(labels[field], column)
            self.inputs[field], self.errors[field] = edit, error
        self.inputs["card"].setText(card_code)
        self.group_error = QLabel()
        self.group_error.setProperty("role", "warning")
        form.addRow(self.tr("Group"), self._groups_row(groups))
        form_side.addWidget(self.group_error)
        actions, self.ok = answer_row(
            (self.tr("Cancel"), self.reject),
            (self.tr("Save"), self._submit),
            ok_name="save-customer",
        )
        form_side.addLayout(actions)
        self.keyboard_target = QLineEdit()  # typing goes to whichever field has focus
        keyboard = Keyboard(self.keyboard_target)
        keyboard.pressed.connect(self._type)
        outer.addWidget(keyboard, 3)
        self.inputs["name"].setFocus()

    def _groups_row(self, groups: list[CustomerGroup]) -> QGridLayout:
        row = QGridLayout()
        self.group_buttons: list[QPushButton] = []
        for index, group in enumerate([None, *groups]):
            button = QPushButton(group.name if group else self.tr("No group"))
            button.setProperty("role", "category")  # narrow padding: long group names fit
            button.setCheckable(True)
            button.setChecked(group is None)
            button.setObjectName(f"group-{group.id if group else 'none'}")
            button.clicked.connect(lambda _=False, g=group, b=button: self._pick_group(g, b))
            row.addWidget(button, index // 2, index % 2)
            self.group_buttons.append(button)
        return row

    def _type(self, key: str) -> None:
        target = next((e for e in self.inputs.values() if e.hasFocus()), self.inputs["name"])
        if key == "\b":
            target.backspace()
        else:
            target.insert(key)

    def _pick_group(self, group: CustomerGroup | None, chosen: QPushButton) -> None:
        self._group_id = group.id if group else None
        for button in self.group_buttons:
            button.setChecked(button is chosen)

    def form(self) -> NewCustomer:
        text = {field: edit.text() for field, edit in self.inputs.items()}
        return NewCustomer(
            name=text["name"],
            phone=text["phone"],
            email=text["email"],
            nip=text["nip"],
            group_id=self._group_id,
            card_code=text["card"],
        )

    def _submit(self) -> None:
        self.ok.setEnabled(False)
        self._save(self.form(), self._saved, self._failed)

    def _saved(self, customer: Customer) -> None:
        self.added.emit(customer)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.ok.setEnabled(True)
        found = error.problems if isinstance(error, CustomerFormError) else {"name": error}
        problems = {field: user_message(problem) for field, problem in found.items()}
        for field, label in self.errors.items():
            label.setText(problems.get(field, ""))
            label.setVisible(field in problems)
        if "group" in problems:
            self.group_error.setText(problems["group"])
