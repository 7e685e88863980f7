"""The CRM's database: an SQLite file by default.

PostgreSQL, for a chain, is meant to run the same code; it is not tested yet (it comes with
the CRM's own issue), so only SQLite is claimed to work.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event


def default_database_url() -> str:
    """An SQLite file in the user's data folder (`$XDG_DATA_HOME/pos-crm/crm.db`)."""
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    folder = base / "pos-crm"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'crm.db'}"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # pre_ping: a PostgreSQL restarted under a running CRM costs one failed check, not one
    # failed request per pooled connection.
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(connection: Any, _record: object) -> None:
    cursor = connection.cursor()
    for pragma in (
        "journal_mode=WAL",
        "synchronous=FULL",
        "foreign_keys=ON",
        "busy_timeout=5000",
    ):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()
