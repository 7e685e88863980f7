"""What the terminal knows of its link to the CRM, as the status strip shows it.

A plain value, standard library only: the one module of `sync` the UI may import (a
contract says so), to show what the link monitor and the sync engine measure.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

# Above this the cashier is warned that the terminal's clock is off (sync-protocol D11);
# sales never stop because of it.
CLOCK_SKEW_WARNING_MS = 120_000


class LinkState(enum.Enum):
    NOT_CONFIGURED = "not_configured"  # no CRM address: the terminal works on its own
    CHECKING = "checking"  # an address is set, the first answer has not come yet
    ONLINE = "online"  # the CRM answered and its database is ready
    OFFLINE = "offline"  # no answer, or the CRM said it cannot serve
    SYNCING = "syncing"  # online, taking a snapshot or sending a backlog
    BLOCKED = "blocked"  # the CRM refuses this terminal's token: enrol it again


@dataclass(frozen=True, slots=True)
class SnapshotProgress:
    """A first sync (or a reset) under way: rows in so far, of about `total`."""

    stream: str
    rows: int
    total: int | None
    seconds_left: float | None

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, self.rows * 100 // self.total)


@dataclass(frozen=True, slots=True)
class CrmLink:
    state: LinkState
    since: datetime | None = None  # when the link entered this state (terminal clock)
    detail: str = ""  # why it is offline, for the log and the technician
    clock_offset_ms: int | None = None  # CRM clock minus terminal clock, at the last answer
    pending: int = 0  # ops not yet acknowledged by the CRM
    rejected: int = 0  # ops the CRM refused: a manager's queue in the Menu
    snapshot: SnapshotProgress | None = None
    enrolled: bool = False  # reported by the sync engine: ONLINE then means synced

    @property
    def clock_skewed(self) -> bool:
        offset = self.clock_offset_ms
        return offset is not None and abs(offset) > CLOCK_SKEW_WARNING_MS


NOT_CONFIGURED = CrmLink(LinkState.NOT_CONFIGURED)
