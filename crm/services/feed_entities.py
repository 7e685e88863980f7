"""The current state of what terminals cache, by entity type and id, as shared domain values.

The change feed names entities; these read them ("mark and read"): `load` gives the values
of the ids that exist now (a missing id is a tombstone), `ids_after` pages a type's ids in
key order for snapshots (an index range, never OFFSET), `ordered_ids` lists them all in
code-point order for digests. A deactivated discount or cashback rule does not exist for a
terminal. A `limit` is the sum of a customer's group discount on one business day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select, true, tuple_
from sqlalchemy.orm import Session

from crm.services import cashback_rules, discounts, voucher_fields
from crm.store.among import among
from crm.store.models import (
    BalanceRow,
    CardRow,
    CashbackRuleRow,
    CustomerGroupRow,
    CustomerRow,
    CustomerTagRow,
    DiscountRow,
    DiscountUsageRow,
    GroupDiscountRow,
    VoucherRow,
)
from loyalty.customers import Address, Card, Customer, CustomerGroup, CustomerType
from loyalty.money import Money
from sync.wire.reference import BalanceFigures, LimitUsage, Value, limit_key

Loader = Callable[[Session, Sequence[str]], dict[str, Value]]
_CUSTOMER = (
    CustomerRow.id, CustomerRow.name, CustomerRow.type, CustomerRow.group_id, CustomerRow.nip,
    CustomerRow.email, CustomerRow.phone, CustomerRow.country, CustomerRow.city,
    CustomerRow.street, CustomerRow.building, CustomerRow.flat, CustomerRow.active,
    CustomerRow.verified, CustomerRow.discount_limit_disabled,
    CustomerRow.discount_allowance_minor,
)  # fmt: skip


def _customers(session: Session, ids: Sequence[str]) -> dict[str, Value]:
    tags: dict[str, set[str]] = defaultdict(set)
    query = select(CustomerTagRow.customer_id, CustomerTagRow.tag).where(
        among(session, CustomerTagRow.customer_id, ids)
    )
    for customer_id, tag in session.execute(query):
        tags[customer_id].add(tag)
    found: dict[str, Value] = {}
    for r in session.execute(select(*_CUSTOMER).where(among(session, CustomerRow.id, ids))):
        allowance = r.discount_allowance_minor
        found[r.id] = Customer(
            id=r.id,
            name=r.name,
            type=CustomerType(r.type),
            group_id=r.group_id,
            nip=r.nip,
            email=r.email,
            phone=r.phone,
            address=Address(r.country, r.city, r.street, r.building, r.flat),
            tags=frozenset(tags.get(r.id, ())),
            active=r.active,
            verified=r.verified,
            discount_limit_disabled=r.discount_limit_disabled,
            discount_allowance=None if allowance is None else Money(allowance),
        )
    return found


def _cards(session: Session, codes: Sequence[str]) -> dict[str, Value]:
    columns = (CardRow.code, CardRow.number, CardRow.customer_id, CardRow.expires_on)
    query = select(*columns, CardRow.blocked).where(among(session, CardRow.code, codes))
    return {
        r.code: Card(r.code, r.number, r.customer_id, r.expires_on, r.blocked)
        for r in session.execute(query)
    }


def _groups(session: Session, ids: Sequence[str]) -> dict[str, Value]:
    assigned: dict[str, list[str]] = defaultdict(list)
    links = select(GroupDiscountRow.group_id, GroupDiscountRow.discount_id).where(
        among(session, GroupDiscountRow.group_id, ids)
    )
    for group_id, discount_id in session.execute(links):
        assigned[group_id].append(discount_id)
    found: dict[str, Value] = {}
    query = select(CustomerGroupRow).where(among(session, CustomerGroupRow.id, ids))
    for row in session.scalars(query):
        limit = row.daily_discount_limit_minor
        found[row.id] = CustomerGroup(
            id=row.id,
            name=row.name,
            reference=row.reference,
            description=row.description,
            daily_discount_limit=None if limit is None else Money(limit),
            discount_ids=tuple(sorted(assigned.get(row.id, ()))),
            assignable_at_till=row.assignable_at_till,
        )
    return found


def _discounts(session: Session, ids: Sequence[str]) -> dict[str, Value]:
    query = select(DiscountRow).where(among(session, DiscountRow.id, ids), DiscountRow.active)
    return {row.id: discounts.view(row).rule() for row in session.scalars(query)}


def _cashback_rules(session: Session, ids: Sequence[str]) -> dict[str, Value]:
    query = select(CashbackRuleRow).where(
        among(session, CashbackRuleRow.id, ids), CashbackRuleRow.active
    )
    return {row.id: cashback_rules.view(row).rule() for row in session.scalars(query)}


def _vouchers(session: Session, codes: Sequence[str]) -> dict[str, Value]:
    query = select(VoucherRow).where(among(session, VoucherRow.code, codes))
    return {row.code: voucher_fields.view(row).rule() for row in session.scalars(query)}


def _balances(session: Session, ids: Sequence[str]) -> dict[str, Value]:
    amounts: dict[str, dict[str, int]] = defaultdict(dict)
    query = select(BalanceRow.customer_id, BalanceRow.account, BalanceRow.amount)
    for customer_id, account, amount in session.execute(
        query.where(among(session, BalanceRow.customer_id, ids))
    ):
        amounts[customer_id][account] = amount
    return {
        customer_id: BalanceFigures(
            customer_id, held.get("credits", 0), held.get("wallet", 0), held.get("points", 0)
        )
        for customer_id, held in amounts.items()
    }


def _limit_pair(key: str) -> tuple[str, date] | None:
    customer_id, _, day = key.rpartition("/")
    try:
        return (customer_id, date.fromisoformat(day)) if customer_id else None
    except ValueError:
        return None


_USAGE = (DiscountUsageRow.customer_id, DiscountUsageRow.business_date)


def _usage_sums(where: ColumnElement[bool]) -> Select[str, date, int]:
    used = func.sum(DiscountUsageRow.amount_minor)
    return select(*_USAGE, used).where(where).group_by(*_USAGE)


def _limits(session: Session, keys: Sequence[str]) -> dict[str, Value]:
    wanted = {key for key in keys if _limit_pair(key) is not None}
    customers = sorted({key.rpartition("/")[0] for key in wanted})
    found: dict[str, Value] = {}
    for customer_id, day, used in session.execute(
        _usage_sums(among(session, DiscountUsageRow.customer_id, customers))
    ):
        usage = LimitUsage(customer_id, day, int(used))
        if usage.key in wanted:
            found[usage.key] = usage
    return found


@dataclass(frozen=True, slots=True)
class Kind:
    """One entity type: its key column, what exists of it for a terminal, how to load it."""

    key: Any
    live: ColumnElement[bool]
    load: Loader


KINDS: dict[str, Kind] = {
    "group": Kind(CustomerGroupRow.id, true(), _groups),
    "discount": Kind(DiscountRow.id, DiscountRow.active.is_(True), _discounts),
    "cashback_rule": Kind(CashbackRuleRow.id, CashbackRuleRow.active.is_(True), _cashback_rules),
    "customer": Kind(CustomerRow.id, true(), _customers),
    "card": Kind(CardRow.code, true(), _cards),
    "voucher": Kind(VoucherRow.code, true(), _vouchers),
    "balance": Kind(BalanceRow.customer_id, true(), _balances),
    "limit": Kind(None, true(), _limits),
}


def ids_after(session: Session, entity: str, after: str | None, limit: int) -> list[str]:
    """Up to `limit` ids of the type after `after`, in the key's index order."""
    if entity == "limit":
        start = _limit_pair(after) if after is not None else None
        where = tuple_(*_USAGE) > tuple_(*start) if start is not None else true()
        query = _usage_sums(where).order_by(*_USAGE).limit(limit)
        return [limit_key(customer_id, day) for customer_id, day, _ in session.execute(query)]
    kind = KINDS[entity]
    query = select(kind.key).where(kind.live).order_by(kind.key).limit(limit)
    if entity == "balance":  # three rows (accounts) per customer
        query = query.distinct()
    if after is not None:
        query = query.where(kind.key > after)
    return list(session.scalars(query))


def ordered_ids(session: Session, entity: str) -> Iterator[str]:
    """Every id of the type in code-point order (collation "C" on PostgreSQL), streamed."""
    if entity == "limit":
        pairs = session.execute(select(*_USAGE).distinct())
        yield from sorted(limit_key(customer_id, day) for customer_id, day in pairs)
        return
    kind = KINDS[entity]
    bytewise = session.get_bind().dialect.name == "postgresql"
    key = kind.key.collate("C") if bytewise else kind.key
    query = select(key).where(kind.live).order_by(key)
    if entity == "balance":
        query = query.distinct()
    yield from session.scalars(query.execution_options(yield_per=5000))


def count(session: Session, entity: str) -> int:
    """How many of the type exist for a terminal now (a snapshot's progress)."""
    if entity == "limit":
        pairs = select(*_USAGE).distinct().subquery()
        return session.scalar(select(func.count()).select_from(pairs)) or 0
    kind = KINDS[entity]
    counted = func.count(kind.key.distinct()) if entity == "balance" else func.count()
    return session.scalar(select(counted).select_from(kind.key.table).where(kind.live)) or 0
