"""Each staff member's PIN length, for the PIN pad

The pad signs in as soon as a PIN's length is reached (issue 12), so it needs the lengths
of the active staff's PINs; the hash does not tell. Existing PINs get theirs at their
member's next sign-in, the one moment the PIN is known (until then the pad leaves the last
step to the Sign in key, `domain/pin_pad.py`).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 07:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("staff", sa.Column("pin_length", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("staff") as batch:
        batch.drop_column("pin_length")
