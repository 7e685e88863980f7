"""Cashback rules (seed 001), checked by the shared rule (`loyalty.cashback`).

Each part of the rule is built alone first (the weekdays, the hour window, the award), so a
refusal from the shared rule lands on the field it is about. The CRM adds what the shared
rule cannot know: the groups named must exist, and a date range must not end before it
starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.services.definitions import MAX_MINOR, check_count, clean_ids, clean_name, read_rate
from crm.services.errors import Problems
from crm.services.rates import bp_to_percent
from crm.store.models import CashbackRuleRow, CustomerGroupRow
from loyalty.cashback import Availability, CashbackRule, Conditions, Resource
from loyalty.customers import CustomerType
from loyalty.errors import DomainError
from loyalty.money import Money
from loyalty.tenders import TenderKind

ENTITY = "cashback_rule"


@dataclass(frozen=True, slots=True)
class AvailabilityFields:
    """When a rule runs; empty fields mean always. Weekdays: 0 = Monday … 6 = Sunday."""

    date_from: date | None = None
    date_to: date | None = None
    weekdays: tuple[int, ...] = ()
    hours_from: time | None = None
    hours_to: time | None = None


@dataclass(frozen=True, slots=True)
class ConditionFields:
    """All must hold at once; an empty one always holds."""

    min_bill_minor: int | None = None
    payment_methods: tuple[str, ...] = ()  # loyalty.tenders.TenderKind values
    customer_types: tuple[str, ...] = ()  # lead | client | registered
    group_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CashbackSpec:
    """`fixed` and `maximum` are points for a points rule, grosze for a credits rule."""

    name: str
    resource: str  # points | credits
    percent: object = None  # text such as "10" or "2.5"; never a float
    fixed: int = 0
    maximum: int | None = None
    availability: AvailabilityFields = AvailabilityFields()
    conditions: ConditionFields = ConditionFields()


@dataclass(frozen=True, slots=True)
class CashbackRuleView:
    id: str
    name: str
    resource: str
    percent: Decimal | None
    fixed: int
    maximum: int | None
    availability: AvailabilityFields
    conditions: ConditionFields
    active: bool
    version: int
    created_at: datetime
    updated_at: datetime

    def rule(self) -> CashbackRule:
        """The shared rule's cashback rule, as the terminal evaluates it."""
        when, given = self.availability, self.conditions
        return CashbackRule(
            id=self.id,
            name=self.name,
            resource=Resource(self.resource),
            percent=self.percent,
            fixed=self.fixed,
            maximum=self.maximum,
            availability=Availability(
                when.date_from,
                when.date_to,
                frozenset(when.weekdays),
                when.hours_from,
                when.hours_to,
            ),
            conditions=Conditions(
                None if given.min_bill_minor is None else Money(given.min_bill_minor),
                frozenset(TenderKind(kind) for kind in given.payment_methods),
                frozenset(CustomerType(kind) for kind in given.customer_types),
                frozenset(given.group_ids),
            ),
        )


def view(row: CashbackRuleRow) -> CashbackRuleView:
    return CashbackRuleView(
        id=row.id,
        name=row.name,
        resource=row.resource,
        percent=None if row.percent_bp is None else bp_to_percent(row.percent_bp),
        fixed=row.fixed,
        maximum=row.maximum,
        availability=AvailabilityFields(
            row.date_from, row.date_to, tuple(row.weekdays or ()), row.hours_from, row.hours_to
        ),
        conditions=ConditionFields(
            row.min_bill_minor,
            tuple(row.payment_methods or ()),
            tuple(row.customer_types or ()),
            tuple(row.group_ids or ()),
        ),
        active=row.active,
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _availability(problems: Problems, when: AvailabilityFields) -> Availability:
    field = "availability."
    with problems.field(field + "weekdays"):
        Availability(weekdays=frozenset(when.weekdays))
    missing = "hours_to" if when.hours_to is None else "hours_from"
    with problems.field(field + missing):
        Availability(hours_from=when.hours_from, hours_to=when.hours_to)
    for name, hour in (("hours_from", when.hours_from), ("hours_to", when.hours_to)):
        if hour is not None and hour.tzinfo is not None:
            problems.add(field + name, "a wall-clock time, without a time zone")
    if when.date_from and when.date_to and when.date_to < when.date_from:
        problems.add(field + "date_to", "cannot be before date_from")
    if any(p.field.startswith(field) for p in problems.found):
        return Availability()
    return Availability(
        when.date_from, when.date_to, frozenset(when.weekdays), when.hours_from, when.hours_to
    )


def _members(problems: Problems, field: str, given: tuple[str, ...], kind: type[Any]) -> Any:
    """The enum members named (e.g. payment methods), each unknown name a problem."""
    allowed = ", ".join(member.value for member in kind)
    unknown = [name for name in given if name not in {member.value for member in kind}]
    if unknown:
        problems.add(field, f"unknown: {', '.join(map(repr, unknown))}; one of {allowed}")
    return frozenset(kind(name) for name in given if name not in unknown)


def _conditions(session: Session, problems: Problems, given: ConditionFields) -> Conditions:
    field = "conditions."
    check_count(problems, field + "min_bill_minor", given.min_bill_minor, least=0)
    group_ids = clean_ids(problems, field + "group_ids", given.group_ids)
    if group_ids and not any(p.field == field + "group_ids" for p in problems.found):
        known = set(
            session.scalars(select(CustomerGroupRow.id).where(CustomerGroupRow.id.in_(group_ids)))
        )
        missing = [group for group in group_ids if group not in known]
        if missing:
            problems.add(field + "group_ids", f"no such group: {', '.join(map(repr, missing))}")
    min_bill = given.min_bill_minor
    return Conditions(
        min_bill=Money(min_bill) if type(min_bill) is int else None,
        payment_methods=_members(
            problems, field + "payment_methods", given.payment_methods, TenderKind
        ),
        customer_types=_members(
            problems, field + "customer_types", given.customer_types, CustomerType
        ),
        group_ids=frozenset(group_ids),
    )


def checked(session: Session, spec: CashbackSpec) -> dict[str, Any]:
    """The columns of a valid rule, or Invalid naming every bad field."""
    problems = Problems()
    name = clean_name(problems, "name", spec.name)
    resource: Resource | None = None
    try:
        resource = Resource(spec.resource)
    except ValueError:
        problems.add("resource", "points or credits")
    percent, percent_bp = read_rate(problems, "percent", spec.percent)
    check_count(problems, "fixed", spec.fixed, least=-MAX_MINOR)
    check_count(problems, "maximum", spec.maximum, least=-MAX_MINOR)
    award_ok = not {p.field for p in problems.found} & {"percent", "fixed", "maximum"}
    availability = _availability(problems, spec.availability)
    conditions = _conditions(session, problems, spec.conditions)
    if resource is not None and award_ok:
        try:
            CashbackRule(
                "new", name, resource, percent, spec.fixed, spec.maximum, availability, conditions
            )
        except DomainError as error:
            negative = [
                field
                for field, value in (("fixed", spec.fixed), ("maximum", spec.maximum))
                if value is not None and value < 0
            ]
            for field in negative or ["percent"]:
                problems.add(field, str(error))
    problems.raise_if_any()
    when, given = spec.availability, spec.conditions
    return {
        "name": name,
        "resource": spec.resource,
        "percent_bp": percent_bp,
        "fixed": spec.fixed,
        "maximum": spec.maximum,
        "date_from": when.date_from,
        "date_to": when.date_to,
        "weekdays": tuple(sorted(set(when.weekdays))),
        "hours_from": when.hours_from,
        "hours_to": when.hours_to,
        "min_bill_minor": given.min_bill_minor,
        "payment_methods": tuple(dict.fromkeys(given.payment_methods)),
        "customer_types": tuple(dict.fromkeys(given.customer_types)),
        "group_ids": tuple(dict.fromkeys(given.group_ids)),
    }
