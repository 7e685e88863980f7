"""One Qt application serves every test of a worker: what a test sets on it (the terminal's
theme sets a font and a style sheet) must not reach the next test, or a layout test passes
or fails by the order the tests ran in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True)
def fresh_application_look(qapp: QApplication) -> Iterator[None]:
    font, sheet, palette = qapp.font(), qapp.styleSheet(), qapp.palette()
    yield
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)
    qapp.setPalette(palette)
