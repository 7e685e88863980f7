"""Menu → Staff: a manager adds and deactivates staff through the real widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from pos_terminal.domain.staff import Role
from pos_terminal.ui.staff_dialog import StaffDialog
from tests.ui.test_session_flows import (
    CASHIER_PIN,
    MANAGER_PIN,
    Session,
    manager_pin,
    menu,
    open_shift,
    session,
    sign_in,
)

__all__ = ["session"]


def click(widget: QPushButton) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_on_screen(dialog: StaffDialog, text: str) -> None:
    """Tap the on-screen keyboard: ⇧ before a capital, "space" for a space."""
    keys = {button.text(): button for button in dialog.findChildren(QPushButton)}
    for char in text:
        if char.isupper():
            click(keys["⇧"])
            keys = {button.text(): button for button in dialog.findChildren(QPushButton)}
        click(keys["space" if char == " " else char])
        keys = {button.text(): button for button in dialog.findChildren(QPushButton)}


def listed(dialog: StaffDialog) -> list[str]:
    return [dialog.members.item(row).text() for row in range(dialog.members.count())]


def staff_dialog(qtbot: QtBot, session: Session) -> StaffDialog:
    menu(qtbot, session, "staff")
    dialog = session.window.dialog
    if not isinstance(dialog, StaffDialog):  # a cashier is signed in: a manager confirms
        manager_pin(qtbot, session, MANAGER_PIN)
        dialog = session.window.dialog
    assert isinstance(dialog, StaffDialog)
    return dialog


def test_a_manager_adds_a_member_who_can_then_sign_in(qtbot: QtBot, session: Session) -> None:
    sign_in(qtbot, session, CASHIER_PIN)
    open_shift(qtbot, session)
    dialog = staff_dialog(qtbot, session)
    assert listed(dialog) == ["Anna Kasjerka · cashier", "Marek Kierownik · manager · signed in"]

    type_on_screen(dialog, "Ewa Nowak")
    assert dialog.name.text() == "Ewa Nowak"  # shift capitalised one letter each time
    dialog.pin.setFocus()
    type_on_screen(dialog, "555x555")  # into the PIN field: digits only
    assert dialog.pin.text() == "555555"  # a manager's PIN: at least 6 digits
    click(dialog.role_buttons[Role.MANAGER])
    click(dialog.add)
    session.settle(qtbot)
    assert dialog.message.text() == "Ewa Nowak may now sign in."
    assert "Ewa Nowak · manager" in listed(dialog)
    assert (dialog.name.text(), dialog.pin.text()) == ("", "")

    dialog.name.setText("Jan Drugi")
    dialog.pin.setText(CASHIER_PIN)
    click(dialog.role_buttons[Role.CASHIER])
    click(dialog.add)
    session.settle(qtbot)
    assert dialog.message.text() == "this PIN is already in use: choose another one"
    assert dialog.isVisible() and dialog.add.isEnabled()

    dialog.accept()
    session.flow.start()  # sign out
    sign_in(qtbot, session, "555555")
    assert session.flow.actor is not None and session.flow.actor.name == "Ewa Nowak"
    assert session.flow.actor.is_manager


def test_a_deactivated_member_can_no_longer_sign_in(qtbot: QtBot, session: Session) -> None:
    sign_in(qtbot, session, MANAGER_PIN)
    open_shift(qtbot, session)
    dialog = staff_dialog(qtbot, session)  # a manager is signed in: no PIN asked
    dialog.members.setCurrentRow(1)  # the manager themself
    assert not dialog.deactivate.isEnabled()
    dialog.members.setCurrentRow(0)
    assert dialog.deactivate.isEnabled()
    click(dialog.deactivate)
    session.settle(qtbot)
    assert listed(dialog) == ["Marek Kierownik · manager · signed in"]
    entries = session.service.audit_recent(5)
    assert (entries[0].action, entries[0].actor_name) == ("staff.deactivated", "Marek Kierownik")

    dialog.accept()
    session.flow.start()
    sign_in(qtbot, session, CASHIER_PIN)
    assert session.flow.actor is None
    assert session.flow.login.error.text() == "Wrong PIN"
