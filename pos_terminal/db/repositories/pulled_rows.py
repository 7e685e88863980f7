"""How each pulled entity lands in the cache: one UPSERT and one DELETE per entity type.

Statements are plain SQL run with `executemany` (a 1,000-row page is one call per table,
as `bulk.py` loads customers). Row forms come from the same functions the rest of the store
uses (`customer_row` with its search columns, `card_row` with `key32`/`key24`), so a pulled
row is found exactly as one added at the till.

- A customer proposed here whose `customer.proposed` op is still pending keeps its row:
  the CRM's copy waits until the op is acknowledged (the UPSERT's WHERE says so).
- Balances and limits carry `as_of_seq` = the entity's feed version; an older one never
  replaces a newer one.
- Rules, cards and vouchers are INSERT OR REPLACE: a group whose reference another group
  held a moment ago replaces that row (it comes back with its own change).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from loyalty.cashback import CashbackRule
from loyalty.customers import Card, Customer, CustomerGroup
from loyalty.discounts import Discount
from loyalty.vouchers import Voucher
from pos_terminal.db import mapping
from pos_terminal.db.repositories.cards import card_row
from pos_terminal.db.repositories.customers import customer_row
from sync.wire.ops import CustomerProposed
from sync.wire.reference import BalanceFigures, LimitUsage, Value

Params = tuple[Any, ...]

CUSTOMER_COLUMNS = (
    "id", "name", "type", "group_id", "nip", "email", "phone", "active", "verified",
    "discount_limit_disabled", "discount_allowance_minor", "tags", "details",
    "proposed_locally", "search_name", "search_phone", "search_email",
)  # fmt: skip
CARD_COLUMNS = ("code", "number", "customer_id", "expires_on", "blocked", "key32", "key24")
# A local proposal the CRM has not acknowledged yet: its row is not the CRM's to replace.
PENDING_PROPOSAL = (
    "customer.proposed_locally = 1 AND EXISTS (SELECT 1 FROM outbox"
    f" WHERE outbox.kind = '{CustomerProposed.KIND}' AND outbox.aggregate_id = customer.id"
    " AND outbox.state = 'pending')"
)


def _insert(table: str, columns: tuple[str, ...], *, replace: bool = False) -> str:
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    marks = ", ".join("?" * len(columns))
    return f"{verb} INTO {table} ({', '.join(columns)}) VALUES ({marks})"


def _upsert(table: str, columns: tuple[str, ...], key: tuple[str, ...], where: str) -> str:
    changes = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in key)
    return (
        f"{_insert(table, columns)} ON CONFLICT({', '.join(key)}) DO UPDATE SET {changes}"
        f" WHERE {where}"
    )


def _iso(value: Any) -> Any:
    return value.isoformat() if value is not None else None


def _customer(value: Value, _version: int) -> Params:
    assert isinstance(value, Customer)
    row = customer_row(value)  # proposed_locally False: the CRM's copy
    return tuple(row[c] for c in CUSTOMER_COLUMNS)


def _card(value: Value, _version: int) -> Params:
    assert isinstance(value, Card)
    row = card_row(value)
    row["expires_on"] = _iso(row["expires_on"])
    return tuple(row[c] for c in CARD_COLUMNS)


def _group(value: Value, _version: int) -> Params:
    assert isinstance(value, CustomerGroup)
    limit = value.daily_discount_limit
    return (
        value.id,
        value.name,
        value.reference,
        value.description,
        None if limit is None else limit.minor,
        mapping.join_ids(value.discount_ids),
        value.assignable_at_till,
    )


def _discount(value: Value, _version: int) -> Params:
    assert isinstance(value, Discount)
    return (
        value.id,
        value.name,
        value.kind.value,
        None if value.percent is None else str(value.percent),
        None if value.amount is None else value.amount.minor,
        value.scope.kind.value,
        mapping.join_ids(sorted(value.scope.ids)),
        value.visible_on_terminal,
        None if value.min_bill is None else value.min_bill.minor,
    )


def _cashback_rule(value: Value, _version: int) -> Params:
    assert isinstance(value, CashbackRule)
    return (value.id, value.name, mapping.cashback_rule_to_json(value))


def _voucher(value: Value, _version: int) -> Params:
    assert isinstance(value, Voucher)
    return (
        value.code,
        value.kind.value,
        None if value.amount is None else value.amount.minor,
        None if value.percent is None else str(value.percent),
        _iso(value.valid_from),
        _iso(value.valid_to),
        value.owner_id,
        value.single_use,
        value.status.value,
        value.offline_redeemable,
    )


def _balance(value: Value, version: int) -> Params:
    assert isinstance(value, BalanceFigures)
    return (value.customer_id, value.credits_minor, value.wallet_minor, value.points, version)


def _limit(value: Value, version: int) -> Params:
    assert isinstance(value, LimitUsage)
    return (value.customer_id, value.business_date.isoformat(), value.used_minor, version)


def _by_id(entity_id: str, _version: int) -> Params:
    return (entity_id,)


def _not_newer(entity_id: str, version: int) -> Params:
    return (entity_id, version)


def _limit_key(entity_id: str, version: int) -> Params:
    customer_id, _, day = entity_id.rpartition("/")
    return (customer_id, day, version)


@dataclass(frozen=True, slots=True)
class Table:
    """Where one entity type lives in the cache and how a pulled row is written there."""

    name: str
    key: str  # the column the feed's id is (for digests); "" for a composite
    upsert: str
    delete: str
    row: Callable[[Value, int], Params]
    delete_params: Callable[[str, int], Params]


_BALANCE = ("customer_id", "credits_minor", "wallet_minor", "points", "as_of_seq")
_LIMIT = ("customer_id", "business_date", "used_minor", "as_of_seq")
_GROUP = (
    "id", "name", "reference", "description", "daily_limit_minor", "discount_ids",
    "assignable_at_till",
)  # fmt: skip
_DISCOUNT = (
    "id", "name", "kind", "percent", "amount_minor", "scope_kind", "scope_ids",
    "visible_on_terminal", "min_bill_minor",
)  # fmt: skip
_VOUCHER = (
    "code", "kind", "amount_minor", "percent", "valid_from", "valid_to", "owner_id",
    "single_use", "status", "offline_redeemable",
)  # fmt: skip
_NEWER = "excluded.as_of_seq >= {table}.as_of_seq"


def _plain(
    name: str, key: str, columns: tuple[str, ...], row: Callable[[Value, int], Params]
) -> Table:
    return Table(
        name, key, _insert(name, columns, replace=True), f"DELETE FROM {name} WHERE {key} = ?",
        row, _by_id,
    )  # fmt: skip


TABLES: dict[str, Table] = {
    "customer": Table(
        "customer",
        "id",
        _upsert("customer", CUSTOMER_COLUMNS, ("id",), f"NOT ({PENDING_PROPOSAL})"),
        f"DELETE FROM customer WHERE id = ? AND NOT ({PENDING_PROPOSAL})",
        _customer,
        _by_id,
    ),
    "card": _plain("card", "code", CARD_COLUMNS, _card),
    "group": _plain("customer_group", "id", _GROUP, _group),
    "discount": _plain("discount", "id", _DISCOUNT, _discount),
    "cashback_rule": _plain("cashback_rule", "id", ("id", "name", "definition"), _cashback_rule),
    "voucher": _plain("voucher", "code", _VOUCHER, _voucher),
    "balance": Table(
        "balance_snapshot",
        "customer_id",
        _upsert(
            "balance_snapshot", _BALANCE, ("customer_id",), _NEWER.format(table="balance_snapshot")
        ),
        "DELETE FROM balance_snapshot WHERE customer_id = ? AND as_of_seq <= ?",
        _balance,
        _not_newer,
    ),
    "limit": Table(
        "limit_snapshot",
        "",
        _upsert(
            "limit_snapshot",
            _LIMIT,
            ("customer_id", "business_date"),
            _NEWER.format(table="limit_snapshot"),
        ),
        "DELETE FROM limit_snapshot WHERE customer_id = ? AND business_date = ? AND as_of_seq <= ?",
        _limit,
        _limit_key,
    ),
}
