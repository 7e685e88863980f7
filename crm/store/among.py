"""`column IN (values)` for the long id lists of the sync feed, cheap on PostgreSQL.

A list of 1,000 ids bound as 1,000 parameters costs more to render and to parse than the
query costs to run (a snapshot page spent half its time there); on PostgreSQL one array
parameter, `column = ANY(:ids)`, does the same work. SQLite has no arrays: it gets IN.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, any_, literal
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import InstrumentedAttribute, Session


def among(
    session: Session, column: InstrumentedAttribute[Any], values: Sequence[Any]
) -> ColumnElement[bool]:
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(literal(list(values), ARRAY(column.type)))
    return column.in_(values)
