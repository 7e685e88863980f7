"""The strip along the bottom of the window: the till and cashier, the card reader, the
printers and the CRM, each state shown whole.

Qt's status bar squeezes its labels into one row, cutting the ends off ("Fiscal: daily
rep"); on a 1024 px till with a fiscal printer and the CRM offline the states do not fit
one row. Here the labels keep their own widths and flow onto a second row when the first
is full, and the strip grows by that row: a state is never cut, nor pushed off the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget


class StatusStrip(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)  # a till runs full screen; a grip is a stray square
        self._labels: list[QLabel] = []
        self._rows = 1

    def add(self, label: QLabel) -> None:
        """A label of the strip, after the ones added before it."""
        label.setParent(self)
        self._labels.append(label)
        self._arrange()

    def rows(self) -> int:
        return self._rows

    def _row_height(self) -> int:
        return max((label.sizeHint().height() for label in self._labels), default=20) + 4

    def _flow(self, width: int) -> list[list[QLabel]]:
        rows: list[list[QLabel]] = [[]]
        used = 0
        for label in self._labels:
            if label.isHidden():
                continue
            wide = label.sizeHint().width()
            if rows[-1] and used + wide > width:
                rows.append([])
                used = 0
            rows[-1].append(label)
            used += wide
        return rows

    def _arrange(self) -> None:
        rows, height = self._flow(max(self.width(), 1)), self._row_height()
        for index, row in enumerate(rows):
            x = 0
            for label in row:
                wide = label.sizeHint().width()
                label.setGeometry(x, index * height, wide, height)
                x += wide
        if len(rows) != self._rows:
            self._rows = len(rows)
            self.updateGeometry()  # the window gives the strip its new height

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(super().sizeHint().width(), self._row_height() * self._rows)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(0, self._row_height() * self._rows)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._arrange()

    def event(self, event: QEvent) -> bool:
        # A label's new text or visibility asks its parent to lay out again.
        if event.type() == QEvent.Type.LayoutRequest:
            self._arrange()
        return super().event(event)
