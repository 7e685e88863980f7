"""What every dialog of the till has: a title inside it, the screen behind it dimmed.

A till runs full screen with no window manager, so a dialog's window title shows nowhere:
the title is put at the top of the dialog itself. The dimmed backdrop over the main window
says that the screen behind waits for the dialog, and keeps the eye on it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QBoxLayout, QDialog, QLabel, QVBoxLayout, QWidget

TITLE = "dialog-title"


def add_title(dialog: QDialog) -> None:
    """Put the dialog's window title at its top, once (a dialog shown again keeps it)."""
    if dialog.findChild(QLabel, TITLE) is not None or not dialog.windowTitle():
        return
    title = QLabel(dialog.windowTitle())
    title.setObjectName(TITLE)
    title.setProperty("role", TITLE)
    layout = dialog.layout()
    if isinstance(layout, QBoxLayout) and layout.direction() == QBoxLayout.Direction.TopToBottom:
        layout.insertWidget(0, title)
        return
    # A dialog laid out side by side: its layout moves into a body under the title.
    body = QWidget(dialog)
    if layout is not None:
        body.setLayout(layout)  # takes the layout, and its widgets, from the dialog
    column = QVBoxLayout(dialog)
    column.addWidget(title)
    column.addWidget(body, 1)


class Backdrop(QWidget):
    """A veil over the whole window while a dialog is open over it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.setObjectName("backdrop")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        window.installEventFilter(self)
        self._over: QDialog | None = None
        self.hide()

    def cover_for(self, dialog: QDialog) -> None:
        self._over = dialog
        dialog.finished.connect(lambda _result, d=dialog: self._finished(d))
        self.setGeometry(self._window.rect())
        self.show()
        self.raise_()

    def _finished(self, dialog: QDialog) -> None:
        if dialog is self._over:  # a dialog that opened the next one leaves the veil to it
            self._over = None
            self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize and watched is self._window:
            self.setGeometry(self._window.rect())
        return False
