"""Discounts, cashback rules, voucher templates and vouchers (seeds 000, 001, DESIGN §2)."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Integer, String, Time
from sqlalchemy.orm import Mapped, mapped_column

from crm.store.base import ID, JSON_DOC, Base, UtcDateTime


class DiscountRow(Base):
    __tablename__ = "discount"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10))  # percent | amount
    percent_bp: Mapped[int | None] = mapped_column(Integer)
    amount_minor: Mapped[int | None] = mapped_column(BigInteger)
    scope_kind: Mapped[str] = mapped_column(String(12), default="bill")
    scope_ids: Mapped[list[str]] = mapped_column(JSON_DOC, default=list)
    visible_on_terminal: Mapped[bool] = mapped_column(Boolean, default=True)
    min_bill_minor: Mapped[int | None] = mapped_column(BigInteger)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(BigInteger, default=1)


class CashbackRuleRow(Base):
    """`fixed` and `maximum` count points for a points rule and grosze for a credits rule."""

    __tablename__ = "cashback_rule"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    resource: Mapped[str] = mapped_column(String(10))  # points | credits
    percent_bp: Mapped[int | None] = mapped_column(Integer)
    fixed: Mapped[int] = mapped_column(BigInteger, default=0)
    maximum: Mapped[int | None] = mapped_column(BigInteger)
    date_from: Mapped[date | None] = mapped_column(Date)
    date_to: Mapped[date | None] = mapped_column(Date)
    weekdays: Mapped[list[int]] = mapped_column(JSON_DOC, default=list)
    hours_from: Mapped[time | None] = mapped_column(Time)
    hours_to: Mapped[time | None] = mapped_column(Time)
    min_bill_minor: Mapped[int | None] = mapped_column(BigInteger)
    payment_methods: Mapped[list[str]] = mapped_column(JSON_DOC, default=list)
    customer_types: Mapped[list[str]] = mapped_column(JSON_DOC, default=list)
    group_ids: Mapped[list[str]] = mapped_column(JSON_DOC, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(BigInteger, default=1)


class VoucherTemplateRow(Base):
    """A voucher a customer can take in exchange for points."""

    __tablename__ = "voucher_template"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10))  # amount | percent
    amount_minor: Mapped[int | None] = mapped_column(BigInteger)
    percent_bp: Mapped[int | None] = mapped_column(Integer)
    valid_days: Mapped[int | None] = mapped_column(Integer)  # from the day it is issued
    points_price: Mapped[int] = mapped_column(BigInteger)
    offline_redeemable: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(BigInteger, default=1)


class VoucherRow(Base):
    __tablename__ = "voucher"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    amount_minor: Mapped[int | None] = mapped_column(BigInteger)
    percent_bp: Mapped[int | None] = mapped_column(Integer)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    owner_id: Mapped[str | None] = mapped_column(
        ID, ForeignKey("customer.id", ondelete="SET NULL"), index=True
    )
    single_use: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[str] = mapped_column(String(12), default="active")
    offline_redeemable: Mapped[bool] = mapped_column(Boolean, default=False)
    template_id: Mapped[str | None] = mapped_column(
        ID, ForeignKey("voucher_template.id", ondelete="SET NULL")
    )
    points_paid: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(BigInteger, default=1)
