"""The change feed terminals pull (sync-protocol §4.4, §4.6).

`change_log` says WHICH entity changed, not how: the pull reads the entity's current state
when it reads the mark ("mark and read"), so an entity deleted since is a tombstone. The
rows are written by database triggers (migration 0002) in the writer's own transaction;
`sync_counter.v` is each stream's last number, and its row lock orders numbers as commits.
`epoch` changes when the feed's numbers stop meaning what terminals remember (a restore
from backup): every cursor of the old epoch is then refused and the terminal re-snapshots.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm.store.base import Base


class SyncCounterRow(Base):
    __tablename__ = "sync_counter"

    stream: Mapped[str] = mapped_column(String(32), primary_key=True)
    epoch: Mapped[str] = mapped_column(Text)
    v: Mapped[int] = mapped_column(BigInteger)


class ChangeLogRow(Base):
    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_entity", "stream", "entity", "entity_id", "seq"),)

    stream: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[str] = mapped_column(String(200))
