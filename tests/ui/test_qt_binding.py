"""The Qt binding must not lose references to None: PySide6 6.12.0 did, whenever Qt handed
back a null object, and a terminal running all day would crash once None's count ran out."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

CALLS = 2000


def test_null_objects_from_qt_keep_none_alive(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        QApplication.focusWidget()  # None: nothing has focus in this test
        app.activeWindow()
    # Other threads may hold or drop a few references meanwhile; a binding that forgets
    # one per call loses thousands.
    assert sys.getrefcount(None) > before - CALLS // 4
