"""Voucher templates: a voucher a customer can take in exchange for points (seed 001).

The voucher part (kind and value) is checked by the shared rule (`loyalty.vouchers.Voucher`);
the CRM adds the price in points and how many days an issued voucher stays valid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from crm.services.definitions import (
    MAX_MINOR,
    check_count,
    clean_name,
    read_rate,
    value_field,
)
from crm.services.errors import Problems
from crm.services.rates import bp_to_percent
from crm.store.models import VoucherTemplateRow
from loyalty.money import Money
from loyalty.vouchers import Voucher, VoucherKind

ENTITY = "voucher_template"
LONGEST_VALIDITY_DAYS = 36_600  # a hundred years: "valid_days: null" is the way to say never


@dataclass(frozen=True, slots=True)
class TemplateSpec:
    """`percent` is text such as "10" (never a float); `valid_days` None = never expires."""

    name: str
    kind: str  # amount | percent
    points_price: int
    amount_minor: int | None = None
    percent: object = None
    valid_days: int | None = None
    offline_redeemable: bool = False


@dataclass(frozen=True, slots=True)
class TemplateView:
    id: str
    name: str
    kind: str
    amount_minor: int | None
    percent: Decimal | None
    valid_days: int | None
    points_price: int
    offline_redeemable: bool
    active: bool
    version: int
    created_at: datetime
    updated_at: datetime

    def valid_to(self, issued_on: date) -> date | None:
        """The last day a voucher issued on `issued_on` may be used."""
        return None if self.valid_days is None else issued_on + timedelta(days=self.valid_days)


def view(row: VoucherTemplateRow) -> TemplateView:
    return TemplateView(
        id=row.id,
        name=row.name,
        kind=row.kind,
        amount_minor=row.amount_minor,
        percent=None if row.percent_bp is None else bp_to_percent(row.percent_bp),
        valid_days=row.valid_days,
        points_price=row.points_price,
        offline_redeemable=row.offline_redeemable,
        active=row.active,
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def checked(spec: TemplateSpec) -> dict[str, Any]:
    """The columns of a valid template, or Invalid naming every bad field."""
    problems = Problems()
    name = clean_name(problems, "name", spec.name)
    percent, percent_bp = read_rate(problems, "percent", spec.percent)
    check_count(problems, "amount_minor", spec.amount_minor, least=-MAX_MINOR)
    check_count(problems, "valid_days", spec.valid_days, least=1, most=LONGEST_VALIDITY_DAYS)
    check_count(problems, "points_price", spec.points_price, least=1)
    kind: VoucherKind | None = None
    try:
        kind = VoucherKind(spec.kind)
    except ValueError:
        problems.add("kind", "amount or percent")
    values_ok = not {p.field for p in problems.found} & {"percent", "amount_minor"}
    if kind is not None and values_ok:
        percent_kind = kind is VoucherKind.PERCENT
        with problems.field(
            value_field(percent_kind=percent_kind, percent=spec.percent, amount=spec.amount_minor)
        ):
            Voucher(
                code="TEMPLATE",
                kind=kind,
                amount=None if spec.amount_minor is None else Money(spec.amount_minor),
                percent=percent,
                offline_redeemable=spec.offline_redeemable,
            )
    problems.raise_if_any()
    return {
        "name": name,
        "kind": spec.kind,
        "amount_minor": spec.amount_minor,
        "percent_bp": percent_bp,
        "valid_days": spec.valid_days,
        "points_price": spec.points_price,
        "offline_redeemable": bool(spec.offline_redeemable),
    }
