"""The fiscal journal (issue 15)

One row per attempt to register a bill on the fiscal printer: `intended` (committed before
anything is sent, with the printer's receipt counter and the reserved tokens), then
`registered` (with the printer's anchor, in the transaction that closes the bill) or
`abandoned` (refused cleanly, nothing registered). See pos_terminal/db/models_fiscal.py.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fiscal_receipt",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("bill_id", sa.String(36), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("baseline", sa.Integer(), nullable=False),
        sa.Column("token_base", sa.Integer(), nullable=False),
        sa.Column("tokens", sa.Integer(), nullable=False),
        sa.Column("total_minor", sa.Integer(), nullable=False),
        sa.Column("receipt", sa.Text(), nullable=False),
        sa.Column("tenders", sa.Text(), nullable=False),
        sa.Column("bill_name", sa.String(80), nullable=False),
        sa.Column("priced_at", sa.DateTime(), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("cashier_id", sa.String(36), nullable=True),
        sa.Column("unique_no", sa.String(40), nullable=True),
        sa.Column("receipt_counter", sa.Integer(), nullable=True),
        sa.Column("receipt_no", sa.Integer(), nullable=True),
        sa.Column("daily_report_no", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(40), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "state IN ('intended', 'registered', 'abandoned')", name=op.f("ck_fiscal_receipt_state")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fiscal_receipt")),
    )
    op.create_index(
        "ux_fiscal_receipt_live_bill",
        "fiscal_receipt",
        ["bill_id"],
        unique=True,
        sqlite_where=sa.text("state IN ('intended', 'registered')"),
    )
    op.create_index("ix_fiscal_receipt_state", "fiscal_receipt", ["state"])


def downgrade() -> None:
    op.drop_index("ix_fiscal_receipt_state", "fiscal_receipt")
    op.drop_index("ux_fiscal_receipt_live_bill", "fiscal_receipt")
    op.drop_table("fiscal_receipt")
