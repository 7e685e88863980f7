"""What a terminal pushed, read before any transaction: each envelope and its op.

A document that is not even an envelope is answered `rejected` under whatever id it gives;
an envelope whose op cannot be read is kept with the reason, to be quarantined (an unknown
kind) or rejected (a malformed payload) in the push's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sync.wire.envelope import NOT_PROCESSED, REJECTED, RETRY_LATER, Envelope, OpResult, decode_op
from sync.wire.money import WireError
from sync.wire.ops import Op


@dataclass(frozen=True, slots=True)
class Incoming:
    """A pushed envelope and its op, or why the op cannot be read."""

    env: Envelope
    op: Op | None
    error: WireError | None


def read(document: Any, zone: ZoneInfo) -> Incoming | OpResult:
    try:
        envelope = Envelope.from_json(document)
    except WireError as error:
        op_id = document.get("op_id") if isinstance(document, dict) else None
        return OpResult(str(op_id), REJECTED, reason=str(error))
    try:
        op = decode_op(envelope.kind, envelope.kind_version, envelope.payload, zone)
    except WireError as error:
        return Incoming(envelope, None, error)
    return Incoming(envelope, op, None)


def unprocessed(rest: list[Incoming | OpResult], reason: str) -> list[OpResult]:
    """The database failed under a chunk: its first op may be tried again later, the ones
    behind it were not looked at (a malformed one keeps its own answer)."""
    results: list[OpResult] = []
    for item in rest:
        if isinstance(item, OpResult):
            results.append(item)
        elif any(r.status == RETRY_LATER for r in results):
            results.append(OpResult(item.env.op_id, NOT_PROCESSED))
        else:
            results.append(OpResult(item.env.op_id, RETRY_LATER, reason=reason))
    return results
