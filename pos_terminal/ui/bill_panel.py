"""The bill on the right of the sale screen: lines, every discount by source, totals."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from loyalty import formatting
from loyalty.cashback import Resource
from loyalty.customers import CustomerState
from loyalty.money import Money
from pos_terminal.domain.explanation import Adjustment, AdjustmentStatus, CapReason, Source
from pos_terminal.domain.priced import PricedBill
from pos_terminal.ui.layouts import clear_layout


def _label(text: str, role: str = "", *, right: bool = False) -> QLabel:
    label = QLabel(text)
    if role:
        label.setProperty("role", role)
    label.setWordWrap(not right)
    if right:
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


def _tr(text: str) -> str:
    return QCoreApplication.translate("BillPanel", text)


def describe(adjustment: Adjustment, priced: PricedBill) -> str:
    """The discount's source, as the cashier and the customer read it."""
    percent = f" {formatting.percent(adjustment.percent)}" if adjustment.percent else ""
    if adjustment.source is Source.GROUP:
        # Group discounts are usually named with their rate already ("Stały klient 5%").
        shown = "" if "%" in adjustment.rule_name else percent
        text = _tr("Group: {name}").format(name=adjustment.rule_name) + shown
        limit = priced.limit
        if adjustment.cap is CapReason.DAILY_LIMIT and limit and limit.daily_limit is not None:
            text += "\n" + _tr("Daily limit: {used} of {limit} used").format(
                used=formatting.money(limit.used_after), limit=formatting.money(limit.daily_limit)
            )
        elif adjustment.cap is CapReason.ALLOWANCE:
            text += "\n" + _tr("Limited by the customer's discount allowance")
        return text
    if adjustment.source is Source.MANUAL:
        return _tr("Discount: {name}").format(name=adjustment.rule_name) + percent
    if adjustment.source is Source.VOUCHER:
        return _tr("Voucher {code}").format(code=adjustment.rule_id) + percent
    return _tr("Promotional credits")


class BillPanel(QFrame):
    def __init__(
        self,
        *,
        on_quantity: Callable[[str, int], None],
        on_remove: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setProperty("role", "panel")
        self._on_quantity, self._on_remove = on_quantity, on_remove
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._rows = QWidget()
        self._grid = QGridLayout(self._rows)
        self._grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll.setWidget(self._rows)
        outer.addWidget(scroll, 1)
        self.total = _label("", "total", right=True)
        self.total.setObjectName("total")
        self.summary = _label("", "muted", right=True)
        outer.addWidget(self.summary)
        outer.addWidget(self.total)

    def show_bill(self, priced: PricedBill) -> None:
        clear_layout(self._grid)
        row = 0
        for line in priced.lines:
            product = line.line.product
            name = _label(f"<b>{product.name}</b> · {formatting.money(product.price)}")
            minus, plus, remove = QPushButton("−"), QPushButton("+"), QPushButton("✕")
            remove.setProperty("role", "danger")
            for button in (minus, plus, remove):
                button.setFixedWidth(56)
            for button, name_ in ((minus, "minus"), (plus, "plus"), (remove, "remove")):
                button.setObjectName(f"{name_}-{line.line.id}")
            minus.clicked.connect(lambda _=False, i=line.line.id: self._on_quantity(i, -1))
            plus.clicked.connect(lambda _=False, i=line.line.id: self._on_quantity(i, +1))
            remove.clicked.connect(lambda _=False, i=line.line.id: self._on_remove(i))
            quantity = _label(str(line.line.quantity), right=True)
            amount = _label(formatting.money(line.gross), right=True)
            # The name gets a row of its own, so long Polish names never squeeze the controls.
            self._grid.addWidget(name, row, 0, 1, 6)
            self._grid.addWidget(minus, row + 1, 0)
            self._grid.addWidget(quantity, row + 1, 1)
            self._grid.addWidget(plus, row + 1, 2)
            self._grid.addWidget(amount, row + 1, 3, 1, 2)
            self._grid.addWidget(remove, row + 1, 5)
            row += 2
        for adjustment in priced.adjustments:
            # Applied amounts are shown; a group discount a limit cut to nothing is shown too,
            # so the cashier sees why there is no discount.
            shown = adjustment.status is AdjustmentStatus.APPLIED and not adjustment.amount.is_zero
            if not shown and not (adjustment.source is Source.GROUP and adjustment.cap):
                continue
            text = _label(describe(adjustment, priced), "discount")
            text.setObjectName(f"adjustment-{adjustment.source}")
            self._grid.addWidget(text, row, 0, 1, 4)
            self._grid.addWidget(
                _label(formatting.discount(adjustment.amount), "discount", right=True), row, 4, 1, 2
            )
            row += 1
        self._grid.setColumnStretch(3, 1)
        due = formatting.money(priced.total)
        self.total.setText(self.tr("To pay: {amount}").format(amount=due))
        points = priced.earned(Resource.POINTS, include_awaiting=True)
        parts = [self.tr("Subtotal {amount}").format(amount=formatting.money(priced.gross))]
        if not priced.discount_total.is_zero or not priced.credits_used.is_zero:
            saved = priced.discount_total + priced.credits_used
            parts.append(self.tr("saved {amount}").format(amount=formatting.money(saved)))
        if points:
            parts.append(self.tr("provisional points: {points}").format(points=points))
        self.summary.setText(" · ".join(parts))


FLASH_MS = 600


class CustomerStrip(QFrame):
    """Who is on the bill and what they have available right now."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "panel")
        layout = QHBoxLayout(self)
        self.text = _label("")
        self.text.setObjectName("customer")
        layout.addWidget(self.text, 1)
        self.clear_button = QPushButton(self.tr("Remove customer"))
        self.clear_button.setObjectName("remove-customer")
        layout.addWidget(self.clear_button)
        self.setProperty("flash", False)
        # The strip's own timer: it goes with the strip, never firing on a deleted one.
        self._flash_off = QTimer(self)
        self._flash_off.setSingleShot(True)
        self._flash_off.setInterval(FLASH_MS)
        self._flash_off.timeout.connect(lambda: self._set_flash(False))
        self.show_state(None, None)

    def flash(self) -> None:
        """Light up for a moment: a card was read and its customer found."""
        self._set_flash(True)
        self._flash_off.start()

    def _set_flash(self, on: bool) -> None:
        self.setProperty("flash", on)
        self.style().unpolish(self)
        self.style().polish(self)

    def show_state(self, state: CustomerState | None, priced: PricedBill | None) -> None:
        if state is None:
            self.text.setText(self.tr("No customer — tap a card or press Customer"))
            self.clear_button.hide()
            return
        parts = [f"<b>{state.customer.name}</b>"]
        if state.group is not None:
            parts.append(self.tr("group {name}").format(name=state.group.name))
        parts.append(self.tr("credits {amount}").format(amount=formatting.money(state.credits)))
        parts.append(self.tr("wallet {amount}").format(amount=formatting.money(state.wallet)))
        parts.append(self.tr("{points} pts").format(points=state.points))
        if state.group is not None and state.group.daily_discount_limit is not None:
            left = state.group.daily_discount_limit - state.group_discount_used_today
            if priced is not None and priced.limit is not None:
                left = left - priced.limit.used_by_bill
            parts.append(self.tr("limit left today {amount}").format(amount=formatting.money(left)))
        allowance = state.allowance_left
        if allowance is not None and not state.customer.discount_limit_disabled:
            if priced is not None and priced.limit is not None:
                # (a manager may lift the cap for a bill: the allowance then shows 0,00)
                allowance = Money(max(allowance.minor - priced.limit.used_by_bill.minor, 0))
            text = self.tr("allowance left {amount}").format(amount=formatting.money(allowance))
            parts.append(text)
        self.text.setText(" · ".join(parts))
        self.clear_button.show()
