"""Sync bookkeeping: the outbox of ops to push, pull cursors, and this terminal's identity."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pos_terminal.db.base import Base


class OutboxRow(Base):
    """One business action to deliver to the CRM exactly once, under its `op_id`.

    The payload is canonical JSON frozen at creation; migrations never rewrite it.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint("state IN ('pending', 'acked', 'reflected', 'rejected')", name="state"),
        Index("ix_outbox_state_seq", "state", "terminal_seq"),
        Index("ix_outbox_kind_aggregate", "kind", "aggregate_id"),
    )
    terminal_seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    kind_version: Mapped[int] = mapped_column(Integer, default=1)
    aggregate_id: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    payload_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    state: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    acked_at: Mapped[datetime | None] = mapped_column(DateTime)
    clock_offset_ms: Mapped[int | None] = mapped_column(Integer)  # CRM − terminal, when made
    server_result: Mapped[str | None] = mapped_column(Text)  # the CRM's answer, JSON
    # JSON {stream: feed position}: the op is reflected once every stream has applied that far.
    reflect_at: Mapped[str | None] = mapped_column(Text)


class SyncStreamRow(Base):
    """Where one pull stream stands; written in the same transaction as the page it follows.

    `cursor` is the CRM's opaque cursor; `position` the feed position the cache includes.
    While a snapshot runs, `snapshot_after` is the key of the last page applied and
    `resume_cursor` where the feed continues once the last page is in.
    """

    __tablename__ = "sync_stream"
    stream: Mapped[str] = mapped_column(String(32), primary_key=True)
    cursor: Mapped[str | None] = mapped_column(Text)
    epoch: Mapped[str | None] = mapped_column(String(64))
    last_ok_at: Mapped[datetime | None] = mapped_column(DateTime)
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    resume_cursor: Mapped[str | None] = mapped_column(Text)
    snapshot_after: Mapped[str | None] = mapped_column(Text)


class ClockStateRow(Base):
    """The CRM's clock minus this terminal's, as last measured (one row)."""

    __tablename__ = "clock_state"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    server_offset_ms: Mapped[int] = mapped_column(Integer)
    rtt_ms: Mapped[int] = mapped_column(Integer)
    measured_at: Mapped[datetime] = mapped_column(DateTime)


class TerminalIdentityRow(Base):
    """One row: who this terminal is. The CRM token lives in the OS keyring, not here."""

    __tablename__ = "terminal_identity"
    terminal_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    store_id: Mapped[str] = mapped_column(String(36))
    name: Mapped[str] = mapped_column(String(100))
    crm_url: Mapped[str | None] = mapped_column(Text)
    token_ref: Mapped[str | None] = mapped_column(String(200))
    enrolled_at: Mapped[datetime | None] = mapped_column(DateTime)


class OfflinePolicyRow(Base):
    """The CRM's offline allowances as its last hello gave them (one row, JSON)."""

    __tablename__ = "offline_policy"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime)
