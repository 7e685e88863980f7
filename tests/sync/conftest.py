"""Sync tests use the store fixtures of the store tests (a fresh migrated file per test)."""

from __future__ import annotations

from ..db.conftest import db_path, store, template_db

__all__ = ["db_path", "store", "template_db"]
