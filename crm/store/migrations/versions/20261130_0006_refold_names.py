"""Customers' sort names and search words folded again

The fold that turns a name into what a plain keyboard types ("Żółć" → "zolc") left letters
such as Ø, Æ, Đ, ẞ and Œ as they were, so "Ørsted" was stored as "ørsted" and typing
"orsted" found nobody. The fold is now anyascii's (`loyalty.customers.fold_diacritics`).
Every customer whose name is not plain ASCII is folded again with it; where the sort name
comes out otherwise, the sort name and the search words (`customer_word`, which carry a
copy of it) are written again. It calls the CRM's own fold on purpose: the stored form
must be what today's search looks for. `sort_name` is not a column the sync feed watches,
so terminals are not sent these customers again (each folds names itself).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 06:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from crm.services.customer_words import customer_words, sort_name

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_NOT_ASCII = {"postgresql": "name ~ '[^ -~]'", "sqlite": "name GLOB '*[^ -~]*'"}


def upgrade() -> None:
    connection = op.get_bind()
    where = _NOT_ASCII["postgresql" if connection.dialect.name == "postgresql" else "sqlite"]
    rows = connection.execute(
        sa.text(f"SELECT id, name, email, phone, group_id, sort_name FROM customer WHERE {where}")
    ).all()
    for row in rows:
        folded = sort_name(row.name)
        if folded == row.sort_name:
            continue
        params = {"id": row.id, "sort_name": folded}
        connection.execute(
            sa.text("UPDATE customer SET sort_name = :sort_name WHERE id = :id"), params
        )
        connection.execute(sa.text("DELETE FROM customer_word WHERE customer_id = :id"), params)
        words = customer_words(row.name, row.email, row.phone)
        connection.execute(
            sa.text(
                "INSERT INTO customer_word (customer_id, word, sort_name, group_id)"
                " VALUES (:id, :word, :sort_name, :group_id)"
            ),
            [{**params, "word": word, "group_id": row.group_id} for word in sorted(words)],
        )


def downgrade() -> None:
    pass  # the earlier fold's forms are not worth restoring: search finds more with these
