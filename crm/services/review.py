"""The list a manager works through: bills the CRM flagged and ops it refused.

Sync never stops for these (DESIGN: a till's sale is a fact; an overdraft or a voucher
redeemed twice is a manager's list, not an error), so they would go unseen without one.
An item is raised in the same transaction as the bill or the op's answer, and stays open
until a manager resolves it with a note saying what was done; the bill and the op are
never changed by that. Reading is everyone's; resolving needs a manager.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm.services import audit
from crm.services.actor import Actor, Role
from crm.services.context import Context, new_id
from crm.services.errors import Conflict, Invalid, NotFound
from crm.store.models import BillRow, CustomerRow, ProcessedOpRow, ReviewItemRow
from loyalty.text_fields import NO_CONTROL_CHARACTERS, has_control_characters

BILL, OP = "bill", "op"
NOTE_MAX = 500
LIST_MAX = 500


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    """An open item with what a manager needs to judge it."""

    id: str
    terminal_id: str
    kind: str  # bill | op
    subject_id: str
    reasons: tuple[str, ...]  # the bill's flags, or the CRM's reason for refusing the op
    raised_at: datetime
    bill_no: int | None = None
    total_minor: int | None = None
    customer_id: str | None = None
    customer_name: str | None = None
    op_kind: str | None = None


def raise_bill(session: Session, bill: BillRow, now: datetime) -> None:
    """Put a bill the CRM flagged on the list (called where the bill is recorded)."""
    if _listed(session, BILL, bill.bill_id):
        return
    session.add(
        ReviewItemRow(
            id=new_id(),
            terminal_id=bill.terminal_id,
            kind=BILL,
            subject_id=bill.bill_id,
            reasons=list(bill.flags),
            raised_at=now,
        )
    )


def raise_op(session: Session, terminal_id: str, op_id: str, reason: str, now: datetime) -> None:
    """Put an op the CRM rejected or quarantined on the list (once: an op whose stored
    answer was purged and that comes again is not listed twice)."""
    if _listed(session, OP, op_id):
        return
    session.add(
        ReviewItemRow(
            id=new_id(),
            terminal_id=terminal_id,
            kind=OP,
            subject_id=op_id,
            reasons=[reason],
            raised_at=now,
        )
    )


def _listed(session: Session, kind: str, subject_id: str) -> bool:
    query = select(ReviewItemRow.id).where(
        ReviewItemRow.kind == kind, ReviewItemRow.subject_id == subject_id
    )
    return session.scalar(query) is not None


def _note(text: str) -> str:
    note = text.strip()
    if not 1 <= len(note) <= NOTE_MAX:
        raise Invalid.one("note", f"1 to {NOTE_MAX} characters")
    if has_control_characters(note.replace("\n", " ").replace("\r", " ")):
        raise Invalid.one("note", NO_CONTROL_CHARACTERS)
    return note


class ReviewService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def open_counts(self, actor: Actor) -> dict[str, int]:
        """Open items per terminal id."""
        query = (
            select(ReviewItemRow.terminal_id, func.count())
            .where(ReviewItemRow.resolved_at.is_(None))
            .group_by(ReviewItemRow.terminal_id)
        )
        return self.ctx.db.read(lambda s: {tid: int(n) for tid, n in s.execute(query)})

    def open_items(
        self, actor: Actor, terminal_id: str | None = None, limit: int = 100
    ) -> list[ReviewEntry]:
        """The oldest open items first (the order they happened in), at most `limit`."""
        if not 1 <= limit <= LIST_MAX:
            raise Invalid.one("limit", f"1 to {LIST_MAX}")
        query = select(ReviewItemRow).where(ReviewItemRow.resolved_at.is_(None))
        if terminal_id is not None:
            query = query.where(ReviewItemRow.terminal_id == terminal_id)
        query = query.order_by(ReviewItemRow.raised_at, ReviewItemRow.id).limit(limit)
        return self.ctx.db.read(lambda s: _entries(s, list(s.scalars(query))))

    def resolve(self, actor: Actor, item_id: str, note: str) -> None:
        actor.require(Role.MANAGER)
        note = _note(note)

        def work(session: Session) -> None:
            row = session.get(ReviewItemRow, item_id, with_for_update=True)
            if row is None:
                raise NotFound("item to review", item_id)
            if row.resolved_at is not None:
                raise Conflict("note", f"{row.resolved_by} resolved it already")
            row.resolved_at, row.resolved_by, row.resolution = self.ctx.clock(), actor.name, note
            audit.record(
                session,
                actor=actor,
                at=row.resolved_at,
                action="review.resolved",
                entity="review_item",
                entity_id=row.id,
                before={"kind": row.kind, "subject_id": row.subject_id, "reasons": row.reasons},
                after={"resolution": note},
            )

        self.ctx.db.write(work)


def _entries(session: Session, rows: list[ReviewItemRow]) -> list[ReviewEntry]:
    """The items with their bills' and ops' facts, in two queries whatever their number."""
    bill_ids = [row.subject_id for row in rows if row.kind == BILL]
    op_ids = [row.subject_id for row in rows if row.kind == OP]
    bills = {
        bill.bill_id: (bill, name)
        for bill, name in session.execute(
            select(BillRow, CustomerRow.name)
            .outerjoin(CustomerRow, CustomerRow.id == BillRow.customer_id)
            .where(BillRow.bill_id.in_(bill_ids))
        )
    }
    kinds: dict[str, str] = {
        op_id: kind
        for op_id, kind in session.execute(
            select(ProcessedOpRow.op_id, ProcessedOpRow.kind).where(
                ProcessedOpRow.op_id.in_(op_ids)
            )
        )
    }
    entries = []
    for row in rows:
        entry = ReviewEntry(
            row.id, row.terminal_id, row.kind, row.subject_id, tuple(row.reasons), row.raised_at
        )
        if row.kind == BILL and row.subject_id in bills:
            bill, name = bills[row.subject_id]
            entry = replace(
                entry,
                bill_no=bill.local_no,
                total_minor=bill.total_minor,
                customer_id=bill.customer_id,
                customer_name=name,
            )
        elif row.kind == OP:
            entry = replace(entry, op_kind=kinds.get(row.subject_id))
        entries.append(entry)
    return entries
