"""What the sync engine needs from the terminal's store, and nothing more.

The engine imports no part of the terminal: the terminal's composition root hands it an
object with these methods (`pos_terminal.db.sync_store.TerminalSyncStore`), each one a
short transaction of its own, so the till's own writes never wait long behind sync.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from loyalty.offline import OfflinePolicy
from sync.wire.envelope import Envelope, OpResult

STREAMS = ("reference", "balances", "vouchers")


@dataclass(frozen=True, slots=True)
class StreamPosition:
    """Where one pull stream stands in the store."""

    cursor: str | None  # None: no snapshot finished yet
    epoch: str | None
    position: int
    snapshot_after: str | None  # a snapshot under way: the key of its last page
    resume_cursor: str | None


@dataclass(frozen=True, slots=True)
class Backlog:
    pending: int  # ops not yet acknowledged
    rejected: int  # ops the CRM refused, waiting for a manager


class SyncStore(Protocol):
    def save_clock(self, offset_ms: int, rtt_ms: int) -> None: ...

    def save_policy(self, policy: OfflinePolicy) -> None: ...

    def pending(self, limit: int) -> list[Envelope]: ...

    def record(self, results: Sequence[OpResult]) -> None: ...

    def highest_acked(self) -> int: ...

    def reopen_after(self, hwm: int) -> int: ...

    def stream(self, name: str) -> StreamPosition: ...

    def apply_snapshot_page(self, stream: str, page: Mapping[str, Any]) -> int: ...

    def finish_snapshot(self, stream: str) -> None: ...

    def apply_pull_page(self, stream: str, page: Mapping[str, Any]) -> int: ...

    def reset_stream(self, stream: str) -> None: ...

    def settle(self, hwm: int) -> None:
        """Mark acked ops whose effects have been pulled, and prune old ones."""

    def backlog(self) -> Backlog: ...
