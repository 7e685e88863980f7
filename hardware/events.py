"""What every card reader reports: a card read, or a change of the reader's status; and
what the search for a reader reports (`hardware.search`): a device that read a card."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class ReaderState(StrEnum):
    CONNECTED = "connected"
    DISCONNECTED = "disconnected"
    PERMISSION_DENIED = "permission_denied"
    LIBRARY_MISSING = "library_missing"
    SEARCHING = "searching"  # no reader is set: the search watches for one (hardware.search)


@dataclass(frozen=True, slots=True)
class CardRead:
    """One card presented to a reader: `code` is normalised, `raw` is what arrived."""

    source: str
    code: str
    raw: bytes
    at: datetime

    def __post_init__(self) -> None:
        if not self.code:
            raise ValueError(f"{self.source}: a card read needs a code")


@dataclass(frozen=True, slots=True)
class ReaderStatus:
    source: str
    state: ReaderState
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ReaderFound:
    """A device no reader was set for sent a card: `setting` is the reader setting that would
    read it (hardware/registry.py's form), `name` what to call it on screen, `code` the card."""

    setting: str
    name: str
    code: str
    at: datetime
