"""Who may use the CRM: admin users and their sessions, shops and terminals, the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from crm.store.base import ID, JSON_DOC, SERIAL, Base, UtcDateTime


class AdminUserRow(Base):
    __tablename__ = "admin_user"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))  # scrypt, with its parameters
    role: Mapped[str] = mapped_column(String(12))  # owner | manager | read_only
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AdminSessionRow(Base):
    """A login: the client holds a random token, the CRM only its SHA-256."""

    __tablename__ = "admin_session"

    token_sha256: Mapped[bytes] = mapped_column(LargeBinary(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(
        ID, ForeignKey("admin_user.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ShopRow(Base):
    """A shop or restaurant of the chain; terminals belong to one."""

    __tablename__ = "shop"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class EnrolCodeRow(Base):
    """A one-time code an admin hands to a till; stored only as its SHA-256."""

    __tablename__ = "enrol_code"

    code_sha256: Mapped[bytes] = mapped_column(LargeBinary(32), primary_key=True)
    shop_id: Mapped[str] = mapped_column(ID, ForeignKey("shop.id", ondelete="CASCADE"))
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    terminal_id: Mapped[str | None] = mapped_column(ID)


class TerminalRow(Base):
    __tablename__ = "terminal"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    shop_id: Mapped[str] = mapped_column(ID, ForeignKey("shop.id", ondelete="RESTRICT"))
    name: Mapped[str] = mapped_column(String(200))
    token_sha256: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    status: Mapped[str] = mapped_column(String(10), default="active")  # active | revoked
    hwm_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    last_seen_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    app_version: Mapped[str | None] = mapped_column(String(40))
    clock_offset_ms: Mapped[int | None] = mapped_column(BigInteger)
    queued_ops: Mapped[int | None] = mapped_column(BigInteger)  # its outbox, at its last hello
    enrolled_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AuditRow(Base):
    """Every change to a customer, group, rule, balance or account: who, when, before, after."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_entity", "entity", "entity_id", "id"),
        Index("ix_audit_log_customer", "customer_id", "id"),
    )

    id: Mapped[int] = mapped_column(SERIAL, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(200))
    customer_id: Mapped[str | None] = mapped_column(ID)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON_DOC)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON_DOC)
