"""The audit log: append-only, one row per action, newest first when read."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from pos_terminal.db.models import AuditLogRow
from pos_terminal.domain.pin_guard import PinAttempts
from pos_terminal.domain.staff import AuditEntry, StaffMember


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def record(
        self,
        actor: StaffMember | None,
        action: str,
        target: str | None = None,
        details: Mapping[str, object] | None = None,
        *,
        now: datetime,
    ) -> None:
        """Append one entry in the caller's transaction. `details` must be JSON values."""
        self._session.execute(
            insert(AuditLogRow).values(
                at=now,
                actor_id=actor.id if actor is not None else None,
                actor_name=actor.name if actor is not None else None,
                action=action,
                target=target,
                details=json.dumps(dict(details or {}), sort_keys=True, ensure_ascii=False),
            )
        )

    def recent(self, limit: int = 50) -> list[AuditEntry]:
        """The last `limit` entries, newest first."""
        rows = self._session.execute(
            select(*AuditLogRow.__table__.c).order_by(AuditLogRow.id.desc()).limit(limit)
        )
        return [
            AuditEntry(
                id=row.id,
                at=row.at,
                actor_id=row.actor_id,
                actor_name=row.actor_name,
                action=row.action,
                target=row.target,
                details=json.loads(row.details or "{}"),
            )
            for row in rows
        ]

    def pin_attempts(
        self, *, wrong: str, lift_failed: str, streak_ends: tuple[str, ...]
    ) -> PinAttempts:
        """Wrong PINs (`wrong`) since the last entry of `streak_ends`, and `lift_failed`
        entries since the last wrong PIN: three look-ups of the action index."""
        log = AuditLogRow

        def last_id(*actions: str) -> int:
            found = self._session.execute(select(func.max(log.id)).where(log.action.in_(actions)))
            return int(found.scalar() or 0)

        since = last_id(*streak_ends)
        count, last_at, last_wrong = self._session.execute(
            select(func.count(), func.max(log.at), func.max(log.id)).where(
                log.action == wrong, log.id > since
            )
        ).one()
        lifts = self._session.execute(
            select(func.count()).where(log.action == lift_failed, log.id > (last_wrong or since))
        ).scalar_one()
        return PinAttempts(int(count), last_at, int(lifts))
