"""The terminal's PIN pepper: a secret kept beside the database, never in it.

A PIN has 4–8 digits, so a stolen copy of `terminal.db` (a backup taken away, a file sent
for support) could be guessed from its salted hashes in hours, whatever the hash costs.
Each PIN is therefore hashed with this terminal's pepper too (`repositories/staff.py`):
without the `pin.key` file, written 0600 when the store is first opened, the hashes in the
database give nothing away. A store restored on another machine without it cannot check
its PINs: `python -m pos_terminal --add-staff NAME:manager` gives it a manager again.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from pos_terminal.paths import write_private

PEPPER_FILE = "pin.key"
PEPPER_BYTES = 32


class PepperUnreadableError(OSError):
    """pin.key exists but is not a pepper this terminal wrote."""


def load_pepper(folder: Path) -> bytes:
    """The folder's pepper, made on first use (written whole, then moved into place)."""
    path = folder / PEPPER_FILE
    try:
        pepper = path.read_bytes()
    except FileNotFoundError:
        fresh = path.with_name(PEPPER_FILE + ".new")
        write_private(fresh, secrets.token_bytes(PEPPER_BYTES))
        os.replace(fresh, path)
        pepper = path.read_bytes()
    if len(pepper) != PEPPER_BYTES:
        raise PepperUnreadableError(f"{path} is not a PIN pepper ({len(pepper)} bytes)")
    return pepper
