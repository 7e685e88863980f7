"""The audit log: every change to a customer, group, rule, balance or account.

Written in the same transaction as the change it describes, so there is never a change
without its entry, nor an entry for a change that was rolled back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from crm.services.actor import Actor
from crm.store.models import AuditRow

Clock = Callable[[], datetime]


def record(
    session: Session,
    *,
    actor: Actor,
    at: datetime,
    action: str,
    entity: str,
    entity_id: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    customer_id: str | None = None,
) -> None:
    session.add(
        AuditRow(
            at=at,
            actor=actor.name,
            action=action,
            entity=entity,
            entity_id=entity_id,
            customer_id=customer_id,
            before=before,
            after=after,
        )
    )
