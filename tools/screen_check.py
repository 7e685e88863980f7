"""What a cashier's finger meets on a screen: every visible tap target measured.

A target (a button, a field, a list row) must be at least 48×48 px and lie on the screen.
One inside a scrolled area counts where the area shows it; the part scrolled away is not
on the screen, and is reached by scrolling, so only what shows must be whole.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QWidget,
)

LEAST_TARGET = 48  # px, both ways
# Labels whose words must all show: the status strip's, and the notice's message.
WHOLE_TEXT = frozenset(
    {"reader-status", "printer-status", "fiscal-status", "crm-status", "notice", "terminal-status"}
)
TEXT_MARGIN = 4  # px each side of a button's label, at least
PADDING_SLACK = 4  # px of the style's padding a squeezed button may give up, in all
WAYS_OUT = {"Cancel", "Close", "Anuluj", "Zamknij"}  # English and Polish
Problems = list[str]
_TARGETS = (QAbstractButton, QLineEdit, QComboBox)


def _global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def _shown_part(widget: QWidget) -> QRect:
    """The part of `widget` that shows: cut by each scrolled area it lies in."""
    shown = _global_rect(widget)
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            shown = shown.intersected(_global_rect(parent.viewport()))
        parent = parent.parentWidget()
    return shown


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, (QAbstractButton, QLineEdit)) else ""
    return f"{type(widget).__name__} {widget.objectName() or '-'} {text!r}"


def check_screen(app: QApplication, screen_name: str) -> Problems:
    screen = app.primaryScreen().geometry()
    problems: Problems = []
    for top in app.topLevelWidgets():
        if not top.isVisible():
            continue
        if isinstance(top, QDialog):
            problems += _check_dialog(screen_name, top)
        for widget in [top, *top.findChildren(QWidget)]:
            if not widget.isVisible():
                continue
            if isinstance(widget, _TARGETS):
                problems += _check_target(screen_name, screen, widget)
            if isinstance(widget, QListWidget):
                problems += _check_rows(screen_name, widget)
            if isinstance(widget, QLabel) and widget.objectName() in WHOLE_TEXT:
                problems += _check_whole(screen_name, widget)
                if not screen.contains(_shown_part(widget)):
                    problems.append(f"{screen_name}: {_name(widget)} is off the screen")
    return problems


def _check_whole(screen_name: str, label: QLabel) -> Problems:
    """A status or a message shows all its words: one line within its width, or a
    wrapped text within its height."""
    metrics, text = label.fontMetrics(), label.text()
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + 1:
            return [f"{screen_name}: {_name(label)} needs {needed} px of {label.height()}"]
        return []
    needed = metrics.horizontalAdvance(text)
    if needed > label.contentsRect().width() + 1:
        return [f"{screen_name}: {_name(label)} needs {needed} px of {label.width()}"]
    return []


def _check_dialog(screen_name: str, dialog: QDialog) -> Problems:
    """A title inside the dialog, and a way out of it."""
    problems = []
    title = dialog.findChild(QLabel, "dialog-title")
    if title is None or not title.isVisible() or not title.text():
        problems.append(f"{screen_name}: {type(dialog).__name__} has no title")
    buttons = [b for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
    if not any(b.text() in WAYS_OUT for b in buttons):
        problems.append(f"{screen_name}: {type(dialog).__name__} has no Cancel or Close")
    return problems


def _check_target(screen_name: str, screen: QRect, widget: QWidget) -> Problems:
    shown = _shown_part(widget)
    if shown.isEmpty():
        return []  # scrolled out of view
    where = f"{screen_name}: {_name(widget)}"
    problems = []
    if widget.width() < LEAST_TARGET or widget.height() < LEAST_TARGET:
        problems.append(f"{where} is {widget.width()}×{widget.height()} px")
    if not screen.contains(shown):
        problems.append(f"{where} is off the screen at {shown.getRect()}")
    if isinstance(widget, QPushButton) and widget.text() and "\n" not in widget.text():
        # Its label must show whole: the text's width within the button's, padding kept.
        # The style sheet's padding is inside the button, around the centred text: a
        # button narrower than its size hint cuts both ends of its label.
        needed = max(
            widget.fontMetrics().horizontalAdvance(widget.text()) + 2 * TEXT_MARGIN,
            widget.sizeHint().width() - PADDING_SLACK,
        )
        if needed > widget.width():
            problems.append(f"{where}: its label needs {needed} px of {widget.width()}")
    return problems


def _check_rows(screen_name: str, widget: QListWidget) -> Problems:
    for row in range(min(widget.count(), 20)):
        height = widget.visualItemRect(widget.item(row)).height()
        if 0 < height < LEAST_TARGET:
            return [f"{screen_name}: {widget.objectName()} rows are {height} px high"]
    return []


def visible_bill_lines(view: QWidget) -> list[str]:
    """The names of the bill lines that show whole in the sale screen's bill."""
    area = view.findChild(QScrollArea, "bill-lines")
    rows_widget = area.widget() if area is not None else None
    if area is None or rows_widget is None:
        return []
    port = _global_rect(area.viewport())
    rows = [w for w in rows_widget.findChildren(QAbstractButton) if w.isVisible()]
    return [row.objectName() for row in rows if port.contains(_global_rect(row))]
