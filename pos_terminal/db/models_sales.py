"""What this terminal owns: shifts, bills (drafts and closed), and their effects on customers.

A draft bill is saved on every change so a crash loses nothing; closing writes the priced
amounts, payments, receipt number, ledger entry and outbox op in one transaction.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from pos_terminal.db.base import Base


class ShiftRow(Base):
    """A shift of the cash drawer. `cashier_id` is the staff id of who opened it; the names
    of who opened and closed it are kept as they were (the audit log has both ids)."""

    __tablename__ = "shift"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    business_date: Mapped[date] = mapped_column(Date)
    opened_at: Mapped[datetime] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    cashier_id: Mapped[str] = mapped_column(String(64))
    float_minor: Mapped[int] = mapped_column(Integer, default=0)
    opened_by: Mapped[str] = mapped_column(String(100), default="", server_default="")
    closed_by: Mapped[str | None] = mapped_column(String(100))


class BillRow(Base):
    __tablename__ = "bill"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'closed', 'voided')", name="status"),
        CheckConstraint("status = 'draft' OR local_no IS NOT NULL", name="numbered_when_closed"),
        CheckConstraint("status <> 'voided' OR voided_at IS NOT NULL", name="voided_when_stamped"),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    local_no: Mapped[int | None] = mapped_column(Integer, unique=True)  # receipt number
    status: Mapped[str] = mapped_column(String(8), default="draft", index=True)
    name: Mapped[str] = mapped_column(String(100), default="")  # e.g. a table
    shift_id: Mapped[str | None] = mapped_column(ForeignKey("shift.id"), index=True)
    business_date: Mapped[date | None] = mapped_column(Date, index=True)
    customer_id: Mapped[str | None] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3), default="PLN")
    manual_discount_id: Mapped[str | None] = mapped_column(String(64))
    voucher_codes: Mapped[str] = mapped_column(Text, default="")  # space-separated, in order
    credits_removed: Mapped[bool] = mapped_column(default=False)
    limit_overridden: Mapped[bool] = mapped_column(default=False)
    shown_to_customer: Mapped[bool] = mapped_column(default=False)
    gross_minor: Mapped[int | None] = mapped_column(Integer)
    discount_minor: Mapped[int | None] = mapped_column(Integer)
    credits_minor: Mapped[int | None] = mapped_column(Integer)
    total_minor: Mapped[int | None] = mapped_column(Integer)
    change_minor: Mapped[int | None] = mapped_column(Integer)
    opened_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    cashier: Mapped[str | None] = mapped_column(String(100))  # the name on the receipt
    cashier_id: Mapped[str | None] = mapped_column(String(64))  # who was signed in
    # The group-discount limits as they stood at close (LimitStatus), so a duplicate receipt
    # explains a capped discount exactly as the original did; NULL without a customer.
    limit_daily_minor: Mapped[int | None] = mapped_column(Integer)
    limit_used_before_minor: Mapped[int | None] = mapped_column(Integer)
    limit_allowance_minor: Mapped[int | None] = mapped_column(Integer)
    limit_available_minor: Mapped[int | None] = mapped_column(Integer)
    limit_used_minor: Mapped[int | None] = mapped_column(Integer)
    limit_capped_by: Mapped[str | None] = mapped_column(String(32))
    voided_at: Mapped[datetime | None] = mapped_column(DateTime)
    voided_by: Mapped[str | None] = mapped_column(String(100))
    void_reason: Mapped[str | None] = mapped_column(Text)


class BillLineRow(Base):
    """A line with a snapshot of its product, so a draft restores exactly as it was."""

    __tablename__ = "bill_line"
    bill_id: Mapped[str] = mapped_column(
        ForeignKey("bill.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    line_id: Mapped[str] = mapped_column(String(36))
    product_id: Mapped[str] = mapped_column(String(64))
    product_name: Mapped[str] = mapped_column(String(200))
    category_id: Mapped[str] = mapped_column(String(64))
    unit_price_minor: Mapped[int] = mapped_column(Integer)
    vat_code: Mapped[str] = mapped_column(String(2))
    vat_percent: Mapped[str] = mapped_column(String(8))
    quantity: Mapped[int] = mapped_column(Integer)
    manual_discount_id: Mapped[str | None] = mapped_column(String(64))
    # Filled at close from the priced bill.
    gross_minor: Mapped[int | None] = mapped_column(Integer)
    discount_minor: Mapped[int | None] = mapped_column(Integer)
    total_minor: Mapped[int | None] = mapped_column(Integer)


class BillAdjustmentRow(Base):
    """One explanation entry of the priced bill: what each rule took off, and why."""

    __tablename__ = "bill_adjustment"
    # "Has this till used the voucher?" without reading every bill's adjustments.
    __table_args__ = (Index("ix_bill_adjustment_rule", "rule_id", "source"),)
    bill_id: Mapped[str] = mapped_column(
        ForeignKey("bill.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(16))
    rule_id: Mapped[str] = mapped_column(String(64))
    rule_name: Mapped[str] = mapped_column(String(200))
    percent: Mapped[str | None] = mapped_column(String(12))
    base_minor: Mapped[int] = mapped_column(Integer)
    amount_minor: Mapped[int] = mapped_column(Integer)
    uncapped_minor: Mapped[int | None] = mapped_column(Integer)
    cap: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(24))
    refusal: Mapped[str | None] = mapped_column(String(32))


class BillPaymentRow(Base):
    __tablename__ = "bill_payment"
    bill_id: Mapped[str] = mapped_column(
        ForeignKey("bill.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    amount_minor: Mapped[int] = mapped_column(Integer)


class BillVatRow(Base):
    __tablename__ = "bill_vat"
    bill_id: Mapped[str] = mapped_column(
        ForeignKey("bill.id", ondelete="CASCADE"), primary_key=True
    )
    vat_code: Mapped[str] = mapped_column(String(2), primary_key=True)
    vat_percent: Mapped[str] = mapped_column(String(8))
    gross_minor: Mapped[int] = mapped_column(Integer)
    vat_minor: Mapped[int] = mapped_column(Integer)
    net_minor: Mapped[int] = mapped_column(Integer)


class CustomerEffectRow(Base):
    """What one closed bill did to a customer's balances, until the CRM's snapshot has it.

    Available now = snapshot − effects whose op the snapshot does not include yet:
    `reflected_seq` is the CRM feed position that includes the op (NULL until known).
    """

    __tablename__ = "customer_effect"
    __table_args__ = (
        Index(
            "ix_customer_effect_pending",
            "customer_id",
            "reflected_seq",
            "credits_used_minor",
            "wallet_used_minor",
            "points_earned",
        ),
        Index("ix_customer_effect_day", "business_date"),
        Index(
            "ix_customer_effect_allowance", "customer_id", "allowance_seq", "group_discount_minor"
        ),
    )
    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(64), index=True)
    bill_id: Mapped[str] = mapped_column(ForeignKey("bill.id"), index=True)
    business_date: Mapped[date] = mapped_column(Date)
    credits_used_minor: Mapped[int] = mapped_column(Integer, default=0)
    wallet_used_minor: Mapped[int] = mapped_column(Integer, default=0)
    group_discount_minor: Mapped[int] = mapped_column(Integer, default=0)
    points_earned: Mapped[int] = mapped_column(Integer, default=0)
    credits_earned_minor: Mapped[int] = mapped_column(Integer, default=0)
    reflected_seq: Mapped[int | None] = mapped_column(Integer)
    # The reference position whose customer rows include the bill's use of the discount
    # allowance (NULL until acknowledged).
    allowance_seq: Mapped[int | None] = mapped_column(Integer)
    # Spent without a hold at the CRM: counts against the offline allowances.
    decided_offline: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class CustomerSeenRow(Base):
    """When a customer last closed a bill on this terminal: the cashier's search puts the
    customers a shop knows first among equally good matches (migration 0009 keeps it by a
    trigger on `bill`, so every way of closing a bill counts)."""

    __tablename__ = "customer_seen"
    customer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_bill_at: Mapped[datetime] = mapped_column(DateTime, index=True)
