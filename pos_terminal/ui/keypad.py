"""On-screen input for touch: a numeric keypad and a small keyboard with Polish letters."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QWidget

BACKSPACE = "⌫"
SHIFT = "⇧"
CLEAR = "C"


class Keypad(QWidget):
    """Digits (and optionally a decimal comma) typed into a line edit."""

    def __init__(self, target: QLineEdit, *, comma: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self._target = target
        grid = QGridLayout(self)
        grid.setSpacing(6)
        keys = [
            "7",
            "8",
            "9",
            "4",
            "5",
            "6",
            "1",
            "2",
            "3",
            "," if comma else CLEAR,
            "0",
            BACKSPACE,
        ]
        for index, key in enumerate(keys):
            button = QPushButton(key)
            button.setObjectName(f"key-{key}")
            button.clicked.connect(lambda _=False, k=key: self._press(k))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            grid.addWidget(button, index // 3, index % 3)

    def type_into(self, target: QLineEdit) -> None:
        """From now on the keys type into `target` (a form with two fields)."""
        self._target = target
        target.setFocus()

    def _press(self, key: str) -> None:
        text = self._target.text()
        if key == BACKSPACE:
            self._target.setText(text[:-1])
        elif key == CLEAR:
            self._target.clear()
        else:
            self._target.setText(text + key)


KEY_MOST = 52  # px: a key's widest (48 at least): the form beside it gets the rest


class Keyboard(QWidget):
    """Letters, digits, Polish letters, @, a shift key and a space bar: enough for names,
    phones and e-mails. Shift capitalises the next letter only, as on a phone."""

    pressed = Signal(str)
    ROWS = ("1234567890", "qwertyuiop", "asdfghjkl@", "zxcvbnm.-_", "ąćęłńóśźż")

    def __init__(self, target: QLineEdit, parent: QWidget | None = None):
        super().__init__(parent)
        self._target = target
        grid = QGridLayout(self)
        grid.setSpacing(4)
        self._letters: list[QPushButton] = []
        for row, keys in enumerate(self.ROWS):
            for column, key in enumerate(keys):
                button = QPushButton(key)
                button.setProperty("role", "key")
                button.clicked.connect(lambda _=False, b=button: self._type(b.text()))
                grid.addWidget(button, row, column)
                if key.isalpha():
                    self._letters.append(button)
        self.shift = QPushButton(SHIFT)
        self.shift.setObjectName("key-shift")
        self.shift.setProperty("role", "key")
        self.shift.setCheckable(True)
        self.shift.toggled.connect(self._relabel)
        grid.addWidget(self.shift, len(self.ROWS) - 1, len(self.ROWS[-1]))
        space = QPushButton(self.tr("space"))
        space.clicked.connect(lambda: self._type(" "))
        grid.addWidget(space, len(self.ROWS), 0, 1, 7)
        back = QPushButton(BACKSPACE)
        back.clicked.connect(self._backspace)
        grid.addWidget(back, len(self.ROWS), 7, 1, 3)
        for button in self.findChildren(QPushButton):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field being typed keeps focus
        # Keys of a phone's size at most: a wider dialog gives its room to the form beside.
        columns = len(self.ROWS[0])
        self.setMaximumWidth(columns * KEY_MOST + (columns - 1) * grid.spacing())

    def _backspace(self) -> None:
        self._target.backspace()
        self.pressed.emit("\b")

    def _type(self, key: str) -> None:
        self._target.insert(key)
        self.pressed.emit(key)
        if key.isalpha():
            self.shift.setChecked(False)

    def _relabel(self, upper: bool) -> None:
        for button in self._letters:
            text = button.text()
            button.setText(text.upper() if upper else text.lower())
