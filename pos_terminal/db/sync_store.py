"""The terminal's store as the sync engine needs it (`sync.store_port.SyncStore`).

Each method is one short unit of work on the engine's thread: a pull page and its cursor
commit together (a crash repeats the page, which is harmless), an answer from the CRM is
stored op by op as it came, and nothing holds the write lock while the network is used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from loyalty.offline import OfflinePolicy
from pos_terminal.db.models import ClockStateRow
from pos_terminal.db.store import Store
from sync.store_port import STREAMS, Backlog, StreamPosition
from sync.wire.envelope import Envelope, OpResult

RETENTION = timedelta(days=30)  # acknowledged ops are kept this long, then pruned


class TerminalSyncStore:
    def __init__(self, store: Store, now: Callable[[], datetime] = datetime.now) -> None:
        self._store, self._now = store, now

    def save_clock(self, offset_ms: int, rtt_ms: int) -> None:
        values = {
            "id": 1,
            "server_offset_ms": offset_ms,
            "rtt_ms": rtt_ms,
            "measured_at": self._now(),
        }
        with self._store.unit_of_work() as tx:
            tx.session.execute(
                sqlite_insert(ClockStateRow)
                .values(**values)
                .on_conflict_do_update(index_elements=["id"], set_=values)
            )

    def save_policy(self, policy: OfflinePolicy) -> None:
        with self._store.unit_of_work() as tx:
            tx.identity.save_policy(policy, now=self._now())

    def pending(self, limit: int) -> list[Envelope]:
        with self._store.unit_of_work(read_only=True) as tx:
            return tx.sync_queue.pending(limit)

    def record(self, results: Sequence[OpResult]) -> None:
        with self._store.unit_of_work() as tx:
            tx.sync_queue.record(results, now=self._now())

    def highest_acked(self) -> int:
        with self._store.unit_of_work(read_only=True) as tx:
            return tx.sync_queue.highest_acked()

    def reopen_after(self, hwm: int) -> int:
        with self._store.unit_of_work() as tx:
            return tx.sync_queue.reopen_after(hwm)

    def stream(self, name: str) -> StreamPosition:
        with self._store.unit_of_work(read_only=True) as tx:
            state = tx.pulled.stream_state(name)
        return StreamPosition(
            state.cursor, state.epoch, state.position, state.snapshot_after, state.resume_cursor
        )

    def apply_snapshot_page(self, stream: str, page: Mapping[str, Any]) -> int:
        rows = page["rows"]
        with self._store.unit_of_work(refetchable=True) as tx:
            tx.pulled.apply_snapshot_rows(
                stream, page["epoch"], rows, page.get("next_after"), page["resume_cursor"]
            )
        return len(rows)

    def finish_snapshot(self, stream: str) -> None:
        with self._store.unit_of_work() as tx:
            tx.pulled.finish_snapshot(stream)

    def apply_pull_page(self, stream: str, page: Mapping[str, Any]) -> int:
        changes = page["changes"]
        with self._store.unit_of_work(refetchable=True) as tx:
            tx.pulled.apply_changes(
                stream, page["epoch"], changes, page["next_cursor"], page["position"]
            )
        return len(changes)

    def reset_stream(self, stream: str) -> None:
        with self._store.unit_of_work() as tx:
            tx.pulled.reset(stream)

    def settle(self, hwm: int) -> None:
        with self._store.unit_of_work() as tx:
            positions = {s: tx.pulled.stream_state(s).position for s in STREAMS}
            tx.sync_queue.mark_reflected(positions)
            tx.sync_queue.prune(before=self._now() - RETENTION, hwm=hwm)

    def backlog(self) -> Backlog:
        with self._store.unit_of_work(read_only=True) as tx:
            counts = tx.sync_queue.counts()
        return Backlog(counts.pending, counts.rejected)
