"""UI tests drive real widgets over a fresh SQLite file per test (the store fixtures)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import time

import pytest
from pytestqt.qtbot import QtBot

from pos_terminal.db.store import Store
from pos_terminal.domain.receipt import ReceiptHeader
from pos_terminal.services.receipts import PdfReceiptPrinter, ReceiptSettings
from pos_terminal.services.terminal import TerminalService
from pos_terminal.ui.main_window import MainWindow
from pos_terminal.ui.sale_presenter import SalePresenter
from pos_terminal.ui.sale_view import SaleView
from pos_terminal.ui.tasks import TaskRunner
from tests.db.conftest import db_path, seed, store, template_db
from tests.qt_isolation import fresh_application_look

__all__ = ["db_path", "fresh_application_look", "store", "template_db"]


@dataclass
class Till:
    runner: TaskRunner
    presenter: SalePresenter
    window: MainWindow
    view: SaleView

    def settle(self, qtbot: QtBot) -> None:
        """Wait until the database thread has answered everything asked of it."""
        qtbot.waitUntil(lambda: not self.runner.busy, timeout=5000)


def open_till(qtbot: QtBot, store: Store) -> Till:
    runner = TaskRunner()
    service = TerminalService(
        store,
        printer=PdfReceiptPrinter(store.path.parent / "receipts"),
        receipts=ReceiptSettings(
            ReceiptHeader("Bar Testowy", ("ul. Próbna 1",), None), "Kasa test", "Test"
        ),
    )
    presenter = SalePresenter(service, runner, day_starts_at=time(4))
    window = MainWindow(terminal="Kasa test", cashier="Test")
    view = window.install_sale(presenter, service, runner, demo_tap=None)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    presenter.start()
    till = Till(runner, presenter, window, view)
    till.settle(qtbot)
    return till


@pytest.fixture
def till(qtbot: QtBot, store: Store) -> Iterator[Till]:
    seed(store)
    opened = open_till(qtbot, store)
    yield opened
    opened.settle(qtbot)
    opened.runner.shutdown()
