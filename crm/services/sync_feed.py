"""What terminals pull: pages of the change feed, snapshots, digests (sync-protocol §4.5–4.6).

The feed (`change_log`, written by triggers) names which entity changed; a page reads each
named entity's state as it is now, so a page carries full rows and deletions as tombstones.
A page's log rows, the states and the versions are read in one snapshot of the database
(`Database.read_snapshot`), so `version` — the entity's highest feed number — describes
exactly the state sent with it; the terminal keeps it as a balance's `as_of_seq`.

Numbers are ordered as commits (the counter row, see migration 0002), so a cursor at n has
seen every change numbered below n: no change committed late is skipped (E1).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from crm.services import audit, feed_cursor
from crm.services.actor import Actor, Role
from crm.services.context import Context
from crm.services.errors import Invalid
from crm.services.feed_cursor import ResetRequired, SnapshotKey
from crm.services.feed_entities import KINDS, count, ids_after, ordered_ids
from crm.store.among import among
from crm.store.models import ChangeLogRow, SyncCounterRow
from sync.wire.reference import STREAMS, encode

__all__ = ["Change", "Digest", "FeedPage", "FeedService", "ResetRequired", "SnapshotPage"]

PULL_LIMIT = 1000
SNAPSHOT_LIMIT = 2000


@dataclass(frozen=True, slots=True)
class Change:
    entity: str
    id: str
    op: str  # upsert | delete
    version: int  # the entity's highest feed number when read
    data: dict[str, Any] | None  # None for a delete


@dataclass(frozen=True, slots=True)
class FeedPage:
    stream: str
    epoch: str
    changes: tuple[Change, ...]
    next_cursor: str
    position: int  # the feed number this page covers up to
    has_more: bool
    server_time: datetime


@dataclass(frozen=True, slots=True)
class SnapshotPage:
    stream: str
    epoch: str
    rows: tuple[Change, ...]  # all upserts
    next_after: str | None
    has_more: bool
    resume_cursor: str  # where the feed continues once the last page is applied
    total: int | None  # rows the whole snapshot holds, on its first page (for progress)


@dataclass(frozen=True, slots=True)
class Digest:
    stream: str
    epoch: str
    position: int
    entities: dict[str, tuple[int, str]]  # entity → (count, sha256 of sorted ids by "\n")


def _entities(stream: str) -> tuple[str, ...]:
    if stream not in STREAMS:
        raise Invalid.one("stream", f"one of {', '.join(STREAMS)}")
    return STREAMS[stream]


def _limit(limit: int, most: int) -> None:
    if not 1 <= limit <= most:
        raise Invalid.one("limit", f"1 to {most}")


def _counter(session: Session, stream: str) -> SyncCounterRow:
    row = session.get(SyncCounterRow, stream)
    if row is None:  # the migration seeds every stream
        raise Invalid.one("stream", f"no feed for {stream!r}")
    return row


def _versions(session: Session, stream: str, entity: str, ids: list[str]) -> dict[str, int]:
    log = ChangeLogRow
    query = (
        select(log.entity_id, func.max(log.seq))
        .where(log.stream == stream, log.entity == entity, among(session, log.entity_id, ids))
        .group_by(log.entity_id)
    )
    return {entity_id: int(seq) for entity_id, seq in session.execute(query)}


def states(session: Session, stream: str, entity: str, ids: list[str]) -> list[Change]:
    """Each id as it is now: an upsert with its data, or a tombstone."""
    found = KINDS[entity].load(session, ids)
    versions = _versions(session, stream, entity, ids)
    changes = []
    for entity_id in ids:
        value = found.get(entity_id)
        version = versions.get(entity_id, 0)
        if value is None:
            changes.append(Change(entity, entity_id, "delete", version, None))
        else:
            changes.append(Change(entity, entity_id, "upsert", version, encode(value)))
    return changes


class FeedService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def pull(self, stream: str, cursor: str | None, limit: int = 500) -> FeedPage:
        """The changes after `cursor` (none: from the start), at most `limit` feed rows."""
        _entities(stream)
        _limit(limit, PULL_LIMIT)

        def work(session: Session) -> FeedPage:
            counter = _counter(session, stream)
            epoch, top = counter.epoch, counter.v
            after = 0
            if cursor is not None:
                after = feed_cursor.read_cursor(cursor, stream=stream, epoch=epoch, top=top)
            marks = session.execute(
                select(ChangeLogRow.seq, ChangeLogRow.entity, ChangeLogRow.entity_id)
                .where(ChangeLogRow.stream == stream, ChangeLogRow.seq > after)
                .order_by(ChangeLogRow.seq)
                .limit(limit)
            ).all()
            full = len(marks) == limit
            position = marks[-1].seq if full else top
            named: dict[str, dict[str, None]] = {}  # entity → ids, in feed order, once each
            for mark in marks:
                named.setdefault(mark.entity, {})[mark.entity_id] = None
            read = {e: states(session, stream, e, list(ids)) for e, ids in named.items()}
            order = {(m.entity, m.entity_id): i for i, m in reversed(list(enumerate(marks)))}
            changes = sorted(
                (c for states in read.values() for c in states),
                key=lambda c: order[(c.entity, c.id)],
            )
            return FeedPage(
                stream,
                epoch,
                tuple(changes),
                feed_cursor.cursor(stream, epoch, position),
                position,
                position < top,
                self.ctx.clock(),
            )

        return self.ctx.db.read_snapshot(work)

    def snapshot(self, stream: str, after: str | None, limit: int = 1000) -> SnapshotPage:
        """The stream's whole current state, paged by (entity type, id)."""
        entities = _entities(stream)
        _limit(limit, SNAPSHOT_LIMIT)

        def work(session: Session) -> SnapshotPage:
            counter = _counter(session, stream)
            epoch = counter.epoch
            total = None
            if after is None:
                key = SnapshotKey(entities[0], "", counter.v)
                start: str | None = None
                total = sum(count(session, entity) for entity in entities)
            else:
                key = feed_cursor.read_snapshot_key(
                    after, stream=stream, epoch=epoch, entities=entities
                )
                start = key.id
            rows: list[Change] = []
            last = key
            more = False
            for entity in entities[entities.index(key.entity) :]:
                room = limit - len(rows)
                ids = ids_after(session, entity, start, room + 1)
                more = len(ids) > room
                ids = ids[:room]
                rows += states(session, stream, entity, ids)
                if ids:
                    last = SnapshotKey(entity, ids[-1], key.resume)
                if more:
                    break
                start = None
            resume = feed_cursor.cursor(stream, epoch, key.resume)
            next_after = feed_cursor.snapshot_key(stream, epoch, last) if more else None
            return SnapshotPage(stream, epoch, tuple(rows), next_after, more, resume, total)

        return self.ctx.db.read_snapshot(work)

    def digest(self, stream: str) -> Digest:
        """Per entity type: how many there are and a hash of their sorted ids."""
        entities = _entities(stream)

        def work(session: Session) -> Digest:
            counter = _counter(session, stream)
            found: dict[str, tuple[int, str]] = {}
            for entity in entities:
                hashed, count = hashlib.sha256(), 0
                for entity_id in ordered_ids(session, entity):
                    hashed.update((("\n" if count else "") + entity_id).encode())
                    count += 1
                found[entity] = (count, hashed.hexdigest())
            return Digest(stream, counter.epoch, counter.v, found)

        return self.ctx.db.read_snapshot(work)

    def epochs(self) -> dict[str, str]:
        rows = self.ctx.db.read(
            lambda s: s.execute(select(SyncCounterRow.stream, SyncCounterRow.epoch)).all()
        )
        return {stream: epoch for stream, epoch in rows}

    def bump_epoch(self, actor: Actor, stream: str) -> str:
        """A new epoch for the stream (after a restore from backup): every terminal's cursor
        of it is refused from now on, and each terminal takes a snapshot again."""
        actor.require(Role.OWNER)
        _entities(stream)
        epoch = uuid.uuid4().hex

        def work(session: Session) -> str:
            before = _counter(session, stream).epoch
            session.execute(
                update(SyncCounterRow).where(SyncCounterRow.stream == stream).values(epoch=epoch)
            )
            audit.record(
                session,
                actor=actor,
                at=self.ctx.clock(),
                action="feed.epoch_bumped",
                entity="sync_stream",
                entity_id=stream,
                before={"epoch": before},
                after={"epoch": epoch},
            )
            return epoch

        return self.ctx.db.write(work)
