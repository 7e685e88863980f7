"""Where the terminal's files live: its data, and the resources shipped with it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "pos-terminal"


def resource_path(*parts: str) -> Path:
    """A file under resources/, from a source checkout or a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)  # set by PyInstaller's bootloader
    root = Path(bundle) if bundle else Path(__file__).resolve().parents[1]
    return root.joinpath("resources", *parts)


def default_data_dir() -> Path:
    """$POS_TERMINAL_DATA, else the platform's per-user data folder."""
    if override := os.environ.get("POS_TERMINAL_DATA"):
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / APP_DIR_NAME
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / APP_DIR_NAME
