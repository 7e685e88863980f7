"""Keyset pagination: a page is the rows after the last key the client saw, never an OFFSET.

The cursor is opaque to clients (base64 of the last row's two-part sort key), so the order
can change later without breaking them; a cursor that does not decode is a 422 for `cursor`.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, and_, or_

from crm.services.errors import Invalid

T = TypeVar("T")
LIMIT_MAX = 500


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    next_cursor: str | None  # None on the last page


def check_limit(limit: int) -> None:
    if not 1 <= limit <= LIMIT_MAX:
        raise Invalid.one("limit", f"1 to {LIMIT_MAX}")


def after(
    cursor: str | None, first: Any, second: Any, load: Callable[[str], Any] = str
) -> list[ColumnElement[bool]]:
    """The WHERE clause for rows after the cursor in (first, second) order; none if no cursor.

    `load` turns the first key back from text (e.g. `datetime.fromisoformat`).
    """
    if not cursor:
        return []
    try:
        text, last = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
        key = load(str(text))
    except (ValueError, TypeError, binascii.Error, UnicodeError) as error:
        raise Invalid.one("cursor", "not a cursor this list gave") from error
    return [or_(first > key, and_(first == key, second > str(last)))]


def page_of(rows: list[T], limit: int, key: Callable[[T], tuple[str, str]]) -> Page[T]:
    """`rows` fetched with `limit + 1`: one more than fits says there is a next page."""
    if len(rows) <= limit:
        return Page(tuple(rows), None)
    cursor = base64.urlsafe_b64encode(json.dumps(key(rows[limit - 1])).encode()).decode()
    return Page(tuple(rows[:limit]), cursor)
