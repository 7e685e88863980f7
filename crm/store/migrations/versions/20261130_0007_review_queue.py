"""What a person must look at: flagged bills and refused ops; each till's queue length

`review_item` is the list a manager works through on the terminals page: a bill the CRM
flagged when it applied it (a wallet or credits overdraft, a voucher redeemed twice, over
the daily limit, an unknown customer) and an op it rejected or quarantined. Each stays
open until someone resolves it, with a note; the bill or op itself is never changed. Bills
and ops flagged before this migration are put on the list, open.

`terminal.queued_ops` is what the till last said it had not yet sent (its outbox), in its
hello; NULL until a till that reports it says hello.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 10:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_DOC = sa.JSON().with_variant(JSONB(), "postgresql")
_WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column("terminal", sa.Column("queued_ops", sa.BigInteger(), nullable=True))
    op.create_table(
        "review_item",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("terminal_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("subject_id", sa.String(64), nullable=False),
        sa.Column("reasons", _DOC, nullable=False),
        sa.Column("raised_at", _WHEN, nullable=False),
        sa.Column("resolved_at", _WHEN, nullable=True),
        sa.Column("resolved_by", sa.String(200), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.UniqueConstraint("kind", "subject_id", name="uq_review_item_subject"),
    )
    op.create_index("ix_review_item_open", "review_item", ["resolved_at", "raised_at"])
    op.create_index("ix_review_item_terminal", "review_item", ["terminal_id", "resolved_at"])
    _put_earlier_on_the_list()


def _put_earlier_on_the_list() -> None:
    bind = op.get_bind()
    # Ids are made from the subject's so that the statement is one INSERT … SELECT on both
    # databases; new items get random ids like every other row.
    empty = "'[]'::jsonb" if bind.dialect.name == "postgresql" else "'[]'"
    flags = "flags" if bind.dialect.name == "postgresql" else "json(flags)"
    bind.execute(
        sa.text(
            "INSERT INTO review_item (id, terminal_id, kind, subject_id, reasons, raised_at) "
            f"SELECT 'bill-' || bill_id, terminal_id, 'bill', bill_id, {flags}, received_at "
            f"FROM bill WHERE flags IS NOT NULL AND flags != {empty}"
        )
    )
    reasons = (
        "jsonb_build_array(coalesce(reason, status))"
        if bind.dialect.name == "postgresql"
        else "json_array(coalesce(reason, status))"
    )
    bind.execute(
        sa.text(
            "INSERT INTO review_item (id, terminal_id, kind, subject_id, reasons, raised_at) "
            f"SELECT 'op-' || op_id, terminal_id, 'op', op_id, {reasons}, received_at "
            "FROM processed_op WHERE status IN ('rejected', 'quarantined')"
        )
    )


def downgrade() -> None:
    op.drop_index("ix_review_item_terminal", table_name="review_item")
    op.drop_index("ix_review_item_open", table_name="review_item")
    op.drop_table("review_item")
    op.drop_column("terminal", "queued_ops")
