"""The page shown while the terminal starts: what it is doing, and during the first sync
with the CRM a progress bar with the rows received and the time left."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from loyalty import formatting
from sync.link_state import SnapshotProgress


class StartingPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.text = QLabel(self.tr("Starting…"))
        self.text.setObjectName("starting-text")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        self.bar = QProgressBar()
        self.bar.setObjectName("snapshot-progress")
        self.bar.setMinimumHeight(48)  # read at arm's length
        self.bar.setFixedWidth(720)
        self.bar.hide()
        layout.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def say(self, text: str) -> None:
        self.text.setText(text)

    def show_snapshot(self, progress: SnapshotProgress) -> None:
        self.text.setText(self.tr("First sync with the CRM: customers, cards and rules"))
        rows = formatting.count(progress.rows)
        if progress.total:
            self.bar.setRange(0, 100)
            self.bar.setValue(progress.percent or 0)
            shown = self.tr("{rows} of {total} rows").format(
                rows=rows, total=formatting.count(progress.total)
            )
        else:
            self.bar.setRange(0, 0)  # busy, the total not known
            shown = self.tr("{rows} rows").format(rows=rows)
        if progress.seconds_left is not None:
            shown += " · " + self.tr("about {seconds} s left").format(
                seconds=max(1, round(progress.seconds_left))
            )
        self.bar.setFormat(shown)
        self.bar.setTextVisible(True)
        self.bar.show()
