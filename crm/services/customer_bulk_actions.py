"""Bulk actions on every customer of a filter: assign a group, add or remove a tag, deactivate.

Each is a set-based UPDATE/INSERT/DELETE over `matching_ids(filter)`, so giving a tag to
200,000 customers is one statement per table, with one audit entry naming the filter and
the count. Only customers that actually change get a new version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, exists, insert, literal, select, update
from sqlalchemy.orm import Session

from crm.services import audit
from crm.services.actor import Actor
from crm.services.customer_filter import CustomerFilter, matching_ids
from crm.services.errors import Invalid, Problems
from crm.store.models import CustomerGroupRow, CustomerRow, CustomerTagRow, CustomerWordRow
from loyalty.customers import CustomerType
from loyalty.text_fields import TAG_MAX

BULK_ACTIONS = ("assign_group", "add_tag", "remove_tag", "deactivate")


@dataclass(frozen=True, slots=True)
class BulkAction:
    where: CustomerFilter
    action: str
    value: str | None  # the group id (None: out of every group) or the tag


def checked_bulk(where: CustomerFilter, action: str, value: object) -> BulkAction:
    problems = Problems()
    text: str | None = None
    if action not in BULK_ACTIONS:
        problems.add("action", f"one of {', '.join(BULK_ACTIONS)}")
    elif action in {"add_tag", "remove_tag"}:
        text = value.strip() if isinstance(value, str) else ""
        if not 1 <= len(text) <= TAG_MAX:
            problems.add("value", f"a tag of 1 to {TAG_MAX} characters")
    elif action == "assign_group":
        if value is not None and not isinstance(value, str):
            problems.add("value", "a group id, or null to take customers out of their group")
        text = value.strip() or None if isinstance(value, str) else None
    if where.type is not None and where.type not in {t.value for t in CustomerType}:
        problems.add("filter.type", "one of lead, client, registered")
    problems.raise_if_any()
    return BulkAction(where, action, text)


def apply_bulk(session: Session, actor: Actor, now: datetime, bulk: BulkAction) -> int:
    """One set-based statement per table, whatever the number of customers; one audit entry."""
    # correlate(None): the subquery reads `customer` itself, not the UPDATE's row.
    chosen = CustomerRow.id.in_(matching_ids(bulk.where).correlate(None))
    bump = {"version": CustomerRow.version + 1, "updated_at": now}
    has_tag = exists().where(
        CustomerTagRow.customer_id == CustomerRow.id, CustomerTagRow.tag == bulk.value
    )
    if bulk.action == "assign_group":
        # FOR SHARE: a group being deleted meanwhile is either seen gone or waits for us.
        share = {"read": True}
        if bulk.value and session.get(CustomerGroupRow, bulk.value, with_for_update=share) is None:
            raise Invalid.one("value", f"no group {bulk.value!r}")
        changed = CustomerRow.group_id.is_distinct_from(bulk.value)
        # The words' copy of the group first: once moved, a filter by the old group no
        # longer finds the customers.
        session.execute(
            update(CustomerWordRow)
            .where(
                CustomerWordRow.customer_id.in_(matching_ids(bulk.where).correlate(None)),
                CustomerWordRow.group_id.is_distinct_from(bulk.value),
            )
            .values(group_id=bulk.value)
        )
        count = _update(session, chosen, changed, {**bump, "group_id": bulk.value})
    elif bulk.action == "deactivate":
        count = _update(session, chosen, CustomerRow.active.is_(True), {**bump, "active": False})
    elif bulk.action == "add_tag":
        count = _update(session, chosen, ~has_tag, bump)
        # The rows just bumped are exactly those without the tag: give it to them.
        session.execute(
            insert(CustomerTagRow).from_select(
                ["customer_id", "tag"],
                select(CustomerRow.id, literal(bulk.value, CustomerTagRow.tag.type)).where(
                    chosen, ~has_tag
                ),
            )
        )
    else:  # remove_tag
        count = _update(session, chosen, has_tag, bump)
        session.execute(
            delete(CustomerTagRow).where(
                CustomerTagRow.tag == bulk.value,
                CustomerTagRow.customer_id.in_(matching_ids(bulk.where).correlate(None)),
            )
        )
    audit.record(
        session,
        actor=actor,
        at=now,
        action=f"customer.bulk_{bulk.action}",
        entity="customer",
        entity_id="bulk",
        after={"filter": bulk.where.as_document(), "value": bulk.value, "count": count},
    )
    return count


def _update(
    session: Session, chosen: ColumnElement[bool], changes: ColumnElement[bool], values: Any
) -> int:
    result = session.execute(
        update(CustomerRow).where(chosen, changes).values(values),
        execution_options={"synchronize_session": False},
    )
    return int(getattr(result, "rowcount", 0))
