"""The card reader's two dialogs: the question when the search finds one, and Settings →
Card reader (what is in use, its state, how to grant access, and a card tapped to test).

Both take a card read as theirs (`take_card`), so a tap while they are open is never taken
for a customer and never closes them (`MainWindow.on_card_read`).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from hardware.events import CardRead, ReaderFound, ReaderState, ReaderStatus
from pos_terminal.ui.layouts import answer_row

KEYBOARD_SOURCE = "keyboard"  # ui/card_key_filter.py's reads: the reader typed as a keyboard
UDEV_RULE = "70-pos-card-reader.rules"


def _wrapped(text: str = "", role: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if role:
        label.setProperty("role", role)
    return label


class ReaderFoundDialog(QDialog):
    """ "Card reader found: NAME — use it?" Accepted: the caller asks for a manager."""

    def __init__(self, found: ReaderFound, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.found = found
        self.setWindowTitle(self.tr("Card reader found"))
        layout = QVBoxLayout(self)
        question = _wrapped(
            self.tr("Card reader found: {name} — use it?").format(name=found.name), "total"
        )
        question.setObjectName("reader-question")
        layout.addWidget(question)
        self.read = _wrapped(self.tr("It read card {code}.").format(code=found.code), "strong")
        self.read.setObjectName("reader-read")
        layout.addWidget(self.read)
        layout.addWidget(
            _wrapped(
                self.tr(
                    "From then on the terminal reads cards from this device alone, and what"
                    " it types no longer reaches the screen. A manager confirms once."
                ),
                "muted",
            )
        )
        layout.addStretch(1)
        row, _ = answer_row(
            (self.tr("Not now"), self.reject),
            (self.tr("Use it"), self.accept),
            ok_name="use-reader",
        )
        layout.addLayout(row)

    def take_card(self, code: str) -> None:
        """The same tap, also typed through the keyboard: it is the card this reader read."""
        self.read.setText(self.tr("It read card {code}.").format(code=code))


class CardReaderDialog(QDialog):
    """Settings → Card reader. The flow (ui/reader_setup.py) fills it and keeps it current."""

    use_requested = Signal(object)  # ReaderFound: the manager takes the reader found

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Card reader"))
        layout = QVBoxLayout(self)
        self.reader = _wrapped(role="strong")
        self.reader.setObjectName("reader-name")
        layout.addWidget(self.reader)
        self.state = QLabel()
        self.state.setObjectName("reader-state")
        layout.addWidget(self.state)
        self.detail = _wrapped(role="small")  # for a technician: what the reader last said
        self.detail.setObjectName("reader-detail")
        layout.addWidget(self.detail)
        self.access = _wrapped(role="warning")
        self.access.setObjectName("reader-access")
        self.access.hide()
        layout.addWidget(self.access)
        panel = QFrame()
        panel.setProperty("role", "panel")
        panel.setStyleSheet("QLabel { background: transparent; }")  # on the panel's white
        inside = QVBoxLayout(panel)
        self.test = _wrapped(self.tr("Tap a card to test."), "total")
        self.test.setObjectName("reader-test")
        inside.addWidget(self.test)
        self.tested = _wrapped(role="muted")
        self.tested.setObjectName("reader-tested")
        inside.addWidget(self.tested)
        layout.addWidget(panel)
        self.found_label = _wrapped(role="strong")
        self.found_label.setObjectName("reader-found")
        self.found_label.hide()
        layout.addWidget(self.found_label)
        self.use = QPushButton(self.tr("Use this reader"))
        self.use.setObjectName("use-found-reader")
        self.use.setProperty("role", "primary")
        self.use.hide()
        self.use.clicked.connect(self._use)
        layout.addWidget(self.use)
        layout.addStretch(1)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        layout.addWidget(close)
        self._found: ReaderFound | None = None

    def show_reader(self, name: str | None, status: ReaderStatus | None) -> None:
        """The reader in use (None: none is set, the terminal looks for one) and its state."""
        if name is None:
            self.reader.setText(
                self.tr(
                    "No card reader is set up: the terminal is looking for one. Tap a card"
                    " on the reader to find it."
                )
            )
        else:
            self.reader.setText(self.tr("Reader: {name}").format(name=name))
            self._found = None
            self.found_label.hide()
            self.use.hide()
        state = status.state if status is not None else None
        names = {
            ReaderState.CONNECTED: self.tr("connected"),
            ReaderState.DISCONNECTED: self.tr("unplugged"),
            ReaderState.PERMISSION_DENIED: self.tr("no permission"),
            ReaderState.LIBRARY_MISSING: self.tr("library missing"),
            ReaderState.SEARCHING: self.tr("looking for a reader"),
            None: self.tr("starting…"),
        }
        self.state.setText(self.tr("State: {state}").format(state=names[state]))
        self.detail.setText(status.detail if status is not None else "")
        if state is ReaderState.PERMISSION_DENIED:
            self.access.setText(
                self.tr(
                    "The terminal may not open the card reader. Cards it types still arrive,"
                    " through the keyboard. To let the terminal read it directly, install the"
                    " udev rule {rule} with the reader's VID:PID and plug the reader in again"
                    " (docs/card-readers.md)."
                ).format(rule=UDEV_RULE)
            )
            self.access.show()
        elif state is ReaderState.LIBRARY_MISSING:
            self.access.setText(
                self.tr(
                    "A library the terminal needs to open readers is missing. Cards a reader"
                    " types still arrive, through the keyboard."
                )
            )
            self.access.show()
        else:
            self.access.hide()

    def show_read(self, read: CardRead) -> None:
        self.test.setText(self.tr("Card {code} read.").format(code=read.code))
        if read.source == KEYBOARD_SOURCE:
            how = self.tr(
                "At {time}, typed as a keyboard: the terminal does not read this reader directly."
            )
        else:
            how = self.tr("At {time}, from {source}.")
        self.tested.setText(how.format(time=f"{read.at:%H:%M:%S}", source=read.source))

    def show_found(self, found: ReaderFound) -> None:
        """The search saw a card on a device not set up: offer to use it."""
        self._found = found
        self.found_label.setText(
            self.tr("Found: {name}, which read card {code}.").format(
                name=found.name, code=found.code
            )
        )
        self.found_label.show()
        self.use.show()

    def take_card(self, code: str) -> None:
        """A tap while the dialog is open is a test: the flow shows it (`show_read`)."""

    def _use(self) -> None:
        if self._found is not None:
            self.use_requested.emit(self._found)
