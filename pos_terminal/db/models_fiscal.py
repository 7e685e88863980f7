"""The fiscal journal: one row per attempt to register a bill on the fiscal printer.

A row is committed `intended` before the first byte goes to the printer, with the
printer's completed-receipt counter as it was (the baseline) and the tokens reserved for
the receipt's commands; it becomes `registered` with the printer's anchor in the same
transaction that closes the bill, or `abandoned` when the printer refused the receipt
cleanly (nothing registered). An `intended` row that outlives its sale (a crash, a lost
answer) is settled by the printer's counter, never by sending blindly (docs/fiscal.md).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from pos_terminal.db.base import Base

STATES = ("intended", "registered", "abandoned")


class FiscalReceiptRow(Base):
    __tablename__ = "fiscal_receipt"
    __table_args__ = (
        CheckConstraint("state IN ('intended', 'registered', 'abandoned')", name="state"),
        # A bill is registered at most once, and has at most one intention in flight.
        Index(
            "ux_fiscal_receipt_live_bill",
            "bill_id",
            unique=True,
            sqlite_where=text("state IN ('intended', 'registered')"),
        ),
        Index("ix_fiscal_receipt_state", "state"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    bill_id: Mapped[str] = mapped_column(String(36))
    state: Mapped[str] = mapped_column(String(12))
    baseline: Mapped[int] = mapped_column(Integer)  # the printer's bn before sending
    token_base: Mapped[int] = mapped_column(Integer)
    tokens: Mapped[int] = mapped_column(Integer)  # how many from the base are reserved
    total_minor: Mapped[int] = mapped_column(Integer)
    receipt: Mapped[str] = mapped_column(Text)  # the receipt as sent, JSON
    tenders: Mapped[str] = mapped_column(Text)  # the tenders taken, JSON
    bill_name: Mapped[str] = mapped_column(String(80))
    priced_at: Mapped[datetime] = mapped_column(DateTime)  # the bill closes priced as then
    business_date: Mapped[date] = mapped_column(Date)
    cashier_id: Mapped[str | None] = mapped_column(String(36))
    unique_no: Mapped[str | None] = mapped_column(String(40))
    receipt_counter: Mapped[int | None] = mapped_column(Integer)
    receipt_no: Mapped[int | None] = mapped_column(Integer)
    daily_report_no: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(String(40))  # why abandoned
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
