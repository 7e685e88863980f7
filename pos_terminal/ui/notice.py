"""Messages and questions over the sale screen: they float above it, never push it down.

A notice lies over the top of the product grid, so nothing the cashier is about to tap
moves while it shows. A question (`choose`, `ask`) stays until it is answered; a plain
message (`say`) has an OK and goes by itself after a while, unless it asks for attention
(an error): then it stays until tapped.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsDropShadowEffect,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from pos_terminal.ui.layouts import clear_layout

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
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 8, 8)
        self.text = QLabel()
        self.text.setObjectName("notice")
        self.text.setWordWrap(True)
        self.text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.text, 1)
        self._buttons = QHBoxLayout()
        layout.addLayout(self._buttons)
        self._area = QRect()
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.setInterval(TOAST_MS)
        self._timeout.timeout.connect(self.hide)
        self.hide()

    def place(self, area: QRect) -> None:
        """Where the notice may lie (the parent's coordinates); it takes the top of it."""
        self._area = area
        if self.isVisible():
            self._fit()

    def _fit(self) -> None:
        parent = self.parentWidget()
        area = self._area if self._area.isValid() or parent is None else parent.rect()
        width = area.width() - 16
        layout = self.layout()
        height = layout.totalHeightForWidth(width) if layout is not None else -1
        self.setFixedSize(width, max(height, self.minimumSizeHint().height()))
        self.move(area.x() + 8, area.y() + 8)

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
