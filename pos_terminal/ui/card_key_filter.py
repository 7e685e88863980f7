"""Card reads from a keyboard-wedge reader when it cannot be captured at the device.

Without evdev permission (or on Windows) the reader's keystrokes arrive as ordinary key
events for whichever widget has focus. This application-wide filter holds back each key
that could belong to a card code for a few milliseconds (`hardware.burst`): a fast burst
ended by Enter/Tab becomes a `CardRead` and never reaches the field; anything else is
re-sent, in order, to the widget it was typed into, so a person typing is not disturbed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from hardware.burst import DEFAULT_MAX_GAP_MS, DEFAULT_MIN_LENGTH, BurstDetector
from hardware.events import CardRead
from loyalty.card_codes import normalise_code

SOURCE = "keyboard"
_TERMINATOR_KEYS = {Qt.Key.Key_Return: "\r", Qt.Key.Key_Enter: "\r", Qt.Key.Key_Tab: "\t"}


@dataclass(frozen=True)
class _HeldKey:
    target: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class CardKeyFilter(QObject):
    """Install with `QApplication.instance().installEventFilter(filter)`."""

    card_read = Signal(object)  # CardRead

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_gap_ms: float = DEFAULT_MAX_GAP_MS,
        min_length: int = DEFAULT_MIN_LENGTH,
    ) -> None:
        super().__init__(parent)
        self._detector: BurstDetector[_HeldKey] = BurstDetector(
            max_gap_ms=max_gap_ms, min_length=min_length
        )
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)

    @staticmethod
    def _now_ms() -> float:
        return time.monotonic() * 1000

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if self._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        target = QApplication.focusWidget()
        # A key event visits the window before the focused widget: look at it once.
        if target is None or watched is not target:
            return False
        assert isinstance(event, QKeyEvent)
        if event.isAutoRepeat() or event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        ):
            text = ""  # shortcuts and repeats are never part of a card
        else:
            text = _TERMINATOR_KEYS.get(Qt.Key(event.key()), event.text())
        held = _HeldKey(target, event.key(), event.modifiers(), event.text())
        outcome = self._detector.on_key(text, self._now_ms(), held)
        self._replay(outcome.replay)
        if outcome.card is not None:
            self._emit(outcome.card)
        self._arm_timer()
        return not outcome.pass_key

    def _arm_timer(self) -> None:
        deadline = self._detector.deadline_ms
        if deadline is None:
            self._timer.stop()
        else:
            self._timer.start(max(1, int(deadline - self._now_ms()) + 1))

    def _on_timeout(self) -> None:
        self._replay(self._detector.on_timeout(self._now_ms()))
        self._arm_timer()

    def _replay(self, keys: tuple[_HeldKey, ...]) -> None:
        self._replaying = True
        try:
            for held in keys:
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QCoreApplication.sendEvent(
                        held.target, QKeyEvent(kind, held.key, held.modifiers, held.text)
                    )
        finally:
            self._replaying = False

    def _emit(self, text: str) -> None:
        try:
            code = normalise_code(text)
        except ValueError:
            return
        self.card_read.emit(CardRead(SOURCE, code, text.encode(), datetime.now()))
