"""Opaque cursors of the change feed and keys of snapshot pages (sync-protocol §4.6).

A terminal stores what it is given and sends it back unchanged; only the CRM reads them.
Both are base64url of compact JSON, so a log line shows what they hold:

- pull cursor: `{"stream", "epoch", "seq"}` — the feed position the terminal has applied;
- snapshot key: `{"stream", "epoch", "entity", "id", "resume"}` — the last row of the page
  (by entity type, then id) and the feed position read when the snapshot began, so every
  page answers the same `resume_cursor`.

A cursor of another stream or epoch, or one that is not ours at all, is `ResetRequired`:
the terminal drops that stream's cache and takes a snapshot again.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from crm.services.errors import Conflict, Problem, ServiceError

EPOCH_CHANGED = "epoch_changed"
BAD_CURSOR = "bad_cursor"
CURSOR_AHEAD = "cursor_ahead"  # the feed is behind the terminal: the CRM lost data


class ResetRequired(Conflict):
    """409 `reset_required`: the terminal must reset the stream; `reason` says why."""

    code = "reset_required"

    def __init__(self, reason: str, message: str) -> None:
        ServiceError.__init__(self, message, (Problem("cursor", message),))
        self.reason = reason


@dataclass(frozen=True, slots=True)
class SnapshotKey:
    entity: str
    id: str
    resume: int  # the feed position the snapshot started from


def _pack(document: dict[str, object]) -> str:
    text = json.dumps(document, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _unpack(token: str, what: str) -> dict[str, object]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        document = json.loads(raw.decode())
    except (binascii.Error, ValueError, UnicodeDecodeError):
        document = None
    if not isinstance(document, dict):
        raise ResetRequired(BAD_CURSOR, f"this {what} was not made by this CRM")
    return document


def _checked(document: dict[str, object], stream: str, epoch: str, what: str) -> None:
    if not isinstance(document.get("epoch"), str):
        raise ResetRequired(BAD_CURSOR, f"this {what} was not made by this CRM")
    if document.get("stream") != stream:
        raise ResetRequired(BAD_CURSOR, f"this {what} belongs to another stream")
    if document.get("epoch") != epoch:
        raise ResetRequired(
            EPOCH_CHANGED, f"the {stream} feed was reset (new epoch); take a snapshot again"
        )


def _count(value: object, what: str) -> int:
    if type(value) is not int or value < 0:
        raise ResetRequired(BAD_CURSOR, f"this {what} was not made by this CRM")
    return value


def cursor(stream: str, epoch: str, seq: int) -> str:
    return _pack({"stream": stream, "epoch": epoch, "seq": seq})


def read_cursor(token: str, *, stream: str, epoch: str, top: int) -> int:
    """The feed position a cursor names; `top` is the stream's last number now."""
    document = _unpack(token, "cursor")
    _checked(document, stream, epoch, "cursor")
    seq = _count(document.get("seq"), "cursor")
    if seq > top:
        raise ResetRequired(
            CURSOR_AHEAD, f"the cursor is past the end of the {stream} feed; take a snapshot"
        )
    return seq


def snapshot_key(stream: str, epoch: str, key: SnapshotKey) -> str:
    return _pack(
        {"stream": stream, "epoch": epoch, "entity": key.entity, "id": key.id, "resume": key.resume}
    )


def read_snapshot_key(
    token: str, *, stream: str, epoch: str, entities: tuple[str, ...]
) -> SnapshotKey:
    document = _unpack(token, "snapshot key")
    _checked(document, stream, epoch, "snapshot key")
    entity, last = document.get("entity"), document.get("id")
    if entity not in entities or not isinstance(last, str):
        raise ResetRequired(BAD_CURSOR, "this snapshot key was not made by this CRM")
    return SnapshotKey(str(entity), last, _count(document.get("resume"), "snapshot key"))
