"""Touch metrics and the look: every target at least 48 px, readable at arm's length."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from pos_terminal.paths import resource_path

TOUCH = 56  # px: the smallest tap target (above the 48 px minimum, for gloved fingers)
ROW = 48  # px: a bill line (with its 1 px rule), a list row: the minimum, so more show
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
QPushButton[role="key"] {{ min-width: 48px; padding: 0; }}
QLineEdit {{ min-height: {TOUCH}px; padding: 0 10px; border: 1px solid #c5cad3;
    border-radius: 8px; background: white; }}
QListWidget {{ background: white; border: 1px solid #c5cad3; border-radius: 8px; }}
QListWidget::item {{ min-height: {TOUCH}px; padding: 4px 8px; }}
QFrame[role="panel"] {{ background: white; border: 1px solid #d8dce3; border-radius: 10px; }}
QLabel[role="total"] {{ font-size: 22pt; font-weight: bold; }}
QLabel[role="muted"] {{ color: #5b6475; }}
QLabel[role="strong"] {{ font-weight: bold; }}
QLabel[role="small"] {{ font-size: 11pt; color: #3b4456; }}
QPushButton[role="action"] {{ font-size: 12pt; padding: 4px 4px; }}
QLabel[role="discount"] {{ color: #1f8f4e; }}
QLabel[role="warning"] {{ color: #9a5b00; }}
QFrame[role="sheet"] {{ background: #ffffff; }}
QFrame[role="sheet"] QLabel {{ background: transparent; }}
QLabel[role="change"] {{ font-size: 48pt; font-weight: bold; color: #1e8e4e; }}
QFrame[flash="true"] {{ background: #d7f0dd; }}
QLabel[role="alert"] {{ color: #b3261e; font-size: 18pt; font-weight: bold; }}
QFrame[role="notice"] {{ background: #fff4d6; border: 1px solid #e8c66a; border-radius: 10px; }}
QFrame[role="notice"] QLabel {{ background: transparent; }}
QFrame[role="sheet-panel"] {{ background: #ffffff; border-top: 2px solid #1f5fbf; }}
QFrame[role="sheet-panel"] QLabel {{ background: transparent; }}
QLabel[role="quantity"] {{ font-size: 20pt; font-weight: bold; min-width: 48px;
    qproperty-alignment: AlignCenter; }}
QPushButton[role="bill-line"] {{ text-align: left; border: none; border-bottom: 1px solid #eceef2;
    border-radius: 0; padding: 0; min-height: {ROW - 1}px; }}
QPushButton[role="bill-line"]:checked {{ background: #e3ecfa; color: #1d2433; }}
QPushButton[role="bill-line"] QLabel {{ background: transparent; }}
QLabel[role="line-discount"] {{ color: #1f8f4e; font-size: 10pt; }}
QPushButton[role="pay"] {{ background: #1f8f4e; color: white; border-color: #1f8f4e;
    font-weight: bold; font-size: 18pt; }}
QPushButton[role="pay"]:disabled {{ background: #b9d8c5; border-color: #b9d8c5; }}
QWidget#backdrop {{ background: rgba(16, 22, 34, 110); }}
QLabel[role="dialog-title"] {{ font-size: 17pt; font-weight: bold; padding: 2px 0 6px 0; }}
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
