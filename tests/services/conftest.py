"""Use-cases over a real SQLite file per test (the store fixtures of tests/db)."""

from __future__ import annotations

from tests.db.conftest import db_path, store, template_db

__all__ = ["db_path", "store", "template_db"]
