"""staff, audit log, shifts with who opened and closed them, voided bills

- `staff`: who may sign in, with a salted scrypt hash of the PIN (never the PIN);
- `audit_log`: every sign-in (and wrong PIN), shift, void and refused manager action;
- `shift.opened_by` / `closed_by`: the names as they were (`cashier_id` was already there);
- `bill`: who sold it (`cashier`), the group-discount limits as they stood at close (so a
  duplicate receipt explains a capped discount exactly), and `voided_at/_by`, `void_reason`;
- indexes for the bill list of a day and for a shift's report.

Written out in full, not imported from the models, so it stays what it was when it shipped.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 22:14:48
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# New nullable columns of `bill`, in order.
BILL_COLUMNS: tuple[tuple[str, sa.types.TypeEngine[Any]], ...] = (
    ("cashier", sa.String(length=100)),
    ("limit_daily_minor", sa.Integer()),
    ("limit_used_before_minor", sa.Integer()),
    ("limit_allowance_minor", sa.Integer()),
    ("limit_available_minor", sa.Integer()),
    ("limit_used_minor", sa.Integer()),
    ("limit_capped_by", sa.String(length=32)),
    ("voided_at", sa.DateTime()),
    ("voided_by", sa.String(length=100)),
    ("void_reason", sa.Text()),
)


def upgrade() -> None:
    op.create_table(
        "staff",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("pin_hash", sa.String(length=200), nullable=False),
        sa.Column("pin_salt", sa.String(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint("role IN ('cashier', 'manager')", name=op.f("ck_staff_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.String(length=36), nullable=True),
        sa.Column("actor_name", sa.String(length=100), nullable=True),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("target", sa.String(length=64), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_action"), ["action"], unique=False)

    with op.batch_alter_table("shift", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("opened_by", sa.String(length=100), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("closed_by", sa.String(length=100), nullable=True))

    # Adding a CHECK makes SQLite rebuild the table (migrate.py runs this with foreign keys
    # off); the rebuild keeps the existing named constraints and indexes.
    with op.batch_alter_table("bill", schema=None) as batch_op:
        for name, type_ in BILL_COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_bill_voided_when_stamped"), "status <> 'voided' OR voided_at IS NOT NULL"
        )
        batch_op.create_index(batch_op.f("ix_bill_business_date"), ["business_date"], unique=False)

    with op.batch_alter_table("customer_effect", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customer_effect_bill_id"), ["bill_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("customer_effect", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_effect_bill_id"))

    with op.batch_alter_table("bill", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bill_business_date"))
        batch_op.drop_constraint(op.f("ck_bill_voided_when_stamped"), type_="check")
        for name, _ in reversed(BILL_COLUMNS):
            batch_op.drop_column(name)

    with op.batch_alter_table("shift", schema=None) as batch_op:
        batch_op.drop_column("closed_by")
        batch_op.drop_column("opened_by")

    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_action"))
    op.drop_table("audit_log")
    op.drop_table("staff")
