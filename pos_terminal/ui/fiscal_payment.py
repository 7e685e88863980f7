"""Paying through the fiscal printer, for the sale presenter: the receipt registered first,
on the printer's own thread; the bill closed only with it (`services/fiscal.py`).

A bill whose outcome is unknown (the printer may hold its receipt: the answer was lost) is
frozen until a Retry settles it by the printer's counter, so that the bill closed is the
receipt printed; no other bill is paid meanwhile. What the cashier is told is
`ui/fiscal_flow.py`'s, from the signals here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QObject, Signal

from loyalty.tenders import Tender
from pos_terminal.domain.bill import Bill
from pos_terminal.domain.staff import StaffMember
from pos_terminal.services.fiscal import FiscalLink, FiscalSale, unsettled
from pos_terminal.ui.tasks import TaskRunner


class FiscalPayment(QObject):
    registering = Signal()  # the fiscal receipt is on its way to the printer
    failed = Signal(object)  # the error: the bill stays open
    frozen = Signal()  # a change refused: the printer may hold this bill's receipt

    def __init__(
        self,
        link: FiscalLink,
        runner: TaskRunner,
        *,
        error: Callable[[BaseException], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.link, self._runner, self._error = link, runner, error
        self._unsettled: set[str] = set()  # bills the printer may have printed

    def refuses_change(self, bill_id: str) -> bool:
        """True, with `frozen` said, while the bill's receipt is unsettled."""
        if bill_id not in self._unsettled:
            return False
        self.frozen.emit()
        return True

    def another_waits(self, bill_id: str) -> bool:
        """Whether another bill's receipt must be settled before this one is paid."""
        return bool(self._unsettled - {bill_id})

    def settled(self, bill_id: str) -> None:
        self._unsettled.discard(bill_id)

    def pay(
        self,
        bill: Bill,
        name: str,
        tenders: tuple[Tender, ...],
        *,
        at: datetime,
        day: date,
        cashier: StaffMember | None,
        done: Callable[[FiscalSale], None],
    ) -> None:
        """Queued behind the database thread's work, so the draft saves asked before Pay
        are on disk before the bill is closed."""
        self.registering.emit()
        link = self.link

        def register() -> None:
            sale = link.submit(
                lambda device: link.service.pay(
                    device, bill, tenders, name=name, at=at, business_date=day, cashier=cashier
                )
            )
            self._runner.follow(sale, done, lambda error: self._not_registered(bill.id, error))

        self._runner.run_db(lambda: None, lambda _: register(), self._error)

    def _not_registered(self, bill_id: str, error: BaseException) -> None:
        if unsettled(error):
            self._unsettled.add(bill_id)
        else:
            self._unsettled.discard(bill_id)
        self.failed.emit(error)
