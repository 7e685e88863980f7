"""A row of the customer search's results, read at arm's length and tapped with a finger.

Three lines, each a left text and a right one:

    Jan Kowalski                         Credits 50,00 zł
    +48 601 234 567                            Card 1001
    jan.kowalski@example.pl                 Stały klient

A delegate paints them: fifty rows a keystroke as item widgets would be 350 labels built on
the GUI thread each time. A text that does not fit ends in "…": the credits and the card
take what they need (up to RIGHT_AT_MOST of the line) before the name and the phone; the
e-mail takes what it needs before the group.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

ROW_DATA = Qt.ItemDataRole.UserRole + 1  # the row's RowText
ROW_HEIGHT = 78  # px: three lines; well above the 48 px a finger needs
PADDING = 10  # px, left and right
GAP = 16  # px between a line's two texts
RIGHT_AT_MOST = 0.6  # of a line: a card's number whole beside a phone, a long one cut
RULE = QColor("#eceef2")  # between rows, as between bill lines
MUTED = QColor("#5b6475")  # as QLabel[role="muted"] in the theme

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class RowText:
    """What a row says, already translated and formatted (the dialog makes it)."""

    name: str
    credits: str
    phone: str
    card: str
    email: str  # the longest text, and the one read to tell namesakes apart
    group: str
    deactivated: bool = False
    has_credits: bool = False  # then the figure stands out; "0,00 zł" stays quiet

    def lines(self) -> tuple[tuple[str, str], ...]:
        return (self.name, self.credits), (self.phone, self.card), (self.email, self.group)

    def plain(self) -> str:
        """The row as one text: the item's own, for tests and screen readers."""
        return "\n".join(" · ".join(t for t in line if t) for line in self.lines())


class CustomerRowDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802 - Qt API
        return QSize(option.rect.width(), ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = index.data(ROW_DATA)
        if not isinstance(row, RowText):
            super().paint(painter, option, index)
            return
        panel = QStyleOptionViewItem(option)
        self.initStyleOption(panel, index)
        panel.text = ""  # the background, hover and selection only: the lines are ours
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, panel, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        ink = palette.highlightedText().color() if selected else palette.text().color()
        quiet = ink if selected or row.deactivated else MUTED
        base = QFont(option.font)
        strong, small = QFont(base), QFont(base)
        strong.setBold(True)
        small.setPointSizeF(max(base.pointSizeF() - 2, 9))
        area = option.rect.adjusted(PADDING, 6, -PADDING, -6)
        height = area.height() // 3
        painter.save()
        painter.setPen(RULE)
        painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        left_side, right_side = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
        for number, (left, right) in enumerate(row.lines()):
            line = QRect(area.left(), area.top() + number * height, area.width(), height)
            first = number == 0
            loud = first and row.has_credits and not row.deactivated
            words = _Ink(
                strong if first else small, ink if first and not row.deactivated else quiet
            )
            figure = _Ink(strong if loud else small, ink if loud else quiet)
            if number == 2:  # the e-mail whole if it fits, the group in what is left
                used = _draw(painter, line, left, ink=words, side=left_side, room=line.width())
                _draw(painter, line, right, ink=figure, side=right_side, room=_rest(line, used))
            else:  # the credits and the card whole, the name and the phone in the rest
                most = int(line.width() * RIGHT_AT_MOST)
                used = _draw(painter, line, right, ink=figure, side=right_side, room=most)
                _draw(painter, line, left, ink=words, side=left_side, room=_rest(line, used))
        painter.restore()


@dataclass(frozen=True, slots=True)
class _Ink:
    font: QFont
    pen: QColor


def _rest(line: QRect, used: int) -> int:
    return line.width() - (used + GAP if used else 0)


def _draw(
    painter: QPainter, line: QRect, text: str, *, ink: _Ink, side: Qt.AlignmentFlag, room: int
) -> int:
    """`text` at one side of the line, cut to `room` px: the width it took."""
    if not text:
        return 0
    painter.setFont(ink.font)
    painter.setPen(ink.pen)
    metrics = painter.fontMetrics()
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(room, 0))
    if shown in ("", "…"):
        return 0  # no room: a lone "…" says nothing
    painter.drawText(line, Qt.AlignmentFlag.AlignVCenter | side, shown)
    return metrics.horizontalAdvance(shown)
