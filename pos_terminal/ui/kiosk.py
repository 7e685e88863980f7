"""How the terminal takes the till's screen: full screen (the default), a window on a
developer's desktop (`--windowed`), or a kiosk (`--kiosk`).

A kiosk is what a restaurant's till runs: full screen, no window frame to drag or close,
above anything else, the pointer hidden where the screen is a touchscreen (a finger needs
none, and an arrow left where the last tap was looks like a fault). Closing it (Alt+F4,
the session ending a window) is refused; only a manager's PIN from the Menu lets it go.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QInputDevice
from PySide6.QtWidgets import QApplication, QWidget


def touchscreen_attached() -> bool:
    return any(
        device.type() == QInputDevice.DeviceType.TouchScreen for device in QInputDevice.devices()
    )


def present(window: QWidget, *, windowed: bool, kiosk: bool = False) -> None:
    """Full screen on the screen the window is on (a till's 1024×768 as much as a 1920×1080),
    a window of 1280×800 on a developer's desktop, or a kiosk."""
    if windowed and not kiosk:
        window.resize(1280, 800)
        window.show()
        return
    if kiosk:
        window.setWindowFlags(
            window.windowFlags()
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        if touchscreen_attached():
            QApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
    # A till runs no window manager to honour "full screen": the window takes the screen's
    # size itself first (seen under Xvfb: without this it stayed at its own size).
    screen = window.screen() or QGuiApplication.primaryScreen()
    window.setGeometry(screen.geometry())
    window.showFullScreen()
