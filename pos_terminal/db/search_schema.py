"""Names of the full-text indexes behind customer search (created by migration 0002)."""

from __future__ import annotations

NAME_FTS = "customer_name_fts"
PHONE_FTS = "customer_phone_fts"

REBUILD = (
    f"INSERT INTO {NAME_FTS}({NAME_FTS}) VALUES ('rebuild')",
    f"INSERT INTO {PHONE_FTS}({PHONE_FTS}) VALUES ('rebuild')",
)


def is_search_table(name: str) -> bool:
    """The FTS tables and the shadow tables SQLite makes for them (…_data, …_idx, …)."""
    return name.startswith((NAME_FTS, PHONE_FTS))
