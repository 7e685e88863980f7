"""A bill line's editor: opened by a tap on the line, over the bottom of the bill.

The bill's rows stay one compact row each; the controls that change a line (quantity
− and +, its own discount, remove) live here, large, for the one line the cashier chose.
It lies over the bill rather than in its layout, so no row moves when it opens or closes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsDropShadowEffect,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from loyalty import formatting
from pos_terminal.domain.priced import PricedLine


class LineEditor(QFrame):
    closed = Signal()

    def __init__(
        self,
        parent: QWidget,
        *,
        on_quantity: Callable[[str, int], None],
        on_remove: Callable[[str], None],
        on_discount: Callable[[str], None],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("line-editor")
        self.setProperty("role", "sheet-panel")
        shadow = QGraphicsDropShadowEffect(self)
        shadow.setBlurRadius(20)
        shadow.setOffset(0, -3)
        shadow.setColor(QColor(0, 0, 0, 80))
        self.setGraphicsEffect(shadow)
        self._on_quantity, self._on_remove = on_quantity, on_remove
        self._on_discount = on_discount
        self.line_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        self.title = QLabel()
        self.title.setObjectName("line-editor-title")
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        done = QPushButton(self.tr("Done"))
        done.setObjectName("line-done")
        heading = QHBoxLayout()  # two rows: the bill column is narrow on a 1024 px till
        heading.addWidget(self.title, 1)
        heading.addWidget(done)
        layout.addLayout(heading)
        controls = QHBoxLayout()
        self.minus, self.plus = QPushButton("−"), QPushButton("+")
        self.quantity = QLabel()
        self.quantity.setObjectName("line-editor-quantity")
        self.quantity.setProperty("role", "quantity")
        self.discount = QPushButton(self.tr("Discount"))
        self.remove = QPushButton(self.tr("Remove"))
        self.remove.setProperty("role", "danger")
        for widget in (self.minus, self.quantity, self.plus):
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.discount)
        controls.addWidget(self.remove)
        layout.addLayout(controls)
        self.minus.clicked.connect(lambda: self._quantity(-1))
        self.plus.clicked.connect(lambda: self._quantity(+1))
        self.remove.clicked.connect(self._remove)
        self.discount.clicked.connect(self._discount)
        done.clicked.connect(self.close_editor)
        self.hide()

    def show_line(self, line: PricedLine | None) -> None:
        """Open for this line, or show its new quantity; None: the line is gone, close."""
        if line is None:
            self.close_editor()
            return
        self.line_id = line.line.id
        product = line.line.product
        self.title.setText(f"<b>{product.name}</b> · {formatting.money(product.price)}")
        self.quantity.setText(str(line.line.quantity))
        # Named after the line, so a test (or a log) can tell which line a tap changed.
        self.minus.setObjectName(f"minus-{self.line_id}")
        self.plus.setObjectName(f"plus-{self.line_id}")
        self.remove.setObjectName(f"remove-{self.line_id}")
        self.discount.setObjectName(f"discount-{self.line_id}")
        self.minus.setEnabled(line.line.quantity > 1)  # below 1 is "Remove", said plainly
        self.place()
        self.show()
        self.raise_()

    def close_editor(self) -> None:
        if self.line_id is None:
            return
        self.line_id = None
        self.hide()
        self.closed.emit()

    def place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        height = self.sizeHint().height()
        self.setGeometry(0, parent.height() - height, parent.width(), height)

    def _quantity(self, delta: int) -> None:
        if self.line_id is not None:
            self._on_quantity(self.line_id, delta)

    def _discount(self) -> None:
        if self.line_id is not None:
            self._on_discount(self.line_id)

    def _remove(self) -> None:
        line_id = self.line_id
        if line_id is not None:
            self.close_editor()
            self._on_remove(line_id)
