"""Sync tests use the store fixtures of the store tests (a fresh migrated file per test)
and the CRM fixtures of the CRM tests (a fresh database on SQLite and on PostgreSQL)."""

from __future__ import annotations

from ..crm.conftest import crm_url, live, postgres, services, sqlite_template
from ..db.conftest import db_path, store, template_db

__all__ = [
    "crm_url",
    "db_path",
    "live",
    "postgres",
    "services",
    "sqlite_template",
    "store",
    "template_db",
]
