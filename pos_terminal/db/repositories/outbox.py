"""Appending ops for the CRM; the sync engine reads and acknowledges them."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from pos_terminal.db.models import OutboxRow


def canonical_json(payload: dict[str, Any]) -> str:
    """Sorted keys, no spaces: the same op always hashes the same."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class OutboxRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def append(
        self,
        *,
        kind: str,
        aggregate_id: str,
        payload: dict[str, Any],
        now: datetime,
        op_id: str | None = None,
        kind_version: int = 1,
    ) -> str:
        """Queue one op in the caller's transaction; returns its id (the idempotency key)."""
        op_id = op_id or str(uuid.uuid4())
        text = canonical_json(payload)
        self._session.execute(
            insert(OutboxRow).values(
                op_id=op_id,
                kind=kind,
                kind_version=kind_version,
                aggregate_id=aggregate_id,
                payload=text,
                payload_sha256=hashlib.sha256(text.encode()).hexdigest(),
                created_at=now,
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
