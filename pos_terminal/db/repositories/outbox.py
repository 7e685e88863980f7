"""Appending ops for the CRM; the sync engine reads and acknowledges them
(`pos_terminal.db.repositories.sync_queue`)."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from pos_terminal.db.models import ClockStateRow, OutboxRow
from sync.wire.codec import sha256_hex
from sync.wire.envelope import payload_of
from sync.wire.ops import Op


class OutboxRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def append(self, op: Op, *, aggregate_id: str, now: datetime, op_id: str | None = None) -> str:
        """Queue one op in the caller's transaction; returns its id (the idempotency key).

        The payload is frozen here, as canonical JSON of the op's current version, with the
        clock offset last measured against the CRM (the CRM corrects the time by it)."""
        op_id = op_id or str(uuid.uuid4())
        kind, version, text = payload_of(op)
        offset = self._session.execute(
            select(ClockStateRow.server_offset_ms).where(ClockStateRow.id == 1)
        ).scalar_one_or_none()
        self._session.execute(
            insert(OutboxRow).values(
                op_id=op_id,
                kind=kind,
                kind_version=version,
                aggregate_id=aggregate_id,
                payload=text,
                payload_sha256=sha256_hex(text),
                created_at=now,
                clock_offset_ms=offset,
                state="pending",
                attempts=0,
            )
        )
        return op_id

    def pending_count(self) -> int:
        query = select(func.count()).select_from(OutboxRow).where(OutboxRow.state == "pending")
        return int(self._session.execute(query).scalar_one())

    def payload(self, op_id: str) -> dict[str, Any] | None:
        row = self._session.execute(
            select(OutboxRow.payload).where(OutboxRow.op_id == op_id)
        ).scalar_one_or_none()
        return json.loads(row) if row is not None else None

    def op_for(self, kind: str, aggregate_id: str) -> str | None:
        """The id of the first op of `kind` about `aggregate_id` (a bill's `bill.closed`)."""
        return self._session.execute(
            select(OutboxRow.op_id)
            .where(OutboxRow.kind == kind, OutboxRow.aggregate_id == aggregate_id)
            .order_by(OutboxRow.terminal_seq)
            .limit(1)
        ).scalar_one_or_none()
