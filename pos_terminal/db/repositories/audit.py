"""The audit log: append-only, one row per action, newest first when read, each row
chained to the one before by its hash (domain/audit_chain.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from pos_terminal.db.models import AuditLogRow
from pos_terminal.domain.audit_chain import GENESIS, ChainedEntry, ChainHead, entry_hash
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
        """Append one entry in the caller's transaction. `details` must be JSON values.

        Writes are serialised (BEGIN IMMEDIATE), so the last entry read here stays the last
        until this one is committed after it."""
        last = self._session.execute(
            select(AuditLogRow.id, AuditLogRow.entry_hash).order_by(AuditLogRow.id.desc()).limit(1)
        ).first()
        entry = ChainedEntry(
            id=(last.id if last is not None else 0) + 1,
            at=now.replace(tzinfo=None),  # as the column stores it, so the hash reads back
            actor_id=actor.id if actor is not None else None,
            actor_name=actor.name if actor is not None else None,
            action=action,
            target=target,
            details=json.dumps(dict(details or {}), sort_keys=True, ensure_ascii=False),
        )
        previous = last.entry_hash if last is not None and last.entry_hash else GENESIS
        self._session.execute(
            insert(AuditLogRow).values(
                id=entry.id,
                at=entry.at,
                actor_id=entry.actor_id,
                actor_name=entry.actor_name,
                action=entry.action,
                target=entry.target,
                details=entry.details,
                entry_hash=entry_hash(previous, entry),
            )
        )

    def head(self) -> ChainHead | None:
        """The chain's last entry, or None while it has none."""
        last = self._session.execute(
            select(AuditLogRow.id, AuditLogRow.entry_hash)
            .where(AuditLogRow.entry_hash.is_not(None))
            .order_by(AuditLogRow.id.desc())
            .limit(1)
        ).first()
        return ChainHead(last.id, last.entry_hash) if last is not None else None

    def chain(self) -> Iterator[tuple[ChainedEntry, str | None]]:
        """Every entry in order with its stored hash, read as it goes."""
        rows = self._session.execute(
            select(*AuditLogRow.__table__.c).order_by(AuditLogRow.id),
            execution_options={"yield_per": 1000},
        )
        for row in rows:
            entry = ChainedEntry(
                row.id, row.at, row.actor_id, row.actor_name, row.action, row.target, row.details
            )
            yield entry, row.entry_hash

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
