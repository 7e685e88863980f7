"""Touch metrics and the look: every target at least 48 px, readable at arm's length."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from pos_terminal.paths import resource_path

TOUCH = 56  # px: the smallest tap target (above the 48 px minimum, for gloved fingers)
FONT_PT = 13

STYLE = f"""
QWidget {{ background: #f4f5f7; color: #1d2433; }}
QPushButton {{
    min-height: {TOUCH}px; min-width: {TOUCH}px; padding: 4px 12px;
    border: 1px solid #c5cad3; border-radius: 8px; background: #ffffff;
}}
QPushButton:pressed {{ background: #dde3ee; }}
QPushButton:checked {{ background: #1f5fbf; color: white; border-color: #1f5fbf; }}
QPushButton:disabled {{ color: #9aa3b2; background: #eceef2; }}
QPushButton[role="primary"] {{ background: #1f8f4e; color: white; border-color: #1f8f4e;
    font-weight: bold; }}
QPushButton[role="danger"] {{ color: #b3261e; }}
QPushButton[role="tile"] {{ text-align: left; padding: 0; min-height: 120px; }}
QPushButton[role="primary"]:disabled {{ background: #b9d8c5; border-color: #b9d8c5; }}
QPushButton[role="category"] {{ padding: 4px 4px; }}
QPushButton[role="key"] {{ min-width: 44px; padding: 0; }}
QLineEdit {{ min-height: {TOUCH}px; padding: 0 10px; border: 1px solid #c5cad3;
    border-radius: 8px; background: white; }}
QListWidget {{ background: white; border: 1px solid #c5cad3; border-radius: 8px; }}
QListWidget::item {{ min-height: {TOUCH}px; padding: 4px 8px; }}
QFrame[role="panel"] {{ background: white; border: 1px solid #d8dce3; border-radius: 10px; }}
QLabel[role="total"] {{ font-size: 22pt; font-weight: bold; }}
QLabel[role="muted"] {{ color: #5b6475; }}
QLabel[role="discount"] {{ color: #1f8f4e; }}
QLabel[role="warning"] {{ color: #9a5b00; }}
QFrame[role="sheet"] {{ background: #ffffff; }}
QFrame[role="sheet"] QLabel {{ background: transparent; }}
QLabel[role="change"] {{ font-size: 48pt; font-weight: bold; color: #1e8e4e; }}
QFrame[flash="true"] {{ background: #d7f0dd; }}
QLabel[role="alert"] {{ color: #b3261e; font-size: 18pt; font-weight: bold; }}
QLabel[role="banner"] {{ background: #fff4d6; border: 1px solid #e8c66a; border-radius: 8px;
    padding: 8px; }}
QStatusBar {{ background: #1d2433; color: #e9edf5; }}
QStatusBar QLabel {{ background: transparent; color: #e9edf5; padding: 0 10px; }}
QStatusBar QLabel[state="warning"] {{ color: #ffc857; font-weight: bold; }}
"""


def apply(app: QApplication) -> None:
    family = "DejaVu Sans"
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        if font_id >= 0:
            family = QFontDatabase.applicationFontFamilies(font_id)[0]
    app.setFont(QFont(family, FONT_PT))
    app.setStyleSheet(STYLE)
