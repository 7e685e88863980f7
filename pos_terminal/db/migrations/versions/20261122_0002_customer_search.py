"""customer search: full-text indexes over names and phones

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 21:30:00
"""

from __future__ import annotations

from alembic import op

from pos_terminal.db import search_schema

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in search_schema.CREATE:
        op.execute(statement)
    # Index the customers already in the cache.
    op.execute(f"INSERT INTO {search_schema.NAME_FTS}({search_schema.NAME_FTS}) VALUES ('rebuild')")
    op.execute(
        f"INSERT INTO {search_schema.PHONE_FTS}({search_schema.PHONE_FTS}) VALUES ('rebuild')"
    )


def downgrade() -> None:
    for statement in search_schema.DROP:
        op.execute(statement)
