"""Who is on the bill and what they have available right now, in a strip of fixed height.

Without a customer the strip holds the ways to find one (search, the card's number); with
one, their name and group over their balances and limits, and a way to take them off.
Its height never changes, so the bill under it never moves when a customer comes or goes.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from loyalty import formatting
from loyalty.customers import CustomerState
from loyalty.money import Money
from pos_terminal.domain.priced import PricedBill
from pos_terminal.ui.layouts import ElidedLabel

FLASH_MS = 600
STRIP_HEIGHT = 68  # px: two lines of text, or a row of 56 px buttons, in the frame


class CustomerStrip(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "panel")
        self.setFixedHeight(STRIP_HEIGHT)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        lines = QVBoxLayout()
        lines.setSpacing(0)
        # Elided: a long name or many balances end in "…" at the strip's edge, never widen it.
        self.text = ElidedLabel()
        self.text.setObjectName("customer")
        self.balances = ElidedLabel()
        self.balances.setObjectName("customer-balances")
        self.balances.setProperty("role", "small")
        lines.addWidget(self.text)
        lines.addWidget(self.balances)
        layout.addLayout(lines, 1)
        self.find_button = QPushButton(self.tr("Customer"))
        self.find_button.setObjectName("customer")
        self.number_button = QPushButton(self.tr("Card no."))
        self.number_button.setObjectName("card-number")
        self.clear_button = QPushButton("✕")
        self.clear_button.setObjectName("remove-customer")
        self.clear_button.setAccessibleName(self.tr("Remove customer"))
        for button in (self.find_button, self.number_button, self.clear_button):
            layout.addWidget(button)
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
        self.find_button.setVisible(state is None)
        self.number_button.setVisible(state is None)
        self.clear_button.setVisible(state is not None)
        self.text.setProperty("role", "" if state is None else "strong")
        self.text.style().polish(self.text)
        if state is None:
            self.text.setText(self.tr("No customer"))
            self.balances.setText(self.tr("Tap a card or press Customer"))
            return
        title = state.customer.name
        if state.group is not None:
            title += " · " + self.tr("group {name}").format(name=state.group.name)
        self.text.setText(title)
        self.balances.setText(" · ".join(self._balances(state, priced)))

    def _balances(self, state: CustomerState, priced: PricedBill | None) -> list[str]:
        parts = [
            self.tr("credits {amount}").format(amount=formatting.money(state.credits)),
            self.tr("wallet {amount}").format(amount=formatting.money(state.wallet)),
            self.tr("{points} pts").format(points=state.points),
        ]
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
        return parts
