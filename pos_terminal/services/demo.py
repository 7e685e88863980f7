"""Demo and benchmark data: a restaurant with its rules and as many customers as asked for.

Deterministic: the same seed gives the same database on every machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from loyalty.demo.menu import restaurant_catalog
from loyalty.demo.people import DemoCustomer, demo_customers
from loyalty.demo.programme import (
    CASHBACK_RULES,
    MANUAL_DISCOUNTS,
    VOUCHERS,
    customer_of,
    demo_groups,
)
from pos_terminal.db.bulk import CustomerBundle, Progress, load_customers
from pos_terminal.db.store import Store
from pos_terminal.domain.staff import Role

BATCH = 20_000
# Documented in docs/ui.md: sign in as the cashier with 1111, as the manager with 999999.
DEMO_STAFF = (
    ("Anna Kasjerka", Role.CASHIER, "1111"),
    ("Marek Kierownik", Role.MANAGER, "999999"),
)


def bundle(demo: DemoCustomer) -> CustomerBundle:
    customer, card = customer_of(demo)
    return CustomerBundle(customer, (card,), demo.credits_minor, demo.wallet_minor, demo.points)


def _batches(count: int, seed: int) -> Iterator[list[CustomerBundle]]:
    stream = (bundle(demo) for demo in demo_customers(count, seed=seed))
    while batch := list(islice(stream, BATCH)):
        yield batch


def install_demo_data(
    store: Store,
    *,
    customers: int,
    seed: int = 1,
    progress: Progress | None = None,
    loyalty: bool = True,
) -> None:
    """Fill an empty store: the menu, the two demo staff members, and unless `loyalty` is
    False (a CRM will send them) the groups, discounts, cashback, vouchers and customers."""
    categories, products = restaurant_catalog()
    groups, group_discounts = demo_groups()
    with store.unit_of_work() as tx:
        tx.catalog.replace(categories, products)
        for name, role, pin in DEMO_STAFF:
            tx.staff.add(name, role, pin)
        if not loyalty:
            return
        for discount in (*group_discounts, *MANUAL_DISCOUNTS):
            tx.rules.add_discount(discount)
        for group in groups:
            tx.rules.add_group(group)
        for rule in CASHBACK_RULES:
            tx.rules.add_cashback_rule(rule)
        for voucher in VOUCHERS:
            tx.rules.add_voucher(voucher)
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
