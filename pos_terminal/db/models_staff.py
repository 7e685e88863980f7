"""Who works this terminal, and the audit log of what they did.

Staff are kept on the terminal (sign-in must work offline). A PIN is stored only as a salted
scrypt hash; the audit log is append-only, a hash chain, and names the actor as they were at
the time.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pos_terminal.db.base import Base


class StaffRow(Base):
    __tablename__ = "staff"
    __table_args__ = (CheckConstraint("role IN ('cashier', 'manager')", name="role"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(8))
    # "scrypt$<n>$<r>$<p>$<hex digest>": the parameters travel with the hash.
    pin_hash: Mapped[str] = mapped_column(String(200))
    pin_salt: Mapped[str] = mapped_column(String(64))  # hex
    # How many digits: the PIN pad signs in at the PIN's length (domain/pin_pad.py). None
    # for a PIN set before migration 0010, until its member's next sign-in.
    pin_length: Mapped[int | None] = mapped_column(Integer, nullable=True)
    active: Mapped[bool] = mapped_column(default=True)


class AuditLogRow(Base):
    """One action: who (None for a wrong PIN), what, on what, when, and its details as JSON."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor_id: Mapped[str | None] = mapped_column(String(36))
    actor_name: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(32), index=True)
    target: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[str] = mapped_column(Text, default="{}")
    # sha256 of the entry before's hash and this entry (domain/audit_chain.py); NULL only
    # for entries written before the chain began (migration 0007).
    entry_hash: Mapped[str | None] = mapped_column(String(64))
