"""Menu → Staff (a manager): who may sign in on this terminal; add a member, deactivate one.

The dialog only shows and asks; the caller runs each change on the database thread and
answers with the staff list as it now is, or with the reason it was refused.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_terminal.domain.staff import Role, StaffMember
from pos_terminal.ui.keypad import Keyboard


class StaffDialog(QDialog):
    add_requested = Signal(str, object, str)  # name, Role, PIN
    deactivate_requested = Signal(str)  # staff id

    def __init__(
        self, members: list[StaffMember], *, me: StaffMember, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Staff"))
        self._me = me
        self._role = Role.CASHIER
        outer = QHBoxLayout(self)
        outer.addLayout(self._listing(), 2)
        outer.addLayout(self._adding(), 3)
        self._pick_role(Role.CASHIER)
        self.show_members(members)
        self.name.setFocus()

    def _listing(self) -> QVBoxLayout:
        listing = QVBoxLayout()
        listing.addWidget(QLabel(self.tr("Who may sign in on this terminal:")))
        self.members = QListWidget()
        self.members.setObjectName("staff-list")
        listing.addWidget(self.members, 1)
        self.deactivate = QPushButton(self.tr("Deactivate"))
        self.deactivate.setObjectName("staff-deactivate")
        self.deactivate.setProperty("role", "danger")
        self.deactivate.clicked.connect(self._deactivate)
        self.members.currentItemChanged.connect(lambda *_: self._refresh_buttons())
        listing.addWidget(self.deactivate)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        listing.addWidget(close)
        return listing

    def _adding(self) -> QVBoxLayout:
        adding = QVBoxLayout()
        adding.addWidget(QLabel(self.tr("New staff member")))
        form = QFormLayout()
        self.name, self.pin = QLineEdit(), QLineEdit()
        self.name.setObjectName("staff-name")
        self.pin.setObjectName("staff-pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("PIN (4–8 digits)"), self.pin)
        roles = QHBoxLayout()
        self.role_buttons: dict[Role, QPushButton] = {}
        for role, text in ((Role.CASHIER, self.tr("Cashier")), (Role.MANAGER, self.tr("Manager"))):
            button = QPushButton(text)
            button.setObjectName(f"staff-role-{role.value}")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, r=role: self._pick_role(r))
            roles.addWidget(button)
            self.role_buttons[role] = button
        form.addRow(self.tr("Role"), roles)
        adding.addLayout(form)
        self.add = QPushButton(self.tr("Add"))
        self.add.setObjectName("staff-add")
        self.add.setProperty("role", "primary")
        self.add.clicked.connect(self._add)
        adding.addWidget(self.add)
        self.message = QLabel()
        self.message.setObjectName("staff-message")
        self.message.setWordWrap(True)
        self.message.setProperty("role", "warning")
        adding.addWidget(self.message)
        keyboard = Keyboard(QLineEdit())  # typing goes to whichever field has focus
        keyboard.pressed.connect(self._type)
        adding.addWidget(keyboard)
        return adding

    def show_members(self, members: list[StaffMember]) -> None:
        self.members.clear()
        names = {Role.CASHIER: self.tr("cashier"), Role.MANAGER: self.tr("manager")}
        for member in members:
            text = f"{member.name} · {names[member.role]}"
            if member.id == self._me.id:
                text += " · " + self.tr("signed in")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, member.id)
            self.members.addItem(item)
        self._refresh_buttons()

    def added(self, members: list[StaffMember], name: str) -> None:
        self.show_members(members)
        self.name.clear()
        self.pin.clear()
        self.message.setText(self.tr("{name} may now sign in.").format(name=name))
        self.add.setEnabled(True)

    def refused(self, reason: str) -> None:
        self.message.setText(reason)
        self.add.setEnabled(True)
        self._refresh_buttons()

    def _refresh_buttons(self) -> None:
        item = self.members.currentItem()
        self.deactivate.setEnabled(
            item is not None and item.data(Qt.ItemDataRole.UserRole) != self._me.id
        )

    def _pick_role(self, role: Role) -> None:
        self._role = role
        for each, button in self.role_buttons.items():
            button.setChecked(each is role)

    def _type(self, key: str) -> None:
        target = self.pin if self.pin.hasFocus() else self.name
        if key == "\b":
            target.backspace()
        elif target is not self.pin or key.isdigit():
            target.insert(key)

    def _add(self) -> None:
        self.add.setEnabled(False)
        self.message.clear()
        self.add_requested.emit(self.name.text(), self._role, self.pin.text())

    def _deactivate(self) -> None:
        item = self.members.currentItem()
        if item is not None:
            self.deactivate.setEnabled(False)
            self.message.clear()
            self.deactivate_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))
