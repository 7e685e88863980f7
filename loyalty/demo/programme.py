"""The demo loyalty programme: groups with their discounts, manual discounts, cashback rules
and vouchers. The terminal's demo store and the CRM's `--demo` database load these same
values, so a terminal syncing with a demo CRM sees the rules it already had.
"""

from __future__ import annotations

from decimal import Decimal

from loyalty.cashback import Availability, CashbackRule, Conditions, Resource
from loyalty.customers import Card, Customer, CustomerGroup, CustomerType
from loyalty.demo.people import DEMO_GROUPS, DemoCustomer
from loyalty.discounts import Discount, DiscountKind
from loyalty.money import Money
from loyalty.tenders import TenderKind
from loyalty.vouchers import Voucher, VoucherKind

_TYPES = {kind.value: kind for kind in CustomerType}  # faster than CustomerType(value)

MANUAL_DISCOUNTS = (
    Discount("d-kierownik-10", "Kierownik 10%", DiscountKind.PERCENT, percent=Decimal(10)),
    Discount("d-przeprosiny-5", "Przeprosiny 5 zł", DiscountKind.AMOUNT, amount=Money(500)),
)
CASHBACK_RULES = (
    CashbackRule("cb-punkty", "Punkty 10%", Resource.POINTS, percent=Decimal(10), maximum=500),
    CashbackRule(
        "cb-weekend",
        "Weekend +5 pkt",
        Resource.POINTS,
        fixed=5,
        availability=Availability(weekdays=frozenset({5, 6})),
    ),
    CashbackRule(
        "cb-karta",
        "2% kredytów za płatność kartą",
        Resource.CREDITS,
        percent=Decimal(2),
        conditions=Conditions(min_bill=Money(5000), payment_methods=frozenset({TenderKind.CARD})),
    ),
)
VOUCHERS = (
    Voucher("WITAJ20", VoucherKind.AMOUNT, amount=Money(2000), offline_redeemable=True),
    Voucher("JESIEN10", VoucherKind.PERCENT, percent=Decimal(10), offline_redeemable=True),
)


def demo_groups() -> tuple[tuple[CustomerGroup, ...], tuple[Discount, ...]]:
    """Each demo group with its discount; the discount is applied through the group only."""
    groups, discounts = [], []
    for demo in DEMO_GROUPS:
        discount = Discount(
            id=f"d-{demo.reference}",
            name=f"{demo.name} {demo.discount_percent}%",
            kind=DiscountKind.PERCENT,
            percent=demo.discount_percent,
            visible_on_terminal=False,
        )
        limit = Money(demo.daily_limit_minor) if demo.daily_limit_minor is not None else None
        groups.append(
            CustomerGroup(
                id=demo.id,
                name=demo.name,
                reference=demo.reference,
                description=demo.description,
                daily_discount_limit=limit,
                discount_ids=(discount.id,),
                assignable_at_till=demo.assignable_at_till,
            )
        )
        discounts.append(discount)
    return tuple(groups), tuple(discounts)


def customer_of(demo: DemoCustomer) -> tuple[Customer, Card]:
    """A demo row as the customer and the one card both programs store."""
    group_id = DEMO_GROUPS[demo.group_index].id if demo.group_index is not None else None
    customer = Customer(
        id=demo.id,
        name=demo.name,
        type=_TYPES[demo.type],
        group_id=group_id,
        nip=demo.nip,
        email=demo.email,
        phone=demo.phone,
        active=demo.active,
        discount_limit_disabled=demo.discount_limit_disabled,
    )
    card = Card(
        code=demo.card_code,
        number=demo.card_number,
        customer_id=demo.id,
        expires_on=demo.card_expires_on,
        blocked=demo.card_blocked,
    )
    return customer, card
