"""Customers' names folded again for search

The fold that turns a name into what a plain keyboard types ("Żółć" → "zolc") left letters
such as Ø, Æ, Đ, ẞ and Œ as they were, so "Ørsted" was indexed as "ørsted" and typing
"orsted" found nobody. The fold is now anyascii's (`loyalty.customers.fold_diacritics`),
and this migration folds every stored name that is not plain ASCII again with it, storing
those that changed (the search index follows by its triggers). It calls the terminal's own
fold on purpose: the stored form must be what today's search looks for.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 06:00:00
"""

from __future__ import annotations

import logging

from alembic import op

from pos_terminal.db.repositories.customers import refold_names

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)


def upgrade() -> None:
    changed = refold_names(op.get_bind())
    log.info("names folded again for search: %d changed", changed)


def downgrade() -> None:
    pass  # the earlier fold's forms are not worth restoring: search finds more with these
