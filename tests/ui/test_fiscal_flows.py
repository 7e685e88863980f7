"""Paying with a fiscal printer, through the real widgets, over a real SQLite file, against
the emulated Posnet printer on 127.0.0.1 (tests/fiscal/emulator): each sale registered
exactly once, and never closed as paid without its receipt."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from hardware.fiscal.port import DeviceState
from hardware.fiscal.station import FiscalStation
from pos_terminal.config import TerminalConfig
from pos_terminal.db.store import Store
from pos_terminal.domain.staff import Role
from pos_terminal.fiscal_printer import build
from pos_terminal.services.terminal import TerminalService
from pos_terminal.ui.fiscal_flow import FiscalBridge, FiscalFlow
from pos_terminal.ui.main_window import MainWindow
from pos_terminal.ui.manager_dialogs import ReportDialog
from pos_terminal.ui.sale_presenter import SalePresenter
from pos_terminal.ui.session import SessionFlow
from pos_terminal.ui.shift_menu import ShiftMenu
from pos_terminal.ui.tasks import TaskRunner
from tests.db.conftest import PIWO, SCHABOWY, ZUREK, seed
from tests.fiscal.emulator.faults import Faults
from tests.fiscal.emulator.model import PosnetModel
from tests.fiscal.emulator.servers import TcpPrinter
from tests.ui.test_session_flows import (
    CASHIER_PIN,
    MANAGER_PIN,
    Session,
    manager_pin,
    menu,
    open_shift,
    sell,
    sign_in,
)

TIMEOUT = 0.5  # the driver's wait per frame: a lost answer costs this before `rpt`


@dataclass
class FiscalTill:
    session: Session
    model: PosnetModel
    faults: Faults
    station: FiscalStation

    def settle(self, qtbot: QtBot) -> None:
        self.session.settle(qtbot)

    def journal(self) -> dict[str, int]:
        with self.session.service._store.unit_of_work(read_only=True) as tx:
            return tx.fiscal.counts()

    def closed_bills(self) -> int:
        return len(self.session.service.bills_today(date.today()))

    @property
    def notice(self) -> str:
        sale = self.session.window.sale
        assert sale is not None
        return sale.notice.text.text() if sale.notice.isVisible() else ""


@pytest.fixture
def till(qtbot: QtBot, store: Store) -> Iterator[FiscalTill]:
    seed(store)
    with store.unit_of_work() as tx:
        tx.staff.add("Anna Kasjerka", Role.CASHIER, CASHIER_PIN)
        tx.staff.add("Marek Kierownik", Role.MANAGER, MANAGER_PIN)
    model, faults = PosnetModel(today=date.today()), Faults()
    printer = TcpPrinter(model, faults)
    runner = TaskRunner()
    service = TerminalService(store)
    window = MainWindow(terminal="Kasa test", cashier="—")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    bridge = FiscalBridge()
    bridge.state_changed.connect(window.show_fiscal_state)
    config = TerminalConfig(data_dir=store.path.parent, fiscal_printer=printer.spec)
    built = build(config, store, bridge.on_state, timeout=TIMEOUT, print_timeout=TIMEOUT, poll=0.2)
    assert built is not None
    station, link = built
    station.start()

    def enter_sale(actor: object) -> None:
        if window.sale is not None:
            window.show_page(window.sale)
            return
        presenter = SalePresenter(
            service, runner, day_starts_at=time(4), cashier=lambda: flow.actor, fiscal=link
        )
        view = window.install_sale(presenter, service, runner, demo_tap=None)
        shift_menu = ShiftMenu(flow, view, data_dir=store.path.parent)
        fiscal = FiscalFlow(
            view, presenter, runner, link, language="en", as_manager=shift_menu.as_manager
        )
        shift_menu.after_z = fiscal.offer_after_z
        presenter.start()

    flow = SessionFlow(
        window, service, runner, terminal="Kasa test", day_starts_at=time(4), enter_sale=enter_sale
    )
    flow.start()
    session = Session(runner, window, flow, service)
    session.settle(qtbot)
    yield FiscalTill(session, model, faults, station)
    session.settle(qtbot)
    runner.shutdown()
    station.stop()
    printer.close()


def ready(qtbot: QtBot, till: FiscalTill) -> None:
    sign_in(qtbot, till.session, CASHIER_PIN)
    open_shift(qtbot, till.session)


def click_notice(qtbot: QtBot, till: FiscalTill, name: str) -> None:
    sale = till.session.window.sale
    assert sale is not None
    button = sale.notice.findChild(QPushButton, name)
    assert button is not None, name
    # A button added to a notice already showing is shown by a queued call (QLayout's).
    qtbot.waitUntil(button.isVisible, timeout=2000)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    till.settle(qtbot)


def test_a_sale_is_registered_once_then_closed(qtbot: QtBot, till: FiscalTill) -> None:
    ready(qtbot, till)
    sell(qtbot, till.session, ZUREK.id, SCHABOWY.id, PIWO.id)
    assert [receipt.total for receipt in till.model.printed] == [1800 + 4200 + 1400]
    assert till.model.bn == 1 and till.closed_bills() == 1
    assert till.journal() == {"registered": 1}
    sale = till.session.window.sale
    assert sale is not None and not sale.presenter.bill.lines  # a fresh bill for the next
    qtbot.waitUntil(lambda: "ready" in till.session.window.fiscal_label.text(), timeout=3000)


def test_paper_out_keeps_the_bill_open_and_retry_registers_it_once(
    qtbot: QtBot, till: FiscalTill
) -> None:
    ready(qtbot, till)
    till.model.paper = False
    sell(qtbot, till.session, ZUREK.id)
    assert "out of paper" in till.notice and "Not paid" in till.notice
    assert till.model.printed == [] and till.closed_bills() == 0
    sale = till.session.window.sale
    assert sale is not None and [line.product.id for line in sale.presenter.bill.lines] == [
        ZUREK.id
    ]
    assert till.journal() == {"abandoned": 1}
    qtbot.waitUntil(lambda: "paper out" in till.session.window.fiscal_label.text(), timeout=3000)
    till.model.paper = True  # a roll loaded
    click_notice(qtbot, till, "notice-yes")  # Retry
    assert len(till.model.printed) == 1 and till.closed_bills() == 1
    assert till.journal() == {"abandoned": 1, "registered": 1}


def test_a_lost_answer_to_the_close_is_replayed_never_sent_again(
    qtbot: QtBot, till: FiscalTill
) -> None:
    ready(qtbot, till)
    till.faults.drop_reply("trend")  # the receipt closes; its answer never arrives
    sell(qtbot, till.session, SCHABOWY.id)
    assert till.faults.seen.count("trend") == 1 and "rpt" in till.faults.seen
    assert len(till.model.printed) == 1 and till.closed_bills() == 1
    assert till.journal() == {"registered": 1}


def test_a_printer_gone_silent_after_the_close_leaves_the_bill_open_until_the_counter_says(
    qtbot: QtBot, till: FiscalTill
) -> None:
    ready(qtbot, till)

    def after(command: str) -> None:
        if command == "rpt":
            till.faults.silent = True  # the close ran, its answer was lost; now nothing answers

    till.faults.drop_reply("trend")
    till.faults.on_request = after
    sell(qtbot, till.session, PIWO.id)
    assert len(till.model.printed) == 1  # the printer has it …
    assert till.closed_bills() == 0  # … the till cannot know: open, intention kept
    assert till.journal() == {"intended": 1}
    assert "may or may not" in till.notice
    till.faults.on_request, till.faults.silent = None, False
    click_notice(qtbot, till, "notice-yes")  # Retry: the counter rose by one → registered
    assert till.faults.seen.count("trend") == 1  # never sent again
    assert len(till.model.printed) == 1 and till.closed_bills() == 1
    assert till.journal() == {"registered": 1}


def _lose_the_close_and_go_silent(till: FiscalTill) -> None:
    def after(command: str) -> None:
        if command == "rpt":
            till.faults.silent = True  # the close ran, its answer was lost; now nothing answers

    till.faults.drop_reply("trend")
    till.faults.on_request = after


def test_a_bill_whose_receipt_may_be_printed_cannot_be_changed_until_the_printer_says(
    qtbot: QtBot, till: FiscalTill
) -> None:
    """Seen: after an unknown outcome the cashier kept the bill open, added a line, and the
    Retry closed the bill with two lines against a printed receipt of one."""
    ready(qtbot, till)
    _lose_the_close_and_go_silent(till)
    sell(qtbot, till.session, PIWO.id)
    assert "may or may not" in till.notice and till.closed_bills() == 0
    sale = till.session.window.sale
    assert sale is not None
    click_notice(qtbot, till, "notice-no")  # Keep the bill open
    sale.presenter.add_product(next(p for p in sale.products if p.id == ZUREK.id))
    till.settle(qtbot)
    assert [line.product.id for line in sale.presenter.bill.lines] == [PIWO.id]
    assert "Retry" in till.notice, "the cashier is told why nothing changed"
    # Another bill waits too: the printer's counter must speak for the first one before.
    frozen = sale.presenter.current_index
    sale.presenter.new_bill()
    sell(qtbot, till.session, ZUREK.id)
    assert "Another bill's receipt" in till.notice and len(till.model.printed) == 1
    sale.presenter.switch_to(frozen)
    till.settle(qtbot)
    sale.presenter.add_product(next(p for p in sale.products if p.id == ZUREK.id))
    till.settle(qtbot)
    till.faults.on_request, till.faults.silent = None, False
    click_notice(qtbot, till, "notice-yes")
    closed = till.session.service.bills_today(date.today())
    assert [bill.total.minor for bill in closed] == [PIWO.price.minor]
    assert till.model.printed[0].total == PIWO.price.minor


def test_retry_after_an_unknown_outcome_takes_the_bill_off_the_screen(
    qtbot: QtBot, till: FiscalTill
) -> None:
    ready(qtbot, till)
    _lose_the_close_and_go_silent(till)
    sell(qtbot, till.session, PIWO.id)
    sale = till.session.window.sale
    assert sale is not None
    unsettled = sale.presenter.bill.id
    till.faults.on_request, till.faults.silent = None, False
    click_notice(qtbot, till, "notice-yes")  # Retry: the printer did print it
    assert till.closed_bills() == 1 and till.journal() == {"registered": 1}
    assert unsettled not in [b.bill.id for b in sale.presenter.open_bills]
    assert "registered already" not in till.notice


def test_a_day_without_its_daily_report_blocks_the_first_sale_until_it_is_printed(
    qtbot: QtBot, till: FiscalTill
) -> None:
    till.model.today = date.today() - timedelta(days=1)
    ready(qtbot, till)
    sell(qtbot, till.session, ZUREK.id)  # yesterday's sale
    assert len(till.model.printed) == 1
    till.model.today = date.today()  # midnight passed; no daily report was printed
    sell(qtbot, till.session, PIWO.id)
    assert "daily report" in till.notice and till.closed_bills() == 1
    assert len(till.model.printed) == 1  # the first sale of the day is blocked
    qtbot.waitUntil(
        lambda: "daily report due" in till.session.window.fiscal_label.text(), timeout=3000
    )
    click_notice(qtbot, till, "notice-choice-1")  # Print the daily report
    manager_pin(qtbot, till.session, MANAGER_PIN)
    assert [sum(report.gross.values()) for report in till.model.reports] == [ZUREK.price.minor]
    assert "Daily report 1" in till.notice
    sale = till.session.window.sale
    assert sale is not None
    sale.presenter.retry()
    till.settle(qtbot)
    assert len(till.model.printed) == 2 and till.closed_bills() == 2


def test_the_z_report_offers_the_daily_report(qtbot: QtBot, till: FiscalTill) -> None:
    ready(qtbot, till)
    sell(qtbot, till.session, ZUREK.id)
    menu(qtbot, till.session, "z-report")
    manager_pin(qtbot, till.session, MANAGER_PIN)
    dialog = till.session.window.dialog
    assert isinstance(dialog, ReportDialog) and "daily report" in dialog.message.text()
    button = dialog.findChild(QPushButton, "daily-report")
    assert button is not None
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    till.settle(qtbot)
    assert len(till.model.reports) == 1 and "Daily report 1" in dialog.message.text()
    with till.session.service._store.unit_of_work(read_only=True) as tx:
        logged = [e for e in tx.audit.recent() if e.action == "fiscal.daily_report"]
    assert [(e.actor_name, e.details["report_no"]) for e in logged] == [("Marek Kierownik", 1)]
    assert till.station.state in (DeviceState.READY, None)
