"""The fiscal printer's screens in the screenshot walk (`tools/screenshots.py`).

The terminal of the walk has a fiscal printer: the Posnet emulator of the tests
(`tests/fiscal/emulator`) on 127.0.0.1, so every sale of the walk is registered and the
status strip shows the printer. Here it runs out of paper during a sale, then misses the
day's daily report: the two messages a cashier meets most.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Protocol

from PySide6.QtWidgets import QPushButton

from loyalty.tenders import Tender, TenderKind
from pos_terminal.app import Terminal
from tests.fiscal.emulator.faults import Faults
from tests.fiscal.emulator.model import PosnetModel
from tests.fiscal.emulator.servers import TcpPrinter


class Walk(Protocol):
    """What this part of the walk uses of `tools.screenshots.Walk`."""

    terminal: Terminal
    problems: list[str]

    def wait(self, condition: Callable[[], bool] = ..., timeout: float = ...) -> None: ...

    def save(self, name: str) -> None: ...


def start_printer() -> tuple[TcpPrinter, PosnetModel]:
    model = PosnetModel(today=date.today())
    return TcpPrinter(model, Faults()), model


def fiscal(walk: Walk, model: PosnetModel) -> None:
    terminal = walk.terminal
    view, presenter = terminal.window.sale, terminal.presenter
    assert view is not None and presenter is not None

    def sell_one() -> None:
        view.notice.hide()
        presenter.add_product(view.products[0])
        walk.wait(lambda: presenter.last_priced is not None and bool(presenter.bill.lines))
        priced = presenter.last_priced
        assert priced is not None
        presenter.pay((Tender(TenderKind.CASH, priced.total),))

    model.paper = False
    sell_one()
    walk.wait(lambda: view.notice.findChild(QPushButton, "notice-yes") is not None)
    try:  # the strip follows the printer's state at its next poll
        walk.wait(lambda: "ready" not in terminal.window.fiscal_label.text(), timeout=3)
    except TimeoutError:
        walk.problems.append("fiscal-paper-out: the status strip still says ready")
    walk.save("fiscal-paper-out")
    model.paper = True
    presenter.retry()
    walk.wait(lambda: not presenter.bill.lines)
    view.change_due.hide()
    model.today = date.today() + timedelta(days=1)  # midnight passed, no daily report
    sell_one()
    walk.wait(lambda: view.notice.findChild(QPushButton, "notice-choice-1") is not None)
    walk.save("fiscal-report-due")
    view.notice.hide()
