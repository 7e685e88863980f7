"""Who sold a bill, and where the CRM's figure of a discount allowance includes a bill

- bill.cashier_id: the staff member signed in when the bill was closed (`cashier` keeps
  the name printed on the receipt). Bills closed before stay NULL: the till did not know.
- customer_effect.allowance_seq: a customer's remaining discount allowance is a field of
  the customer (the reference stream); the CRM lowers it as bills use it. Until the
  reference stream reaches the position the CRM named for the bill's op, the till
  subtracts the bill's group discount from the customer's cached allowance itself (NULL:
  not acknowledged yet). Bills closed before this version count as reflected (0): the CRM
  they went to never lowered an allowance, and a till that never synced had spent each
  allowance again on every bill.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 02:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bill", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cashier_id", sa.String(length=64), nullable=True))
    with op.batch_alter_table("customer_effect", schema=None) as batch_op:
        batch_op.add_column(sa.Column("allowance_seq", sa.Integer(), nullable=True))
    op.execute("UPDATE customer_effect SET allowance_seq = 0")
    op.create_index(
        "ix_customer_effect_allowance",
        "customer_effect",
        ["customer_id", "allowance_seq", "group_discount_minor"],
    )


def downgrade() -> None:
    op.drop_index("ix_customer_effect_allowance", table_name="customer_effect")
    with op.batch_alter_table("customer_effect", schema=None) as batch_op:
        batch_op.drop_column("allowance_seq")
    with op.batch_alter_table("bill", schema=None) as batch_op:
        batch_op.drop_column("cashier_id")
