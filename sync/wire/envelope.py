"""An op as it travels: the envelope around its frozen payload, and the CRM's answer.

The payload is the canonical JSON the terminal stored when the sale closed, sent as it was
written, with its sha256: the CRM checks the hash, so a payload changed on the way (or a
second, different op under an id already used) is told apart from a retry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sync.wire import codec, legacy
from sync.wire.money import WireError
from sync.wire.ops import CURRENT, READ_AS_CURRENT, Op

_CURRENT = {(cls.KIND, cls.VERSION): cls for cls in CURRENT} | READ_AS_CURRENT
KNOWN: frozenset[tuple[str, int]] = frozenset(_CURRENT) | frozenset(legacy.READERS)


class UnknownKindError(WireError):
    """A kind or version this side does not know (a newer terminal): kept, never guessed."""


def payload_of(op: Op) -> tuple[str, int, str]:
    """(kind, version, canonical JSON) of an op, as the outbox stores it."""
    return op.KIND, op.VERSION, codec.canonical_json(codec.encode(op))


def decode_op(kind: str, version: int, payload: Any, zone: ZoneInfo = legacy.CHAIN_ZONE) -> Op:
    """The current class of any op a released terminal wrote; UnknownKindError otherwise."""
    if (kind, version) in _CURRENT:
        op: Op = codec.decode(_CURRENT[kind, version], payload)
        return op
    if (kind, version) in legacy.READERS:
        return legacy.read_v1(kind, payload, zone)
    raise UnknownKindError(f"unknown op {kind!r} version {version}")


@dataclass(frozen=True, slots=True)
class Envelope:
    op_id: str
    terminal_seq: int
    kind: str
    kind_version: int
    created_at: datetime  # the terminal's clock, UTC
    clock_offset_ms: int | None  # CRM − terminal, as last measured when the op was made
    payload: Any  # the stored JSON document
    payload_sha256: str

    def to_json(self) -> dict[str, Any]:
        return {
            "op_id": self.op_id,
            "terminal_seq": self.terminal_seq,
            "kind": self.kind,
            "kind_version": self.kind_version,
            "created_at": codec.encode(self.created_at),
            "clock_offset_ms": self.clock_offset_ms,
            "payload": self.payload,
            "payload_sha256": self.payload_sha256,
        }

    @classmethod
    def from_json(cls, document: Any) -> Envelope:
        if not isinstance(document, Mapping):
            raise WireError("op: expected an object")
        offset = document.get("clock_offset_ms")
        if offset is not None and type(offset) is not int:
            raise WireError("op.clock_offset_ms: expected an integer or null")
        try:
            return cls(
                op_id=_text(document, "op_id"),
                terminal_seq=_int(document, "terminal_seq"),
                kind=_text(document, "kind"),
                kind_version=_int(document, "kind_version"),
                created_at=codec.decode(datetime, document["created_at"], field="op.created_at"),
                clock_offset_ms=offset,
                payload=document["payload"],
                payload_sha256=_text(document, "payload_sha256"),
            )
        except KeyError as missing:
            raise WireError(f"op.{missing.args[0]}: missing") from None

    def hash_matches(self) -> bool:
        return codec.sha256_hex(codec.canonical_json(self.payload)) == self.payload_sha256


def _text(document: Mapping[str, Any], key: str) -> str:
    value = document[key]
    if not isinstance(value, str) or not 1 <= len(value) <= 100:
        raise WireError(f"op.{key}: expected text of 1 to 100 characters")
    return value


def _int(document: Mapping[str, Any], key: str) -> int:
    value = document[key]
    if type(value) is not int or value < 1:
        raise WireError(f"op.{key}: expected a positive integer")
    return value


# What the CRM answers per op (sync-protocol §4.7).
APPLIED, DUPLICATE, REJECTED, KEY_REUSE, QUARANTINED = (
    "applied",
    "duplicate",
    "rejected",
    "key_reuse",
    "quarantined",
)
RETRY_LATER, NOT_PROCESSED = "retry_later", "not_processed"
FINAL = frozenset({APPLIED, DUPLICATE, REJECTED, KEY_REUSE, QUARANTINED})


@dataclass(frozen=True, slots=True)
class OpResult:
    op_id: str
    status: str
    result: Mapping[str, Any] = field(default_factory=dict)  # e.g. {"customer_id": …}
    reflect_at: Mapping[str, int] = field(default_factory=dict)  # {stream: feed position}
    reason: str | None = None  # why it was rejected or quarantined

    def to_json(self) -> dict[str, Any]:
        return {
            "op_id": self.op_id,
            "status": self.status,
            "result": dict(self.result),
            "reflect_at": dict(self.reflect_at),
            "reason": self.reason,
        }

    @classmethod
    def from_json(cls, document: Any) -> OpResult:
        if not isinstance(document, Mapping):
            raise WireError("result: expected an object")
        status, result = document.get("status"), document.get("result") or {}
        reflect_at = document.get("reflect_at") or {}
        if status not in FINAL | {RETRY_LATER, NOT_PROCESSED}:
            raise WireError(f"result.status: unknown {status!r}")
        if not isinstance(result, Mapping) or not isinstance(reflect_at, Mapping):
            raise WireError("result: result and reflect_at must be objects")
        if any(type(v) is not int for v in reflect_at.values()):
            raise WireError("result.reflect_at: positions must be integers")
        reason = document.get("reason")
        return cls(str(document.get("op_id")), status, result, reflect_at, reason)
