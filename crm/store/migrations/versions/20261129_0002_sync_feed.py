"""The change feed terminals pull: a counter per stream and a log of which entity changed.

Every write to what terminals cache marks the entity in `change_log`, in the writer's own
transaction, from database triggers, so no write path (ORM, bulk Core statements, imports,
hand-written SQL) can forget it. Each mark takes the next number from its stream's
`sync_counter` row; the row stays locked until the writer commits, so a later number always
commits later (sync-protocol E1) and a reader that has seen number n has seen every mark
below n. The pull reads the entity's current state when it reads the mark.

- SQLite: row triggers (`AFTER UPDATE OF` the columns terminals use, `WHEN` one changed).
- PostgreSQL: statement triggers over transition tables, so a bulk statement of 100,000
  rows costs one counter update and one INSERT … SELECT, not 100,000 trigger calls.

An UPDATE that changes the id an entity is known by (a card's code) marks the old id too,
so the terminal gets a tombstone for it. Only columns a terminal uses mark: a customer's
`transactions`, `last_activity_at`, `updated_at` or `version` alone do not.

The trigger SQL is generated here from the table below and not imported, so this migration
stays what it was when it shipped. Note for later migrations: SQLite's batch mode rebuilds a
table by copy-and-move, which drops its triggers; such a migration must create them again.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 21:00:00
"""

from __future__ import annotations

import uuid
from typing import NamedTuple

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

STREAMS = ("reference", "balances", "vouchers")


class Source(NamedTuple):
    table: str
    stream: str
    entity: str
    key: tuple[str, ...]  # primary key: pairs old and new rows of an UPDATE
    watched: tuple[str, ...]  # columns whose change the terminal must hear of
    sqlite_id: str  # the entity id from a row `r`, in each dialect
    postgresql_id: str


def _plain(column: str) -> tuple[str, str]:
    return f"r.{column}", f"r.{column}::text"


SOURCES = (
    Source(
        "customer", "reference", "customer", ("id",),
        ("name", "type", "nip", "group_id", "country", "city", "street", "building", "flat",
         "email", "phone", "verified", "active", "discount_limit_disabled",
         "discount_allowance_minor"),
        *_plain("id"),
    ),
    Source(
        "customer_tag", "reference", "customer", ("customer_id", "tag"),
        ("customer_id", "tag"), *_plain("customer_id"),
    ),
    Source(
        "card", "reference", "card", ("id",),
        ("code", "number", "customer_id", "expires_on", "blocked"), *_plain("code"),
    ),
    Source(
        "customer_group", "reference", "group", ("id",),
        ("name", "reference", "description", "daily_discount_limit_minor"), *_plain("id"),
    ),
    Source(
        "group_discount", "reference", "group", ("group_id", "discount_id"),
        ("group_id", "discount_id"), *_plain("group_id"),
    ),
    Source(
        "discount", "reference", "discount", ("id",),
        ("name", "kind", "percent_bp", "amount_minor", "scope_kind", "scope_ids",
         "visible_on_terminal", "min_bill_minor", "active"),
        *_plain("id"),
    ),
    Source(
        "cashback_rule", "reference", "cashback_rule", ("id",),
        ("name", "resource", "percent_bp", "fixed", "maximum", "date_from", "date_to",
         "weekdays", "hours_from", "hours_to", "min_bill_minor", "payment_methods",
         "customer_types", "group_ids", "active"),
        *_plain("id"),
    ),
    Source(
        "balance", "balances", "balance", ("customer_id", "account"),
        ("customer_id", "account", "amount"), *_plain("customer_id"),
    ),
    Source(
        "discount_usage", "balances", "limit", ("id",),
        ("customer_id", "business_date", "amount_minor"),
        "r.customer_id || '/' || r.business_date",
        "r.customer_id || '/' || to_char(r.business_date, 'YYYY-MM-DD')",
    ),
    Source(
        "voucher", "vouchers", "voucher", ("code",),
        ("code", "kind", "amount_minor", "percent_bp", "valid_from", "valid_to", "owner_id",
         "single_use", "status", "offline_redeemable"),
        *_plain("code"),
    ),
)  # fmt: skip


def _sqlite_mark(source: Source, row: str, when: str = "1") -> str:
    """Statements that take the stream's next number and log the entity of `row`."""
    entity_id = source.sqlite_id.replace("r.", f"{row}.")
    stream = source.stream
    return (
        f"UPDATE sync_counter SET v = v + 1 WHERE stream = '{stream}' AND {when};\n"
        f"INSERT INTO change_log (stream, seq, entity, entity_id) "
        f"SELECT '{stream}', v, '{source.entity}', {entity_id} FROM sync_counter "
        f"WHERE stream = '{stream}' AND {when};"
    )


def _sqlite_triggers(source: Source) -> list[str]:
    name, table = f"feed_{source.table}", source.table
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in source.watched)
    old_id = source.sqlite_id.replace("r.", "OLD.")
    new_id = source.sqlite_id.replace("r.", "NEW.")
    return [
        f"CREATE TRIGGER {name}_ins AFTER INSERT ON {table} BEGIN\n"
        f"{_sqlite_mark(source, 'NEW')}\nEND",
        f"CREATE TRIGGER {name}_del AFTER DELETE ON {table} BEGIN\n"
        f"{_sqlite_mark(source, 'OLD')}\nEND",
        f"CREATE TRIGGER {name}_upd AFTER UPDATE OF {', '.join(source.watched)} ON {table}\n"
        f"WHEN {changed} BEGIN\n{_sqlite_mark(source, 'NEW')}\n"
        f"{_sqlite_mark(source, 'OLD', f'({old_id}) IS NOT ({new_id})')}\nEND",
    ]


POSTGRESQL_MARK = """
CREATE FUNCTION feed_mark(p_stream text, p_entity text, p_ids text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    n bigint := coalesce(cardinality(p_ids), 0);
    top bigint;
BEGIN
    IF n = 0 THEN
        RETURN;  -- nothing a terminal uses changed: the counter stays unlocked
    END IF;
    UPDATE sync_counter SET v = v + n WHERE stream = p_stream RETURNING v INTO top;
    INSERT INTO change_log (stream, seq, entity, entity_id)
    SELECT p_stream, top - n + t.ord, p_entity, t.id
    FROM unnest(p_ids) WITH ORDINALITY AS t(id, ord);
END $$
"""


def _postgresql_triggers(source: Source) -> list[str]:
    name, table = f"feed_{source.table}", source.table
    mark = f"PERFORM feed_mark('{source.stream}', '{source.entity}', ARRAY("
    of_new = source.postgresql_id.replace("r.", "n.")
    of_old = source.postgresql_id.replace("r.", "o.")
    pairs = " AND ".join(f"n.{c} = o.{c}" for c in source.key)
    changed = " OR ".join(f"n.{c} IS DISTINCT FROM o.{c}" for c in source.watched)
    unpaired = f"n.{source.key[0]} IS NULL OR o.{source.key[0]} IS NULL"
    bodies = {
        "ins": ("NEW TABLE AS n", f"SELECT DISTINCT {of_new} FROM n"),
        "del": ("OLD TABLE AS o", f"SELECT DISTINCT {of_old} FROM o"),
        "upd": (
            "OLD TABLE AS o NEW TABLE AS n",
            f"SELECT DISTINCT u.id FROM n FULL JOIN o ON {pairs} "
            f"CROSS JOIN LATERAL (VALUES ({of_new}), ({of_old})) AS u(id) "
            f"WHERE u.id IS NOT NULL AND ({unpaired} OR {changed})",
        ),
    }
    events = {"ins": "INSERT", "del": "DELETE", "upd": "UPDATE"}
    statements = []
    for suffix, (transition, ids) in bodies.items():
        statements.append(
            f"CREATE FUNCTION {name}_{suffix}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN\n    {mark}{ids}));\n    RETURN NULL;\nEND $$"
        )
        statements.append(
            f"CREATE TRIGGER {name}_{suffix} AFTER {events[suffix]} ON {table} "
            f"REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION {name}_{suffix}()"
        )
    return statements


def upgrade() -> None:
    op.create_table(
        "sync_counter",
        sa.Column("stream", sa.String(length=32), nullable=False),
        sa.Column("epoch", sa.Text(), nullable=False),
        sa.Column("v", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("stream", name=op.f("pk_sync_counter")),
    )
    op.create_table(
        "change_log",
        sa.Column("stream", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("entity", sa.String(length=20), nullable=False),
        sa.Column("entity_id", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("stream", "seq", name=op.f("pk_change_log")),
    )
    op.create_index("ix_change_log_entity", "change_log", ["stream", "entity", "entity_id", "seq"])
    counter = sa.table("sync_counter", sa.column("stream"), sa.column("epoch"), sa.column("v"))
    op.bulk_insert(counter, [{"stream": s, "epoch": uuid.uuid4().hex, "v": 0} for s in STREAMS])
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        statements = [POSTGRESQL_MARK]
        for source in SOURCES:
            statements += _postgresql_triggers(source)
    else:
        statements = [sql for source in SOURCES for sql in _sqlite_triggers(source)]
    for statement in statements:
        connection.exec_driver_sql(statement)


def downgrade() -> None:
    connection = op.get_bind()
    for source in SOURCES:
        for suffix in ("ins", "del", "upd"):
            name = f"feed_{source.table}_{suffix}"
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql(f"DROP TRIGGER {name} ON {source.table}")
                connection.exec_driver_sql(f"DROP FUNCTION {name}()")
            else:
                connection.exec_driver_sql(f"DROP TRIGGER {name}")
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("DROP FUNCTION feed_mark(text, text, text[])")
    op.drop_index("ix_change_log_entity", table_name="change_log")
    op.drop_table("change_log")
    op.drop_table("sync_counter")
