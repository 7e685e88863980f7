"""Every screen of the terminal on a real window, full screen, under X.

    tools/screenshots [OUT_DIR]                  (`make screenshots`: every size, each
                                                  under an Xvfb of that size)
    python tools/screenshots.py [--check] OUT_DIR   (one size: the screen it runs on)

The terminal starts as a till starts it (full screen on its screen, with the real CRM,
which is stopped near the end for the status strip), and a cashier's shift is walked:
sign-in, float, sale, a bill of twelve lines, the line editor, a question over the grid,
every dialog, the change due, the Menu and what is behind it, and the fiscal printer's
two commonest messages (`tools/fiscal_screens.py`: every sale is registered on the tests'
Posnet emulator). Each picture is the whole X
screen (`grabWindow(0)`), so a dialog is saved where it opened and a clipped button cannot
hide outside an off-screen render. With --check each screen is also measured
(`tools/screen_check.py`): every visible tap target at least 48×48 px and on the screen,
and at least 8 bill lines in view; the run exits 1 listing what fails.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QListWidget, QPushButton

from pos_terminal.app import Terminal
from pos_terminal.config import TerminalConfig
from pos_terminal.services.demo import DEMO_STAFF
from pos_terminal.ui import theme
from pos_terminal.ui.customer_dialog import CardNumberDialog
from pos_terminal.ui.discounts_dialog import DiscountsDialog
from pos_terminal.ui.i18n import install_translation
from pos_terminal.ui.kiosk import present
from pos_terminal.ui.login_view import OpenShiftDialog
from pos_terminal.ui.manager_dialogs import (
    BillsDialog,
    ManagerPinDialog,
    MenuDialog,
    ReportDialog,
    SettingsDialog,
)
from pos_terminal.ui.payment_dialog import QUICK_CASH, PaymentDialog
from pos_terminal.ui.printer_dialog import PrinterDialog
from pos_terminal.ui.quick_add_dialog import QuickAddDialog
from pos_terminal.ui.reader_dialogs import CardReaderDialog
from tools.fiscal_screens import fiscal, start_printer
from tools.local_crm import start_crm
from tools.screen_check import Problems, check_screen, visible_bill_lines

LEAST_BILL_LINES = 8


class Walk:
    def __init__(self, app: QApplication, terminal: Terminal, out: Path, check: bool) -> None:
        self.app, self.terminal, self.out, self.check = app, terminal, out, check
        geometry = app.primaryScreen().geometry()
        self.size = f"{geometry.width()}x{geometry.height()}"
        self.problems: Problems = []
        self.shown = 0

    def wait(self, condition: Callable[[], bool] = lambda: True, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while not condition() or self.terminal.runner.busy:
            self.app.processEvents()
            if time.monotonic() > deadline:
                raise TimeoutError("the screen did not get ready")
            time.sleep(0.01)
        for _ in range(30):  # layouts, polish and the X server's expose events
            self.app.processEvents()
            time.sleep(0.005)

    def save(self, name: str) -> None:
        self.wait()
        path = self.out / f"{name}-{self.size}.png"
        self.app.primaryScreen().grabWindow(0).save(str(path))
        self.shown += 1
        if self.check:
            self.problems += check_screen(self.app, name)
        print(path)

    def dialog(self, kind: type[QDialog]) -> QDialog:
        window = self.terminal.window
        self.wait(lambda: isinstance(window.dialog, kind) and window.dialog.isVisible())
        assert window.dialog is not None
        return window.dialog


def sign_in(walk: Walk) -> None:
    terminal = walk.terminal
    walk.wait(lambda: terminal.session is not None)
    session = terminal.session
    assert session is not None
    walk.save("sign-in")
    session.login.pin.setText(DEMO_STAFF[0][2])
    session.login.sign_in.click()
    shift = walk.dialog(OpenShiftDialog)
    assert isinstance(shift, OpenShiftDialog)
    shift.amount.setText("200,00")
    walk.save("open-shift")
    shift.ok.click()
    walk.wait(lambda: terminal.window.sale is not None and bool(terminal.window.sale.products))
    walk.save("sale-empty")


def sale(walk: Walk) -> None:
    terminal, window = walk.terminal, walk.terminal.window
    view, presenter = window.sale, terminal.presenter
    assert view is not None and presenter is not None
    for product in view.products[:12]:
        presenter.add_product(product)
    walk.wait(lambda: len(presenter.bill.lines) == 12)
    terminal.tap_demo_card()
    walk.wait(lambda: presenter.bill.customer_id is not None)
    newest = f"line-{presenter.bill.lines[-1].id}"
    try:  # the view follows the bill's layout, a turn of the event loop or two later
        walk.wait(lambda: newest in visible_bill_lines(view), timeout=3)
    except TimeoutError:
        walk.problems.append("sale-bill: the newest line is not in view")
    walk.save("sale-bill")
    shown = visible_bill_lines(view)
    if walk.check and len(shown) < LEAST_BILL_LINES:
        walk.problems.append(f"sale-bill: {len(shown)} bill lines in view, fewer than 8")
    last = presenter.bill.lines[-3].id
    row = window.findChild(QPushButton, f"line-{last}")
    assert row is not None
    row.click()
    walk.save("line-editor")
    view.bill.editor.close_editor()
    presenter.identify_card("99999999")  # a card nobody has: the question over the grid
    walk.wait(view.notice.isVisible)
    walk.save("unknown-card")
    view.notice.hide()


def sale_dialogs(walk: Walk) -> None:
    window, view = walk.terminal.window, walk.terminal.window.sale
    assert view is not None
    view.customer_requested.emit()
    search = window.dialog
    assert search is not None
    query, results = search.findChild(QLineEdit, "query"), search.findChild(QListWidget, "results")
    assert query is not None and results is not None
    query.setText("kowal")
    walk.wait(lambda: results.count() > 0)
    walk.save("customer-search")
    search.reject()
    for signal, kind, name in (
        (view.card_number_requested, CardNumberDialog, "card-number"),
        (view.voucher_requested, QDialog, "voucher"),
        (view.discounts_requested, DiscountsDialog, "discounts"),
    ):
        signal.emit()
        walk.dialog(kind).isVisible()
        walk.save(name)
        assert window.dialog is not None
        window.dialog.reject()
    view.quick_add_requested.emit("0001234567")
    walk.dialog(QuickAddDialog)
    walk.save("quick-add")
    assert window.dialog is not None
    window.dialog.reject()
    view.payment_requested.emit()
    payment = walk.dialog(PaymentDialog)
    assert isinstance(payment, PaymentDialog)
    largest = payment.findChild(QPushButton, f"cash-{max(QUICK_CASH)}")
    assert largest is not None
    while not payment.finish.isEnabled():  # notes, as a customer hands them over
        largest.click()
    walk.save("payment")
    payment.finish.click()
    walk.wait(view.change_due.isVisible)
    walk.save("change-due")
    view.change_due.hide()


def menu(walk: Walk) -> None:
    terminal, window = walk.terminal, walk.terminal.window

    def from_menu(key: str) -> None:
        terminal.menu.open()
        button = walk.dialog(MenuDialog).findChild(QPushButton, f"menu-{key}")
        assert button is not None
        button.click()

    terminal.menu.open()
    walk.dialog(MenuDialog)
    walk.save("menu")
    assert window.dialog is not None
    window.dialog.reject()
    from_menu("bills")
    walk.dialog(BillsDialog)
    walk.save("bills")
    assert window.dialog is not None
    window.dialog.reject()
    for key, behind in (("x-report", ReportDialog), ("settings", SettingsDialog)):
        from_menu(key)
        pin = walk.dialog(ManagerPinDialog)
        assert isinstance(pin, ManagerPinDialog)
        pin.pin.setText(DEMO_STAFF[1][2])  # the demo manager
        walk.save("manager-pin")
        pin.accept()
        walk.dialog(behind)
        walk.save(key)
        assert window.dialog is not None
        window.dialog.reject()
    # Behind Settings: the card reader's and the printer's own dialogs.
    settings_pages: tuple[tuple[str, type[QDialog], str], ...] = (
        ("card-reader", CardReaderDialog, "card-reader"),
        ("printer-settings", PrinterDialog, "printer"),
    )
    for button, page, name in settings_pages:
        from_menu("settings")
        pin = walk.dialog(ManagerPinDialog)
        assert isinstance(pin, ManagerPinDialog)
        pin.pin.setText(DEMO_STAFF[1][2])
        pin.accept()
        opener = walk.dialog(SettingsDialog).findChild(QPushButton, button)
        assert opener is not None
        opener.click()
        walk.dialog(page)
        walk.save(name)
        assert window.dialog is not None
        window.dialog.reject()


def crm_offline(walk: Walk, stop_crm: Callable[[], None]) -> None:
    terminal, window = walk.terminal, walk.terminal.window
    service, monitor = terminal.service, terminal.link_monitor
    assert service is not None and monitor is not None
    stop_crm()
    monitor.check_now()
    terminal.runner.run_db(service.pending_ops, window.show_pending_ops)
    walk.wait(lambda: "offline" in window.crm_label.text())
    walk.save("sale-crm-offline")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="build/screenshots")
    parser.add_argument("--check", action="store_true", help="measure every screen too")
    args = parser.parse_args()
    if os.environ.get("QT_QPA_PLATFORM", "xcb") != "xcb":
        print("screenshots are taken on a real X screen: run tools/screenshots", file=sys.stderr)
        return 2
    random.seed(int(os.environ.get("POS_SCREENSHOT_SEED", "2")))  # the same demo card each run
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    theme.apply(app)
    install_translation(app, os.environ.get("POS_LANGUAGE", "pl"))
    data_dir = Path(tempfile.mkdtemp(prefix="pos-shots-"))
    crm, crm_url = start_crm(data_dir)
    printer, model = start_printer()
    try:
        config = TerminalConfig(
            data_dir=data_dir, demo_customers=500, crm_url=crm_url, fiscal_printer=printer.spec
        )
        terminal = Terminal(app, config)
        present(terminal.window, windowed=False)
        terminal.start()
        walk = Walk(app, terminal, out, args.check)
        sign_in(walk)
        sale(walk)
        sale_dialogs(walk)
        menu(walk)
        fiscal(walk, model)

        def stop_crm() -> None:
            crm.terminate()
            crm.wait(timeout=10)

        crm_offline(walk, stop_crm)
        terminal.shutdown()
    finally:
        crm.kill()
        printer.close()
    print(f"{walk.shown} screens at {walk.size}")
    for problem in walk.problems:
        print("PROBLEM", problem)
    return 1 if walk.problems else 0


if __name__ == "__main__":
    sys.exit(main())
