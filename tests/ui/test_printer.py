"""The till's receipt printer through the real screens: a fake printer on 127.0.0.1 records
what the till sends and runs out of paper when told to."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hardware.printers.queue import PrintQueue
from hardware.printers.status import JobKind, PrinterState
from loyalty.errors import DomainError
from pos_terminal.db.store import Store
from pos_terminal.domain.receipt import ReceiptHeader
from pos_terminal.printing import PrinterSettings, ThermalPrinter
from pos_terminal.services.demo import install_demo_staff
from pos_terminal.services.receipts import PdfReceiptPrinter, ReceiptSettings
from pos_terminal.services.terminal import TerminalService
from pos_terminal.settings_file import load_settings
from pos_terminal.ui.main_window import MainWindow
from pos_terminal.ui.printer_dialog import PrinterBridge, PrinterDialog, PrinterFlow
from pos_terminal.ui.receipt_progress import ReceiptProgress
from pos_terminal.ui.sale_presenter import SalePresenter
from pos_terminal.ui.tasks import TaskRunner
from tests.db.conftest import SCHABOWY, ZUREK, seed
from tests.hardware.fake_printer import PrinterBrain, TcpPrinter

from .conftest import Till
from .test_sale_flows import add_products, label_text, pay_exact

DRAWER_KICK = b"\x1bp\x00\x32\x32"
CP852_AT_18 = b"\x1bt\x12"
PARTIAL_CUT = b"\x1dVB\x00"
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@dataclass
class PrintingTill:
    till: Till
    service: TerminalService
    queue: PrintQueue
    printer: ThermalPrinter
    brain: PrinterBrain


@pytest.fixture
def brain() -> PrinterBrain:
    return PrinterBrain()


@pytest.fixture
def tcp(brain: PrinterBrain) -> Iterator[TcpPrinter]:
    printer = TcpPrinter(brain)
    yield printer
    printer.close()


@pytest.fixture
def printing(
    qtbot: QtBot, store: Store, tcp: TcpPrinter, brain: PrinterBrain
) -> Iterator[PrintingTill]:
    """The till as the app wires it (app.py), with the printer on 127.0.0.1."""
    seed(store)
    install_demo_staff(store)  # Anna (cashier, 1111) and Marek (manager, 999999)
    runner = TaskRunner()
    window = MainWindow(terminal="Kasa test", cashier="Test")
    bridge = PrinterBridge()
    bridge.status_changed.connect(window.show_printer_status)
    bridge.job_done.connect(window.print_jobs.take)
    queue = PrintQueue(
        bridge.on_status, bridge.on_job, poll=0.1, retry_min=0.05, retry_max=0.2, timeout=0.3,
        patience={JobKind.RECEIPT: 2.0},
    )  # fmt: skip
    fallback = PdfReceiptPrinter(store.path.parent / "receipts")
    printer = ThermalPrinter(queue, PrinterSettings(tcp.setting), fallback)
    queue.start()
    service = TerminalService(
        store, printer=printer, till=printer,
        receipts=ReceiptSettings(
            ReceiptHeader("Bar Testowy", ("ul. Próbna 1",), None), "Kasa test", "Test"
        ),
    )  # fmt: skip
    presenter = SalePresenter(service, runner, day_starts_at=time(4))
    view = window.install_sale(presenter, service, runner, demo_tap=None)
    ReceiptProgress(view, presenter, window.print_jobs)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    presenter.start()
    till = Till(runner, presenter, window, view)
    till.settle(qtbot)
    yield PrintingTill(till, service, queue, printer, brain)
    till.settle(qtbot)
    queue.stop()
    runner.shutdown()


def test_a_cash_sale_kicks_the_drawer_and_prints_the_receipt_in_cp852_with_a_cut(
    qtbot: QtBot, printing: PrintingTill
) -> None:
    till, brain = printing.till, printing.brain
    qtbot.waitUntil(lambda: label_text(till, "printer-status") == "Printer: ready", timeout=5000)
    add_products(qtbot, till, ZUREK.id, SCHABOWY.id)
    pay_exact(qtbot, till)  # cash, exactly what is due
    assert label_text(till, "change-receipt") in ("Printing the receipt…", "Receipt printed.")
    received = brain.wait_for(PARTIAL_CUT)
    assert received.startswith(DRAWER_KICK + b"\x1b@" + CP852_AT_18)  # the drawer first
    assert "Żurek".encode("cp852") in received and "Schabowy".encode("cp852") in received
    assert "DO ZAPŁATY".encode("cp852") in received
    assert received.endswith(b"\x1bd\x04" + PARTIAL_CUT)  # fed past the cutter, then cut
    qtbot.waitUntil(lambda: label_text(till, "change-receipt") == "Receipt printed.", timeout=5000)
    assert not till.presenter.bill.lines  # the bill is closed, a fresh one open


def test_paper_out_never_holds_up_the_bill_and_the_cashier_is_told(
    qtbot: QtBot, printing: PrintingTill
) -> None:
    till, brain = printing.till, printing.brain
    brain.paper_out = True
    qtbot.waitUntil(
        lambda: label_text(till, "printer-status") == "Printer: paper out", timeout=5000
    )
    strip = till.window.findChild(type(till.window.printer_label), "printer-status")
    assert strip is not None and strip.property("state") == "warning"
    add_products(qtbot, till, ZUREK.id)
    pay_exact(qtbot, till)
    assert not till.presenter.bill.lines  # closed at once, whatever the printer does
    qtbot.waitUntil(
        lambda: (
            label_text(till, "change-receipt") == "The receipt waits for the printer: paper out."
        ),
        timeout=5000,
    )
    qtbot.waitUntil(
        lambda: label_text(till, "change-receipt").startswith(
            "The receipt was not printed (printer: paper out). The bill is closed"
        ),
        timeout=5000,
    )
    assert b"\x1b@" not in brain.received  # not a byte of it was sent
    bills = printing.service.bills_today(till.presenter.business_date())
    assert [bill.status for bill in bills] == ["closed"]
    # The roll changed: the duplicate from the bill list prints.
    brain.paper_out = False
    duplicate = printing.service.reprint(bills[0].bill_id)
    assert duplicate is not None and duplicate.job is not None
    assert "DUPLIKAT".encode("cp852") in brain.wait_for(PARTIAL_CUT)


def test_a_manager_opens_the_drawer_and_it_is_audited(qtbot: QtBot, printing: PrintingTill) -> None:
    service = printing.service
    anna, marek = (
        service.login("1111", now=datetime.now()),
        service.login("999999", now=datetime.now()),
    )
    with pytest.raises(DomainError):
        service.open_drawer(anna, now=datetime.now())
    kicked = service.open_drawer(marek, now=datetime.now())
    assert kicked.job is not None
    assert printing.brain.wait_for(DRAWER_KICK) == DRAWER_KICK
    entries = [(e.action, e.actor_name) for e in service.audit_recent(5)]
    assert ("drawer.opened", "Marek Kierownik") in entries
    printing.printer.change(printing.printer.current()[0], 80, drawer=False)
    with pytest.raises(DomainError, match="No cash drawer"):
        service.open_drawer(marek, now=datetime.now())


def test_the_printer_page_saves_its_setting_and_prints_a_test_page(
    qtbot: QtBot, printing: PrintingTill, tmp_path: Path, tcp: TcpPrinter
) -> None:
    till = printing.till
    marek = printing.service.login("999999", now=datetime.now())
    flow = PrinterFlow(
        printing.printer, printing.service, tmp_path,
        run=till.runner.run_db, open_dialog=till.window.open_dialog,
    )  # fmt: skip
    till.window.resize(1024, 768)
    flow.open(marek, till.window)
    qtbot.waitUntil(lambda: isinstance(till.window.dialog, PrinterDialog), timeout=5000)
    dialog = till.window.dialog
    assert isinstance(dialog, PrinterDialog)
    assert dialog.setting.text() == tcp.setting
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "printer-dialog.png"))
    assert dialog.height() <= 728  # fits 1024×768 with the dialog's margin
    dialog.setting.setText("lpt1")
    dialog.paper[58].click()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "not valid" in dialog.message.text(), timeout=5000)
    assert printing.printer.current() == (tcp.setting, 80, True)  # nothing changed
    dialog.setting.setText(tcp.setting)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Saved"), timeout=5000)
    assert printing.printer.current() == (tcp.setting, 58, True)
    assert load_settings(tmp_path)["receipt_paper_mm"] == 58
    dialog.test_button.click()
    received = printing.brain.wait_for(PARTIAL_CUT)
    assert "Zażółć gęślą jaźń".encode("cp852") in received
    qtbot.waitUntil(lambda: dialog.message.text().startswith("A test page"), timeout=5000)
    assert printing.queue.status.state is PrinterState.READY
