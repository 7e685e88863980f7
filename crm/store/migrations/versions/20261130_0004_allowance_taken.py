"""What a bill took from the customer's discount allowance

`discount_usage` gains `allowance_minor` by a plain ADD COLUMN (no table rebuild, so the
feed's triggers on it stay). Bills recorded before took nothing: the CRM did not yet lower
a customer's allowance as bills used it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 02:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "discount_usage",
        sa.Column("allowance_minor", sa.BigInteger(), nullable=False, server_default="0"),
    )


def downgrade() -> None:
    op.drop_column("discount_usage", "allowance_minor")
