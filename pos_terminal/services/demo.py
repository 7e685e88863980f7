"""Demo and benchmark data: a restaurant with its rules and as many customers as asked for.

Deterministic: the same seed gives the same database on every machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import islice

from pos_terminal.db.bulk import CustomerBundle, Progress, load_customers
from pos_terminal.db.store import Store
from pos_terminal.demo.menu import restaurant_catalog
from pos_terminal.demo.people import DEMO_GROUPS, DemoCustomer, demo_customers
from pos_terminal.domain.cashback import Availability, CashbackRule, Conditions, Resource
from pos_terminal.domain.customers import Card, Customer, CustomerGroup, CustomerType
from pos_terminal.domain.discounts import Discount, DiscountKind
from pos_terminal.domain.money import Money
from pos_terminal.domain.staff import Role
from pos_terminal.domain.tenders import TenderKind
from pos_terminal.domain.vouchers import Voucher, VoucherKind

BATCH = 20_000
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
# Documented in docs/ui.md: sign in as the cashier with 1111, as the manager with 9999.
DEMO_STAFF = (
    ("Anna Kasjerka", Role.CASHIER, "1111"),
    ("Marek Kierownik", Role.MANAGER, "9999"),
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
            )
        )
        discounts.append(discount)
    return tuple(groups), tuple(discounts)


def bundle(demo: DemoCustomer) -> CustomerBundle:
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
    return CustomerBundle(customer, (card,), demo.credits_minor, demo.wallet_minor, demo.points)


def _batches(count: int, seed: int) -> Iterator[list[CustomerBundle]]:
    stream = (bundle(demo) for demo in demo_customers(count, seed=seed))
    while batch := list(islice(stream, BATCH)):
        yield batch


def install_demo_data(
    store: Store, *, customers: int, seed: int = 1, progress: Progress | None = None
) -> None:
    """Fill an empty store: the menu, groups, discounts, cashback, vouchers, the two demo
    staff members, customers."""
    categories, products = restaurant_catalog()
    groups, group_discounts = demo_groups()
    with store.unit_of_work() as tx:
        tx.catalog.replace(categories, products)
        for discount in (*group_discounts, *MANUAL_DISCOUNTS):
            tx.rules.add_discount(discount)
        for group in groups:
            tx.rules.add_group(group)
        for rule in CASHBACK_RULES:
            tx.rules.add_cashback_rule(rule)
        for voucher in VOUCHERS:
            tx.rules.add_voucher(voucher)
        for name, role, pin in DEMO_STAFF:
            tx.staff.add(name, role, pin)
    load_customers(store.engine, _batches(customers, seed), progress=progress)


def install_demo_staff(store: Store) -> bool:
    """Add the demo staff to a store that has nobody to sign in (made before staff existed)."""
    with store.unit_of_work(read_only=True) as tx:
        if tx.staff.count():
            return False
    with store.unit_of_work() as tx:
        for name, role, pin in DEMO_STAFF:
            tx.staff.add(name, role, pin)
    return True
