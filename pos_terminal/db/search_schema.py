"""The full-text indexes behind the cashier's customer search, as SQL for the migrations.

Names are indexed folded ("Żółć" → "zolc") with word-prefix indexes; phones by trigram, so
any fragment of three or more digits is found. Both are external-content FTS5 tables over
`customer`, kept in step by triggers.
"""

from __future__ import annotations

NAME_FTS = "customer_name_fts"
PHONE_FTS = "customer_phone_fts"

TABLES = (
    f"CREATE VIRTUAL TABLE {NAME_FTS} USING fts5(search_name, content='customer',"
    " content_rowid='rowid', tokenize='unicode61 remove_diacritics 0', prefix='1 2 3')",
    f"CREATE VIRTUAL TABLE {PHONE_FTS} USING fts5(search_phone, content='customer',"
    " content_rowid='rowid', tokenize='trigram')",
)

TRIGGERS = (
    f"""CREATE TRIGGER customer_search_ai AFTER INSERT ON customer BEGIN
        INSERT INTO {NAME_FTS}(rowid, search_name) VALUES (new.rowid, new.search_name);
        INSERT INTO {PHONE_FTS}(rowid, search_phone) VALUES (new.rowid, new.search_phone);
    END""",
    f"""CREATE TRIGGER customer_search_ad AFTER DELETE ON customer BEGIN
        INSERT INTO {NAME_FTS}({NAME_FTS}, rowid, search_name)
            VALUES ('delete', old.rowid, old.search_name);
        INSERT INTO {PHONE_FTS}({PHONE_FTS}, rowid, search_phone)
            VALUES ('delete', old.rowid, old.search_phone);
    END""",
    f"""CREATE TRIGGER customer_search_au AFTER UPDATE OF search_name, search_phone ON customer
    BEGIN
        INSERT INTO {NAME_FTS}({NAME_FTS}, rowid, search_name)
            VALUES ('delete', old.rowid, old.search_name);
        INSERT INTO {PHONE_FTS}({PHONE_FTS}, rowid, search_phone)
            VALUES ('delete', old.rowid, old.search_phone);
        INSERT INTO {NAME_FTS}(rowid, search_name) VALUES (new.rowid, new.search_name);
        INSERT INTO {PHONE_FTS}(rowid, search_phone) VALUES (new.rowid, new.search_phone);
    END""",
)

CREATE = TABLES + TRIGGERS

DROP_TRIGGERS = (
    "DROP TRIGGER IF EXISTS customer_search_au",
    "DROP TRIGGER IF EXISTS customer_search_ad",
    "DROP TRIGGER IF EXISTS customer_search_ai",
)

DROP = (
    *DROP_TRIGGERS,
    f"DROP TABLE IF EXISTS {PHONE_FTS}",
    f"DROP TABLE IF EXISTS {NAME_FTS}",
)

REBUILD = (
    f"INSERT INTO {NAME_FTS}({NAME_FTS}) VALUES ('rebuild')",
    f"INSERT INTO {PHONE_FTS}({PHONE_FTS}) VALUES ('rebuild')",
)


def is_search_table(name: str) -> bool:
    """The FTS tables and the shadow tables SQLite makes for them (…_data, …_idx, …)."""
    return name.startswith((NAME_FTS, PHONE_FTS))
