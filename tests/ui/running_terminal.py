"""The whole terminal application in a test (`pos_terminal.app.Terminal`): a manager signs
in on its PIN pad and opens the shift, as at a till."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from pos_terminal.app import Terminal
from pos_terminal.ui.login_view import OpenShiftDialog


def open_the_shift(qtbot: QtBot, terminal: Terminal, pin: str) -> None:
    """Sign in with `pin` once the store is open, open the shift with no float, and wait
    for the sale screen."""
    qtbot.waitUntil(lambda: terminal.session is not None, timeout=20_000)  # its store is open
    assert terminal.session is not None
    terminal.session.login.pin.setText(pin)
    terminal.session.login.sign_in.click()
    qtbot.waitUntil(lambda: isinstance(terminal.window.dialog, OpenShiftDialog), timeout=10_000)
    shift = terminal.window.dialog
    assert isinstance(shift, OpenShiftDialog)
    shift.amount.setText("0,00")
    shift.ok.click()
    qtbot.waitUntil(lambda: terminal.window.sale is not None, timeout=10_000)
