"""`--selftest`: start without a screen, walk one sale end to end like a cashier, exit 0.

Products are tapped, a card is tapped on the demo reader, the customer's discounts must
appear, the payment dialog is used, and the bill must come back closed with a receipt
number. A terminal enrolled with a CRM must then send the sale and see nothing left
waiting; one that only names a CRM must see it online. Any step that does not happen
within its time fails the run (exit 1).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from loyalty import formatting
from pos_terminal.services.bills import ClosedBill
from pos_terminal.services.demo import DEMO_STAFF
from pos_terminal.services.receipts import Printout
from pos_terminal.ui.login_view import LoginView, OpenShiftDialog
from pos_terminal.ui.main_window import MainWindow
from pos_terminal.ui.payment_dialog import PaymentDialog
from pos_terminal.ui.sale_presenter import SalePresenter
from pos_terminal.ui.tasks import TaskRunner
from sync.link_state import CrmLink, LinkState


class Terminal(Protocol):
    """What the self-test drives (the running terminal of `pos_terminal.app`)."""

    presenter: SalePresenter | None
    window: MainWindow
    runner: TaskRunner

    def tap_demo_card(self) -> None: ...

    def sync_now(self) -> None: ...


STEP_TIMEOUT_S = 30


class SelfTest:
    def __init__(self, terminal: Terminal) -> None:
        self.terminal = terminal
        self.exit_code = 1
        self.closed: ClosedBill | None = None
        self._steps: list[tuple[str, Callable[[], bool]]] = [
            ("signed in with the demo cashier's PIN", self._sign_in),
            ("shift opened with a cash float", self._open_shift),
            ("sale screen", self._sale_ready),
            ("three products on the bill", self._add_products),
            ("customer attached by a card tap", self._customer_attached),
            ("payment dialog", self._open_payment),
            ("bill closed", self._bill_closed),
            ("receipt printed", self._receipt_printed),
            ("sale sent to the CRM, or none enrolled", self._crm_link),
        ]
        self.printed_to: str | None = None
        self._queued = False
        self._asked: CrmLink | None = None  # the strip's link when the sync was asked for
        self._started = time.monotonic()
        self._timer = QTimer()
        self._timer.timeout.connect(self._tick)

    def run(self) -> None:
        self._timer.start(20)

    def _finish(self, code: int, message: str) -> None:
        self._timer.stop()
        self.exit_code = code
        print(message, file=sys.stdout if code == 0 else sys.stderr, flush=True)
        QApplication.quit()

    def _tick(self) -> None:
        name, step = self._steps[0]
        try:
            done = step()
        except Exception as error:  # a self-test reports, it does not crash
            self._finish(1, f"selftest FAILED at '{name}': {error!r}")
            return
        if done:
            print(f"selftest: {name} ✓", flush=True)
            self._steps.pop(0)
            self._started = time.monotonic()
            if not self._steps:
                assert self.closed is not None
                self._finish(
                    0,
                    f"selftest passed: receipt {self.closed.local_no}, "
                    f"{formatting.money(self.closed.priced.total)}, printed to {self.printed_to}",
                )
        elif time.monotonic() - self._started > STEP_TIMEOUT_S:
            self._finish(1, f"selftest FAILED: '{name}' did not happen in {STEP_TIMEOUT_S} s")

    def _sign_in(self) -> bool:
        window = self.terminal.window
        login = window.findChild(LoginView)
        if login is None or window.pages.currentWidget() is not login:
            return False
        _, _, pin = DEMO_STAFF[0]  # the demo cashier
        login.pin.setText(pin)
        login.sign_in.click()
        return True

    def _open_shift(self) -> bool:
        window = self.terminal.window
        if window.sale is not None and window.pages.currentWidget() is window.sale:
            return True  # a shift was open already
        dialog = window.dialog
        if isinstance(dialog, OpenShiftDialog) and dialog.isVisible():
            dialog.amount.setText("200,00")
            dialog.ok.click()
        return False

    def _sale_ready(self) -> bool:
        terminal = self.terminal
        ready = terminal.presenter is not None and terminal.window.sale is not None
        if ready and terminal.presenter is not None:
            terminal.presenter.closed.connect(self._on_closed)
            terminal.presenter.printed.connect(self._on_printed)
        return ready and bool(terminal.window.sale and terminal.window.sale.products)

    def _add_products(self) -> bool:
        presenter = self.terminal.presenter
        assert presenter is not None and self.terminal.window.sale is not None
        if not presenter.bill.lines:
            for product in self.terminal.window.sale.products[:3]:
                presenter.add_product(product)
        priced = presenter.last_priced
        return priced is not None and len(priced.lines) == 3 and not self.terminal.runner.busy

    def _customer_attached(self) -> bool:
        presenter = self.terminal.presenter
        assert presenter is not None
        if presenter.bill.customer_id is None and not self.terminal.runner.busy:
            self.terminal.tap_demo_card()
            return False
        priced = presenter.last_priced
        return priced is not None and priced.bill.customer_id is not None

    def _open_payment(self) -> bool:
        sale = self.terminal.window.sale
        assert sale is not None
        dialog = self.terminal.window.dialog
        if not isinstance(dialog, PaymentDialog):
            sale.pay.click()
            return False
        dialog.exact.click()
        finish = dialog.findChild(QPushButton, "finish")
        assert finish is not None
        if not finish.isEnabled():
            raise RuntimeError("exact cash did not settle the bill")
        finish.click()
        return True

    def _on_closed(self, closed: ClosedBill) -> None:
        self.closed = closed

    def _bill_closed(self) -> bool:
        return self.closed is not None

    def _on_printed(self, closed: ClosedBill, printout: Printout | None) -> None:
        if printout is not None:
            self.printed_to = printout.where
            # On the till's printer's queue, or registered on the fiscal printer already.
            self._queued = printout.job is not None or printout.where.startswith("fiscal")

    def _receipt_printed(self) -> bool:
        if self.printed_to is None:
            return False
        return self._queued or Path(self.printed_to).stat().st_size > 0

    def _crm_link(self) -> bool:
        # A sale never waits for the CRM; the self-test does, to prove the link works.
        window = self.terminal.window
        link = window.crm_link
        if not link.enrolled:
            return link.state in (LinkState.NOT_CONFIGURED, LinkState.ONLINE)
        if self._asked is None:
            self._asked = link
            self.terminal.sync_now()
            return False
        # A report made after the sale was sent: online, nothing waiting.
        return link is not self._asked and link.state is LinkState.ONLINE and link.pending == 0
