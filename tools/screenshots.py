"""Render every screen at 1024×768 and 1920×1080 to PNG: `make screenshots` (offscreen).

python tools/screenshots.py [OUT_DIR]     (default: build/screenshots)
"""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import httpx
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QListWidget,
    QPushButton,
    QWidget,
)

from pos_terminal.app import Terminal
from pos_terminal.config import TerminalConfig
from pos_terminal.domain.staff import Role, StaffMember
from pos_terminal.services.demo import DEMO_STAFF
from pos_terminal.ui import theme
from pos_terminal.ui.customer_dialog import CardNumberDialog
from pos_terminal.ui.discounts_dialog import DiscountsDialog
from pos_terminal.ui.i18n import install_translation
from pos_terminal.ui.login_view import OpenShiftDialog
from pos_terminal.ui.manager_dialogs import (
    BillsDialog,
    ManagerPinDialog,
    MenuDialog,
    ReportDialog,
    SettingsDialog,
)
from pos_terminal.ui.payment_dialog import PaymentDialog
from pos_terminal.ui.staff_dialog import StaffDialog

SIZES = ((1024, 768), (1920, 1080))


def wait(app: QApplication, condition: Callable[[], bool], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        app.processEvents()
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not get ready")
        time.sleep(0.01)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.005)


def save(widget: QWidget, out: Path, name: str) -> None:
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)


def dialogs(app: QApplication, terminal: Terminal, out: Path, width: int, height: int) -> None:
    """The customer search, payment and quick-add dialogs at one screen size."""
    window, sale = terminal.window, terminal.window.sale
    assert sale is not None
    sale.customer_requested.emit()
    dialog = window.dialog
    assert dialog is not None
    query = dialog.findChild(QLineEdit, "query")
    results = dialog.findChild(QListWidget, "results")
    assert query is not None and results is not None
    query.setText("kowal")
    wait(app, lambda list_=results: list_.count() > 0)  # type: ignore[misc]
    dialog.resize(min(width - 40, 1000), min(height - 40, 720))
    save(dialog, out, f"customer-search-{width}x{height}")
    dialog.reject()
    sale.payment_requested.emit()
    payment = window.dialog
    assert payment is not None
    payment.resize(min(width - 40, 1000), min(height - 40, 720))
    wait(app, lambda: True)
    save(payment, out, f"payment-{width}x{height}")
    payment.reject()
    sale.quick_add_requested.emit("0001234567")
    wait(app, lambda shown=payment: window.dialog is not shown and not terminal.runner.busy)  # type: ignore[misc]
    quick_add = window.dialog
    assert quick_add is not None
    quick_add.resize(min(width - 40, 1100), min(height - 40, 720))
    wait(app, lambda: True)
    save(quick_add, out, f"quick-add-{width}x{height}")
    quick_add.reject()
    staff = StaffDialog(
        [
            StaffMember("s1", "Anna Kasjerka", Role.CASHIER),
            StaffMember("s2", "Marek Kierownik", Role.MANAGER),
        ],
        me=StaffMember("s2", "Marek Kierownik", Role.MANAGER),
        parent=window,
    )
    staff.resize(min(width - 40, 1100), min(height - 40, 720))
    staff.show()
    wait(app, lambda: True)
    save(staff, out, f"staff-{width}x{height}")
    staff.reject()


def start_crm(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    """The real CRM in a process of its own, so the status strip has something to show."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    database = f"sqlite:///{folder / 'crm.db'}"
    process = subprocess.Popen(
        [sys.executable, "-m", "crm", "--port", str(port), "--database", database],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            httpx.get(f"{url}/readyz").raise_for_status()
            return process, url
        except httpx.HTTPError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("the CRM did not start") from None
            time.sleep(0.1)


def crm_offline(
    app: QApplication, terminal: Terminal, crm: subprocess.Popen[bytes], out: Path
) -> None:
    """The CRM goes away: the strip says since when, and how many ops wait for it."""
    window, service, monitor = terminal.window, terminal.service, terminal.link_monitor
    assert service is not None and monitor is not None
    crm.terminate()
    crm.wait(timeout=10)
    monitor.check_now()
    terminal.runner.run_db(service.pending_ops, window.show_pending_ops)
    wait(app, lambda: "offline" in window.crm_label.text() and "·" in window.crm_label.text())
    for width, height in SIZES:
        window.resize(width, height)
        wait(app, lambda: not terminal.runner.busy)
        save(window, out, f"sale-crm-offline-{width}x{height}")


def shown(app: QApplication, terminal: Terminal, kind: type[QDialog]) -> QDialog:
    window = terminal.window
    wait(app, lambda: isinstance(window.dialog, kind) and window.dialog.isVisible())
    assert window.dialog is not None
    return window.dialog


def from_menu(app: QApplication, terminal: Terminal, key: str) -> None:
    terminal.menu.open()
    menu = shown(app, terminal, MenuDialog)
    button = menu.findChild(QPushButton, f"menu-{key}")
    assert button is not None
    button.click()


def manager_screens(app: QApplication, terminal: Terminal, out: Path) -> None:
    """The discounts panel, the card-number keypad, and the Menu with what is behind it
    (the day's bills, a manager's PIN, the X report, settings). Dialogs open at one size."""
    window, sale = terminal.window, terminal.window.sale
    assert sale is not None
    for signal, kind, name in (
        (sale.discounts_requested, DiscountsDialog, "discounts"),
        (sale.card_number_requested, CardNumberDialog, "card-number"),
    ):
        signal.emit()
        save(shown(app, terminal, kind), out, name)
        assert window.dialog is not None
        window.dialog.reject()
    sale.payment_requested.emit()
    payment = shown(app, terminal, PaymentDialog)
    assert isinstance(payment, PaymentDialog)
    payment.exact.click()
    payment.finish.click()
    wait(app, lambda: not terminal.runner.busy and not payment.isVisible())
    terminal.menu.open()
    save(shown(app, terminal, MenuDialog), out, "menu")
    assert window.dialog is not None
    window.dialog.reject()
    from_menu(app, terminal, "bills")
    bills = shown(app, terminal, BillsDialog)
    save(bills, out, "bills")
    bills.reject()
    behind_pin: tuple[tuple[str, type[QDialog]], ...] = (
        ("x-report", ReportDialog),
        ("settings", SettingsDialog),
    )
    for key, behind in behind_pin:
        from_menu(app, terminal, key)
        pin = shown(app, terminal, ManagerPinDialog)
        assert isinstance(pin, ManagerPinDialog)
        pin.pin.setText(DEMO_STAFF[1][2])  # the demo manager
        save(pin, out, "manager-pin")
        pin.accept()
        screen = shown(app, terminal, behind)
        save(screen, out, key)
        screen.reject()


def main() -> int:
    random.seed(int(os.environ.get("POS_SCREENSHOT_SEED", "2")))  # the same demo card each run
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "build/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    theme.apply(app)
    language = os.environ.get("POS_LANGUAGE", "pl")
    install_translation(app, language)
    data_dir = Path(tempfile.mkdtemp(prefix="pos-shots-"))
    crm, crm_url = start_crm(data_dir)
    config = TerminalConfig(data_dir=data_dir, demo_customers=500, crm_url=crm_url)
    terminal = Terminal(app, config)
    window = terminal.window
    window.show()
    terminal.start()
    wait(app, lambda: terminal.session is not None)
    session = terminal.session
    assert session is not None
    for width, height in SIZES:
        window.resize(width, height)
        wait(app, lambda: True)
        save(window, out, f"sign-in-{width}x{height}")
    session.login.pin.setText(DEMO_STAFF[0][2])
    session.login.sign_in.click()
    wait(app, lambda: isinstance(window.dialog, OpenShiftDialog) and window.dialog.isVisible())
    shift_dialog = window.dialog
    assert isinstance(shift_dialog, OpenShiftDialog)
    shift_dialog.amount.setText("200,00")
    save(shift_dialog, out, "open-shift")
    shift_dialog.ok.click()
    wait(app, lambda: window.sale is not None and bool(window.sale.products))
    sale, presenter = window.sale, terminal.presenter
    assert sale is not None and presenter is not None
    for width, height in SIZES:
        window.resize(width, height)
        wait(app, lambda: not terminal.runner.busy)
        save(window, out, f"sale-empty-{width}x{height}")
    for product in sale.products[:4]:
        presenter.add_product(product)
    presenter.add_product(sale.products[0])
    terminal.tap_demo_card()
    wait(app, lambda: presenter.bill.customer_id is not None and not terminal.runner.busy)
    for width, height in SIZES:
        window.resize(width, height)
        wait(app, lambda: not terminal.runner.busy)
        save(window, out, f"sale-customer-{width}x{height}")
        dialogs(app, terminal, out, width, height)
    crm_offline(app, terminal, crm, out)
    manager_screens(app, terminal, out)
    terminal.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
