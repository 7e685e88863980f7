"""What each pushed op got, kept under its id for ever after: the CRM's idempotency record.

A chunk of one terminal's ops reads the records its ids and numbers already have in two
queries, answers a repeat from them (the stored answer; `key_reuse` when the id came with
another payload), and writes the new records together at the end of the chunk, with the
feed positions the chunk's effects reached and the terminal's high-water mark. The answers
come back in the order the ops came.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.services import review
from crm.store.models import ProcessedOpRow, SyncCounterRow, TerminalRow
from sync.wire.envelope import (
    APPLIED,
    DUPLICATE,
    KEY_REUSE,
    QUARANTINED,
    REJECTED,
    Envelope,
    OpResult,
)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What applying an op did, before the chunk's feed positions are known."""

    status: str
    result: dict[str, Any]
    streams: tuple[str, ...] = ()  # the feeds that will show its effects
    reason: str | None = None


class ChunkRecord:
    """The processed ops of one terminal's chunk, in one transaction that holds its row."""

    def __init__(self, session: Session, terminal: TerminalRow, envs: Sequence[Envelope]) -> None:
        self._session, self._terminal = session, terminal
        ids = [env.op_id for env in envs]
        self._known = {
            row.op_id: row
            for row in session.scalars(select(ProcessedOpRow).where(ProcessedOpRow.op_id.in_(ids)))
        }
        numbers = select(ProcessedOpRow.terminal_seq, ProcessedOpRow.op_id).where(
            ProcessedOpRow.terminal_id == terminal.id,
            ProcessedOpRow.terminal_seq.in_([env.terminal_seq for env in envs]),
        )
        self._numbers: dict[int, str] = {seq: op_id for seq, op_id in session.execute(numbers)}
        self._new: dict[str, Outcome] = {}
        self._order: list[OpResult | tuple[str, bool]] = []  # an answer, or (new op id, again)

    def keep(self, answer: OpResult) -> None:
        """An op answered without the database (it could not be read)."""
        self._order.append(answer)

    def take(self, env: Envelope, apply: Callable[[], Outcome], now: datetime) -> None:
        """Answer a repeat from its record; apply a new op and record what it got."""
        again = self._again(env)
        if again is None:
            self._add(env, apply(), now)
            self._order.append((env.op_id, False))
        elif again.status == DUPLICATE and env.op_id in self._new:  # twice in this chunk
            self._order.append((env.op_id, True))
        else:
            self._order.append(again)

    def _again(self, env: Envelope) -> OpResult | None:
        """The answer for an op processed before; None for a new one."""
        known = self._known.get(env.op_id)
        if known is not None:
            if known.terminal_id != self._terminal.id or known.request_sha256 != env.payload_sha256:
                reason = "this op id was used for a different op; not applied"
                return OpResult(env.op_id, KEY_REUSE, reason=reason)
            status = DUPLICATE if known.status == APPLIED else known.status
            return OpResult(env.op_id, status, known.result, known.reflect_at, known.reason)
        clash = self._numbers.get(env.terminal_seq)
        if clash is not None:  # nothing can be stored under a number already used
            return OpResult(
                env.op_id,
                REJECTED,
                reason=f"terminal_seq {env.terminal_seq} was used by op {clash}: this "
                "terminal's store was replaced or copied; enrol it again",
            )
        return None

    def _add(self, env: Envelope, outcome: Outcome, now: datetime) -> None:
        row = ProcessedOpRow(
            op_id=env.op_id,
            terminal_id=self._terminal.id,
            terminal_seq=env.terminal_seq,
            kind=env.kind[:40],
            kind_version=env.kind_version,
            request_sha256=env.payload_sha256,
            status=APPLIED if outcome.status == DUPLICATE else outcome.status,
            result=outcome.result,
            reflect_at={},
            reason=outcome.reason,
            received_at=now,
        )
        self._known[env.op_id], self._numbers[env.terminal_seq] = row, env.op_id
        self._new[env.op_id] = outcome

    def finish(self) -> list[OpResult]:
        """Store the new records; every op's answer, in the order the ops came."""
        streams = {stream for outcome in self._new.values() for stream in outcome.streams}
        # Columns, not rows: the triggers moved the counters under this session's objects.
        # The chunk commits at once, so its end is where every one of its effects shows.
        counters = select(SyncCounterRow.stream, SyncCounterRow.v).where(
            SyncCounterRow.stream.in_(streams)
        )
        reached = {stream: v for stream, v in self._session.execute(counters)} if streams else {}
        answers = {}
        for op_id, outcome in self._new.items():
            row = self._known[op_id]
            row.reflect_at = {stream: reached[stream] for stream in outcome.streams}
            self._session.add(row)
            if outcome.status in (REJECTED, QUARANTINED):
                review.raise_op(
                    self._session,
                    row.terminal_id,
                    op_id,
                    outcome.reason or outcome.status,
                    row.received_at,
                )
            answers[op_id] = OpResult(
                op_id, outcome.status, outcome.result, row.reflect_at, outcome.reason
            )
        self._session.flush()
        if self._terminal.hwm_seq + 1 in self._numbers:
            _advance_hwm(self._session, self._terminal)
        return [
            item if isinstance(item, OpResult) else _repeated(answers[item[0]], item[1])
            for item in self._order
        ]


def _repeated(answer: OpResult, again: bool) -> OpResult:
    return replace(answer, status=DUPLICATE) if again and answer.status == APPLIED else answer


def _advance_hwm(session: Session, terminal: TerminalRow) -> None:
    """The highest terminal_seq below which every op has been processed."""
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
