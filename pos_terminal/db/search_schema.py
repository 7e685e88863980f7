"""Names of the full-text indexes behind customer search (names and phones: migration 0002;
e-mails: migration 0009)."""

from __future__ import annotations

NAME_FTS = "customer_name_fts"
PHONE_FTS = "customer_phone_fts"
EMAIL_FTS = "customer_email_fts"
SEARCH_TABLES = (NAME_FTS, PHONE_FTS, EMAIL_FTS)

REBUILD = tuple(f"INSERT INTO {table}({table}) VALUES ('rebuild')" for table in SEARCH_TABLES)


def is_search_table(name: str) -> bool:
    """The FTS tables and the shadow tables SQLite makes for them (…_data, …_idx, …)."""
    return name.startswith(SEARCH_TABLES)
