"""What terminals pushed: each op's outcome (kept for ever), ops the CRM could not read,
the customers a proposal turned out to be, and the shifts terminals opened and closed.

`processed_op` is the idempotency record: an op is claimed in the same transaction as its
effects, so a retry finds it and gets the stored answer (sync-protocol §4.7). Bills keep
their own UNIQUE(op_id) as a second guard.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy import UniqueConstraint as Unique
from sqlalchemy.orm import Mapped, mapped_column

from crm.store.base import ID, JSON_DOC, Base, UtcDateTime


class ProcessedOpRow(Base):
    __tablename__ = "processed_op"
    __table_args__ = (Unique("terminal_id", "terminal_seq"),)

    op_id: Mapped[str] = mapped_column(ID, primary_key=True)
    terminal_id: Mapped[str] = mapped_column(ID)
    terminal_seq: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(40))
    kind_version: Mapped[int] = mapped_column(Integer)
    request_sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(12))  # applied | rejected | quarantined
    result: Mapped[dict[str, Any]] = mapped_column(JSON_DOC)
    reflect_at: Mapped[dict[str, Any]] = mapped_column(JSON_DOC)
    reason: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)


class OpQuarantineRow(Base):
    """An op of a kind or version this CRM cannot read (a newer terminal), or malformed:
    kept as received, for a newer CRM or a person to deal with."""

    __tablename__ = "op_quarantine"

    op_id: Mapped[str] = mapped_column(ID, primary_key=True)
    terminal_id: Mapped[str] = mapped_column(ID)
    kind: Mapped[str] = mapped_column(String(40))
    kind_version: Mapped[int] = mapped_column(Integer)
    raw: Mapped[dict[str, Any]] = mapped_column(JSON_DOC)
    reason: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ReviewItemRow(Base):
    """A flagged bill or a refused op, on a manager's list until resolved with a note."""

    __tablename__ = "review_item"
    __table_args__ = (
        Unique("kind", "subject_id", name="uq_review_item_subject"),
        Index("ix_review_item_open", "resolved_at", "raised_at"),
        Index("ix_review_item_terminal", "terminal_id", "resolved_at"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    terminal_id: Mapped[str] = mapped_column(ID)
    kind: Mapped[str] = mapped_column(String(10))  # bill | op
    subject_id: Mapped[str] = mapped_column(ID)  # bill.bill_id or processed_op.op_id
    reasons: Mapped[list[str]] = mapped_column(JSON_DOC)  # the bill's flags, or why refused
    raised_at: Mapped[datetime] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(200))
    resolution: Mapped[str | None] = mapped_column(Text)


class CustomerAliasRow(Base):
    """A terminal's local id for a customer the CRM already had: ops naming the alias
    apply to `customer_id`."""

    __tablename__ = "customer_alias"

    alias_id: Mapped[str] = mapped_column(ID, primary_key=True)
    customer_id: Mapped[str] = mapped_column(
        ID, ForeignKey("customer.id", ondelete="CASCADE"), index=True
    )
    source_op: Mapped[str] = mapped_column(ID)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class TerminalShiftRow(Base):
    __tablename__ = "terminal_shift"
    __table_args__ = (Index("ix_terminal_shift_terminal", "terminal_id", "business_date"),)

    shift_id: Mapped[str] = mapped_column(ID, primary_key=True)
    terminal_id: Mapped[str] = mapped_column(ID)
    business_date: Mapped[date] = mapped_column(Date)
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime)
    opened_by: Mapped[str] = mapped_column(String(200))
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_by: Mapped[str | None] = mapped_column(String(200))
    z_report: Mapped[dict[str, Any] | None] = mapped_column(JSON_DOC)


class VoucherRedemptionRow(Base):
    """A voucher used on a bill. The first redemption in the CRM's apply order wins; a
    later one (two tills offline) is kept too, flagged, and its bill says so."""

    __tablename__ = "voucher_redemption"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    bill_id: Mapped[str] = mapped_column(ID, primary_key=True)
    op_id: Mapped[str] = mapped_column(ID)
    terminal_id: Mapped[str] = mapped_column(ID)
    double_redeemed: Mapped[bool] = mapped_column(Boolean, default=False)
    redeemed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class HoldRow(Base):
    """Credits and wallet reserved online for one bill (sync-protocol §5.1): available =
    balance − pending holds not yet expired. The bill's `bill.closed` posts it; a
    cancelled sale voids it; an unposted hold simply expires."""

    __tablename__ = "hold"
    __table_args__ = (Index("ix_hold_customer", "customer_id", "status", "expires_at"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    op_id: Mapped[str] = mapped_column(ID, unique=True)  # the terminal's key: asked twice, one hold
    terminal_id: Mapped[str] = mapped_column(ID)
    # None: a bill without a customer that only holds vouchers.
    customer_id: Mapped[str | None] = mapped_column(
        ID, ForeignKey("customer.id", ondelete="CASCADE")
    )
    bill_id: Mapped[str] = mapped_column(ID)
    credits_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    wallet_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    status: Mapped[str] = mapped_column(String(10))  # pending | posted | voided
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class HoldVoucherRow(Base):
    """A voucher a pending hold keeps for its bill: no other till may redeem it meanwhile."""

    __tablename__ = "hold_voucher"

    hold_id: Mapped[str] = mapped_column(
        ID, ForeignKey("hold.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class OfflinePolicyRow(Base):
    """What a terminal may spend of credits and wallet without asking the CRM (one row;
    sync-protocol §5.1). Terminals receive it in every hello."""

    __tablename__ = "offline_policy"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    enabled: Mapped[bool] = mapped_column(Boolean)
    per_bill_minor: Mapped[int] = mapped_column(BigInteger)
    per_customer_terminal_minor: Mapped[int] = mapped_column(BigInteger)
    per_terminal_day_minor: Mapped[int] = mapped_column(BigInteger)
    hold_minutes: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_by: Mapped[str] = mapped_column(String(200))
