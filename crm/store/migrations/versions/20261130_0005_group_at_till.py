"""Groups a cashier may put a new customer in

`customer_group` gains `assignable_at_till` by a plain ADD COLUMN (no table rebuild, so the
feed's triggers on it stay), false for every group there is: the owner marks the ordinary
ones, and until then a cashier needs a manager's PIN to put a new customer in any group.
The flag is sent to terminals, so the feed's UPDATE trigger on the table now watches it
too: the trigger (SQLite) or its function (PostgreSQL) is made again with it, in the shape
migration 0002 gave it, written out here so this migration stays as it shipped.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_BEFORE = ("name", "reference", "description", "daily_discount_limit_minor")
_AFTER = (*_BEFORE, "assignable_at_till")


def _sqlite_mark(row: str, when: str) -> str:
    return (
        f"UPDATE sync_counter SET v = v + 1 WHERE stream = 'reference' AND {when};\n"
        f"INSERT INTO change_log (stream, seq, entity, entity_id) "
        f"SELECT 'reference', v, 'group', {row}.id FROM sync_counter "
        f"WHERE stream = 'reference' AND {when};"
    )


def _sqlite_trigger(watched: tuple[str, ...]) -> str:
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in watched)
    return (
        f"CREATE TRIGGER feed_customer_group_upd AFTER UPDATE OF {', '.join(watched)}"
        f" ON customer_group\nWHEN {changed} BEGIN\n{_sqlite_mark('NEW', '1')}\n"
        f"{_sqlite_mark('OLD', '(OLD.id) IS NOT (NEW.id)')}\nEND"
    )


def _postgresql_function(watched: tuple[str, ...]) -> str:
    changed = " OR ".join(f"n.{c} IS DISTINCT FROM o.{c}" for c in watched)
    ids = (
        "SELECT DISTINCT u.id FROM n FULL JOIN o ON n.id = o.id "
        "CROSS JOIN LATERAL (VALUES (n.id::text), (o.id::text)) AS u(id) "
        f"WHERE u.id IS NOT NULL AND (n.id IS NULL OR o.id IS NULL OR {changed})"
    )
    return (
        "CREATE OR REPLACE FUNCTION feed_customer_group_upd() RETURNS trigger"
        " LANGUAGE plpgsql AS $$\n"
        f"BEGIN\n    PERFORM feed_mark('reference', 'group', ARRAY({ids}));\n"
        "    RETURN NULL;\nEND $$"
    )


def _watch(watched: tuple[str, ...]) -> None:
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(_postgresql_function(watched))
    else:
        connection.exec_driver_sql("DROP TRIGGER feed_customer_group_upd")
        connection.exec_driver_sql(_sqlite_trigger(watched))


def upgrade() -> None:
    op.add_column(
        "customer_group",
        sa.Column("assignable_at_till", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    _watch(_AFTER)


def downgrade() -> None:
    _watch(_BEFORE)
    op.drop_column("customer_group", "assignable_at_till")
