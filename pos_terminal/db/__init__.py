"""The terminal's local store: SQLite through SQLAlchemy 2, migrated by Alembic.

Rows never leave this package: repositories return frozen domain values.
"""
