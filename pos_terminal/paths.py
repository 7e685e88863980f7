"""Where the terminal's files live: its data, and the resources shipped with it.

The data folder holds customers' names, phones and balances, receipts and the CRM token:
made by the terminal, it is the user's alone (0700), and every file the terminal writes
there is too (0600), whatever the umask. SQLite gives the -wal and -shm files the mode of
their database.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "pos-terminal"
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


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


def private_folder(folder: Path) -> Path:
    """The folder, made if missing, open to this user alone. A folder that exists already
    keeps its mode: it may be shared on purpose (`--data-dir` pointed at it), and its files
    are private anyway."""
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
        os.chmod(folder, PRIVATE_FOLDER)  # mkdir's mode passes through the umask
    return folder


def private_file(path: Path) -> Path:
    """The file, made empty if missing, readable by this user alone."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE))
    os.chmod(path, PRIVATE_FILE)
    return path


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to a file that is this user's alone from its first byte."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    os.chmod(path, PRIVATE_FILE)
