"""Rows ↔ frozen domain values.

Rows come from Core selects (`sqlalchemy.Row`, typed `Any` here since every select has its
own column tuple); they are fast and never leave the db package, only the domain values do.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, time
from decimal import Decimal
from typing import Any

from loyalty.cashback import Availability, CashbackRule, Conditions, Resource
from loyalty.catalog import VAT_RATES, Product, VatRate
from loyalty.customers import Address, Card, Customer, CustomerGroup, CustomerType
from loyalty.discounts import Discount, DiscountKind, DiscountScope, ScopeKind
from loyalty.money import Money
from loyalty.tenders import TenderKind
from loyalty.vouchers import Voucher, VoucherKind, VoucherStatus

_VAT_BY_KEY = {(rate.code, str(rate.percent)): rate for rate in VAT_RATES}


def split_ids(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def join_ids(ids: Iterable[str]) -> str:
    return " ".join(ids)


def vat_rate(code: str, percent: str) -> VatRate:
    return _VAT_BY_KEY.get((code, percent)) or VatRate(code, Decimal(percent))


def product(row: Any) -> Product:
    return Product(
        id=row.id,
        name=row.name,
        category_id=row.category_id,
        price=Money(row.price_minor, row.currency),
        vat=vat_rate(row.vat_code, row.vat_percent),
        active=bool(row.active),
    )


def customer(row: Any) -> Customer:
    details = json.loads(row.details or "{}")
    return Customer(
        id=row.id,
        name=row.name,
        type=CustomerType(row.type),
        group_id=row.group_id,
        nip=row.nip,
        email=row.email,
        phone=row.phone,
        address=Address(**details.get("address", {})),
        tags=frozenset(split_ids(row.tags)),
        active=bool(row.active),
        verified=bool(row.verified),
        discount_limit_disabled=bool(row.discount_limit_disabled),
        discount_allowance=(
            Money(row.discount_allowance_minor)
            if row.discount_allowance_minor is not None
            else None
        ),
    )


def card(row: Any) -> Card:
    return Card(
        code=row.code,
        number=row.number,
        customer_id=row.customer_id,
        expires_on=row.expires_on,
        blocked=bool(row.blocked),
    )


def group(row: Any) -> CustomerGroup:
    return CustomerGroup(
        id=row.id,
        name=row.name,
        reference=row.reference,
        description=row.description,
        daily_discount_limit=Money(row.daily_limit_minor)
        if row.daily_limit_minor is not None
        else None,
        discount_ids=split_ids(row.discount_ids),
        assignable_at_till=bool(row.assignable_at_till),
    )


def discount(row: Any) -> Discount:
    return Discount(
        id=row.id,
        name=row.name,
        kind=DiscountKind(row.kind),
        percent=Decimal(row.percent) if row.percent is not None else None,
        amount=Money(row.amount_minor) if row.amount_minor is not None else None,
        scope=DiscountScope(ScopeKind(row.scope_kind), frozenset(split_ids(row.scope_ids))),
        visible_on_terminal=bool(row.visible_on_terminal),
        min_bill=Money(row.min_bill_minor) if row.min_bill_minor is not None else None,
    )


def voucher(row: Any) -> Voucher:
    return Voucher(
        code=row.code,
        kind=VoucherKind(row.kind),
        amount=Money(row.amount_minor) if row.amount_minor is not None else None,
        percent=Decimal(row.percent) if row.percent is not None else None,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        owner_id=row.owner_id,
        single_use=bool(row.single_use),
        status=VoucherStatus(row.status),
        offline_redeemable=bool(row.offline_redeemable),
    )


def _iso(value: date | time | None) -> str | None:
    return value.isoformat() if value is not None else None


def cashback_rule_to_json(rule: CashbackRule) -> str:
    """Canonical JSON (sorted keys, percent as a decimal string) of a cashback rule."""
    availability, conditions = rule.availability, rule.conditions
    return json.dumps(
        {
            "id": rule.id,
            "name": rule.name,
            "resource": rule.resource.value,
            "percent": str(rule.percent) if rule.percent is not None else None,
            "fixed": rule.fixed,
            "maximum": rule.maximum,
            "date_from": _iso(availability.date_from),
            "date_to": _iso(availability.date_to),
            "weekdays": sorted(availability.weekdays),
            "hours_from": _iso(availability.hours_from),
            "hours_to": _iso(availability.hours_to),
            "min_bill_minor": conditions.min_bill.minor if conditions.min_bill else None,
            "payment_methods": sorted(conditions.payment_methods),
            "customer_types": sorted(conditions.customer_types),
            "group_ids": sorted(conditions.group_ids),
        },
        sort_keys=True,
        ensure_ascii=False,
    )


def cashback_rule_from_json(text: str) -> CashbackRule:
    data = json.loads(text)

    def day(key: str) -> date | None:
        return date.fromisoformat(data[key]) if data.get(key) else None

    def clock(key: str) -> time | None:
        return time.fromisoformat(data[key]) if data.get(key) else None

    return CashbackRule(
        id=data["id"],
        name=data["name"],
        resource=Resource(data["resource"]),
        percent=Decimal(data["percent"]) if data.get("percent") is not None else None,
        fixed=int(data.get("fixed", 0)),
        maximum=data.get("maximum"),
        availability=Availability(
            date_from=day("date_from"),
            date_to=day("date_to"),
            weekdays=frozenset(data.get("weekdays", ())),
            hours_from=clock("hours_from"),
            hours_to=clock("hours_to"),
        ),
        conditions=Conditions(
            min_bill=Money(data["min_bill_minor"])
            if data.get("min_bill_minor") is not None
            else None,
            payment_methods=frozenset(TenderKind(m) for m in data.get("payment_methods", ())),
            customer_types=frozenset(CustomerType(t) for t in data.get("customer_types", ())),
            group_ids=frozenset(data.get("group_ids", ())),
        ),
    )
