"""What each kind of op does to the CRM, and which pull streams will show it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from crm.services import bill_facts, proposals
from crm.services.actor import Actor
from crm.services.customers import CustomerService
from crm.store.models import TerminalShiftRow
from sync.wire import codec
from sync.wire.ops import (
    BillClosed,
    BillVoided,
    CardAssigned,
    CustomerProposed,
    Op,
    ShiftClosed,
    ShiftOpened,
)

REFERENCE, BALANCES, VOUCHERS = "reference", "balances", "vouchers"


@dataclass(frozen=True, slots=True)
class Effects:
    result: dict[str, Any] = field(default_factory=dict)  # what the terminal is told
    streams: tuple[str, ...] = ()  # feeds that carry the effects (→ reflect_at)
    again: bool = False  # applied before (found by its own unique key): a duplicate


def apply(
    session: Session,
    customers: CustomerService,
    op: Op,
    *,
    op_id: str,
    terminal_id: str,
    actor: Actor,
    now: datetime,
    look_first: bool = True,
) -> Effects:
    """`look_first=False`: see bill_facts.record_closed."""
    if isinstance(op, BillClosed):
        closed = bill_facts.record_closed(
            session,
            op,
            op_id=op_id,
            terminal_id=terminal_id,
            actor=actor,
            now=now,
            look_first=look_first,
        )
        return _bill(closed)
    if isinstance(op, BillVoided):
        voided = bill_facts.record_voided(
            session, op, terminal_id=terminal_id, actor=actor, now=now
        )
        return _bill(voided)
    if isinstance(op, CustomerProposed):
        decision = proposals.decide(session, customers, op, op_id=op_id, actor=actor, now=now)
        return Effects(decision.result(), (REFERENCE, BALANCES))
    if isinstance(op, CardAssigned):
        customer_id = proposals.assign_card(session, op, actor=actor, now=now)
        return Effects({"customer_id": customer_id}, (REFERENCE,))
    if isinstance(op, ShiftOpened):
        _shift(
            session, op.shift_id, terminal_id, op.business_date, op.opened_at
        ).opened_by = op.opened_by.name
        return Effects()
    assert isinstance(op, ShiftClosed)
    shift = _shift(session, op.shift_id, terminal_id, op.business_date, op.opened_at)
    shift.closed_at, shift.closed_by = op.closed_at, op.closed_by.name
    shift.z_report = codec.encode(op)
    return Effects()


def _bill(recorded: bill_facts.Recorded) -> Effects:
    result = {"customer_id": recorded.customer_id, "bill_flags": list(recorded.flags)}
    # A customer's bill changes their balances and limit use, and their remaining discount
    # allowance, which is a field of the customer (the reference stream).
    streams = (BALANCES, REFERENCE) if recorded.customer_id else ()
    return Effects(result, (*streams, VOUCHERS), again=recorded.again)


def _shift(
    session: Session, shift_id: str, terminal_id: str, business_date: Any, opened_at: datetime
) -> TerminalShiftRow:
    """The shift's row; a close that arrives for a shift never opened here makes one."""
    row = session.get(TerminalShiftRow, shift_id, with_for_update=True)
    if row is None:
        row = TerminalShiftRow(
            shift_id=shift_id,
            terminal_id=terminal_id,
            business_date=business_date,
            opened_at=opened_at,
            opened_by="",
        )
        session.add(row)
    return row
