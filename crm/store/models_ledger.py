"""Balances as ledgers: promotional credits, the prepaid wallet and points.

Every change is an immutable `ledger_entry`; `balance` holds the running sum per customer and
account, updated in the same transaction under a row lock, so balance = Σ entries always.
Recurring credit operations run once per period: `operation_run` has one row per
(operation, period), and a ledger entry one per (operation, period, customer, account), so a
scheduler that runs twice, on two workers or after a week away never doubles a top-up.

`bill` and `discount_usage` hold what terminals report (filled by sync); the customer's
history reads them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy import UniqueConstraint as Unique
from sqlalchemy.orm import Mapped, mapped_column

from crm.store.base import ID, JSON_DOC, SERIAL, Base, UtcDateTime

ACCOUNTS = ("credits", "wallet", "points")


class BalanceRow(Base):
    __tablename__ = "balance"

    customer_id: Mapped[str] = mapped_column(
        ID, ForeignKey("customer.id", ondelete="CASCADE"), primary_key=True
    )
    account: Mapped[str] = mapped_column(String(10), primary_key=True)  # ACCOUNTS
    amount: Mapped[int] = mapped_column(BigInteger, default=0)  # grosze, or points


class CreditOperationRow(Base):
    """An add / reduce / set on one account, for one customer or every customer of a filter,
    once or every `every_months` months from `start_date` (until `end_date`, if set)."""

    __tablename__ = "credit_operation"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    account: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(10))  # add | reduce | set
    amount: Mapped[int] = mapped_column(BigInteger)
    description: Mapped[str] = mapped_column(Text, default="")
    customer_id: Mapped[str | None] = mapped_column(
        ID, ForeignKey("customer.id", ondelete="CASCADE")
    )
    filter: Mapped[dict[str, Any] | None] = mapped_column(JSON_DOC)
    every_months: Mapped[int | None] = mapped_column(Integer)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class OperationRunRow(Base):
    """One period of an operation, done: the claim that makes the scheduler idempotent."""

    __tablename__ = "operation_run"

    operation_id: Mapped[str] = mapped_column(
        ID, ForeignKey("credit_operation.id", ondelete="CASCADE"), primary_key=True
    )
    period: Mapped[int] = mapped_column(Integer, primary_key=True)  # 0 = the start date
    due_on: Mapped[date] = mapped_column(Date)
    customers: Mapped[int] = mapped_column(Integer, default=0)
    ran_at: Mapped[datetime] = mapped_column(UtcDateTime)


class LedgerEntryRow(Base):
    __tablename__ = "ledger_entry"
    __table_args__ = (
        Index("ix_ledger_entry_customer", "customer_id", "account", "id"),
        Unique("operation_id", "period", "customer_id", "account"),
    )

    id: Mapped[int] = mapped_column(SERIAL, primary_key=True, autoincrement=True)
    customer_id: Mapped[str] = mapped_column(ID, ForeignKey("customer.id", ondelete="CASCADE"))
    account: Mapped[str] = mapped_column(String(10))
    amount: Mapped[int] = mapped_column(BigInteger)  # + in, − out
    balance_after: Mapped[int] = mapped_column(BigInteger)
    # add | reduce | set | earn | spend | void | exchange | import
    kind: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(Text, default="")
    operation_id: Mapped[str | None] = mapped_column(
        ID, ForeignKey("credit_operation.id", ondelete="SET NULL")
    )
    period: Mapped[int | None] = mapped_column(Integer)
    bill_id: Mapped[str | None] = mapped_column(ID)
    actor: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class BillRow(Base):
    """A closed bill as a terminal reported it (written by sync; read by the history)."""

    __tablename__ = "bill"
    __table_args__ = (
        Unique("terminal_id", "local_no"),
        Index("ix_bill_customer", "customer_id", "closed_at"),
    )

    bill_id: Mapped[str] = mapped_column(ID, primary_key=True)
    op_id: Mapped[str] = mapped_column(ID, unique=True)
    terminal_id: Mapped[str] = mapped_column(ID)
    local_no: Mapped[int] = mapped_column(BigInteger)
    business_date: Mapped[date] = mapped_column(Date)
    customer_id: Mapped[str | None] = mapped_column(ID, ForeignKey("customer.id"))
    total_minor: Mapped[int] = mapped_column(BigInteger)
    discount_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    status: Mapped[str] = mapped_column(String(10), default="closed")  # closed | voided
    closed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON_DOC)  # the op, current version
    # What the CRM found when it applied the bill: wallet_overdraft, over_limit, … (a
    # manager's list); the bill is kept whatever the flags say.
    flags: Mapped[list[str]] = mapped_column(JSON_DOC, default=list)


class DiscountUsageRow(Base):
    """Group discount a customer used on a bill, counted against daily limits and allowances."""

    __tablename__ = "discount_usage"
    __table_args__ = (Index("ix_discount_usage_customer", "customer_id", "business_date"),)

    id: Mapped[int] = mapped_column(SERIAL, primary_key=True, autoincrement=True)
    customer_id: Mapped[str] = mapped_column(ID, ForeignKey("customer.id", ondelete="CASCADE"))
    bill_id: Mapped[str] = mapped_column(ID, ForeignKey("bill.bill_id", ondelete="CASCADE"))
    business_date: Mapped[date] = mapped_column(Date)
    discount_id: Mapped[str | None] = mapped_column(ID)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    # Of amount_minor, what was taken from the customer's discount allowance (a void gives
    # back exactly this; the rest was beyond it, or the customer had none).
    allowance_minor: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    over_limit: Mapped[bool] = mapped_column(Boolean, default=False)
