"""Render every screen at 1024×768 and 1920×1080 to PNG: `make screenshots` (offscreen).

python tools/screenshots.py [OUT_DIR]     (default: build/screenshots)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QLineEdit, QListWidget, QWidget

from pos_terminal.app import Terminal
from pos_terminal.config import TerminalConfig
from pos_terminal.services.demo import DEMO_STAFF
from pos_terminal.ui import theme
from pos_terminal.ui.i18n import install_translation
from pos_terminal.ui.login_view import OpenShiftDialog

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


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "build/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    theme.apply(app)
    language = os.environ.get("POS_LANGUAGE", "pl")
    install_translation(app, language)
    config = TerminalConfig(
        data_dir=Path(tempfile.mkdtemp(prefix="pos-shots-")), demo_customers=500
    )
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
    terminal.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
