"""Small builders for domain values, so each worked example reads like its rule."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from loyalty.catalog import VAT_8, VAT_23, Product, VatRate
from loyalty.customers import Customer, CustomerGroup, CustomerState, group_reference
from loyalty.discounts import Discount, DiscountKind
from loyalty.money import Money
from loyalty.tenders import Tender
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.domain.priced import PricedBill
from pos_terminal.domain.pricing import PricingRules, price_bill

NOON = datetime(2026, 11, 18, 12, 0)  # a Wednesday
TODAY = NOON.date()


def zl(text: str) -> Money:
    return Money.parse(text)


def product(name: str, price: str, *, vat: VatRate = VAT_8, category: str = "food") -> Product:
    return Product(id=name.lower(), name=name, category_id=category, price=zl(price), vat=vat)


PIZZA = product("Pizza", "39,90")
SOUP = product("Zupa", "18,00")
BEER = product("Piwo", "14,50", vat=VAT_23, category="drinks")


def bill(*items: tuple[Product, int], **fields: object) -> Bill:
    lines = tuple(BillLine(f"l{i}", p, q) for i, (p, q) in enumerate(items, start=1))
    return Bill("b1", lines, **fields)  # type: ignore[arg-type]


def percent_off(name: str, percent: str, **fields: object) -> Discount:
    return Discount(
        id=group_reference(name),
        name=name,
        kind=DiscountKind.PERCENT,
        percent=Decimal(percent),
        **fields,  # type: ignore[arg-type]
    )


def amount_off(name: str, amount: str, **fields: object) -> Discount:
    return Discount(
        id=group_reference(name),
        name=name,
        kind=DiscountKind.AMOUNT,
        amount=zl(amount),
        **fields,  # type: ignore[arg-type]
    )


def group(
    name: str, discounts: Iterable[Discount], *, daily_limit: str | None = None
) -> CustomerGroup:
    return CustomerGroup(
        id=group_reference(name),
        name=name,
        reference=group_reference(name),
        daily_discount_limit=zl(daily_limit) if daily_limit else None,
        discount_ids=tuple(d.id for d in discounts),
    )


def member(
    name: str,
    customer_group: CustomerGroup | None = None,
    *,
    credits: str = "0",
    wallet: str = "0",
    used_today: str = "0",
    **fields: object,
) -> CustomerState:
    customer = Customer(
        id=group_reference(name),
        name=name,
        group_id=customer_group.id if customer_group else None,
        **fields,  # type: ignore[arg-type]
    )
    return CustomerState(
        customer=customer,
        group=customer_group,
        credits=zl(credits),
        wallet=zl(wallet),
        group_discount_used_today=zl(used_today),
    )


def price(
    the_bill: Bill,
    customer: CustomerState | None = None,
    *,
    discounts: Iterable[Discount] = (),
    rules: PricingRules | None = None,
    at: datetime = NOON,
    business_date: date | None = None,
    tenders: tuple[Tender, ...] = (),
) -> PricedBill:
    if rules is None:
        rules = PricingRules(discounts={d.id: d for d in discounts})
    return price_bill(
        the_bill,
        rules=rules,
        customer=customer,
        at=at,
        business_date=business_date or at.date(),
        tenders=tenders,
    )
