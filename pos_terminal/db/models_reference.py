"""Reference data owned by the CRM and cached here: catalog, customers, cards, rules, balances.

Pulled rows overwrite these; the terminal never edits them (it proposes changes through the
outbox instead). Money columns are integer grosze named `*_minor`.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pos_terminal.db.base import Base


class CategoryRow(Base):
    __tablename__ = "category"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)


class ProductRow(Base):
    __tablename__ = "product"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    category_id: Mapped[str] = mapped_column(ForeignKey("category.id"), index=True)
    price_minor: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3), default="PLN")
    vat_code: Mapped[str] = mapped_column(String(2))
    vat_percent: Mapped[str] = mapped_column(String(8))  # Decimal as text: exact on SQLite
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class CustomerGroupRow(Base):
    __tablename__ = "customer_group"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    reference: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    daily_limit_minor: Mapped[int | None] = mapped_column(Integer)
    discount_ids: Mapped[str] = mapped_column(Text, default="")  # space-separated ids
    assignable_at_till: Mapped[bool] = mapped_column(default=False)  # by a cashier alone


class DiscountRow(Base):
    __tablename__ = "discount"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    percent: Mapped[str | None] = mapped_column(String(12))
    amount_minor: Mapped[int | None] = mapped_column(Integer)
    scope_kind: Mapped[str] = mapped_column(String(16), default="bill")
    scope_ids: Mapped[str] = mapped_column(Text, default="")  # space-separated ids
    visible_on_terminal: Mapped[bool] = mapped_column(Boolean, default=True)
    min_bill_minor: Mapped[int | None] = mapped_column(Integer)


class CashbackRuleRow(Base):
    __tablename__ = "cashback_rule"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    definition: Mapped[str] = mapped_column(Text)  # canonical JSON of the rule, as pulled


class VoucherRow(Base):
    __tablename__ = "voucher"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    amount_minor: Mapped[int | None] = mapped_column(Integer)
    percent: Mapped[str | None] = mapped_column(String(12))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    owner_id: Mapped[str | None] = mapped_column(String(64))
    single_use: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[str] = mapped_column(String(16), default="active")
    offline_redeemable: Mapped[bool] = mapped_column(Boolean, default=False)


class CustomerRow(Base):
    """A customer, with the folded search forms kept beside the values they come from."""

    __tablename__ = "customer"
    # An integer rowid alias keeps the full-text indexes (which key on rowid) compact.
    rowid: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    type: Mapped[str] = mapped_column(String(16), default="client")
    group_id: Mapped[str | None] = mapped_column(String(64))
    nip: Mapped[str | None] = mapped_column(String(10))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(20))  # E.164
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    discount_limit_disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    discount_allowance_minor: Mapped[int | None] = mapped_column(Integer)
    tags: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[str] = mapped_column(Text, default="{}")  # address etc., JSON
    proposed_locally: Mapped[bool] = mapped_column(Boolean, default=False)
    # Search forms: folded lowercase name, national phone digits, lowercase e-mail.
    search_name: Mapped[str] = mapped_column(String(300), index=True)
    search_phone: Mapped[str | None] = mapped_column(String(20), index=True)
    search_email: Mapped[str | None] = mapped_column(String(320), index=True)


class CardRow(Base):
    __tablename__ = "card"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    number: Mapped[str] = mapped_column(String(64), index=True)
    customer_id: Mapped[str] = mapped_column(String(64), index=True)
    expires_on: Mapped[date | None] = mapped_column(Date)
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    # The card's number under every reader format (see loyalty.card_codes).
    key32: Mapped[int | None] = mapped_column(Integer, index=True)
    key24: Mapped[int | None] = mapped_column(Integer, index=True)


class BalanceSnapshotRow(Base):
    """The CRM's balances as of its change-feed position `as_of_seq`."""

    __tablename__ = "balance_snapshot"
    customer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    credits_minor: Mapped[int] = mapped_column(Integer, default=0)
    wallet_minor: Mapped[int] = mapped_column(Integer, default=0)
    points: Mapped[int] = mapped_column(Integer, default=0)
    as_of_seq: Mapped[int] = mapped_column(Integer, default=0)


class LimitSnapshotRow(Base):
    """Group discount a customer used on a business day, as the CRM counted it."""

    __tablename__ = "limit_snapshot"
    customer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    business_date: Mapped[date] = mapped_column(Date, primary_key=True)
    used_minor: Mapped[int] = mapped_column(Integer, default=0)
    as_of_seq: Mapped[int] = mapped_column(Integer, default=0)
