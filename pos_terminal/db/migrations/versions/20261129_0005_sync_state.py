"""Sync bookkeeping: what the CRM answered for each op, where each pull stream stands

- outbox: the clock offset measured when the op was made, the CRM's stored result, the
  feed positions that will show its effects (`reflect_at`), and an index for finding the
  ops of one bill without scanning the outbox.
- sync_stream: the feed position applied, and the snapshot's resume cursor while one runs.
- clock_state: the last measured offset between the CRM's clock and this one.
- customer_effect: an index for "this customer's effects the snapshot does not show yet".
- bill_adjustment: an index for "has this till used this voucher?".
- customer_effect.decided_offline (stored value spent without a hold: counts against the
  offline allowances) and an index by business day; offline_policy: the CRM's allowances.

Payloads already in the outbox are not touched: the CRM reads every version a terminal wrote.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 19:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("clock_offset_ms", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("server_result", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("reflect_at", sa.Text(), nullable=True))
        batch_op.create_index("ix_outbox_kind_aggregate", ["kind", "aggregate_id"])
    with op.batch_alter_table("sync_stream", schema=None) as batch_op:
        batch_op.add_column(sa.Column("position", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("resume_cursor", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("snapshot_after", sa.Text(), nullable=True))
    op.create_table(
        "clock_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server_offset_ms", sa.Integer(), nullable=False),
        sa.Column("rtt_ms", sa.Integer(), nullable=False),
        sa.Column("measured_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_clock_state_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clock_state")),
    )
    # Covering: a tap sums a regular's unsent effects from the index alone.
    op.create_index(
        "ix_customer_effect_pending",
        "customer_effect",
        [
            "customer_id",
            "reflected_seq",
            "credits_used_minor",
            "wallet_used_minor",
            "points_earned",
        ],
    )
    # rule_id first: an index led by `source` lures the shift report's discount sum into
    # reading every adjustment ever made (2.8× slower after a year).
    op.create_index("ix_bill_adjustment_rule", "bill_adjustment", ["rule_id", "source"])
    with op.batch_alter_table("customer_effect", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("decided_offline", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch_op.create_index("ix_customer_effect_day", ["business_date"])
    op.create_table(
        "offline_policy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_offline_policy_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offline_policy")),
    )


def downgrade() -> None:
    op.drop_table("offline_policy")
    with op.batch_alter_table("customer_effect", schema=None) as batch_op:
        batch_op.drop_index("ix_customer_effect_day")
        batch_op.drop_column("decided_offline")
    op.drop_index("ix_bill_adjustment_rule", table_name="bill_adjustment")
    op.drop_index("ix_customer_effect_pending", table_name="customer_effect")
    op.drop_table("clock_state")
    with op.batch_alter_table("sync_stream", schema=None) as batch_op:
        batch_op.drop_column("snapshot_after")
        batch_op.drop_column("resume_cursor")
        batch_op.drop_column("position")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_kind_aggregate")
        batch_op.drop_column("reflect_at")
        batch_op.drop_column("server_result")
        batch_op.drop_column("clock_offset_ms")
