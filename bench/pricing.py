"""Pricing a 200-line bill with every loyalty rule at work. Budget: p99 ≤ 2 ms.

The bill has a customer in a group with two discounts and a daily limit that caps them,
promotional credits, a voucher, a manual discount on some lines, and three cashback rules.
"""

from __future__ import annotations

import argparse
import random
from datetime import datetime, time
from decimal import Decimal

from bench.report import Figure, percentile, time_calls
from loyalty.business_day import business_date
from loyalty.cashback import Availability, CashbackRule, Conditions, Resource
from loyalty.catalog import VAT_RATES, Product
from loyalty.customers import Customer, CustomerGroup, CustomerState
from loyalty.discounts import Discount, DiscountKind, DiscountScope, ScopeKind
from loyalty.money import Money
from loyalty.tenders import TenderKind
from loyalty.vouchers import Voucher, VoucherKind
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.domain.pricing import PricingRules, price_bill

BUDGET_P99_MS = 2.0
CATEGORIES = ("starters", "mains", "desserts", "drinks", "bar")


def scenario(lines: int, seed: int = 7) -> tuple[Bill, PricingRules, CustomerState]:
    rng = random.Random(seed)
    products = [
        Product(
            id=f"p{i}",
            name=f"Product {i}",
            category_id=CATEGORIES[i % len(CATEGORIES)],
            price=Money(rng.randint(300, 12_000)),
            vat=VAT_RATES[i % len(VAT_RATES)],
        )
        for i in range(120)
    ]
    discounts = {
        d.id: d
        for d in (
            Discount("grp5", "Stały klient 5%", DiscountKind.PERCENT, percent=Decimal(5)),
            Discount(
                "bar10",
                "Bar 10%",
                DiscountKind.PERCENT,
                percent=Decimal(10),
                scope=DiscountScope(ScopeKind.CATEGORIES, frozenset({"bar", "drinks"})),
            ),
            Discount("manual15", "Kierownik 15%", DiscountKind.PERCENT, percent=Decimal(15)),
        )
    }
    group = CustomerGroup(
        "g1",
        "Stały klient",
        "staly-klient",
        daily_discount_limit=Money(20_000),
        discount_ids=("grp5", "bar10"),
    )
    customer = CustomerState(
        customer=Customer("c1", "Jan Kowalski", group_id="g1"),
        group=group,
        credits=Money(15_000),
        wallet=Money(0),
        group_discount_used_today=Money(12_000),
    )
    bill_lines = tuple(
        BillLine(
            f"l{i}",
            rng.choice(products),
            rng.randint(1, 4),
            manual_discount_id="manual15" if i % 17 == 0 else None,
        )
        for i in range(lines)
    )
    voucher = Voucher("ABC123", VoucherKind.AMOUNT, amount=Money(5_000))
    rules = PricingRules(
        discounts=discounts,
        vouchers={voucher.code: voucher},
        cashback_rules=(
            CashbackRule("r1", "Punkty 10%", Resource.POINTS, percent=Decimal(10), maximum=500),
            CashbackRule(
                "r2",
                "Weekend 5 pkt",
                Resource.POINTS,
                fixed=5,
                availability=Availability(weekdays=frozenset({5, 6})),
            ),
            CashbackRule(
                "r3",
                "Kredyty kartą 2%",
                Resource.CREDITS,
                percent=Decimal(2),
                conditions=Conditions(payment_methods=frozenset({TenderKind.CARD})),
            ),
        ),
    )
    return Bill("b1", bill_lines, voucher_codes=("ABC123",)), rules, customer


def main(argv: list[str]) -> list[Figure]:
    parser = argparse.ArgumentParser(prog="python -m bench pricing")
    parser.add_argument("--lines", type=int, default=200)
    parser.add_argument("--iterations", type=int, default=3000)
    args = parser.parse_args(argv)
    bill, rules, customer = scenario(args.lines)
    at = datetime(2026, 11, 21, 19, 30)
    day = business_date(at, time(4))
    priced = price_bill(bill, rules=rules, customer=customer, at=at, business_date=day)
    assert priced.limit is not None and priced.limit.capped_by is not None, "limit must cap"
    assert priced.credits_used.minor > 0 and priced.voucher_discount.minor > 0

    samples = time_calls(
        lambda: price_bill(bill, rules=rules, customer=customer, at=at, business_date=day),
        iterations=args.iterations,
        warmup=200,
    )
    return [
        Figure("pricing.p50", percentile(samples, 0.50), "ms"),
        Figure("pricing.p99", percentile(samples, 0.99), "ms", BUDGET_P99_MS),
    ]
