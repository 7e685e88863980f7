"""The audit log becomes a hash chain, a bill knows it was shown to the customer, and a
group whether a cashier may put a new customer in it

- audit_log.entry_hash: sha256 of the previous entry's hash and this entry
  (pos_terminal/domain/audit_chain.py). Entries already written keep NULL: they were never
  protected, and hashing them now would vouch for whatever they hold today; the chain
  starts with the first entry written after this migration, and `--verify-audit` counts
  the ones before it apart.
- bill.shown_to_customer: a card was tapped on the open bill or its subtotal shown; from
  then on a line taken off or lowered is audited. Open bills of before count as not shown.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("entry_hash", sa.String(length=64), nullable=True))
    with op.batch_alter_table("bill", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("shown_to_customer", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("customer_group", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("assignable_at_till", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("customer_group", schema=None) as batch_op:
        batch_op.drop_column("assignable_at_till")
    with op.batch_alter_table("bill", schema=None) as batch_op:
        batch_op.drop_column("shown_to_customer")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("entry_hash")
