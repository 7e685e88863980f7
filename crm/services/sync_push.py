"""The terminal's side of the conversation: hello, and pushed ops applied exactly once.

Each op is one transaction: the terminal's row is locked (one terminal's ops apply one at a
time, in any number of workers), the op is looked up in `processed_op`, and a new op's
effects, its `processed_op` row and the terminal's high-water mark commit together. A
retry of an applied op — lost answer, double send, restored terminal — finds the row and
gets the stored answer; the same id with another payload is `key_reuse`. An op of a kind
this CRM cannot read is quarantined and acknowledged, never retried for ever; one it can
read but will not apply (a card already someone else's) is `rejected`, with why, and the
ops behind it go on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from crm.services import op_effects
from crm.services.actor import Actor, Role
from crm.services.context import Context
from crm.services.customers import CustomerService
from crm.services.errors import Invalid, ServiceError, Unauthorized
from crm.services.holds import policy_in
from crm.services.terminals import TerminalIdentity
from crm.store.database import DatabaseUnavailableError
from crm.store.models import OpQuarantineRow, ProcessedOpRow, SyncCounterRow, TerminalRow
from loyalty.offline import OfflinePolicy
from sync.wire import legacy
from sync.wire.envelope import (
    APPLIED,
    DUPLICATE,
    KEY_REUSE,
    NOT_PROCESSED,
    QUARANTINED,
    REJECTED,
    RETRY_LATER,
    Envelope,
    OpResult,
    UnknownKindError,
    decode_op,
)
from sync.wire.money import WireError

log = logging.getLogger(__name__)
MAX_OPS = 500  # per push; the terminal sends at most 100


@dataclass(frozen=True, slots=True)
class Hello:
    server_time: datetime
    terminal_id: str
    shop_id: str
    status: str
    hwm_seq: int
    epochs: dict[str, str]
    offline_policy: OfflinePolicy


@dataclass(frozen=True, slots=True)
class PushAnswer:
    results: tuple[OpResult, ...]
    terminal_hwm: int
    server_time: datetime


def terminal_actor(terminal_id: str) -> Actor:
    """Who the audit log and the ledgers name for what a terminal reported."""
    return Actor(f"terminal {terminal_id}", Role.MANAGER)


class PushService:
    def __init__(
        self, ctx: Context, customers: CustomerService, zone: ZoneInfo = legacy.CHAIN_ZONE
    ) -> None:
        self.ctx = ctx
        self._customers = customers
        self._zone = zone  # for version-1 ops, written in local time without a zone

    def hello(
        self, terminal: TerminalIdentity, *, app_version: str | None, clock_offset_ms: int | None
    ) -> Hello:
        """Record the contact; answer with what the terminal needs to check its state."""

        def work(session: Session) -> Hello:
            row = session.get(TerminalRow, terminal.terminal_id, with_for_update=True)
            if row is None or row.status != "active":
                raise Unauthorized("this terminal was revoked; enrol it again")
            now = self.ctx.clock()
            row.last_seen_at = now
            row.app_version = (app_version or row.app_version or "")[:40] or None
            if clock_offset_ms is not None:
                row.clock_offset_ms = clock_offset_ms
            epochs = {c.stream: c.epoch for c in session.scalars(select(SyncCounterRow))}
            policy = policy_in(session)
            return Hello(now, row.id, row.shop_id, row.status, row.hwm_seq, epochs, policy)

        return self.ctx.db.write(work)

    def push(self, terminal: TerminalIdentity, ops: list[Any]) -> PushAnswer:
        if len(ops) > MAX_OPS:
            raise Invalid.one("ops", f"at most {MAX_OPS} per push")
        results: list[OpResult] = []
        for number, document in enumerate(ops):
            try:
                envelope = Envelope.from_json(document)
            except WireError as error:  # cannot even be kept under its id
                op_id = document.get("op_id") if isinstance(document, dict) else None
                results.append(OpResult(str(op_id), REJECTED, reason=str(error)))
                continue
            try:
                results.append(
                    self.ctx.db.write(partial(self._one, terminal=terminal, env=envelope))
                )
            except DatabaseUnavailableError as error:
                results.append(OpResult(envelope.op_id, RETRY_LATER, reason=str(error)))
                results += [_not_processed(later) for later in ops[number + 1 :]]
                break
        hwm = self.ctx.db.read(
            lambda s: s.scalar(
                select(TerminalRow.hwm_seq).where(TerminalRow.id == terminal.terminal_id)
            )
        )
        return PushAnswer(tuple(results), int(hwm or 0), self.ctx.clock())

    def _one(self, session: Session, *, terminal: TerminalIdentity, env: Envelope) -> OpResult:
        row = session.get(TerminalRow, terminal.terminal_id, with_for_update=True)
        if row is None or row.status != "active":
            raise Unauthorized("this terminal was revoked; enrol it again")
        known = session.get(ProcessedOpRow, env.op_id)
        if known is not None:
            return _again(known, env, terminal.terminal_id)
        clash = session.scalar(
            select(ProcessedOpRow.op_id).where(
                ProcessedOpRow.terminal_id == row.id,
                ProcessedOpRow.terminal_seq == env.terminal_seq,
            )
        )
        if clash is not None:  # nothing can be stored under a number already used
            return OpResult(
                env.op_id,
                REJECTED,
                reason=f"terminal_seq {env.terminal_seq} was used by op {clash}: this "
                "terminal's store was replaced or copied; enrol it again",
            )
        now = self.ctx.clock()
        status, result, reflect_at, reason = self._apply(session, row, env, now)
        session.add(
            ProcessedOpRow(
                op_id=env.op_id,
                terminal_id=row.id,
                terminal_seq=env.terminal_seq,
                kind=env.kind[:40],
                kind_version=env.kind_version,
                request_sha256=env.payload_sha256,
                status=APPLIED if status == DUPLICATE else status,
                result=result,
                reflect_at=reflect_at,
                reason=reason,
                received_at=now,
            )
        )
        session.flush()
        _advance_hwm(session, row, env.terminal_seq)
        row.last_seen_at = now
        return OpResult(env.op_id, status, result, reflect_at, reason)

    def _apply(
        self, session: Session, terminal: TerminalRow, env: Envelope, now: datetime
    ) -> tuple[str, dict[str, Any], dict[str, int], str | None]:
        if not env.hash_matches():
            return REJECTED, {}, {}, "the payload does not match its sha256"
        try:
            op = decode_op(env.kind, env.kind_version, env.payload, self._zone)
        except WireError as error:
            session.add(
                OpQuarantineRow(
                    op_id=env.op_id,
                    terminal_id=terminal.id,
                    kind=env.kind[:40],
                    kind_version=env.kind_version,
                    raw=env.to_json(),
                    reason=str(error),
                    received_at=now,
                )
            )
            unknown = isinstance(error, UnknownKindError)
            return (QUARANTINED if unknown else REJECTED), {}, {}, str(error)
        actor = terminal_actor(terminal.id)
        try:
            with session.begin_nested():
                effects = op_effects.apply(
                    session,
                    self._customers,
                    op,
                    op_id=env.op_id,
                    terminal_id=terminal.id,
                    actor=actor,
                    now=now,
                )
        except (ServiceError, IntegrityError) as error:
            reason = error.message if isinstance(error, ServiceError) else "already recorded"
            return REJECTED, {}, {}, reason
        positions = {
            c.stream: c.v
            for c in session.scalars(
                select(SyncCounterRow).where(SyncCounterRow.stream.in_(effects.streams))
            )
        }
        return (DUPLICATE if effects.again else APPLIED), effects.result, positions, None


def _again(known: ProcessedOpRow, env: Envelope, terminal_id: str) -> OpResult:
    if known.terminal_id != terminal_id or known.request_sha256 != env.payload_sha256:
        return OpResult(
            env.op_id, KEY_REUSE, reason="this op id was used for a different op; not applied"
        )
    status = DUPLICATE if known.status == "applied" else known.status
    return OpResult(env.op_id, status, known.result, known.reflect_at, known.reason)


def _advance_hwm(session: Session, terminal: TerminalRow, seq: int) -> None:
    """The highest terminal_seq below which every op has been processed."""
    if seq != terminal.hwm_seq + 1:
        return
    following = session.scalars(
        select(ProcessedOpRow.terminal_seq)
        .where(
            ProcessedOpRow.terminal_id == terminal.id,
            ProcessedOpRow.terminal_seq > terminal.hwm_seq,
        )
        .order_by(ProcessedOpRow.terminal_seq)
        .limit(10_000)
    )
    hwm = terminal.hwm_seq
    for number in following:
        if number != hwm + 1:
            break
        hwm = number
    terminal.hwm_seq = hwm


def _not_processed(document: Any) -> OpResult:
    op_id = document.get("op_id") if isinstance(document, dict) else None
    return OpResult(str(op_id), NOT_PROCESSED)
