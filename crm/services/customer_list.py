"""Customers by filter: the list's keyset pages, and bulk actions on every match.

A page is `WHERE filter AND (sort key, id) > cursor ORDER BY sort key, id LIMIT n+1`: the
order is one of the indexes `ix_customer_sort_name`, `ix_customer_group_sort` or
`ix_customer_created`, so the database reads a page's worth of index, never the table.
The page's tags, card counts and balances then come in one query each (no N+1).
The cursor is opaque to clients: base64 of the sort, the last row's key and id.

Bulk actions on the same filters are in `customer_bulk_actions`.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    CTE,
    Select,
    SQLColumnExpression,
    func,
    literal,
    select,
    tuple_,
)
from sqlalchemy.orm import Session

from crm.services.customer_filter import (
    CustomerFilter,
    matching,
    starts_a_word,
)
from crm.services.customer_words import text_words
from crm.services.errors import Problems
from crm.store.models import (
    BalanceRow,
    CardRow,
    CustomerRow,
    CustomerTagRow,
    CustomerWordRow,
)
from loyalty.customers import CustomerType

SORTS = ("name", "-name", "created", "-created")
# Start from a word's customers when it has at most this many (an index-only count, ~10 ms).
DRIVING_LIMIT = 50_000
MAX_PROBED_WORDS = 3
# Room for this many words of each customer starting with the word typed ("anna" is her
# first name, an e-mail part and the start of the e-mail): see `_candidates`.
WORDS_PER_CUSTOMER = 4
LIMIT_MAX = 200
DEFAULT_LIMIT = 50


@dataclass(frozen=True, slots=True)
class CustomerListItem:
    id: str
    name: str
    type: str
    group_id: str | None
    phone: str | None
    email: str | None
    active: bool
    tags: tuple[str, ...]
    card_count: int
    credits: int  # grosze
    wallet: int  # grosze
    points: int


@dataclass(frozen=True, slots=True)
class CustomerPage:
    items: tuple[CustomerListItem, ...]
    next_cursor: str | None  # None: this was the last page


@dataclass(frozen=True, slots=True)
class ListRequest:
    """A checked list request: the filter, the order, the page size and where to start."""

    where: CustomerFilter
    sort: str
    limit: int
    after: tuple[Any, str] | None  # the previous page's last (sort key, id)


def checked_request(
    where: CustomerFilter, sort: str, limit: int, cursor: str | None
) -> ListRequest:
    problems = Problems()
    if sort not in SORTS:
        problems.add("sort", f"one of {', '.join(SORTS)}")
    if not 1 <= limit <= LIMIT_MAX:
        problems.add("limit", f"1 to {LIMIT_MAX}")
    if where.type is not None and where.type not in {t.value for t in CustomerType}:
        problems.add("type", "one of lead, client, registered")
    after = None
    if cursor:
        after = _decode(cursor, sort)
        if after is None:
            problems.add("cursor", "not a cursor of this list; start again without one")
    problems.raise_if_any()
    return ListRequest(where, sort, limit, after)


def driving_word(session: Session, where: CustomerFilter) -> str | None:
    """The typed word that matches the fewest customers, if it matches few enough to start
    from: its customers are fetched first and sorted, instead of walking every customer in
    name order and asking each whether it matches. Walking is quick when matches are dense,
    but words cluster in name order ("Sp. z o.o." firms, one family's surname) and a
    rare or clustered word made the walk read 100,000 customers for one page."""
    best: tuple[int, str] | None = None
    for word in text_words(where.text or "")[:MAX_PROBED_WORDS]:
        found = session.scalar(
            select(func.count()).select_from(
                select(CustomerWordRow.customer_id)
                .where(starts_a_word(word))
                .limit(DRIVING_LIMIT + 1)
                .subquery()
            )
        )
        if found is not None and found <= DRIVING_LIMIT and (best is None or found < best[0]):
            best = (found, word)
    return best[1] if best else None


def page_query(
    request: ListRequest, driver: str | None = None, *, exact: bool = False
) -> Select[Any]:
    """The SELECT of one page (plus one row, to tell whether another page follows).

    With a `driver` word the page starts from that word's customers (a materialized CTE,
    on both databases), joined to the customer table by key; `exact`: see `_candidates`."""
    key = CustomerRow.sort_name if request.sort.endswith("name") else CustomerRow.created_at
    descending = request.sort.startswith("-")
    columns: Select[Any] = cast(
        "Select[Any]",
        select(
            CustomerRow.id,
            CustomerRow.name,
            CustomerRow.type,
            CustomerRow.group_id,
            CustomerRow.phone,
            CustomerRow.email,
            CustomerRow.active,
            key.label("sort_key"),
        ),
    )
    if driver is not None:
        candidates = _candidates(request, driver, exact=exact)
        columns = columns.join(candidates, candidates.c.customer_id == CustomerRow.id)
    query = matching(columns, request.where, joined_word=driver)
    if request.after is not None:
        last_key, last_id = request.after
        row = tuple_(key, CustomerRow.id)
        cursor = tuple_(literal(last_key, key.type), literal(last_id, CustomerRow.id.type))
        query = query.where(row < cursor if descending else row > cursor)
    if descending:
        query = query.order_by(key.desc(), CustomerRow.id.desc())
    else:
        query = query.order_by(key, CustomerRow.id)
    return query.limit(request.limit + 1)


def _the_only_word(request: ListRequest) -> str | None:
    """The one word typed, when the list asks for nothing else but a group, in name order:
    the page is then read from the words index alone, however many customers the word
    has (walking names instead is slow when the word clusters in name order, as a first
    name does: "mar" is every Marek, Maria and Marta, all under M)."""
    where = request.where
    words = text_words(where.text or "")
    if (
        request.sort in ("name", "-name")
        and len(words) == 1
        and replace(where, text=None, group_id=None) == CustomerFilter()
    ):
        return words[0]
    return None


def _candidates(request: ListRequest, driver: str, *, exact: bool = False) -> CTE:
    """The customers of the driving word, as a materialized CTE.

    When the list asks for nothing but that word (and a group), in name order, the page is
    cut here already: the words index holds each customer's sort name and group, so this is
    one index-only range scan, and only the page's customers are fetched. Otherwise every
    customer of the word is a candidate, and the outer query filters and sorts them.

    The range holds every word starting with the typed one, in word order: 67,000 entries
    for "anna" at a million customers. Grouping them all by customer, to sort the groups,
    took three times as long as sorting the entries themselves for the first few (a top-N
    sort) and grouping only those, so that is how a page is read: with room for
    `WORDS_PER_CUSTOMER` entries of each of its customers. Should a few customers' many
    words fill the room, the page comes out short, and `read_page` reads it again `exact`ly,
    grouping the whole range."""
    words = select(CustomerWordRow.customer_id).where(starts_a_word(driver))
    where = request.where
    only_the_word = _the_only_word(request) == driver
    if not only_the_word:
        return words.distinct().cte("candidates").prefix_with("MATERIALIZED")
    if where.group_id is not None:
        words = words.where(CustomerWordRow.group_id == where.group_id)
    key = (CustomerWordRow.sort_name, CustomerWordRow.customer_id)
    descending = request.sort.startswith("-")
    if request.after is not None:
        last = (literal(request.after[0], key[0].type), literal(request.after[1], key[1].type))
        words = words.where(
            tuple_(*key) < tuple_(*last) if descending else tuple_(*key) > tuple_(*last)
        )
    if exact:
        return _first_customers(words, key, descending, request.limit + 1)
    entries = (
        words.add_columns(CustomerWordRow.sort_name)
        .order_by(*_ordered(key, descending))
        .limit((request.limit + 1) * WORDS_PER_CUSTOMER)
        .subquery("entries")
    )
    first = (entries.c.sort_name, entries.c.customer_id)
    return _first_customers(select(entries.c.customer_id), first, descending, request.limit + 1)


def _first_customers(
    words: Select[Any], key: tuple[SQLColumnExpression[Any], ...], descending: bool, count: int
) -> CTE:
    """The first `count` customers of `words`, grouped by `key` (sort name, customer)."""
    return (
        words.group_by(*key)
        .order_by(*_ordered(key, descending))
        .limit(count)
        .cte("candidates")
        .prefix_with("MATERIALIZED")
    )


def _ordered(
    key: tuple[SQLColumnExpression[Any], ...], descending: bool
) -> list[SQLColumnExpression[Any]]:
    return [column.desc() for column in key] if descending else list(key)


def read_page(session: Session, request: ListRequest) -> CustomerPage:
    only_word = _the_only_word(request)
    driver = only_word or driving_word(session, request.where)
    rows = session.execute(page_query(request, driver)).all()
    if only_word is not None and len(rows) <= request.limit:
        # Short: all there is (a rare word: its few entries are quick to read again), the
        # last page, or one whose customers' many words filled the entries' room.
        rows = session.execute(page_query(request, driver, exact=True)).all()
    more = len(rows) > request.limit
    rows = rows[: request.limit]
    ids = [row.id for row in rows]
    tags: dict[str, list[str]] = defaultdict(list)
    cards: dict[str, int] = {}
    balances: dict[tuple[str, str], int] = {}
    if ids:
        for customer_id, tag in session.execute(
            select(CustomerTagRow.customer_id, CustomerTagRow.tag)
            .where(CustomerTagRow.customer_id.in_(ids))
            .order_by(CustomerTagRow.tag)
        ):
            tags[customer_id].append(tag)
        cards = {
            customer_id: count
            for customer_id, count in session.execute(
                select(CardRow.customer_id, func.count())
                .where(CardRow.customer_id.in_(ids))
                .group_by(CardRow.customer_id)
            )
        }
        for customer_id, account, amount in session.execute(
            select(BalanceRow.customer_id, BalanceRow.account, BalanceRow.amount).where(
                BalanceRow.customer_id.in_(ids)
            )
        ):
            balances[customer_id, account] = amount
    items = tuple(
        CustomerListItem(
            id=row.id,
            name=row.name,
            type=row.type,
            group_id=row.group_id,
            phone=row.phone,
            email=row.email,
            active=row.active,
            tags=tuple(tags.get(row.id, ())),
            card_count=cards.get(row.id, 0),
            credits=balances.get((row.id, "credits"), 0),
            wallet=balances.get((row.id, "wallet"), 0),
            points=balances.get((row.id, "points"), 0),
        )
        for row in rows
    )
    next_cursor = _encode(request.sort, rows[-1].sort_key, rows[-1].id) if more else None
    return CustomerPage(items, next_cursor)


def _encode(sort: str, key: Any, last_id: str) -> str:
    shown = key.isoformat() if isinstance(key, datetime) else key
    text = json.dumps([sort.lstrip("-"), shown, last_id], separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode(cursor: str, sort: str) -> tuple[Any, str] | None:
    """The (sort key, id) a cursor holds, or None when it is not one of this order's."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        kind, key, last_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if kind != sort.lstrip("-") or not isinstance(key, str) or not isinstance(last_id, str):
            return None
        if kind == "created":
            moment = datetime.fromisoformat(key)
            return (moment, last_id) if moment.tzinfo is not None else None
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        return None
    return key, last_id


# -- bulk actions over a filter ----------------------------------------------------------------
