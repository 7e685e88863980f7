"""Messages and questions over the sale screen: they float above it, never push it down.

A notice lies over the top of the product grid, so nothing the cashier is about to tap
moves while it shows. A question (`choose`, `ask`) stays until it is answered; a plain
message (`say`) has an OK and goes by itself after a while, unless it asks for attention
(an error): then it stays until tapped.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QSize, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGraphicsDropShadowEffect,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from pos_terminal.ui.layouts import clear_layout

_ACROSS, _DOWN = QBoxLayout.Direction.LeftToRight, QBoxLayout.Direction.TopToBottom
TOAST_MS = 6000  # long enough to read two lines at a glance between two taps


class Notice(QFrame):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setProperty("role", "notice")
        self.setObjectName("notice-frame")
        shadow = QGraphicsDropShadowEffect(self)
        shadow.setBlurRadius(24)
        shadow.setOffset(0, 4)
        shadow.setColor(QColor(0, 0, 0, 90))
        self.setGraphicsEffect(shadow)
        layout = self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        layout.setContentsMargins(14, 8, 8, 8)
        self.text = QLabel()
        self.text.setObjectName("notice")
        self.text.setWordWrap(True)
        self.text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.text, 1)
        self._buttons = QHBoxLayout()
        layout.addLayout(self._buttons)
        self._area: Callable[[], QRect] | None = None
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.setInterval(TOAST_MS)
        self._timeout.timeout.connect(self.hide)
        self.hide()

    def place(self, area: Callable[[], QRect]) -> None:
        """Where the notice may lie, asked each time it shows (the parent's coordinates: a
        layout not yet made at the first resize has no true place to give); it takes the
        top of it."""
        self._area = area
        if self.isVisible():
            self._fit()

    def _fit(self) -> None:
        """As wide as the area; the buttons beside the words while the words take two lines
        at most there, else under them (one under another when a row of them would not
        fit) — as high as the words and buttons need, nothing cut."""
        parent = self.parentWidget()
        area = self._area() if self._area is not None else QRect()
        if not area.isValid() and parent is not None:
            area = parent.rect()
        width = area.width() - 16
        self.ensurePolished()  # the style sheet's font and padding, before measuring
        self.text.ensurePolished()
        layout = self._layout
        margins, spacing = layout.contentsMargins(), layout.spacing()
        frame = self.contentsRect()
        edges = (self.width() - frame.width(), self.height() - frame.height())
        inner = width - margins.left() - margins.right() - edges[0]
        hints = self._button_hints()
        gap = self._buttons.spacing()
        row = QSize(
            sum(h.width() for h in hints) + gap * max(len(hints) - 1, 0),
            max((h.height() for h in hints), default=0),
        )
        beside = self.text.heightForWidth(max(inner - row.width() - spacing, 1))
        stacked = beside > 2 * self.text.fontMetrics().lineSpacing() + 2 or row.width() > inner
        layout.setDirection(_DOWN if stacked else _ACROSS)
        column = row.width() > inner
        self._buttons.setDirection(_DOWN if column else _ACROSS)
        if column:
            row = QSize(inner, sum(h.height() for h in hints) + gap * max(len(hints) - 1, 0))
        if stacked:
            body = self.text.heightForWidth(inner) + spacing + row.height()
        else:
            body = max(beside, row.height())
        self.setFixedSize(width, body + margins.top() + margins.bottom() + edges[1])
        self.move(area.x() + 8, area.y() + 8)

    def _button_hints(self) -> list[QSize]:
        """From the buttons themselves: the row's own hint lags a turn behind new buttons."""
        items = [self._buttons.itemAt(i) for i in range(self._buttons.count())]
        widgets = [item.widget() for item in items if item is not None]
        buttons = [widget for widget in widgets if widget is not None]
        for button in buttons:
            button.ensurePolished()
        return [button.sizeHint() for button in buttons]

    def say(self, text: str, *, stays: bool = False) -> None:
        """A message with an OK; it goes by itself unless it `stays` (an error)."""
        self.choose(text, [])
        if not stays:
            self._timeout.start()

    def ask(self, text: str, yes: str, no: str, on_yes: Callable[[], None]) -> None:
        self.choose(text, [(yes, on_yes)], dismiss=no)

    def _run(self, action: Callable[[], None]) -> None:
        self.hide()
        action()

    def choose(
        self,
        text: str,
        choices: list[tuple[str, Callable[[], None]]],
        *,
        dismiss: str | None = None,
    ) -> None:
        """Show `text` with a button per choice, and one that just puts the notice away."""
        self._timeout.stop()
        clear_layout(self._buttons)
        self._buttons.addStretch()  # under the words, the buttons keep to the right
        self.text.setText(text)
        for index, (label, action) in enumerate(choices):
            button = QPushButton(label)
            button.setObjectName("notice-yes" if index == 0 else f"notice-choice-{index}")
            button.setProperty("role", "primary" if index == 0 else "")
            button.clicked.connect(lambda _=False, a=action: self._run(a))
            self._buttons.addWidget(button)
        close = QPushButton(dismiss or self.tr("OK"))
        close.setObjectName("notice-no")
        close.clicked.connect(self.hide)
        self._buttons.addWidget(close)
        self.show()
        self._fit()
        self.raise_()
