"""customer search: e-mails found by any fragment, and the customers this till knows

- customer_email_fts: a trigram index of `customer.search_email`, so three or more
  characters find an address anywhere ("kowal" finds "jan.kowalski@…" and
  "jankowalski@…"), not only from its start. `detail=none`: it says which addresses hold
  each trigram and nothing more (a third of the size with positions); the search asks it
  for a few of the fragment's trigrams and checks the whole fragment in the row. External
  content over `customer`, kept in step by triggers of its own; an upsert that leaves the
  e-mail as it was (every pulled customer row) does not touch the index.
- customer_seen: when each customer last closed a bill on this terminal. The search puts
  them first among equally good matches. Kept by a trigger on the bill's status (a draft
  becoming closed), so every way of closing a bill counts; filled here from the bills the
  store already holds (a voided bill was closed first: the visit happened). A later
  migration that rebuilds `bill` (Alembic's batch mode on SQLite) must create the trigger
  again, as one rebuilding `customer` must the search triggers.

The SQL is written out here, not imported, so this migration stays what it was when it
shipped (as 0002's).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

EMAIL_INDEX = (
    "CREATE VIRTUAL TABLE customer_email_fts USING fts5(search_email, content='customer',"
    " content_rowid='rowid', tokenize='trigram', detail=none)",
    """CREATE TRIGGER customer_email_search_ai AFTER INSERT ON customer BEGIN
        INSERT INTO customer_email_fts(rowid, search_email) VALUES (new.rowid, new.search_email);
    END""",
    """CREATE TRIGGER customer_email_search_ad AFTER DELETE ON customer BEGIN
        INSERT INTO customer_email_fts(customer_email_fts, rowid, search_email)
            VALUES ('delete', old.rowid, old.search_email);
    END""",
    """CREATE TRIGGER customer_email_search_au AFTER UPDATE OF search_email ON customer
    WHEN old.search_email IS NOT new.search_email BEGIN
        INSERT INTO customer_email_fts(customer_email_fts, rowid, search_email)
            VALUES ('delete', old.rowid, old.search_email);
        INSERT INTO customer_email_fts(rowid, search_email) VALUES (new.rowid, new.search_email);
    END""",
    # Index the e-mails already in the cache.
    "INSERT INTO customer_email_fts(customer_email_fts) VALUES ('rebuild')",
)

SEEN = (
    """CREATE TRIGGER customer_seen_on_close AFTER UPDATE OF status ON bill
    WHEN new.status = 'closed' AND old.status IS NOT 'closed' AND new.customer_id IS NOT NULL
    BEGIN
        INSERT INTO customer_seen(customer_id, last_bill_at)
            VALUES (new.customer_id, coalesce(new.closed_at, new.updated_at))
            ON CONFLICT(customer_id)
            DO UPDATE SET last_bill_at = max(last_bill_at, excluded.last_bill_at);
    END""",
    """INSERT INTO customer_seen(customer_id, last_bill_at)
        SELECT customer_id, max(coalesce(closed_at, updated_at)) FROM bill
        WHERE status IN ('closed', 'voided') AND customer_id IS NOT NULL
        GROUP BY customer_id""",
)


def upgrade() -> None:
    op.create_table(
        "customer_seen",
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("last_bill_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_customer_seen")),
    )
    op.create_index(
        op.f("ix_customer_seen_last_bill_at"), "customer_seen", ["last_bill_at"], unique=False
    )
    for statement in (*SEEN, *EMAIL_INDEX):
        op.execute(statement)


def downgrade() -> None:
    for statement in (
        "DROP TRIGGER customer_email_search_au",
        "DROP TRIGGER customer_email_search_ad",
        "DROP TRIGGER customer_email_search_ai",
        "DROP TABLE customer_email_fts",
        "DROP TRIGGER customer_seen_on_close",
    ):
        op.execute(statement)
    op.drop_index(op.f("ix_customer_seen_last_bill_at"), table_name="customer_seen")
    op.drop_table("customer_seen")
