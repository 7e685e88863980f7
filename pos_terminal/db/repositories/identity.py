"""Who this terminal is to the CRM (one row; its token is elsewhere, `sync.enrolment`), and
the offline allowances the CRM gave it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from loyalty.offline import DEFAULT_POLICY, OfflinePolicy
from pos_terminal.db.models import OfflinePolicyRow, TerminalIdentityRow
from sync.wire import codec


@dataclass(frozen=True, slots=True)
class TerminalIdentity:
    terminal_id: str
    shop_id: str
    name: str
    crm_url: str
    token_ref: str  # where the token is kept, e.g. "file:crm-token"
    enrolled_at: datetime


class IdentityRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self) -> TerminalIdentity | None:
        row = self._session.execute(select(TerminalIdentityRow)).scalars().first()
        if row is None or row.crm_url is None or row.token_ref is None:
            return None
        enrolled = row.enrolled_at or datetime.min
        return TerminalIdentity(
            row.terminal_id, row.store_id, row.name, row.crm_url, row.token_ref, enrolled
        )

    def save(self, identity: TerminalIdentity) -> None:
        """Enrolled (again): the new identity replaces any earlier one."""
        self._session.execute(delete(TerminalIdentityRow))
        self._session.add(
            TerminalIdentityRow(
                terminal_id=identity.terminal_id,
                store_id=identity.shop_id,
                name=identity.name,
                crm_url=identity.crm_url,
                token_ref=identity.token_ref,
                enrolled_at=identity.enrolled_at,
            )
        )

    def policy(self) -> OfflinePolicy:
        """The CRM's last word on offline spending; its defaults before the first hello."""
        text = self._session.scalar(select(OfflinePolicyRow.document))
        return codec.decode(OfflinePolicy, json.loads(text)) if text else DEFAULT_POLICY

    def save_policy(self, policy: OfflinePolicy, *, now: datetime) -> None:
        values = {
            "id": 1,
            "document": codec.canonical_json(codec.encode(policy)),
            "received_at": now,
        }
        self._session.execute(
            sqlite_insert(OfflinePolicyRow)
            .values(**values)
            .on_conflict_do_update(index_elements=["id"], set_=values)
        )
