"""Which customers a list, an export or a bulk action is about.

One `CustomerFilter` serves the list screen, CSV/PDF export, bulk actions and bulk or
recurring credit operations, so "every customer of group VIP" means the same in each.
A recurring operation stores its filter (`as_document`) and re-reads it each period, so a
customer who joined the group since is topped up too.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, select

from crm.services.customer_words import text_words
from crm.store.models import CardRow, CustomerRow, CustomerTagRow, CustomerWordRow


@dataclass(frozen=True, slots=True)
class CustomerFilter:
    """Every field that is set must hold (AND); an empty filter is every customer."""

    text: str | None = None  # word prefixes of the name, e-mail or phone digits
    group_id: str | None = None
    tag: str | None = None
    type: str | None = None  # lead | client | registered
    active: bool | None = None
    has_card: bool | None = None
    ids: tuple[str, ...] | None = None  # customers picked one by one on the list

    def as_document(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if value is not None}

    @classmethod
    def from_document(cls, document: dict[str, Any] | None) -> CustomerFilter:
        document = dict(document or {})
        if document.get("ids") is not None:
            document["ids"] = tuple(document["ids"])
        return cls(**document)


def matching(
    query: Select[Any], where: CustomerFilter, *, joined_word: str | None = None
) -> Select[Any]:
    """`query` (which selects from `customer`) narrowed to the customers of the filter."""
    if where.ids is not None:
        query = query.where(CustomerRow.id.in_(where.ids))
    if where.group_id is not None:
        query = query.where(CustomerRow.group_id == where.group_id)
    if where.type is not None:
        query = query.where(CustomerRow.type == where.type)
    if where.active is not None:
        query = query.where(CustomerRow.active.is_(where.active))
    if where.tag is not None:
        query = query.where(
            exists().where(
                CustomerTagRow.customer_id == CustomerRow.id, CustomerTagRow.tag == where.tag
            )
        )
    if where.has_card is not None:
        has = exists().where(CardRow.customer_id == CustomerRow.id)
        query = query.where(has if where.has_card else ~has)
    for word in text_words(where.text or ""):
        if word == joined_word:
            continue  # the query is already joined to this word's customers
        # Every word typed must start one of the customer's words: "jan kow" finds
        # "Jan Kowalski"; each is an index range scan on customer_word.
        query = query.where(
            exists().where(CustomerWordRow.customer_id == CustomerRow.id, starts_a_word(word))
        )
    return query


def starts_a_word(prefix: str) -> ColumnElement[bool]:
    """The customer_word rows whose word starts with `prefix`: an index range, not LIKE.

    Words are folded ASCII and compared byte by byte (collation "C" on PostgreSQL, SQLite's
    BINARY), so the range [prefix, prefix + U+FFFF) holds exactly the words it starts.
    """
    return and_(CustomerWordRow.word >= prefix, CustomerWordRow.word < prefix + "\uffff")


def matching_ids(where: CustomerFilter) -> Select[Any]:
    """The ids of the filter's customers, for `IN (…)` and `INSERT … SELECT`."""
    return matching(select(CustomerRow.id), where)
