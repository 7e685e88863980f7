"""Customer groups: the reference slug, description, daily discount limit, assigned discounts.

The reference links a group across systems (a terminal's config, an import file), so it is
made from the name once, on create, and then KEPT when the group is renamed; it changes only
when a reference is given explicitly. Fields are checked by constructing the terminal's own
`loyalty.customers.CustomerGroup`, so the CRM cannot store a group the terminal refuses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Any

from sqlalchemy import delete, exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from crm.services import audit, keyset, versions
from crm.services.actor import Actor
from crm.services.context import Context, new_id
from crm.services.errors import Conflict, Invalid, NotFound, Problem, Problems
from crm.services.keyset import Page, check_limit, page_of
from crm.store.models import CustomerGroupRow, CustomerRow, DiscountRow, GroupDiscountRow
from loyalty.customers import CustomerGroup, group_reference
from loyalty.errors import DomainError
from loyalty.money import Money
from loyalty.text_fields import NO_CONTROL_CHARACTERS, has_control_characters

NAME_MAX = 200
DESCRIPTION_MAX = 5000


@dataclass(frozen=True, slots=True)
class GroupInput:
    """Raw values; `reference` None on create means "made from the name"."""

    name: str | None = None
    reference: str | None = None
    description: str | None = None
    daily_discount_limit_minor: int | None = None
    discount_ids: tuple[str, ...] | None = None
    assignable_at_till: bool | None = None  # None on create: no (a manager's PIN at the till)


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    name: str
    reference: str
    description: str
    daily_discount_limit_minor: int | None
    discount_ids: tuple[str, ...]  # sorted
    assignable_at_till: bool
    created_at: datetime
    updated_at: datetime
    version: int


_INPUT_FIELDS = frozenset(f.name for f in fields(GroupInput))


def _checked(session: Session, given: GroupInput) -> CustomerGroup:
    """The group as the terminal would hold it; `Invalid` naming every bad field."""
    problems = Problems()
    name = (given.name or "").strip()
    reference = (given.reference or "").strip()
    if not 1 <= len(name) <= NAME_MAX:
        problems.add("name", f"1 to {NAME_MAX} characters")
    elif has_control_characters(name):
        problems.add("name", NO_CONTROL_CHARACTERS)
    elif not reference:
        with problems.field("name"):
            reference = group_reference(name)
    if len(reference) > NAME_MAX:
        problems.add("reference", f"at most {NAME_MAX} characters")
    description = (given.description or "").strip()
    if len(description) > DESCRIPTION_MAX:
        problems.add("description", f"at most {DESCRIPTION_MAX} characters")
    elif has_control_characters(description.replace("\n", "")):  # paragraphs are fine
        problems.add("description", NO_CONTROL_CHARACTERS)
    limit = given.daily_discount_limit_minor
    if limit is not None and type(limit) is not int:
        problems.add("daily_discount_limit_minor", "a whole number of grosze, or null")
        limit = None
    discount_ids = tuple(sorted({d.strip() for d in given.discount_ids or () if d.strip()}))
    known = set(session.scalars(select(DiscountRow.id).where(DiscountRow.id.in_(discount_ids))))
    for index, discount_id in enumerate(discount_ids):
        if discount_id not in known:
            problems.add(f"discount_ids.{index}", f"no discount {discount_id!r}")
    at_till = given.assignable_at_till
    if at_till is not None and type(at_till) is not bool:
        problems.add("assignable_at_till", "true or false")
    group = None
    try:
        group = CustomerGroup(
            id="-",
            name=name,
            reference=reference or "group",  # no reference (a bad name): check the rest
            description=description,
            daily_discount_limit=None if limit is None else Money(limit),
            discount_ids=discount_ids,
            assignable_at_till=at_till is True,
        )
    except DomainError as error:
        # CustomerGroup refuses a reference that is not a slug, or a negative daily limit.
        field = "daily_discount_limit_minor" if "limit" in error.template else "reference"
        problems.add(field, str(error))
    problems.raise_if_any()
    assert group is not None
    return group


class GroupService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def create(self, actor: Actor, given: GroupInput) -> Group:
        actor.may_write()

        def work(session: Session) -> Group:
            group = _checked(session, given)
            self._reference_free(session, group.reference, None)
            now = self.ctx.clock()
            row = CustomerGroupRow(id=new_id(), created_at=now, version=1)
            self._store(session, row, group, now)
            view = self._view(session, row)
            self._audit(session, actor, "group.created", row.id, after=_document(view))
            return view

        return self.ctx.db.write(work)

    def edit(
        self,
        actor: Actor,
        group_id: str,
        changes: dict[str, Any],
        *,
        expected_version: int | None = None,
    ) -> Group:
        """Change the given fields; a new name keeps the reference unless one is given."""
        actor.may_write()
        unknown = sorted(set(changes) - _INPUT_FIELDS)
        if unknown:
            raise Invalid([Problem(name, "not a group field") for name in unknown])
        if changes.get("reference") is None:  # not given, or null: the reference stays
            changes = {key: value for key, value in changes.items() if key != "reference"}

        def work(session: Session) -> Group:
            row = self._row(session, group_id, lock=True)
            versions.check(row.version, expected_version)
            old = self._view(session, row)
            current = GroupInput(
                old.name,
                old.reference,
                old.description,
                old.daily_discount_limit_minor,
                old.discount_ids,
                old.assignable_at_till,
            )
            group = _checked(session, replace(current, **changes))
            self._reference_free(session, group.reference, group_id)
            before, after_doc = _document(old), _document(group)
            changed = sorted(key for key in after_doc if after_doc[key] != before[key])
            if not changed:
                return old
            self._store(session, row, group, self.ctx.clock())
            row.version += 1
            self._audit(
                session,
                actor,
                "group.updated",
                group_id,
                before={key: before[key] for key in changed},
                after={key: after_doc[key] for key in changed},
            )
            return self._view(session, row)

        return self.ctx.db.write(work)

    def delete(self, actor: Actor, group_id: str) -> None:
        actor.may_write()

        def work(session: Session) -> None:
            row = self._row(session, group_id, lock=True)
            if session.scalar(select(exists().where(CustomerRow.group_id == group_id))):
                raise Conflict("group_id", "customers are in the group; move them out first")
            before = _document(self._view(session, row))
            session.delete(row)  # its discount assignments go with it (ON DELETE CASCADE)
            self._audit(session, actor, "group.deleted", group_id, before=before)

        self.ctx.db.write(work)

    def get(self, actor: Actor, group_id: str) -> Group:
        return self.ctx.db.read(lambda session: self._view(session, self._row(session, group_id)))

    def list(self, actor: Actor, limit: int = 100, cursor: str | None = None) -> Page[Group]:
        """Groups in name order, a keyset page at a time."""
        check_limit(limit)
        where = keyset.after(cursor, CustomerGroupRow.name, CustomerGroupRow.id)

        def work(session: Session) -> Page[Group]:
            rows = list(
                session.scalars(
                    select(CustomerGroupRow)
                    .where(*where)
                    .order_by(CustomerGroupRow.name, CustomerGroupRow.id)
                    .limit(limit + 1)
                )
            )
            assigned: dict[str, list[str]] = {row.id: [] for row in rows}
            for group_id, discount_id in session.execute(  # the page's discounts at once
                select(GroupDiscountRow.group_id, GroupDiscountRow.discount_id)
                .where(GroupDiscountRow.group_id.in_(assigned))
                .order_by(GroupDiscountRow.discount_id)
            ):
                assigned[group_id].append(discount_id)
            groups = [_group(row, assigned[row.id]) for row in rows]
            return page_of(groups, limit, lambda group: (group.name, group.id))

        return self.ctx.db.read(work)

    # -- inside a transaction ---------------------------------------------------------------

    def _row(self, session: Session, group_id: str, lock: bool = False) -> CustomerGroupRow:
        row = session.get(CustomerGroupRow, group_id, with_for_update=lock)
        if row is None:
            raise NotFound("group", group_id)
        return row

    def _reference_free(self, session: Session, reference: str, group_id: str | None) -> None:
        other = session.scalar(
            select(CustomerGroupRow.name).where(
                CustomerGroupRow.reference == reference, CustomerGroupRow.id != (group_id or "")
            )
        )
        if other is not None:
            raise Conflict("reference", f"{reference!r} is already the reference of {other!r}")

    def _store(
        self, session: Session, row: CustomerGroupRow, group: CustomerGroup, now: datetime
    ) -> None:
        limit = group.daily_discount_limit
        session.add(row)
        row.name = group.name
        row.reference = group.reference
        row.description = group.description
        row.daily_discount_limit_minor = None if limit is None else limit.minor
        row.assignable_at_till = group.assignable_at_till
        row.updated_at = now
        try:
            session.flush()
        except IntegrityError as error:  # a concurrent save took the reference first
            raise Conflict("reference", f"{group.reference!r} was just taken") from error
        session.execute(delete(GroupDiscountRow).where(GroupDiscountRow.group_id == row.id))
        session.add_all(
            GroupDiscountRow(group_id=row.id, discount_id=d) for d in group.discount_ids
        )
        session.flush()

    def _view(self, session: Session, row: CustomerGroupRow) -> Group:
        discounts = session.scalars(
            select(GroupDiscountRow.discount_id)
            .where(GroupDiscountRow.group_id == row.id)
            .order_by(GroupDiscountRow.discount_id)
        )
        return _group(row, discounts)

    def _audit(
        self,
        session: Session,
        actor: Actor,
        action: str,
        group_id: str,
        *,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        audit.record(
            session,
            actor=actor,
            at=self.ctx.clock(),
            action=action,
            entity="customer_group",
            entity_id=group_id,
            before=before,
            after=after,
        )


def _group(row: CustomerGroupRow, discount_ids: Iterable[str]) -> Group:
    return Group(
        row.id,
        row.name,
        row.reference,
        row.description,
        row.daily_discount_limit_minor,
        tuple(discount_ids),
        bool(row.assignable_at_till),
        row.created_at,
        row.updated_at,
        row.version,
    )


def _document(group: Group | CustomerGroup) -> dict[str, Any]:
    """The audited fields, JSON-ready (a money limit as grosze, discount ids as a list)."""
    if isinstance(group, CustomerGroup):
        limit = group.daily_discount_limit
        return {
            "name": group.name,
            "reference": group.reference,
            "description": group.description,
            "daily_discount_limit_minor": None if limit is None else limit.minor,
            "discount_ids": list(group.discount_ids),
            "assignable_at_till": group.assignable_at_till,
        }
    return {
        "name": group.name,
        "reference": group.reference,
        "description": group.description,
        "daily_discount_limit_minor": group.daily_discount_limit_minor,
        "discount_ids": list(group.discount_ids),
        "assignable_at_till": group.assignable_at_till,
    }
