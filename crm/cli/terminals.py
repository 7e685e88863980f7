"""Commands of this area (none yet)."""

from __future__ import annotations

from typing import Any


def add(commands: Any) -> None:
    return None
