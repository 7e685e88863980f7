"""--kiosk (issue 13): full screen with no window frame, not closed by Alt+F4 or the
session, only from the Menu with a manager's PIN (audited)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from pos_terminal.launch import parse_args
from pos_terminal.ui.kiosk import present
from pos_terminal.ui.main_window import MainWindow
from pos_terminal.ui.manager_dialogs import MenuDialog

from .test_session_flows import (
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


def test_the_kiosk_takes_the_screen_without_a_frame_and_refuses_to_close(
    qtbot: QtBot, tmp_path: Path
) -> None:
    assert parse_args(["--data-dir", str(tmp_path), "--kiosk"]).config.kiosk is True
    assert parse_args(["--data-dir", str(tmp_path)]).config.kiosk is False
    window = MainWindow(terminal="Kasa 1", cashier="—")
    qtbot.addWidget(window)
    window.kiosk = True
    present(window, windowed=True, kiosk=True)  # --windowed gives way to --kiosk
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.windowState() & Qt.WindowState.WindowFullScreen
    assert window.geometry() == window.screen().geometry()
    assert window.close() is False and window.isVisible()  # Alt+F4, the session ending


def test_a_manager_closes_the_kiosk_from_the_menu(qtbot: QtBot, session: Session) -> None:
    window = session.window
    window.kiosk = True
    sign_in(qtbot, session, CASHIER_PIN)
    open_shift(qtbot, session)
    menu(qtbot, session, "leave-kiosk")  # a cashier is signed in: a manager's PIN is asked
    assert window.isVisible()
    manager_pin(qtbot, session, MANAGER_PIN)
    assert not window.isVisible()
    entries = [(e.action, e.actor_name) for e in session.service.audit_recent(3)]
    assert ("terminal.kiosk_left", "Marek Kierownik") in entries


def test_without_the_kiosk_the_menu_has_no_close_entry(qtbot: QtBot) -> None:
    plain, kiosk = MenuDialog(), MenuDialog(kiosk=True)
    for dialog in (plain, kiosk):
        qtbot.addWidget(dialog)
    assert plain.findChild(QPushButton, "menu-leave-kiosk") is None
    assert kiosk.findChild(QPushButton, "menu-leave-kiosk") is not None
