"""customer search: full-text indexes over names and phones

Names are indexed folded ("Żółć" → "zolc", done by the application) with 1-3 letter prefix
indexes; phones by trigram, so any fragment of three or more digits is found. Both are
external-content FTS5 tables over `customer`, kept in step by triggers. The SQL is written
out here, not imported, so this migration stays what it was when it shipped.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 21:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

UPGRADE = (
    "CREATE VIRTUAL TABLE customer_name_fts USING fts5(search_name, content='customer',"
    " content_rowid='rowid', tokenize='unicode61 remove_diacritics 0', prefix='1 2 3')",
    "CREATE VIRTUAL TABLE customer_phone_fts USING fts5(search_phone, content='customer',"
    " content_rowid='rowid', tokenize='trigram')",
    """CREATE TRIGGER customer_search_ai AFTER INSERT ON customer BEGIN
        INSERT INTO customer_name_fts(rowid, search_name) VALUES (new.rowid, new.search_name);
        INSERT INTO customer_phone_fts(rowid, search_phone) VALUES (new.rowid, new.search_phone);
    END""",
    """CREATE TRIGGER customer_search_ad AFTER DELETE ON customer BEGIN
        INSERT INTO customer_name_fts(customer_name_fts, rowid, search_name)
            VALUES ('delete', old.rowid, old.search_name);
        INSERT INTO customer_phone_fts(customer_phone_fts, rowid, search_phone)
            VALUES ('delete', old.rowid, old.search_phone);
    END""",
    """CREATE TRIGGER customer_search_au AFTER UPDATE OF search_name, search_phone ON customer
    BEGIN
        INSERT INTO customer_name_fts(customer_name_fts, rowid, search_name)
            VALUES ('delete', old.rowid, old.search_name);
        INSERT INTO customer_phone_fts(customer_phone_fts, rowid, search_phone)
            VALUES ('delete', old.rowid, old.search_phone);
        INSERT INTO customer_name_fts(rowid, search_name) VALUES (new.rowid, new.search_name);
        INSERT INTO customer_phone_fts(rowid, search_phone) VALUES (new.rowid, new.search_phone);
    END""",
    # Index the customers already in the cache.
    "INSERT INTO customer_name_fts(customer_name_fts) VALUES ('rebuild')",
    "INSERT INTO customer_phone_fts(customer_phone_fts) VALUES ('rebuild')",
)

DOWNGRADE = (
    "DROP TRIGGER customer_search_au",
    "DROP TRIGGER customer_search_ad",
    "DROP TRIGGER customer_search_ai",
    "DROP TABLE customer_phone_fts",
    "DROP TABLE customer_name_fts",
)


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    for statement in DOWNGRADE:
        op.execute(statement)
