"""Discounts: what a manager may define, checked by the shared rule (`loyalty.discounts`).

The CRM adds only what the shared rule cannot know: a whole-bill discount names no
categories or products, a narrower one names at least one, and sizes fit the columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from crm.services.definitions import (
    MAX_MINOR,
    check_count,
    clean_ids,
    clean_name,
    read_rate,
    value_field,
)
from crm.services.errors import Problems
from crm.services.rates import bp_to_percent
from crm.store.models import DiscountRow
from loyalty.discounts import Discount, DiscountKind, DiscountScope, ScopeKind
from loyalty.money import Money

ENTITY = "discount"


@dataclass(frozen=True, slots=True)
class DiscountSpec:
    """A discount as a manager defines it; `percent` is text such as "12.5" (never a float)."""

    name: str
    kind: str  # percent | amount
    percent: object = None
    amount_minor: int | None = None
    scope_kind: str = "bill"  # bill | categories | products
    scope_ids: tuple[str, ...] = ()
    visible_on_terminal: bool = True
    min_bill_minor: int | None = None


@dataclass(frozen=True, slots=True)
class DiscountView:
    id: str
    name: str
    kind: str
    percent: Decimal | None
    amount_minor: int | None
    scope_kind: str
    scope_ids: tuple[str, ...]
    visible_on_terminal: bool
    min_bill_minor: int | None
    active: bool
    version: int
    created_at: datetime
    updated_at: datetime

    def rule(self) -> Discount:
        """The shared rule's discount, as the terminal applies it."""
        return Discount(
            id=self.id,
            name=self.name,
            kind=DiscountKind(self.kind),
            percent=self.percent,
            amount=None if self.amount_minor is None else Money(self.amount_minor),
            scope=DiscountScope(ScopeKind(self.scope_kind), frozenset(self.scope_ids)),
            visible_on_terminal=self.visible_on_terminal,
            min_bill=None if self.min_bill_minor is None else Money(self.min_bill_minor),
        )


def view(row: DiscountRow) -> DiscountView:
    return DiscountView(
        id=row.id,
        name=row.name,
        kind=row.kind,
        percent=None if row.percent_bp is None else bp_to_percent(row.percent_bp),
        amount_minor=row.amount_minor,
        scope_kind=row.scope_kind,
        scope_ids=tuple(row.scope_ids or ()),
        visible_on_terminal=row.visible_on_terminal,
        min_bill_minor=row.min_bill_minor,
        active=row.active,
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _scope(problems: Problems, spec: DiscountSpec) -> tuple[DiscountScope, tuple[str, ...]]:
    ids = clean_ids(problems, "scope.ids", spec.scope_ids)
    try:
        kind = ScopeKind(spec.scope_kind)
    except ValueError:
        problems.add("scope.kind", "one of bill, categories, products")
        return DiscountScope(), ids
    if kind is ScopeKind.BILL and ids:
        problems.add("scope.ids", "a whole-bill discount names no categories or products")
    if kind is not ScopeKind.BILL and not ids:
        problems.add("scope.ids", f"name at least one of the {kind.value}")
    return DiscountScope(kind, frozenset(ids)), ids


def checked(spec: DiscountSpec) -> dict[str, Any]:
    """The columns of a valid discount, or Invalid naming every bad field."""
    problems = Problems()
    name = clean_name(problems, "name", spec.name)
    percent, percent_bp = read_rate(problems, "percent", spec.percent)
    check_count(problems, "amount_minor", spec.amount_minor, least=-MAX_MINOR)
    check_count(problems, "min_bill_minor", spec.min_bill_minor, least=0)
    scope, scope_ids = _scope(problems, spec)
    kind: DiscountKind | None = None
    try:
        kind = DiscountKind(spec.kind)
    except ValueError:
        problems.add("kind", "percent or amount")
    values_ok = not {p.field for p in problems.found} & {"percent", "amount_minor"}
    if kind is not None and values_ok:
        percent_kind = kind is DiscountKind.PERCENT
        with problems.field(
            value_field(percent_kind=percent_kind, percent=spec.percent, amount=spec.amount_minor)
        ):
            Discount(
                id="new",
                name=name,
                kind=kind,
                percent=percent,
                amount=None if spec.amount_minor is None else Money(spec.amount_minor),
                scope=scope,
                visible_on_terminal=spec.visible_on_terminal,
                min_bill=Money(spec.min_bill_minor) if type(spec.min_bill_minor) is int else None,
            )
    problems.raise_if_any()
    return {
        "name": name,
        "kind": spec.kind,
        "percent_bp": percent_bp,
        "amount_minor": spec.amount_minor,
        "scope_kind": spec.scope_kind,
        "scope_ids": scope_ids,
        "visible_on_terminal": bool(spec.visible_on_terminal),
        "min_bill_minor": spec.min_bill_minor,
    }
