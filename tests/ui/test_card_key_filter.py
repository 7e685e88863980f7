"""The application-wide filter: a fast burst becomes a card read and leaves the field empty;
slow typing in the same field stays there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from hardware.events import CardRead
from pos_terminal.app import Terminal
from pos_terminal.config import TerminalConfig
from pos_terminal.domain.staff import Role
from pos_terminal.ui.card_key_filter import CardKeyFilter
from tests.ui.running_terminal import open_the_shift


@pytest.fixture
def field(qtbot: QtBot) -> Iterator[tuple[QLineEdit, CardKeyFilter]]:
    window = QWidget()
    layout = QVBoxLayout(window)
    edit = QLineEdit()
    layout.addWidget(edit)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    key_filter = CardKeyFilter()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(key_filter)
    yield edit, key_filter
    app.removeEventFilter(key_filter)


def burst(edit: QLineEdit, text: str) -> None:
    for char in text:
        QTest.keyClicks(edit, char)
    QTest.keyClick(edit, Qt.Key.Key_Return)


def test_a_fast_burst_is_a_card_read_and_the_field_stays_empty(
    qtbot: QtBot, field: tuple[QLineEdit, CardKeyFilter]
) -> None:
    edit, key_filter = field
    with qtbot.waitSignal(key_filter.card_read, timeout=1000) as signal:
        burst(edit, "0006547886")
    read = signal.args[0]
    assert isinstance(read, CardRead)
    assert (read.source, read.code) == ("keyboard", "0006547886")
    qtbot.wait(80)  # longer than the gap: nothing is handed back later either
    assert edit.text() == ""


def test_slow_typing_stays_in_the_field(
    qtbot: QtBot, field: tuple[QLineEdit, CardKeyFilter]
) -> None:
    edit, key_filter = field
    reads: list[CardRead] = []
    key_filter.card_read.connect(reads.append)
    returns: list[bool] = []
    edit.returnPressed.connect(lambda: returns.append(True))
    for char in "601234":
        QTest.keyClicks(edit, char)
        qtbot.wait(60)
    QTest.keyClick(edit, Qt.Key.Key_Return)
    qtbot.wait(60)
    assert edit.text() == "601234"
    assert returns == [True] and reads == []


def test_words_and_shortcuts_are_never_held(
    qtbot: QtBot, field: tuple[QLineEdit, CardKeyFilter]
) -> None:
    edit, _ = field
    QTest.keyClicks(edit, "Jan Kowalski")  # letters outside a card's alphabet pass at once
    qtbot.wait(60)
    assert edit.text() == "Jan Kowalski"
    QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select all
    QTest.keyClick(edit, Qt.Key.Key_Backspace)
    assert edit.text() == ""


def test_a_burst_too_short_for_a_card_is_typing(
    qtbot: QtBot, field: tuple[QLineEdit, CardKeyFilter]
) -> None:
    edit, key_filter = field
    reads: list[CardRead] = []
    key_filter.card_read.connect(reads.append)
    burst(edit, "12")
    qtbot.wait(60)
    assert edit.text() == "12" and reads == []


def test_a_terminal_shut_down_takes_its_filter_off_the_application(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Seen in a full CI run: a terminal that had ended still held the keyboard reader's
    filter on the application, and the next window in the process lost its keys
    ("Jn Kowlski")."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    config = TerminalConfig(
        data_dir=tmp_path / "till", staff=(("Marek Kierownik", Role.MANAGER, "999999"),)
    )
    terminal = Terminal(app, config)
    qtbot.addWidget(terminal.window)
    terminal.start()
    open_the_shift(qtbot, terminal, "999999")
    assert terminal.key_filter is not None
    terminal.shutdown()

    window = QWidget()
    edit = QLineEdit(window)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    QTest.keyClicks(edit, "Jan Kowalski")  # as fast as a reader, and no filter to take it
    qtbot.wait(100)
    assert edit.text() == "Jan Kowalski"
