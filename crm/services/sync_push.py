"""The terminal's side of the conversation: hello, and pushed ops applied exactly once.

A push applies in transactions of up to `CHUNK` ops, each op in its own savepoint: the
terminal's row is locked (one terminal's ops apply one at a time, in any number of
workers), the customers the chunk's bills name are locked in id order (so two terminals'
chunks wait for each other instead of deadlocking), and each op is looked up in
`processed_op`. A new op's effects, its `processed_op` row and the terminal's high-water
mark commit together. A retry of an applied op — lost answer, double send, restored
terminal — finds the row and gets the stored answer; the same id with another payload is
`key_reuse`. An op of a kind this CRM cannot read is quarantined and acknowledged, never
retried for ever; one it can read but will not apply (a card already someone else's) is
`rejected`, with why, its savepoint rolled back, and the ops behind it go on.
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

from crm.services import op_effects, push_locks, pushed
from crm.services.actor import Actor, Role
from crm.services.context import Context
from crm.services.customers import CustomerService
from crm.services.errors import Invalid, ServiceError, Unauthorized
from crm.services.holds import policy_in
from crm.services.processed_ops import ChunkRecord, Outcome
from crm.services.pushed import Incoming
from crm.services.terminals import TerminalIdentity
from crm.store.database import DatabaseUnavailableError
from crm.store.models import OpQuarantineRow, SyncCounterRow, TerminalRow
from loyalty.offline import OfflinePolicy
from sync.wire import legacy
from sync.wire.envelope import (
    APPLIED,
    DUPLICATE,
    QUARANTINED,
    REJECTED,
    OpResult,
    UnknownKindError,
)

log = logging.getLogger(__name__)
MAX_OPS = 500  # per push; the terminal sends at most 100
CHUNK = 100  # ops per transaction: one commit for many, yet locks held briefly


class _RefusedInChunkError(Exception):
    """An op of a chunk applied without savepoints was refused: apply it again with them."""


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
        self,
        terminal: TerminalIdentity,
        *,
        app_version: str | None,
        clock_offset_ms: int | None,
        queued_ops: int | None = None,
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
            if queued_ops is not None:
                row.queued_ops = queued_ops
            epochs = {c.stream: c.epoch for c in session.scalars(select(SyncCounterRow))}
            policy = policy_in(session)
            return Hello(now, row.id, row.shop_id, row.status, row.hwm_seq, epochs, policy)

        return self.ctx.db.write(work)

    def push(
        self, terminal: TerminalIdentity, ops: list[Any], *, queued_ops: int | None = None
    ) -> PushAnswer:
        """Apply the ops in chunks; `queued_ops` is what the till will still have to send
        once these are taken (recorded with the last chunk, for the terminals page)."""
        if len(ops) > MAX_OPS:
            raise Invalid.one("ops", f"at most {MAX_OPS} per push")
        incoming = [pushed.read(document, self._zone) for document in ops]
        results: list[OpResult] = []
        hwm: int | None = None
        for start in range(0, len(incoming), CHUNK):
            chunk = incoming[start : start + CHUNK]
            last = start + CHUNK >= len(incoming)
            try:
                done, hwm = self._apply_chunk(terminal, chunk, queued_ops if last else None)
            except DatabaseUnavailableError as error:
                results += pushed.unprocessed(incoming[start:], str(error))
                break
            results += done
        if hwm is None:
            hwm = self.ctx.db.read(
                lambda s: s.scalar(
                    select(TerminalRow.hwm_seq).where(TerminalRow.id == terminal.terminal_id)
                )
            )
        return PushAnswer(tuple(results), int(hwm or 0), self.ctx.clock())

    def _apply_chunk(
        self, terminal: TerminalIdentity, chunk: list[Incoming | OpResult], queued_ops: int | None
    ) -> tuple[list[OpResult], int]:
        """Optimistic first: without a savepoint per op (two round trips each on
        PostgreSQL), and without looking for a bill recorded before. Should an op be
        refused, or a bill be there already, that transaction is rolled back and the chunk
        applied again carefully: with savepoints, so the refused op takes back only its own
        effects, and looking first."""
        work = partial(self._chunk, terminal=terminal, chunk=chunk, queued_ops=queued_ops)
        try:
            return self.ctx.db.write(partial(work, careful=False))
        except _RefusedInChunkError:
            return self.ctx.db.write(partial(work, careful=True))

    def _chunk(
        self,
        session: Session,
        *,
        terminal: TerminalIdentity,
        chunk: list[Incoming | OpResult],
        queued_ops: int | None,
        careful: bool,
    ) -> tuple[list[OpResult], int]:
        row = session.get(TerminalRow, terminal.terminal_id, with_for_update=True)
        if row is None or row.status != "active":
            raise Unauthorized("this terminal was revoked; enrol it again")
        ops = [item for item in chunk if isinstance(item, Incoming)]
        held = push_locks.lock_for(session, [item.op for item in ops if item.op is not None])
        now = self.ctx.clock()
        record = ChunkRecord(session, row, [item.env for item in ops])
        for item in chunk:
            if isinstance(item, OpResult):
                record.keep(item)
            else:
                apply = partial(self._apply, session, row, item, now, careful=careful)
                record.take(item.env, apply, now)
        results = record.finish()
        del held  # referenced until here, so the bills found their customers in the session
        row.last_seen_at = now
        if queued_ops is not None:
            row.queued_ops = queued_ops
        return results, row.hwm_seq

    def _apply(
        self,
        session: Session,
        terminal: TerminalRow,
        item: Incoming,
        now: datetime,
        *,
        careful: bool,
    ) -> Outcome:
        env, op, error = item.env, item.op, item.error
        if not env.hash_matches():
            return Outcome(REJECTED, {}, reason="the payload does not match its sha256")
        if op is None:
            assert error is not None
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
            return Outcome(QUARANTINED if unknown else REJECTED, {}, reason=str(error))
        actor = terminal_actor(terminal.id)
        apply = partial(
            op_effects.apply,
            session,
            self._customers,
            op,
            op_id=env.op_id,
            terminal_id=terminal.id,
            actor=actor,
            now=now,
            look_first=careful,
        )
        try:
            if not careful:
                effects = apply()
            else:
                with session.begin_nested():  # a refused op takes back only its own effects
                    effects = apply()
        except (ServiceError, IntegrityError) as refused:
            if not careful:
                raise _RefusedInChunkError from refused
            reason = refused.message if isinstance(refused, ServiceError) else "already recorded"
            return Outcome(REJECTED, {}, reason=reason)
        return Outcome(DUPLICATE if effects.again else APPLIED, effects.result, effects.streams)
