"""Small layout helpers shared by the screens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QPushButton, QSizePolicy, QWidget


def answer_row(
    cancel: tuple[str, Callable[[], object]],
    ok: tuple[str, Callable[[], object]],
    *,
    ok_name: str = "",
) -> tuple[QHBoxLayout, QPushButton]:
    """A dialog's two answers, (label, what it does): the way out on the left, the primary
    one on the right. The row, and the primary button (tests click it by `ok_name`)."""
    row = QHBoxLayout()
    back, primary = QPushButton(cancel[0]), QPushButton(ok[0])
    primary.setObjectName(ok_name)
    primary.setProperty("role", "primary")
    back.clicked.connect(cancel[1])
    primary.clicked.connect(ok[1])
    row.addWidget(back)
    row.addWidget(primary)
    return row, primary


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every item; widgets are hidden and unparented at once, since
    `deleteLater` only runs when control returns to the event loop."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            continue
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
        elif (child := item.layout()) is not None:
            clear_layout(child)


class ElidedLabel(QLabel):
    """One line of plain text that ends in "…" where its space ends: it never widens its
    column, and a cut name still reads as cut."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(rect, int(self.alignment()), shown)
