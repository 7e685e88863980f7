"""Applying what the CRM's feed sends to the cache, with the stream's position, atomically.

    with store.unit_of_work() as tx:
        tx.pulled.apply_changes("reference", page["epoch"], page["changes"],
                                page["next_cursor"], page["position"])

A page and the cursor after it commit in the caller's one transaction (the CouchDB rule),
so a crash before COMMIT repeats the page, which is harmless: rows carry full state and
deletions are tombstones. Every row of a page is decoded and checked (`sync.wire.reference`)
before anything is written, so a malformed page changes nothing and raises `WireError`.

A snapshot fills an emptied stream page by page (`apply_snapshot_rows`, remembering the
last key so a restart continues), then `finish_snapshot` makes its resume cursor the
cursor. `reset` empties a stream's cache for a new snapshot, but never the outbox, bills,
or customers proposed here (nor their cards). `digest` is the CRM's digest over the cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from pos_terminal.db.repositories.pulled_rows import TABLES, Params
from sync.wire.money import WireError
from sync.wire.reference import STREAMS, Value, decode, id_of

PROPOSED = "SELECT id FROM customer WHERE proposed_locally = 1"
# What a stream's reset empties: the stream's cache, minus what this terminal proposed.
_RESETS = {
    "reference": (
        "DELETE FROM customer WHERE proposed_locally = 0",
        f"DELETE FROM card WHERE customer_id NOT IN ({PROPOSED})",
        "DELETE FROM customer_group",
        "DELETE FROM discount",
        "DELETE FROM cashback_rule",
    ),
    "balances": ("DELETE FROM balance_snapshot", "DELETE FROM limit_snapshot"),
    "vouchers": ("DELETE FROM voucher",),
}
# Ids a digest counts: the CRM's rows only (a local proposal is not on the CRM yet).
_DIGEST_IDS = {
    "card": f"SELECT code FROM card WHERE customer_id NOT IN ({PROPOSED}) ORDER BY code",
    "customer": "SELECT id FROM customer WHERE proposed_locally = 0 ORDER BY id",
}


@dataclass(frozen=True, slots=True)
class StreamState:
    cursor: str | None
    epoch: str | None
    position: int
    resume_cursor: str | None
    snapshot_after: str | None


NO_STATE = StreamState(None, None, 0, None, None)


@dataclass(frozen=True, slots=True)
class Incoming:
    entity: str
    id: str
    version: int
    value: Value | None  # None: a tombstone


def _field(item: Mapping[str, Any], name: str, kind: type, where: str) -> Any:
    value = item.get(name)
    if type(value) is not kind:
        raise WireError(f"{where}.{name}: expected {kind.__name__}, got {value!r}")
    return value


def decoded(stream: str, items: Sequence[object], *, snapshot: bool = False) -> list[Incoming]:
    """Every change (or snapshot row) of a page, checked; WireError names the first bad one."""
    entities = STREAMS.get(stream)
    if entities is None:
        raise WireError(f"stream: unknown stream {stream!r}")
    found = []
    for index, item in enumerate(items):
        where = f"{'rows' if snapshot else 'changes'}[{index}]"
        if type(item) is not dict and not isinstance(item, Mapping):  # (abc checks are slow)
            raise WireError(f"{where}: expected an object, got {type(item).__name__}")
        entity = _field(item, "entity", str, where)
        if entity not in entities:
            raise WireError(f"{where}.entity: {entity!r} is not of the {stream} stream")
        entity_id = _field(item, "id", str, where)
        version = _field(item, "version", int, where)
        op = "upsert" if snapshot else _field(item, "op", str, where)
        if op == "delete":
            found.append(Incoming(entity, entity_id, version, None))
            continue
        if op != "upsert":
            raise WireError(f"{where}.op: expected upsert or delete, got {op!r}")
        value = decode(entity, item.get("data"), where=f"{where}.data")
        if id_of(value) != entity_id:
            raise WireError(f"{where}.id: {entity_id!r} is not the id of its data")
        found.append(Incoming(entity, entity_id, version, value))
    return found


def _text(value: object, field: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if type(value) is not str or not value:
        raise WireError(f"{field}: expected a non-empty text, got {value!r}")
    return value


class PulledChanges:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _connection(self) -> Connection:
        return self._session.connection()

    def stream_state(self, stream: str) -> StreamState:
        row = (
            self._connection()
            .exec_driver_sql(
                "SELECT cursor, epoch, position, resume_cursor, snapshot_after FROM sync_stream"
                " WHERE stream = ?",
                (stream,),
            )
            .first()
        )
        return NO_STATE if row is None else StreamState(*row)

    def apply_changes(
        self,
        stream: str,
        epoch: str,
        changes: Sequence[object],
        next_cursor: str,
        position: int,
    ) -> int:
        """Write a pull page and move the cursor past it; the number of changes written."""
        _text(epoch, "epoch")
        _text(next_cursor, "next_cursor")
        if type(position) is not int:
            raise WireError(f"position: expected an integer, got {position!r}")
        state = self.stream_state(stream)
        if state.epoch is not None and state.epoch != epoch:
            raise WireError(f"epoch: the page is of epoch {epoch}, the cache of {state.epoch}")
        if position < state.position:
            raise WireError(f"position: {position} is behind the cache's {state.position}")
        incoming = decoded(stream, changes)
        self._write(incoming)
        self._save(stream, epoch=epoch, cursor=next_cursor, position=position)
        return len(incoming)

    def apply_snapshot_rows(
        self,
        stream: str,
        epoch: str,
        rows: Sequence[object],
        next_after: str | None,
        resume_cursor: str,
    ) -> int:
        """Write a snapshot page and remember where the next one starts."""
        _text(epoch, "epoch")
        _text(resume_cursor, "resume_cursor")
        _text(next_after, "next_after", optional=True)
        state = self.stream_state(stream)
        if state.epoch is not None and state.epoch != epoch:
            raise WireError(f"epoch: the page is of epoch {epoch}, the cache of {state.epoch}")
        incoming = decoded(stream, rows, snapshot=True)
        self._write(incoming)
        resume = state.resume_cursor or resume_cursor  # the first page's: where it began
        self._save(stream, epoch=epoch, resume_cursor=resume, snapshot_after=next_after)
        return len(incoming)

    def apply_looked_up(self, stream: str, changes: Sequence[object]) -> int:
        """Write rows of one customer looked up online, in pull-page form, leaving the
        stream's position alone (a later pull brings what changed since, versions decide)."""
        incoming = decoded(stream, changes)
        self._write(incoming)
        return len(incoming)

    def finish_snapshot(self, stream: str) -> None:
        """The last snapshot page is in: the feed continues from the snapshot's start."""
        state = self.stream_state(stream)
        if state.resume_cursor is None:
            raise ValueError(f"no snapshot of {stream} is under way")
        self._save(stream, cursor=state.resume_cursor, resume_cursor=None, snapshot_after=None)

    def reset(self, stream: str) -> None:
        """Empty the stream's cache and forget its position (the outbox is not touched)."""
        connection = self._connection()
        for statement in _RESETS[stream]:
            connection.exec_driver_sql(statement)
        connection.exec_driver_sql("DELETE FROM sync_stream WHERE stream = ?", (stream,))

    def digest(self, stream: str) -> dict[str, tuple[int, str]]:
        """Per entity: (count, sha256 of the sorted ids joined by "\\n"), as the CRM's."""
        connection = self._connection()
        found = {}
        for entity in STREAMS[stream]:
            if entity == "limit":
                pairs = connection.exec_driver_sql(
                    "SELECT customer_id, business_date FROM limit_snapshot"
                )
                ids: Iterable[str] = sorted(f"{c}/{d}" for c, d in pairs)
            else:
                table = TABLES[entity]
                query = _DIGEST_IDS.get(entity, f"SELECT {table.key} FROM {table.name} ORDER BY 1")
                ids = connection.exec_driver_sql(query).scalars()
            hashed, count = hashlib.sha256(), 0
            for entity_id in ids:
                hashed.update((("\n" if count else "") + entity_id).encode())
                count += 1
            found[entity] = (count, hashed.hexdigest())
        return found

    def _write(self, incoming: list[Incoming]) -> None:
        # The last word on an entity wins; then one executemany per table and kind.
        last = {(item.entity, item.id): item for item in incoming}
        upserts: dict[str, list[Params]] = {}
        deletes: dict[str, list[Params]] = {}
        for (entity, entity_id), item in last.items():
            table = TABLES[entity]
            try:
                if item.value is None:
                    deletes.setdefault(entity, []).append(
                        table.delete_params(entity_id, item.version)
                    )
                else:
                    upserts.setdefault(entity, []).append(table.row(item.value, item.version))
            except ValueError as error:  # e.g. a card code no reader form can have
                raise WireError(f"{entity} {entity_id}: {error}") from error
        connection = self._connection()
        for entity, params in deletes.items():
            connection.exec_driver_sql(TABLES[entity].delete, params)
        for entity, params in upserts.items():
            connection.exec_driver_sql(TABLES[entity].upsert, params)

    def _save(self, stream: str, **values: object) -> None:
        connection = self._connection()
        connection.exec_driver_sql(
            "INSERT INTO sync_stream (stream, position) VALUES (?, 0)"
            " ON CONFLICT(stream) DO NOTHING",
            (stream,),
        )
        assignments = ", ".join(f"{name} = ?" for name in values)
        connection.exec_driver_sql(
            f"UPDATE sync_stream SET {assignments} WHERE stream = ?", (*values.values(), stream)
        )
