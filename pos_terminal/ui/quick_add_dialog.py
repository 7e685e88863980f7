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


Save = Callable[
    [NewCustomer, str, Callable[[Customer], None], Callable[[BaseException], None]], None
]


class QuickAddDialog(QDialog):
    """`save(form, manager_pin, on_saved, on_error)` stores the customer off the GUI thread.

    A group a cashier alone may not give (a staff or VIP group) is marked, and choosing it
    shows a field for a manager's PIN (not needed when a manager is signed in: `manager`)."""

    added = Signal(object)  # Customer

    def __init__(
        self,
        groups: list[CustomerGroup],
        save: Save,
        *,
        manager: bool = False,
        card_code: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New customer"))
        self._save = save
        self._manager_signed_in = manager
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
        # The groups under their label, across the form: beside the keyboard on a 1024 px
        # till the field column is too narrow for two group names side by side.
        form.addRow(QLabel(self.tr("Group")))
        form.addRow(self._groups_row(groups))
        form_side.addWidget(self.group_error)
        self.manager_pin = QLineEdit()
        self.manager_pin.setObjectName("field-manager-pin")
        self.manager_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.manager_pin_label = QLabel(self.tr("Manager's PIN"))
        self.errors["manager_pin"] = QLabel()
        self.errors["manager_pin"].setProperty("role", "warning")
        self.errors["manager_pin"].setObjectName("error-manager-pin")
        pin_column = QVBoxLayout()
        pin_column.addWidget(self.manager_pin)
        pin_column.addWidget(self.errors["manager_pin"])
        form.addRow(self.manager_pin_label, pin_column)
        self._show_manager_pin(False)
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
            if group is None:
                text = self.tr("No group")
            elif group.assignable_at_till or self._manager_signed_in:
                text = group.name
            else:
                # On a line of its own: a narrow button keeps the whole group name.
                text = self.tr("{group}\n(manager)").format(group=group.name)
            button = QPushButton(text)
            button.setProperty("role", "category")  # narrow padding: long group names fit
            button.setCheckable(True)
            button.setChecked(group is None)
            button.setObjectName(f"group-{group.id if group else 'none'}")
            button.clicked.connect(lambda _=False, g=group, b=button: self._pick_group(g, b))
            row.addWidget(button, index // 2, index % 2)
            self.group_buttons.append(button)
        return row

    def take_card(self, code: str) -> None:
        """A card read while the form is open is the new customer's card."""
        self.inputs["card"].setText(code)

    def _type(self, key: str) -> None:
        fields = (*self.inputs.values(), self.manager_pin)
        target = next((e for e in fields if e.hasFocus()), self.inputs["name"])
        if key == "\b":
            target.backspace()
        else:
            target.insert(key)

    def _pick_group(self, group: CustomerGroup | None, chosen: QPushButton) -> None:
        self._group_id = group.id if group else None
        for button in self.group_buttons:
            button.setChecked(button is chosen)
        needs = group is not None and not group.assignable_at_till and not self._manager_signed_in
        self._show_manager_pin(needs)
        if needs:
            self.manager_pin.setFocus()

    def _show_manager_pin(self, shown: bool) -> None:
        self.manager_pin.clear()
        self.manager_pin.setVisible(shown)
        self.manager_pin_label.setVisible(shown)
        self.errors["manager_pin"].hide()

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
        self._save(self.form(), self.manager_pin.text(), self._saved, self._failed)

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
        if "manager_pin" in problems:
            self.manager_pin.clear()
        if "group" in problems:
            self.group_error.setText(problems["group"])
