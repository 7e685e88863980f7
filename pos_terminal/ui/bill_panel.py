"""The bill on the right of the sale screen: a compact row per line, every discount by
source, and what was saved. A tap on a line opens its editor (`ui/line_editor.py`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from loyalty import formatting
from loyalty.cashback import Resource
from pos_terminal.domain.explanation import Adjustment, AdjustmentStatus, CapReason, Source
from pos_terminal.domain.priced import PricedBill, PricedLine
from pos_terminal.ui.layouts import ElidedLabel, clear_layout
from pos_terminal.ui.line_editor import LineEditor

ROW_HEIGHT = 48  # px: a bill line is a tap target too


def _label(text: str, role: str = "", *, right: bool = False) -> QLabel:
    label = QLabel(text)
    if role:
        label.setProperty("role", role)
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    if right:
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    else:  # cut at the row's edge rather than widen the column
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
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


class BillRow(QPushButton):
    """One line of the bill: name, quantity and amount; its discount in small print."""

    def __init__(self, line: PricedLine) -> None:
        super().__init__()
        self.line_id = line.line.id
        self.setObjectName(f"line-{self.line_id}")
        self.setProperty("role", "bill-line")
        self.setCheckable(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 2, 10, 2)
        outer.setSpacing(0)
        row = QHBoxLayout()
        name = ElidedLabel(line.line.product.name)
        name.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row.addWidget(name, 1)
        quantity = _label(f"{line.line.quantity} ×", "muted", right=True)
        quantity.setObjectName(f"quantity-{self.line_id}")
        row.addWidget(quantity)
        row.addSpacing(10)
        row.addWidget(_label(formatting.money(line.gross), right=True))
        outer.addLayout(row)
        reduced = line.gross - line.total
        if not reduced.is_zero:
            # Small print: what came off this line (the sources are listed under the lines).
            small = _label(formatting.discount(reduced), "line-discount", right=True)
            small.setObjectName(f"line-discount-{self.line_id}")
            outer.addWidget(small)
        # As high as its one or two lines, whatever the column around it does: a button's
        # own size hint knows nothing of the layout inside it.
        self.setFixedHeight(max(ROW_HEIGHT, outer.sizeHint().height()))


class BillPanel(QFrame):
    def __init__(
        self,
        *,
        on_quantity: Callable[[str, int], None],
        on_remove: Callable[[str], None],
        on_discount: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setProperty("role", "panel")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 6)
        self.lines_area = QScrollArea()
        self.lines_area.setObjectName("bill-lines")
        self.lines_area.setWidgetResizable(True)
        self.lines_area.setFrameShape(QFrame.Shape.NoFrame)
        self.lines_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._rows_widget = QWidget()
        self._rows = QVBoxLayout(self._rows_widget)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.setSpacing(0)
        self._rows.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.lines_area.setWidget(self._rows_widget)
        self._pending: BillRow | None = None
        self.lines_area.verticalScrollBar().rangeChanged.connect(self._show_pending)
        self.lines_area.viewport().installEventFilter(self)  # a smaller view keeps the line
        outer.addWidget(self.lines_area, 1)
        self.summary = ElidedLabel()
        self.summary.setProperty("role", "muted")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.summary.setObjectName("bill-summary")
        outer.addWidget(self.summary)
        self.editor = LineEditor(
            self, on_quantity=on_quantity, on_remove=on_remove, on_discount=on_discount
        )
        self.editor.closed.connect(self._unselect)
        self.row_by_line: dict[str, BillRow] = {}
        self._lines: dict[str, PricedLine] = {}
        self._quantities: dict[str, int] = {}
        self._touched: str | None = None

    def show_bill(self, priced: PricedBill) -> None:
        clear_layout(self._rows)
        self.row_by_line = {}
        self._lines = {p.line.id: p for p in priced.lines}
        for line in priced.lines:
            row = BillRow(line)
            row.clicked.connect(lambda _=False, i=line.line.id: self._edit(i))
            row.setChecked(line.line.id == self.editor.line_id)
            self._rows.addWidget(row)
            self.row_by_line[line.line.id] = row
        for adjustment in priced.adjustments:
            # Applied amounts are shown; a group discount a limit cut to nothing is shown too,
            # so the cashier sees why there is no discount.
            shown = adjustment.status is AdjustmentStatus.APPLIED and not adjustment.amount.is_zero
            if not shown and not (adjustment.source is Source.GROUP and adjustment.cap):
                continue
            self._rows.addWidget(self._adjustment_row(adjustment, priced))
        if self.editor.line_id is not None:
            self.editor.show_line(self._lines.get(self.editor.line_id))
        self._scroll_to(self._changed_line(priced))
        points = priced.earned(Resource.POINTS, include_awaiting=True)
        parts = [self.tr("Subtotal {amount}").format(amount=formatting.money(priced.gross))]
        if not priced.discount_total.is_zero or not priced.credits_used.is_zero:
            saved = priced.discount_total + priced.credits_used
            parts.append(self.tr("saved {amount}").format(amount=formatting.money(saved)))
        if points:
            parts.append(self.tr("provisional points: {points}").format(points=points))
        self.summary.setText(" · ".join(parts) if priced.lines else "")

    def _adjustment_row(self, adjustment: Adjustment, priced: PricedBill) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(10, 2, 10, 2)
        text = _label(describe(adjustment, priced), "discount")
        text.setWordWrap(True)
        text.setObjectName(f"adjustment-{adjustment.source}")
        layout.addWidget(text, 1)
        layout.addWidget(_label(formatting.discount(adjustment.amount), "discount", right=True))
        return row

    def _changed_line(self, priced: PricedBill) -> str | None:
        """The line the last change touched (a new one, or one whose quantity changed), or
        the one touched before while it is on the bill: a repricing (a card tap adds a
        discount under every line) makes rows taller, and that line must stay in view."""
        before, self._quantities = (
            self._quantities,
            {p.line.id: p.line.quantity for p in priced.lines},
        )
        changed = [i for i, q in self._quantities.items() if before.get(i) != q]
        if changed:
            self._touched = changed[-1]
        elif self._touched not in self._quantities:
            self._touched = None
        return self._touched

    def _scroll_to(self, line_id: str | None) -> None:
        row = self.row_by_line.get(line_id or "")
        if row is not None:
            # The row has its place only once laid out: shown when the area's range grows
            # for it, or on the next turn of the event loop when the range stays the same.
            self._pending = row
            QTimer.singleShot(0, self, self._show_pending)

    def _show_pending(self) -> None:
        row = self._pending
        if row is None or row not in self.row_by_line.values():
            self._pending = None
            return
        _top, bottom = self._span(row)
        if bottom > self._rows_widget.height():
            return  # the area has not grown for it yet: its range will change, and call again
        self._pending = None
        self._ensure_visible(row)

    def _span(self, row: BillRow) -> tuple[int, int]:
        """Where the row lies in the rows, from the heights of the rows above it: a row
        just added keeps its first geometry (the top) until the layout places it, so its
        own geometry cannot say (seen: the newest line scrolled to the top, out of view)."""
        top = 0
        for index in range(self._rows.count()):
            item = self._rows.itemAt(index)
            widget = item.widget() if item is not None else None
            if widget is None:
                continue
            high = widget.minimumHeight() or widget.sizeHint().height()
            if widget is row:
                return top, top + high
            top += high + self._rows.spacing()
        return top, top

    def _ensure_visible(self, row: BillRow) -> None:
        below = self.editor.height() if self.editor.isVisible() else 0
        top, bottom = self._span(row)
        half = (bottom - top) // 2
        self.lines_area.ensureVisible(0, top + half, 0, half + below)

    def _edit(self, line_id: str) -> None:
        row, line = self.row_by_line.get(line_id), self._lines.get(line_id)
        if row is None or line is None:
            return
        for other in self.row_by_line.values():
            other.setChecked(other is row)
        self.editor.show_line(line)
        self._ensure_visible(row)

    def _unselect(self) -> None:
        for row in self.row_by_line.values():
            row.setChecked(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize and watched is self.lines_area.viewport():
            self._scroll_to(self._touched)
        return False

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.editor.place()
