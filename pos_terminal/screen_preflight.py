"""Before Qt starts: is there a screen to draw on, and the library Qt's X support needs?

Qt cannot go on without either: it prints "could not connect to display" or "Could not
load the Qt platform plugin" and aborts, which tells a restaurant's technician little. So
the terminal looks first and says what is missing and what to do, then exits 2.
"""

from __future__ import annotations

import ctypes.util
import os
import sys


def screen_problem(environ: dict[str, str] | None = None) -> str | None:
    """What stops Qt from opening a window here, in words; None when nothing does."""
    environ = dict(os.environ) if environ is None else environ
    if not sys.platform.startswith("linux"):
        return None
    platform = environ.get("QT_QPA_PLATFORM", "xcb").split(":")[0]
    if platform != "xcb":
        return None  # offscreen (the self-test), or a platform someone chose on purpose
    if not environ.get("DISPLAY"):
        return (
            "No screen to draw on: DISPLAY is not set. On a till the terminal starts in the "
            "cashier's graphical session (resources/linux/ has its autostart entry); over "
            "ssh, use that session's DISPLAY (e.g. DISPLAY=:0); to try it without a screen, "
            "set QT_QPA_PLATFORM=offscreen."
        )
    if ctypes.util.find_library("xcb-cursor") is None:
        return (
            "Qt's X11 support needs the library libxcb-cursor, which this machine lacks. "
            "On Debian or Ubuntu: sudo apt install libxcb-cursor0"
        )
    return None
