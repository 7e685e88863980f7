"""After payment, the change due is the loudest thing on the screen.

A sheet over the whole sale screen: the change in large type, then the total, the tenders
and the points earned. A tap anywhere, or the next product, puts the sale screen back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from loyalty import formatting
from loyalty.cashback import Resource
from loyalty.money import Money
from loyalty.tenders import TenderKind, settle
from pos_terminal.services.bills import ClosedBill


class ChangeDueSheet(QFrame):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("change-due")
        self.setProperty("role", "sheet")
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.change = self._label("change-amount", "change")
        self.total = self._label("change-total", "total")
        self.tenders = self._label("change-tenders", "")
        self.points = self._label("change-points", "")
        self.receipt = self._label("change-receipt", "muted")
        for label in (self.change, self.total, self.tenders, self.points, self.receipt):
            layout.addWidget(label)
        hint = self._label("change-hint", "")
        hint.setText(self.tr("Tap to continue"))
        layout.addWidget(hint)
        layout.addStretch(1)
        self.number: int | None = None
        self.hide()

    def _label(self, name: str, role: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        if role:
            label.setProperty("role", role)
        return label

    def show_for(self, closed: ClosedBill) -> None:
        self.number = closed.local_no  # whose receipt the printer's answers are about
        priced = closed.priced
        wallet = sum(
            (t.amount for t in closed.tenders if t.kind is TenderKind.WALLET),
            Money.zero(priced.total.currency),
        )
        paid = settle(priced.total, closed.tenders, wallet_available=wallet)
        self.change.setText(self.tr("Change {amount}").format(amount=formatting.money(paid.change)))
        self.total.setText(
            self.tr("Receipt {number}: {amount}").format(
                number=closed.local_no, amount=formatting.money(priced.total)
            )
        )
        names = {
            TenderKind.CASH: self.tr("cash"),
            TenderKind.CARD: self.tr("card"),
            TenderKind.WALLET: self.tr("wallet"),
        }
        self.tenders.setText(
            " · ".join(f"{names[t.kind]} {formatting.money(t.amount)}" for t in closed.tenders)
        )
        points = priced.earned(Resource.POINTS)
        self.points.setText(self.tr("{points} points earned").format(points=points))
        self.points.setVisible(points > 0)
        self.receipt.setText(self.tr("Printing the receipt…"))
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()

    def show_printed(self) -> None:
        self.receipt.setText(self.tr("Receipt printed."))

    def show_waiting(self, state: str) -> None:
        """The printer cannot print now (`state`: "paper out"); the queue keeps trying."""
        self.receipt.setText(
            self.tr("The receipt waits for the printer: {state}.").format(state=state)
        )

    def show_not_printed(self, state: str) -> None:
        self.receipt.setText(
            self.tr(
                "The receipt was not printed (printer: {state}). The bill is closed: print"
                " it from Menu, Today's bills."
            ).format(state=state)
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        self.hide()
        event.accept()
