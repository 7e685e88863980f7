"""What terminals push: processed ops, quarantine, customer aliases, shifts, voucher
redemptions, bill flags; online holds and the offline policy

`bill` gains `flags` by a plain ADD COLUMN (no table rebuild), so no trigger on the tables
around it is dropped.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 21:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

JSON_DOC = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "processed_op",
        sa.Column("op_id", sa.String(length=64), nullable=False),
        sa.Column("terminal_id", sa.String(length=64), nullable=False),
        sa.Column("terminal_seq", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("kind_version", sa.Integer(), nullable=False),
        sa.Column("request_sha256", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("result", JSON_DOC, nullable=False),
        sa.Column("reflect_at", JSON_DOC, nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("received_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("op_id", name=op.f("pk_processed_op")),
        sa.UniqueConstraint(
            "terminal_id", "terminal_seq", name=op.f("uq_processed_op_terminal_id_terminal_seq")
        ),
    )
    op.create_table(
        "op_quarantine",
        sa.Column("op_id", sa.String(length=64), nullable=False),
        sa.Column("terminal_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("kind_version", sa.Integer(), nullable=False),
        sa.Column("raw", JSON_DOC, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("received_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("op_id", name=op.f("pk_op_quarantine")),
    )
    op.create_table(
        "customer_alias",
        sa.Column("alias_id", sa.String(length=64), nullable=False),
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("source_op", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_customer_alias_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("alias_id", name=op.f("pk_customer_alias")),
    )
    op.create_index("ix_customer_alias_customer_id", "customer_alias", ["customer_id"])
    op.create_table(
        "terminal_shift",
        sa.Column("shift_id", sa.String(length=64), nullable=False),
        sa.Column("terminal_id", sa.String(length=64), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("opened_at", UTC_TIME, nullable=False),
        sa.Column("opened_by", sa.String(length=200), nullable=False),
        sa.Column("closed_at", UTC_TIME, nullable=True),
        sa.Column("closed_by", sa.String(length=200), nullable=True),
        sa.Column("z_report", JSON_DOC, nullable=True),
        sa.PrimaryKeyConstraint("shift_id", name=op.f("pk_terminal_shift")),
    )
    op.create_index(
        "ix_terminal_shift_terminal", "terminal_shift", ["terminal_id", "business_date"]
    )
    op.create_table(
        "voucher_redemption",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("bill_id", sa.String(length=64), nullable=False),
        sa.Column("op_id", sa.String(length=64), nullable=False),
        sa.Column("terminal_id", sa.String(length=64), nullable=False),
        sa.Column("double_redeemed", sa.Boolean(), nullable=False),
        sa.Column("redeemed_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("code", "bill_id", name=op.f("pk_voucher_redemption")),
    )
    op.create_table(
        "hold",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("op_id", sa.String(length=64), nullable=False),
        sa.Column("terminal_id", sa.String(length=64), nullable=False),
        sa.Column("customer_id", sa.String(length=64), nullable=True),
        sa.Column("bill_id", sa.String(length=64), nullable=False),
        sa.Column("credits_minor", sa.BigInteger(), nullable=False),
        sa.Column("wallet_minor", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("expires_at", UTC_TIME, nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_hold_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hold")),
        sa.UniqueConstraint("op_id", name=op.f("uq_hold_op_id")),
    )
    op.create_index("ix_hold_customer", "hold", ["customer_id", "status", "expires_at"])
    op.create_table(
        "hold_voucher",
        sa.Column("hold_id", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["hold_id"], ["hold.id"], name=op.f("fk_hold_voucher_hold_id_hold"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("hold_id", "code", name=op.f("pk_hold_voucher")),
    )
    op.create_index("ix_hold_voucher_code", "hold_voucher", ["code"])
    op.create_table(
        "offline_policy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("per_bill_minor", sa.BigInteger(), nullable=False),
        sa.Column("per_customer_terminal_minor", sa.BigInteger(), nullable=False),
        sa.Column("per_terminal_day_minor", sa.BigInteger(), nullable=False),
        sa.Column("hold_minutes", sa.Integer(), nullable=False),
        sa.Column("updated_at", UTC_TIME, nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offline_policy")),
    )
    op.add_column("bill", sa.Column("flags", JSON_DOC, nullable=False, server_default="[]"))


def downgrade() -> None:
    op.drop_table("offline_policy")
    op.drop_index("ix_hold_voucher_code", table_name="hold_voucher")
    op.drop_table("hold_voucher")
    op.drop_index("ix_hold_customer", table_name="hold")
    op.drop_table("hold")
    op.drop_column("bill", "flags")
    op.drop_table("voucher_redemption")
    op.drop_index("ix_terminal_shift_terminal", table_name="terminal_shift")
    op.drop_table("terminal_shift")
    op.drop_index("ix_customer_alias_customer_id", table_name="customer_alias")
    op.drop_table("customer_alias")
    op.drop_table("op_quarantine")
    op.drop_table("processed_op")
