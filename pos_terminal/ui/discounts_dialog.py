"""The discounts on the bill, each with why it is what it is; credits off and on again; a
manual discount the cashier may give (visible discounts only)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from loyalty import formatting
from loyalty.discounts import Discount
from pos_terminal.domain.explanation import AdjustmentStatus, CapReason
from pos_terminal.domain.priced import PricedBill
from pos_terminal.ui.bill_panel import describe


def discount_choices(
    manual: list[Discount],
    current: str | None,
    none: str,
    name_prefix: str,
    choose: Callable[[str | None], None],
) -> QGridLayout:
    """A button for no discount and one per visible discount, the current one checked."""
    choices = QGridLayout()
    for index, discount in enumerate([None, *manual]):
        button = QPushButton(discount.name if discount else none)
        button.setCheckable(True)
        button.setChecked((discount.id if discount else None) == current)
        button.setObjectName(f"{name_prefix}-{discount.id if discount else 'none'}")
        button.clicked.connect(lambda _=False, d=discount: choose(d.id if d else None))
        choices.addWidget(button, index // 3, index % 3)
    return choices


class DiscountsDialog(QDialog):
    credits_toggled = Signal(bool)  # removed?
    limit_override_requested = Signal()
    manual_chosen = Signal(object)  # a discount id, or None to take it off

    def __init__(
        self,
        priced: PricedBill,
        manual: list[Discount],
        parent: QWidget | None = None,
        *,
        credits_available: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Discounts"))
        layout = QVBoxLayout(self)
        layout.addLayout(self._explained(priced))
        removed = priced.bill.credits_removed
        self._credits_removed = removed
        if credits_available:  # no button to take off or give back what is not there
            credits = QPushButton(
                self.tr("Restore credits") if removed else self.tr("Remove credits")
            )
            credits.setObjectName("toggle-credits")
            credits.clicked.connect(self._toggle_credits)
            layout.addWidget(credits)
        capped = priced.limit is not None and priced.limit.capped_by is not None
        if capped and not priced.bill.limit_overridden:
            lift = QPushButton(self.tr("Lift the daily limit for this bill (manager)"))
            lift.setObjectName("lift-limit")
            lift.clicked.connect(self._lift)
            layout.addWidget(lift)
        layout.addWidget(QLabel(self.tr("Discount on the whole bill:")))
        current = priced.bill.manual_discount_id
        none = self.tr("None")
        layout.addLayout(discount_choices(manual, current, none, "manual", self._choose))
        layout.addStretch(1)  # the content at the top, Close at the bottom
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        layout.addWidget(close)

    def _explained(self, priced: PricedBill) -> QGridLayout:
        """Each discount with what it was taken from, and why it is what it is."""
        explained = QGridLayout()
        explained.setColumnStretch(0, 1)  # amounts line up at the right edge
        row = 0
        caps = {
            CapReason.DAILY_LIMIT: self.tr("capped by the daily limit"),
            CapReason.ALLOWANCE: self.tr("capped by the customer's allowance"),
            CapReason.REMAINING_TOTAL: self.tr("capped at what was left to pay"),
            CapReason.ELIGIBLE_TOTAL: self.tr("capped at the lines it covers"),
        }
        for adjustment in priced.adjustments:
            text = describe(adjustment, priced)
            why = self.tr("on {base}").format(base=formatting.money(adjustment.base))
            if adjustment.cap is not None and adjustment.uncapped is not None:
                why += (
                    ", "
                    + caps[adjustment.cap]
                    + self.tr(" (was {amount})").format(
                        amount=formatting.money(adjustment.uncapped)
                    )
                )
            if adjustment.status is AdjustmentStatus.REMOVED_BY_CASHIER:
                why = self.tr("removed by the cashier")
            elif adjustment.status is AdjustmentStatus.REFUSED:
                reason = self._refusals().get(str(adjustment.refusal), str(adjustment.refusal))
                why = self.tr("not applied: {reason}").format(reason=reason)
            label = QLabel(f"{text}\n<small>{why}</small>".replace("\n", "<br>"))
            label.setObjectName(f"explained-{row}")
            explained.addWidget(label, row, 0)
            amount = QLabel(formatting.discount(adjustment.amount))
            amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            explained.addWidget(amount, row, 1)
            row += 1
        if row == 0:
            explained.addWidget(QLabel(self.tr("No discounts on this bill.")), 0, 0)
        return explained

    def _refusals(self) -> dict[str, str]:
        return {
            "unknown": self.tr("unknown code"),
            "redeemed": self.tr("already used"),
            "cancelled": self.tr("cancelled"),
            "not_yet_valid": self.tr("not valid yet"),
            "expired": self.tr("expired"),
            "other_owner": self.tr("belongs to another customer"),
            "already_on_bill": self.tr("already on this bill"),
            "below_minimum": self.tr("the bill is below its minimum"),
        }

    def _lift(self) -> None:
        self.accept()
        self.limit_override_requested.emit()

    def _toggle_credits(self) -> None:
        self.credits_toggled.emit(not self._credits_removed)
        self.accept()

    def _choose(self, discount_id: str | None) -> None:
        self.manual_chosen.emit(discount_id)
        self.accept()


class LineDiscountDialog(QDialog):
    """The cashier's discount on one line of the bill: none, or one of the visible ones."""

    chosen = Signal(object)  # a discount id, or None to take it off

    def __init__(
        self, product: str, current: str | None, manual: list[Discount], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Discount on {product}").format(product=product))
        layout = QVBoxLayout(self)
        none = self.tr("None")
        layout.addLayout(discount_choices(manual, current, none, "line-manual", self._choose))
        layout.addStretch(1)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        layout.addWidget(cancel)

    def _choose(self, discount_id: str | None) -> None:
        self.accept()
        self.chosen.emit(discount_id)
