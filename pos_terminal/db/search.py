"""The cashier's customer search: one box, typed into a keystroke at a time, over a cache of
a chain's million customers.

What a query looks for and how well each customer fits it: `search_plan.py`. Here the
first screen is chosen and counted:

1. the RECENT customers last seen on this terminal (`customer_seen`, the last closed bill)
   are graded against the query row by row (`search_fit.py`): they are few, and always
   ranked, however many others match;
2. each tier's indexed query, best fit first, reads at most `limit` + MORE_COUNTED rowids
   (the first screen, and as many beyond it to count), so no keystroke scans the table;
   once the tiers read hold a screenful, worse ones are not read (the e-mail fragment's
   trigram query, the dearest, runs only when the better tiers leave room);
3. the best `limit` by fit, then the most recently seen, then the index's order, are read
   whole with what a row shows (`search_rows.py`): deactivated ones last, marked.

How many more matched is told exactly when every tier was read to its end, and as "at
least" otherwise ("200+ more — keep typing").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import count
from typing import Any

from sqlalchemy import Connection, TextClause, bindparam, select, text

from loyalty.customers import Customer
from loyalty.money import Money
from pos_terminal.db import mapping
from pos_terminal.db.models import CustomerGroupRow, CustomerRow
from pos_terminal.db.search_fit import NOT_FOUND, grade, side_of
from pos_terminal.db.search_plan import MatchKind, Plan, plan_search
from pos_terminal.db.search_rows import NO_CREDITS, RowExtras, row_extras

MAX_RESULTS = 50
MORE_COUNTED = 200
RECENT = 300  # the customers last seen here that every query is checked against
_NEVER_SEEN = RECENT  # ranks after every customer seen

# The latest RECENT seen (customer_seen drives the join: at most RECENT customers are
# read), of whom only those that fit come back.
_RECENT_SQL = (
    "SELECT c.rowid, {grade} AS grade, s.last_bill_at"
    " FROM (SELECT customer_id, last_bill_at FROM customer_seen"
    "       ORDER BY last_bill_at DESC LIMIT :recent) AS s"
    " CROSS JOIN customer AS c ON c.id = s.customer_id"
    f" WHERE ({{could_fit}}) AND grade < {NOT_FOUND}"
)
# The shown rows, with their group's name.
_ROWS = (
    select(
        *(c for c in CustomerRow.__table__.c if not c.name.startswith("search_")),
        CustomerGroupRow.name.label("group_name"),
        CustomerRow.search_name,  # folded already: the order by name within a fit
    )
    .outerjoin(CustomerGroupRow, CustomerGroupRow.id == CustomerRow.group_id)
    .where(CustomerRow.rowid.in_(bindparam("rowids", expanding=True)))
)


@dataclass(frozen=True, slots=True)
class CustomerHit:
    customer: Customer
    match: MatchKind
    field: str  # "name" | "phone" | "email"
    seen: bool = False  # closed a bill on this terminal lately
    group_name: str | None = None
    card_number: str | None = None
    credits: Money = NO_CREDITS

    @property
    def deactivated(self) -> bool:
        return not self.customer.active


@dataclass(frozen=True, slots=True)
class CustomerSearch:
    hits: tuple[CustomerHit, ...]
    more: int = 0  # matches beyond the ones shown
    more_at_least: bool = False  # `more` is a lower bound: the count stopped there


@dataclass(slots=True)
class _Found:
    match: MatchKind
    field: str
    seen_rank: int
    order: int  # when an index gave it: its order among equal fits and recency


def _recent(connection: Connection, plan: Plan, order: count[int]) -> dict[int, _Found]:
    graded, could_fit, params = grade(plan)
    statement = _statement(_RECENT_SQL.format(grade=graded, could_fit=could_fit))
    rows = connection.execute(statement, {**params, "recent": RECENT}).all()
    newest_first = sorted(rows, key=lambda row: row[-1], reverse=True)
    found: dict[int, _Found] = {}
    for rank, (rowid, its_grade, _) in enumerate(newest_first):
        found[rowid] = _Found(*side_of(plan, its_grade), seen_rank=rank, order=next(order))
    return found


@lru_cache(maxsize=256)
def _statement(sql: str) -> TextClause:
    """Each statement built once: a plan's SQL takes a few shapes (a name's 1, 2 or 6
    orders, its number of words), and building one parses its text every time."""
    return text(sql)


def _rowids(connection: Connection, sql: str, params: dict[str, Any]) -> list[int]:
    return list(connection.execute(_statement(sql + " LIMIT :window"), params).scalars().all())


def _collect(connection: Connection, plan: Plan, limit: int) -> tuple[dict[int, _Found], bool]:
    """Every match read, and whether that is all of them."""
    order = count()
    found = _recent(connection, plan, order)
    window = limit + MORE_COUNTED
    complete = True
    for position, tier in enumerate(plan.tiers):
        rowids = _rowids(connection, tier.sql, {**tier.params, "window": window})
        complete = complete and len(rowids) < window
        for rowid in rowids:
            if rowid not in found:
                found[rowid] = _Found(tier.match, tier.field, _NEVER_SEEN, next(order))
        last_of_its_kind = position + 1 == len(plan.tiers) or (
            plan.tiers[position + 1].match != tier.match
        )
        if last_of_its_kind and position + 1 < len(plan.tiers):
            as_good = sum(1 for hit in found.values() if hit.match <= tier.match)
            if as_good >= limit:  # the screen is full: worse tiers could only be counted
                return found, False
    return found, complete


def _read(connection: Connection, chosen: list[tuple[int, _Found]]) -> list[CustomerHit]:
    """The chosen customers whole, with their rows' extras, in the order shown."""
    rows = connection.execute(_ROWS, {"rowids": [rowid for rowid, _ in chosen]}).all()
    by_rowid = {row.rowid: row for row in rows}
    extras = row_extras(connection, [row.id for row in rows])
    shown: list[tuple[tuple[object, ...], CustomerHit]] = []
    for rowid, found in chosen:
        row = by_rowid[rowid]
        extra = extras.get(row.id, RowExtras())
        hit = CustomerHit(
            mapping.customer(row), found.match, found.field, found.seen_rank < _NEVER_SEEN,
            row.group_name, extra.card_number, extra.credits,
        )  # fmt: skip
        shown.append(((hit.deactivated, found.match, found.seen_rank, row.search_name), hit))
    shown.sort(key=lambda item: item[0])
    return [hit for _, hit in shown]


def search_customers(
    connection: Connection, query: str, *, limit: int = MAX_RESULTS
) -> CustomerSearch:
    plan = plan_search(query)
    if not plan.tiers:
        return CustomerSearch(())
    found, complete = _collect(connection, plan, limit)
    ranked = sorted(
        found.items(), key=lambda item: (item[1].match, item[1].seen_rank, item[1].order)
    )
    hits = _read(connection, ranked[:limit])
    more = len(found) - len(hits)
    return CustomerSearch(tuple(hits), more, more_at_least=not complete and more > 0)
