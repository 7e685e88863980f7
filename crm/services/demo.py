"""The demo CRM: exactly the terminal's demo programme and customers (`loyalty.demo`).

Same ids for groups, discounts, cashback rules, vouchers and customers, and the same cards,
so a terminal started with its own demo data and a CRM started with `--demo` agree on
everything before they ever sync. Rates are stored as basis points (percent × 100).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.services import audit
from crm.services.actor import Actor
from crm.services.customer_bulk import NewCard, NewCustomer, insert_customers
from crm.services.customer_input import ValidCustomer
from crm.store.models import (
    CashbackRuleRow,
    CustomerGroupRow,
    CustomerRow,
    DiscountRow,
    GroupDiscountRow,
    VoucherRow,
)
from loyalty.cashback import CashbackRule
from loyalty.demo.people import demo_customers
from loyalty.demo.programme import (
    CASHBACK_RULES,
    MANUAL_DISCOUNTS,
    VOUCHERS,
    customer_of,
    demo_groups,
)
from loyalty.discounts import Discount
from loyalty.vouchers import Voucher

DESCRIPTION = "demo data"


def basis_points(percent: Decimal | None) -> int | None:
    """10 % → 1000 (the demo's rates are whole hundredths of a percent)."""
    return None if percent is None else int(percent * 100)


def is_empty(session: Session) -> bool:
    """No customer, no group, and none of the demo's rule ids taken."""
    _, discounts = demo_groups()
    if session.scalar(select(CustomerRow.id).limit(1)) is not None:
        return False
    if session.scalar(select(CustomerGroupRow.id).limit(1)) is not None:
        return False
    ids = [d.id for d in (*discounts, *MANUAL_DISCOUNTS)]
    rules = [rule.id for rule in CASHBACK_RULES]
    codes = [voucher.code for voucher in VOUCHERS]
    return (
        session.scalar(select(DiscountRow.id).where(DiscountRow.id.in_(ids)).limit(1)) is None
        and session.scalar(select(CashbackRuleRow.id).where(CashbackRuleRow.id.in_(rules))) is None
        and session.scalar(select(VoucherRow.code).where(VoucherRow.code.in_(codes))) is None
    )


def install(session: Session, *, actor: Actor, at: datetime, customers: int, seed: int) -> int:
    """Insert the programme and `customers` demo customers into an empty database."""
    groups, group_discounts = demo_groups()
    session.add_all(_discount(d, at) for d in (*group_discounts, *MANUAL_DISCOUNTS))
    session.add_all(
        CustomerGroupRow(
            id=group.id,
            name=group.name,
            reference=group.reference,
            description=group.description,
            daily_discount_limit_minor=(
                group.daily_discount_limit.minor if group.daily_discount_limit else None
            ),
            assignable_at_till=group.assignable_at_till,
            created_at=at,
            updated_at=at,
            version=1,
        )
        for group in groups
    )
    session.flush()
    session.add_all(
        GroupDiscountRow(group_id=group.id, discount_id=discount_id)
        for group in groups
        for discount_id in group.discount_ids
    )
    session.add_all(_cashback(rule, at) for rule in CASHBACK_RULES)
    session.add_all(_voucher(voucher, at) for voucher in VOUCHERS)
    session.flush()
    count = insert_customers(
        session, _customers(customers, seed), actor=actor, at=at, description=DESCRIPTION
    )
    audit.record(
        session,
        actor=actor,
        at=at,
        action="demo.installed",
        entity="demo",
        entity_id=f"seed-{seed}",
        after={
            "customers": count,
            "groups": len(groups),
            "discounts": len(group_discounts) + len(MANUAL_DISCOUNTS),
            "cashback_rules": len(CASHBACK_RULES),
            "vouchers": len(VOUCHERS),
        },
    )
    return count


def _customers(count: int, seed: int) -> Iterator[NewCustomer]:
    for demo in demo_customers(count, seed=seed):
        customer, card = customer_of(demo)
        fields = ValidCustomer(
            name=customer.name,
            type=customer.type.value,
            nip=customer.nip,
            group_id=customer.group_id,
            country=customer.address.country,
            city=customer.address.city,
            street=customer.address.street,
            building=customer.address.building,
            flat=customer.address.flat,
            email=customer.email,
            phone=customer.phone,
            tags=tuple(sorted(customer.tags)),
            verified=customer.verified,
            discount_limit_disabled=customer.discount_limit_disabled,
            discount_allowance_minor=None,
        )
        yield NewCustomer(
            id=customer.id,
            fields=fields,
            active=customer.active,
            cards=(NewCard.of(card.code, card.number, card.expires_on, card.blocked),),
            credits=demo.credits_minor,
            wallet=demo.wallet_minor,
            points=demo.points,
        )


def _discount(discount: Discount, at: datetime) -> DiscountRow:
    return DiscountRow(
        id=discount.id,
        name=discount.name,
        kind=discount.kind.value,
        percent_bp=basis_points(discount.percent),
        amount_minor=discount.amount.minor if discount.amount else None,
        scope_kind=discount.scope.kind.value,
        scope_ids=sorted(discount.scope.ids),
        visible_on_terminal=discount.visible_on_terminal,
        min_bill_minor=discount.min_bill.minor if discount.min_bill else None,
        active=True,
        created_at=at,
        updated_at=at,
        version=1,
    )


def _cashback(rule: CashbackRule, at: datetime) -> CashbackRuleRow:
    when, conditions = rule.availability, rule.conditions
    return CashbackRuleRow(
        id=rule.id,
        name=rule.name,
        resource=rule.resource.value,
        percent_bp=basis_points(rule.percent),
        fixed=rule.fixed,
        maximum=rule.maximum,
        date_from=when.date_from,
        date_to=when.date_to,
        weekdays=sorted(when.weekdays),
        hours_from=when.hours_from,
        hours_to=when.hours_to,
        min_bill_minor=conditions.min_bill.minor if conditions.min_bill else None,
        payment_methods=sorted(method.value for method in conditions.payment_methods),
        customer_types=sorted(kind.value for kind in conditions.customer_types),
        group_ids=sorted(conditions.group_ids),
        active=True,
        created_at=at,
        updated_at=at,
        version=1,
    )


def _voucher(voucher: Voucher, at: datetime) -> VoucherRow:
    return VoucherRow(
        code=voucher.code,
        kind=voucher.kind.value,
        amount_minor=voucher.amount.minor if voucher.amount else None,
        percent_bp=basis_points(voucher.percent),
        valid_from=voucher.valid_from,
        valid_to=voucher.valid_to,
        owner_id=voucher.owner_id,
        single_use=voucher.single_use,
        status=voucher.status.value,
        offline_redeemable=voucher.offline_redeemable,
        created_at=at,
        updated_at=at,
        version=1,
    )
