"""The pricing function: a bill, the customer's state and the rules → a priced bill.

Deterministic and free of I/O and clocks: the moment of sale and its business date are
inputs. The steps (DESIGN §2) run in a fixed order on integer grosze:
1. line gross; 2. the cashier's manual discounts; 3–4. group discounts and their limits
(`group_discount`); 5–6. vouchers and promotional credits (`reductions`); 7. totals and VAT
per rate; 8. tenders; 9. cashback on what the customer pays.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from loyalty.cashback import CashbackAward, CashbackRule, evaluate_cashback
from loyalty.catalog import Product
from loyalty.customers import CustomerState
from loyalty.discounts import Discount
from loyalty.errors import DomainError
from loyalty.money import Money
from loyalty.tenders import Tender, settle
from loyalty.vouchers import Voucher
from pos_terminal.domain import group_discount, reductions
from pos_terminal.domain.bill import Bill
from pos_terminal.domain.explanation import Adjustment, AdjustmentStatus, CapReason, Source
from pos_terminal.domain.priced import PricedBill, PricedLine
from pos_terminal.domain.vat import vat_breakdown

BELOW_MINIMUM = "below_minimum"


@dataclass(frozen=True, slots=True)
class PricingRules:
    """The rules this terminal knows: discounts by id, vouchers by code, cashback rules."""

    discounts: Mapping[str, Discount] = field(default_factory=dict)
    vouchers: Mapping[str, Voucher] = field(default_factory=dict)
    cashback_rules: tuple[CashbackRule, ...] = ()


def _manual_discount(catalog: Mapping[str, Discount], discount_id: str) -> Discount:
    discount = catalog.get(discount_id)
    if discount is None:
        raise DomainError(
            "discount {discount_id!r} is not known on this terminal", discount_id=discount_id
        )
    if not discount.visible_on_terminal:
        raise DomainError("discount {name!r} cannot be chosen at the terminal", name=discount.name)
    return discount


def _manual_savings(
    bill: Bill, catalog: Mapping[str, Discount], gross: Sequence[int], products: Sequence[Product]
) -> tuple[list[int], list[str | None], list[Adjustment]]:
    """Step 2: a line's own manual discount, else the bill-wide one, per line."""
    savings = [0] * len(gross)
    ids: list[str | None] = [None] * len(gross)
    refused: list[Adjustment] = []
    bill_gross = sum(gross)
    # A line's own discount applies to that line alone; the bill-wide one is shared.
    groups: dict[tuple[str, bool], list[int]] = {}
    for index, line in enumerate(bill.lines):
        if line.manual_discount_id is not None:
            groups.setdefault((line.manual_discount_id, True), []).append(index)
        elif bill.manual_discount_id is not None:
            groups.setdefault((bill.manual_discount_id, False), []).append(index)
    for (discount_id, own), indexes in groups.items():
        discount = _manual_discount(catalog, discount_id)
        if not discount.applies_to_bill(bill_gross):
            refused.append(_refused_manual(discount, bill_gross, bill.currency))
            continue
        if own:
            found = [discount.savings([gross[i]], [products[i]])[0] for i in indexes]
        else:
            found = discount.savings([gross[i] for i in indexes], [products[i] for i in indexes])
        for index, saving in zip(indexes, found, strict=True):
            savings[index] = saving
            ids[index] = discount.id if saving else None
    return savings, ids, refused


def _refused_manual(discount: Discount, bill_gross: int, currency: str) -> Adjustment:
    return Adjustment(
        source=Source.MANUAL,
        rule_id=discount.id,
        rule_name=discount.name,
        base=Money(bill_gross, currency),
        amount=Money(0, currency),
        percent=discount.percent,
        status=AdjustmentStatus.REFUSED,
        refusal=BELOW_MINIMUM,
    )


def _summarise(
    source: Source,
    *,
    bill: Bill,
    catalog: Mapping[str, Discount],
    ids: Sequence[str | None],
    gross: Sequence[int],
    applied: Sequence[int],
    uncapped: Sequence[int],
    cap: CapReason | None,
) -> list[Adjustment]:
    """One adjustment per discount, over the lines where it won."""
    by_id: dict[str, list[int]] = {}
    for index, discount_id in enumerate(ids):
        if discount_id is not None:
            by_id.setdefault(discount_id, []).append(index)
    currency = bill.currency
    adjustments = []
    for discount_id, indexes in by_id.items():
        discount = catalog[discount_id]
        amount = sum(applied[i] for i in indexes)
        before = sum(uncapped[i] for i in indexes)
        adjustments.append(
            Adjustment(
                source=source,
                rule_id=discount.id,
                rule_name=discount.name,
                base=Money(sum(gross[i] for i in indexes), currency),
                amount=Money(amount, currency),
                percent=discount.percent,
                line_ids=tuple(bill.lines[i].id for i in indexes),
                uncapped=Money(before, currency) if before != amount else None,
                cap=cap if before != amount else None,
            )
        )
    return adjustments


def price_bill(
    bill: Bill,
    *,
    rules: PricingRules,
    customer: CustomerState | None,
    at: datetime,
    business_date: date,
    tenders: Sequence[Tender] = (),
) -> PricedBill:
    """Price `bill` for `customer` at the moment `at` of the business day `business_date`."""
    currency = bill.currency
    if customer is not None and bill.customer_id not in (None, customer.customer.id):
        raise DomainError("the customer's state belongs to another customer than the bill's")
    products = [line.product for line in bill.lines]
    for product in products:
        if product.price.currency != currency:
            raise DomainError(
                "{product} is priced in {priced_in}, not {currency}",
                product=product.name,
                priced_in=product.price.currency,
                currency=currency,
            )
    gross = [line.product.price.minor * line.quantity for line in bill.lines]

    manual, manual_ids, refused = _manual_savings(bill, rules.discounts, gross, products)
    group = group_discount.resolve(
        customer,
        rules.discounts,
        gross=gross,
        products=products,
        manual=manual,
        currency=currency,
        limits_lifted=bill.limit_overridden,
    )
    winners = group.winners
    manual = [0 if i in winners else saving for i, saving in enumerate(manual)]
    manual_ids = [None if i in winners else d for i, d in enumerate(manual_ids)]
    group_ids = [d if i in winners else None for i, d in enumerate(group.discount_ids)]
    remaining = [g - m - s for g, m, s in zip(gross, manual, group.savings, strict=True)]

    line_ids = tuple(line.id for line in bill.lines)
    customer_id = customer.customer.id if customer is not None else None
    vouchers, voucher_adjustments = reductions.apply_vouchers(
        bill.voucher_codes,
        rules.vouchers,
        remaining=remaining,
        line_ids=line_ids,
        customer_id=customer_id,
        business_date=business_date,
        currency=currency,
    )
    credits, credit_adjustments = reductions.apply_credits(
        customer,
        removed=bill.credits_removed,
        remaining=remaining,
        line_ids=line_ids,
        currency=currency,
    )

    total = Money(sum(remaining), currency)
    settlement = None
    if tenders:
        wallet = customer.wallet if customer is not None else Money.zero(currency)
        settlement = settle(total, tenders, wallet_available=wallet)
    paid_with = tuple(tenders) if settlement is not None and settlement.settled else ()
    cashback: tuple[CashbackAward, ...] = ()
    if customer is not None:
        cashback = evaluate_cashback(
            rules.cashback_rules,
            base=total,
            customer=customer.customer,
            at=at,
            business_date=business_date,
            tenders=paid_with,
        )

    adjustments = [
        *_summarise(
            Source.MANUAL,
            bill=bill,
            catalog=rules.discounts,
            ids=manual_ids,
            gross=gross,
            applied=manual,
            uncapped=manual,
            cap=None,
        ),
        *refused,
        *_summarise(
            Source.GROUP,
            bill=bill,
            catalog=rules.discounts,
            ids=group_ids,
            gross=gross,
            applied=group.savings,
            uncapped=group.best,
            cap=group.limit.capped_by if group.limit is not None else None,
        ),
        *voucher_adjustments,
        *credit_adjustments,
    ]

    def money(minor: int) -> Money:
        return Money(minor, currency)

    priced_lines = tuple(
        PricedLine(
            line,
            currency,
            gross[i],
            manual[i],
            group.savings[i],
            vouchers[i],
            credits[i],
            remaining[i],
            group_ids[i] or manual_ids[i],
        )
        for i, line in enumerate(bill.lines)
    )
    return PricedBill(
        bill=bill,
        business_date=business_date,
        lines=priced_lines,
        adjustments=tuple(adjustments),
        limit=group.limit,
        vat=vat_breakdown([(p.vat, r) for p, r in zip(products, remaining, strict=True)], currency),
        cashback=cashback,
        settlement=settlement,
        gross=money(sum(gross)),
        manual_discount=money(sum(manual)),
        group_discount=money(sum(group.savings)),
        voucher_discount=money(sum(vouchers)),
        credits_used=money(sum(credits)),
        total=total,
    )
