"""The outbox as the sync engine sees it: ops to push, the CRM's answers, and pruning.

An op goes `pending` → `acked` (the CRM applied it; `reflect_at` says which feed positions
will show its effects) → `reflected` (this terminal has pulled that far) → pruned after the
retention period. `rejected` ops stay, for a manager, and are never sent again by
themselves. The balance effects of an acked op carry the balances position (`reflected_seq`),
so what the cashier sees stops subtracting them exactly when the snapshot includes them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ScalarSelect, delete, func, select, update
from sqlalchemy.orm import Session

from pos_terminal.db.models import (
    BillRow,
    CardRow,
    CustomerEffectRow,
    CustomerRow,
    OutboxRow,
    ShiftRow,
)
from sync.wire import codec
from sync.wire.envelope import (
    APPLIED,
    DUPLICATE,
    KEY_REUSE,
    QUARANTINED,
    REJECTED,
    Envelope,
    OpResult,
)
from sync.wire.money import loads
from sync.wire.ops import CustomerProposed

ACKED = frozenset({APPLIED, DUPLICATE})


@dataclass(frozen=True, slots=True)
class QueueCounts:
    pending: int
    rejected: int


@dataclass(frozen=True, slots=True)
class RejectedOp:
    terminal_seq: int
    kind: str
    aggregate_id: str
    created_at: datetime
    reason: str


class SyncQueue:
    def __init__(self, session: Session) -> None:
        self._session = session

    def pending(self, limit: int) -> list[Envelope]:
        rows = self._session.execute(
            select(OutboxRow)
            .where(OutboxRow.state == "pending")
            .order_by(OutboxRow.terminal_seq)
            .limit(limit)
        ).scalars()
        return [
            Envelope(
                op_id=row.op_id,
                terminal_seq=row.terminal_seq,
                kind=row.kind,
                kind_version=row.kind_version,
                created_at=codec.utc(row.created_at),
                clock_offset_ms=row.clock_offset_ms,
                payload=loads(row.payload),
                payload_sha256=row.payload_sha256,
            )
            for row in rows
        ]

    def record(self, results: Sequence[OpResult], *, now: datetime) -> None:
        """Store what the CRM answered for each op (final answers only)."""
        ids = [result.op_id for result in results]
        rows = {
            row.op_id: row
            for row in self._session.scalars(select(OutboxRow).where(OutboxRow.op_id.in_(ids)))
        }
        # (balances position, reference position) → op ids
        reflected: dict[tuple[int, int], list[str]] = defaultdict(list)
        for result in results:
            row = rows.get(result.op_id)
            if row is None or row.state != "pending":
                continue  # answered before (a repeated answer changes nothing)
            row.attempts += 1
            if result.status in ACKED or result.status == QUARANTINED:
                self._acked(row, result, now)
                at = result.reflect_at
                reflected[at.get("balances", 0), at.get("reference", 0)].append(row.op_id)
            elif result.status in (REJECTED, KEY_REUSE):
                row.state, row.last_error = "rejected", result.reason or result.status
                row.server_result = json.dumps(result.to_json(), ensure_ascii=False)
            else:  # retry_later / not_processed: stays pending
                row.last_error = result.reason or result.status
        # Until the balances feed reaches this position, the snapshot lacks the ops' effects;
        # until the reference feed does, the customer's allowance lacks their group discount.
        for (balances, reference), op_ids in reflected.items():
            self._session.execute(
                update(CustomerEffectRow)
                .where(CustomerEffectRow.op_id.in_(op_ids))
                .values(reflected_seq=balances, allowance_seq=reference)
            )

    def _acked(self, row: OutboxRow, result: OpResult, now: datetime) -> None:
        reflect_at = dict(result.reflect_at)
        row.state = "acked" if reflect_at else "reflected"
        row.acked_at, row.last_error = now, None
        row.reflect_at = json.dumps(reflect_at, sort_keys=True)
        row.server_result = json.dumps(result.to_json(), ensure_ascii=False)
        canonical = result.result.get("customer_id")
        if row.kind == CustomerProposed.KIND and isinstance(canonical, str):
            self._adopt(row.aggregate_id, canonical)

    def _adopt(self, local_id: str, canonical: str) -> None:
        """The CRM merged a customer added here into one it had: point everything at it."""
        if canonical == local_id:
            return
        for table, column in (
            (BillRow, BillRow.customer_id),
            (CustomerEffectRow, CustomerEffectRow.customer_id),
            (CardRow, CardRow.customer_id),
        ):
            self._session.execute(
                update(table).where(column == local_id).values({column.key: canonical})
            )
        if self._session.scalar(select(CustomerRow.rowid).where(CustomerRow.id == canonical)):
            self._session.execute(delete(CustomerRow).where(CustomerRow.id == local_id))
        else:  # until the pull brings the CRM's copy, the local one stands in under its id
            self._session.execute(
                update(CustomerRow).where(CustomerRow.id == local_id).values(id=canonical)
            )

    def highest_acked(self) -> int:
        return int(
            self._session.scalar(
                select(func.coalesce(func.max(OutboxRow.terminal_seq), 0)).where(
                    OutboxRow.state.in_(("acked", "reflected"))
                )
            )
            or 0
        )

    def reopen_after(self, hwm: int) -> int:
        """The CRM lost ops it had acknowledged (restored from a backup): send them again."""
        done = self._session.execute(
            update(OutboxRow)
            .where(OutboxRow.state.in_(("acked", "reflected")), OutboxRow.terminal_seq > hwm)
            .values(state="pending")
        )
        return int(getattr(done, "rowcount", 0))

    def mark_reflected(self, positions: Mapping[str, int]) -> int:
        """Acked ops whose every stream has been pulled as far as their `reflect_at`."""
        reflected = [
            seq
            for seq, text in self._session.execute(
                select(OutboxRow.terminal_seq, OutboxRow.reflect_at).where(
                    OutboxRow.state == "acked"
                )
            )
            if all(positions.get(s, 0) >= p for s, p in json.loads(text or "{}").items())
        ]
        if reflected:
            self._session.execute(
                update(OutboxRow)
                .where(OutboxRow.terminal_seq.in_(reflected))
                .values(state="reflected")
            )
        return len(reflected)

    def prune(self, *, before: datetime, hwm: int) -> int:
        """Forget ops that are reflected, older than `before`, and at or below the CRM's
        high-water mark (the CRM is known to have them); the bills themselves stay."""
        old = (
            select(OutboxRow.op_id)
            .where(
                OutboxRow.state == "reflected",
                OutboxRow.created_at < before,
                OutboxRow.terminal_seq <= hwm,
            )
            .scalar_subquery()
        )
        self._session.execute(
            delete(CustomerEffectRow).where(
                CustomerEffectRow.op_id.in_(old), CustomerEffectRow.bill_id.not_in(_open_bills())
            )
        )
        done = self._session.execute(delete(OutboxRow).where(OutboxRow.op_id.in_(old)))
        return int(getattr(done, "rowcount", 0))

    def counts(self) -> QueueCounts:
        rows = dict(
            self._session.execute(
                select(OutboxRow.state, func.count())
                .where(OutboxRow.state.in_(("pending", "rejected")))
                .group_by(OutboxRow.state)
            ).all()
        )
        return QueueCounts(int(rows.get("pending", 0)), int(rows.get("rejected", 0)))

    def rejected(self) -> list[RejectedOp]:
        rows = self._session.execute(
            select(OutboxRow).where(OutboxRow.state == "rejected").order_by(OutboxRow.terminal_seq)
        ).scalars()
        return [
            RejectedOp(r.terminal_seq, r.kind, r.aggregate_id, r.created_at, r.last_error or "")
            for r in rows
        ]

    def send_again(self, terminal_seq: int) -> bool:
        """A manager's decision: a rejected op goes back in the queue (e.g. once the CRM
        has been put right); False if it is not a rejected op."""
        done = self._session.execute(
            update(OutboxRow)
            .where(OutboxRow.terminal_seq == terminal_seq, OutboxRow.state == "rejected")
            .values(state="pending", last_error=None)
        )
        return bool(getattr(done, "rowcount", 0))


def _open_bills() -> ScalarSelect[str]:
    """Bills of a shift still open may be voided, which reads their effects: keep those."""
    return (
        select(BillRow.id)
        .join(ShiftRow, ShiftRow.id == BillRow.shift_id)
        .where(ShiftRow.closed_at.is_(None))
        .scalar_subquery()
    )
