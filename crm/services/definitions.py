"""What discounts, cashback rules, voucher templates and vouchers share.

- Checks of plain input (names, ids, counts) that no shared rule covers, each naming its
  field, so one answer lists every problem.
- Stored changes as the audit log wants them: before/after of the changed columns only,
  in JSON (dates as ISO text), with the row's version moved on.
- Pages of definitions in name order, by keyset (`keyset`): never an OFFSET.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.services import audit, keyset, versions
from crm.services.actor import Actor
from crm.services.context import new_id
from crm.services.errors import NotFound, Problems
from crm.services.keyset import Page
from crm.services.rates import parse_percent, percent_to_bp

MAX_MINOR = 10**12  # ten billion złoty: above any real amount, far below BIGINT's limit
ID_LENGTH = 64
NAME_LENGTH = 200
DEFAULT_PAGE = 50


def _printable(text: str) -> bool:
    # PostgreSQL refuses NUL in text, and no name needs a control character.
    return all(ch.isprintable() for ch in text)


def clean_name(problems: Problems, field: str, text: str) -> str:
    name = " ".join(text.split())
    if not 1 <= len(name) <= NAME_LENGTH or not _printable(name):
        problems.add(field, f"1 to {NAME_LENGTH} printable characters")
    return name


def looks_like_id(text: str) -> bool:
    return 1 <= len(text) <= ID_LENGTH and _printable(text) and text.strip() == text


def clean_ids(problems: Problems, field: str, ids: Sequence[str]) -> tuple[str, ...]:
    bad = [text for text in ids if not looks_like_id(text)]
    if bad:
        problems.add(field, f"not an id: {bad[0]!r}")
    return tuple(dict.fromkeys(ids))  # order kept, repeats dropped


def check_count(
    problems: Problems, field: str, value: int | None, *, least: int, most: int = MAX_MINOR
) -> None:
    """An amount in grosze, a number of points or days: a whole number in [least, most]."""
    if value is None:
        return
    if type(value) is not int:
        problems.add(field, "a whole number")
    elif not least <= value <= most:
        problems.add(field, f"between {least} and {most}")


def read_rate(problems: Problems, field: str, value: object) -> tuple[Decimal | None, int | None]:
    """A percentage as given (see `rates`) and in basis points; (None, None) if not given."""
    if value is None:
        return None, None
    with problems.field(field):
        percent = parse_percent(value)
        return percent, percent_to_bp(percent)
    return None, None


def value_field(*, percent_kind: bool, percent: object, amount: int | None) -> str:
    """Which field a shared rule's refusal of a percent-or-amount value is about: the value
    the kind needs, or the other one when both were given."""
    if percent_kind:
        return "amount_minor" if amount is not None else "percent"
    return "percent" if percent is not None else "amount_minor"


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [jsonable(item) for item in value]
    return value


def apply_changes(row: Any, values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Set `values` on `row`; (before, after) of the columns that changed, for the audit."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for column, value in values.items():
        old = getattr(row, column)
        if isinstance(old, list):
            old = tuple(old)
        if old != value:
            before[column] = jsonable(old)
            after[column] = jsonable(value)
        setattr(row, column, list(value) if isinstance(value, tuple) else value)
    return before, after


def snapshot(values: dict[str, Any]) -> dict[str, Any]:
    return {column: jsonable(value) for column, value in values.items()}


def fetch(
    session: Session, row_type: type[Any], key: str, entity: str, *, lock: bool = False
) -> Any:
    """The stored row with primary key `key` (locked for a change), or NotFound."""
    row = session.get(row_type, key, with_for_update=lock) if looks_like_id(key) else None
    if row is None:
        raise NotFound(entity, key)
    return row


def add_row(
    session: Session,
    row_type: type[Any],
    entity: str,
    values: dict[str, Any],
    *,
    actor: Actor,
    at: datetime,
) -> Any:
    """A new definition (active, version 1), audited as "<entity>.created"."""
    columns = {
        key: list(value) if isinstance(value, tuple) else value for key, value in values.items()
    }
    row = row_type(id=new_id(), **columns, active=True, created_at=at, updated_at=at, version=1)
    session.add(row)
    audit.record(
        session,
        actor=actor,
        at=at,
        action=f"{entity}.created",
        entity=entity,
        entity_id=row.id,
        after=snapshot(values),
    )
    return row


def change_row(
    session: Session,
    row: Any,
    entity: str,
    values: dict[str, Any],
    *,
    actor: Actor,
    at: datetime,
    action: str = "updated",
    key: str | None = None,
    customer_id: str | None = None,
    expected_version: int | None = None,
) -> Any:
    """Apply `values`; every edit moves the version on, and is audited with what changed.

    `key` names the row in the audit when its key is not `id` (a voucher's code);
    `expected_version`, the version the editor saw (`crm.services.versions`)."""
    versions.check(row.version, expected_version)
    before, after = apply_changes(row, values)
    row.version += 1
    row.updated_at = at
    audit.record(
        session,
        actor=actor,
        at=at,
        action=f"{entity}.{action}",
        entity=entity,
        entity_id=key or row.id,
        before=before,
        after=after,
        customer_id=customer_id,
    )
    return row


def set_active(
    session: Session, row: Any, entity: str, active: bool, *, actor: Actor, at: datetime
) -> Any:
    """(De)activate; asking for the state a row is already in changes nothing."""
    if row.active is active:
        return row
    action = "activated" if active else "deactivated"
    return change_row(session, row, entity, {"active": active}, actor=actor, at=at, action=action)


def named_page(
    session: Session, row_type: Any, active: bool | None, cursor: str | None, limit: int
) -> Page[Any]:
    """A page of rows in name order (then id, so equal names page reliably)."""
    keyset.check_limit(limit)
    query = select(row_type).where(*keyset.after(cursor, row_type.name, row_type.id))
    if active is not None:
        query = query.where(row_type.active.is_(active))
    rows = list(session.scalars(query.order_by(row_type.name, row_type.id).limit(limit + 1)))
    return keyset.page_of(rows, limit, lambda row: (row.name, row.id))
