"""Issue 12: the customer search's rows show who each one is, and the hint says what to do
next — clicking real widgets over a real store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget, QPushButton
from pytestqt.qtbot import QtBot

from loyalty import formatting
from loyalty.customers import Customer
from loyalty.money import Money
from pos_terminal.db.store import Store
from pos_terminal.ui import theme
from pos_terminal.ui.customer_dialog import CustomerSearchDialog
from pos_terminal.ui.customer_rows import PADDING, ROW_DATA, RowText

from .conftest import Till
from .test_sale_flows import click

LONG_EMAIL = "magdalenamichalak999999@example.pl"  # the demo's longest kind of address


def search(qtbot: QtBot, till: Till, typed: str) -> tuple[CustomerSearchDialog, QListWidget]:
    click(qtbot, till, "customer")
    dialog = till.window.dialog
    assert isinstance(dialog, CustomerSearchDialog)
    query, results = dialog.findChild(QLineEdit, "query"), dialog.findChild(QListWidget, "results")
    assert query is not None and results is not None
    keys = {key.text(): key for key in dialog.findChildren(QPushButton)}
    for letter in typed:  # on the dialog's own keyboard, Polish letters and all
        QTest.mouseClick(keys[letter], Qt.MouseButton.LeftButton)
    assert query.text() == typed
    qtbot.waitUntil(lambda: hint(dialog) != "", timeout=3000)
    till.settle(qtbot)
    return dialog, results


def hint(dialog: CustomerSearchDialog) -> str:
    label = dialog.findChild(QLabel, "search-hint")
    assert label is not None
    return label.text()


def test_a_row_shows_phone_email_group_card_and_credits_at_a_fingers_height(
    qtbot: QtBot, till: Till
) -> None:
    dialog, results = search(qtbot, till, "kowalski")
    item = results.item(0)
    assert item is not None
    row = item.data(ROW_DATA)
    assert row == RowText(
        name="Jan Kowalski",
        credits="Credits " + formatting.money(Money(5000)),
        phone=formatting.phone("+48601234567"),
        card="Card 1001",
        email="jan.kowalski@example.pl",
        group="Stały klient",
        has_credits=True,
    )
    assert "Jan Kowalski" in item.text() and "Card 1001" in item.text()
    assert results.visualItemRect(item).height() >= 48
    assert hint(dialog) == "1 found"


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[None]:
    """The till's fonts and style sheet (its keys' widths among them), for this test only."""
    font, style = qapp.font(), qapp.styleSheet()
    theme.apply(qapp)
    yield
    qapp.setFont(font)
    qapp.setStyleSheet(style)


def test_the_list_is_wide_enough_for_a_long_email_on_a_1024x768_till(
    qtbot: QtBot, till: Till, store: Store, themed: None
) -> None:
    with store.unit_of_work() as tx:
        tx.customers.add(Customer("c-long", "Magdalena Michalak", email=LONG_EMAIL))
    dialog, results = search(qtbot, till, "michalak")
    dialog.resize(960, 680)  # what MainWindow.open_dialog gives it on a 1024x768 screen
    qtbot.waitUntil(lambda: dialog.width() == 960)
    small = QFont(results.font())
    small.setPointSizeF(max(small.pointSizeF() - 2, 9))
    needed = QFontMetrics(small).horizontalAdvance(LONG_EMAIL) + 2 * PADDING
    assert results.viewport().width() >= needed
    keys = [key for key in dialog.findChildren(QPushButton) if key.isVisible()]
    assert min(key.width() for key in keys) >= 48  # the keyboard gave way, not its keys


def test_a_cut_list_says_how_many_more_and_to_keep_typing(
    qtbot: QtBot, till: Till, store: Store
) -> None:
    with store.unit_of_work() as tx:
        for i in range(60):
            tx.customers.add(Customer(f"c-ges{i:02}", f"Jan Gęś Nowak{i:02}"))
    dialog, results = search(qtbot, till, "gęś")
    assert results.count() == 50
    assert hint(dialog) == "10+ more — keep typing"  # better tiers filled the screen first


def test_nothing_found_says_what_to_try(qtbot: QtBot, till: Till) -> None:
    dialog, results = search(qtbot, till, "zzzz")
    assert results.count() == 0
    assert "phone" in hint(dialog) and "card" in hint(dialog)
