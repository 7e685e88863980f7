"""Customers, their cards, tags and search words, and customer groups (seeds 000, 003)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from crm.store.base import ID, Base, UtcDateTime

# Folded ASCII compared byte by byte: a prefix is an index range and keyset order is the same
# on both databases (SQLite compares BINARY already; PostgreSQL's locale would not).
ORDERED_TEXT = String(320).with_variant(String(320, collation="C"), "postgresql")


class CustomerGroupRow(Base):
    __tablename__ = "customer_group"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # The slug that links the group across systems; made from the first name, then kept.
    reference: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    daily_discount_limit_minor: Mapped[int | None] = mapped_column(BigInteger)
    # A cashier may put a new customer in the group without a manager (sent to terminals).
    assignable_at_till: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(BigInteger, default=1)


class GroupDiscountRow(Base):
    """A discount assigned to a group: applied automatically to the group's customers."""

    __tablename__ = "group_discount"

    group_id: Mapped[str] = mapped_column(
        ID, ForeignKey("customer_group.id", ondelete="CASCADE"), primary_key=True
    )
    discount_id: Mapped[str] = mapped_column(
        ID, ForeignKey("discount.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class CustomerRow(Base):
    __tablename__ = "customer"
    __table_args__ = (
        # Keyset pages in name order, and in name order within a group.
        Index("ix_customer_sort_name", "sort_name", "id"),
        Index("ix_customer_group_sort", "group_id", "sort_name", "id"),
        Index("ix_customer_created", "created_at", "id"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    # Lower case without Polish letters: the sort key, so "Łukasz" sorts among the L's.
    sort_name: Mapped[str] = mapped_column(ORDERED_TEXT)
    type: Mapped[str] = mapped_column(String(20), default="client")
    nip: Mapped[str | None] = mapped_column(String(10))
    group_id: Mapped[str | None] = mapped_column(
        ID, ForeignKey("customer_group.id", ondelete="RESTRICT")
    )
    country: Mapped[str] = mapped_column(String(2), default="PL")
    city: Mapped[str] = mapped_column(String(200), default="")
    street: Mapped[str] = mapped_column(String(200), default="")
    building: Mapped[str] = mapped_column(String(20), default="")
    flat: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    # E.164; one customer per phone number across the chain (sync-protocol §5.4).
    phone: Mapped[str | None] = mapped_column(String(16), unique=True)
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    discount_limit_disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    discount_allowance_minor: Mapped[int | None] = mapped_column(BigInteger)
    transactions: Mapped[int] = mapped_column(Integer, default=0)
    last_activity_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(BigInteger, default=1)


class CustomerTagRow(Base):
    """A "defined field" such as VIP or blacklist, for filters and bulk actions."""

    __tablename__ = "customer_tag"
    __table_args__ = (Index("ix_customer_tag_tag", "tag", "customer_id"),)

    customer_id: Mapped[str] = mapped_column(
        ID, ForeignKey("customer.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(100), primary_key=True)


class CustomerWordRow(Base):
    """The words a customer is found by: folded name words, e-mail, phone digits.

    A text filter is a prefix match on `word` (an index range scan on both databases). Each
    row also carries a copy of the customer's `sort_name` and `group_id`, so the first page
    of "customers whose word starts so, in group G, by name" is read from one index alone,
    without visiting the customers that do not make the page (`crm.services.customer_list`).
    The copies are rewritten wherever a customer's name or group changes.
    """

    __tablename__ = "customer_word"
    __table_args__ = (
        Index("ix_customer_word_page", "word", "group_id", "sort_name", "customer_id"),
    )

    # (customer, word) first: "does this customer have a word starting so?" is one probe.
    customer_id: Mapped[str] = mapped_column(
        ID, ForeignKey("customer.id", ondelete="CASCADE"), primary_key=True
    )
    word: Mapped[str] = mapped_column(ORDERED_TEXT, primary_key=True)
    sort_name: Mapped[str] = mapped_column(ORDERED_TEXT)
    group_id: Mapped[str | None] = mapped_column(ID)


class CardRow(Base):
    """A loyalty card. `code` is what the reader emits (normalised); `number` is printed.

    `key32`/`key24` are the card's number in every reader format (`loyalty.card_codes`):
    unique indexes on `code` and `key32` keep one physical card on one customer chain-wide.
    """

    __tablename__ = "card"
    __table_args__ = (
        UniqueConstraint("code"),
        UniqueConstraint("number"),
        UniqueConstraint("key32"),
        Index("ix_card_key24", "key24"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    customer_id: Mapped[str] = mapped_column(
        ID, ForeignKey("customer.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(64))
    number: Mapped[str] = mapped_column(String(64))
    key32: Mapped[int | None] = mapped_column(BigInteger)
    key24: Mapped[int | None] = mapped_column(Integer)
    expires_on: Mapped[date | None] = mapped_column(Date)
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(BigInteger, default=1)
