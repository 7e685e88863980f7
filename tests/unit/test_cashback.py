"""Cashback rules of seed 001, priced through the whole pipeline (step 9)."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import pytest

from loyalty.cashback import (
    Availability,
    AwardStatus,
    CashbackRule,
    Conditions,
    Resource,
    RuleRefusal,
)
from loyalty.customers import CustomerState, CustomerType
from loyalty.errors import DomainError
from loyalty.tenders import Tender, TenderKind
from pos_terminal.domain.priced import PricedBill
from pos_terminal.domain.pricing import PricingRules

from .builders import bill, group, member, percent_off, price, product, zl

SATURDAY = datetime(2026, 11, 21, 13, 0)
WEDNESDAY = datetime(2026, 11, 18, 13, 0)


def points(percent: str | None = None, **fields: object) -> CashbackRule:
    return CashbackRule(
        id="pkt",
        name="Punkty",
        resource=Resource.POINTS,
        percent=Decimal(percent) if percent else None,
        **fields,  # type: ignore[arg-type]
    )


def priced_with(
    rule: CashbackRule,
    total: str = "95,00",
    *,
    customer: CustomerState | None = None,
    at: datetime = WEDNESDAY,
    business_date: date | None = None,
    tenders: tuple[Tender, ...] = (),
) -> PricedBill:
    return price(
        bill((product("Obiad", total), 1)),
        customer or member("Ala"),
        rules=PricingRules(cashback_rules=(rule,)),
        at=at,
        business_date=business_date,
        tenders=tenders,
    )


def test_points_are_whole_and_rounded_down() -> None:
    [award] = priced_with(points("10")).cashback
    assert (award.amount, award.status) == (9, AwardStatus.PROVISIONAL)  # 95,00 zł at 10 % → 9
    [award] = priced_with(points("10"), total="99,99").cashback
    assert award.amount == 9


def test_percent_and_fixed_both_award() -> None:
    [award] = priced_with(points("10", fixed=5)).cashback
    assert (award.from_percent, award.fixed, award.amount) == (9, 5, 14)


def test_points_capped_by_the_rules_maximum() -> None:
    [award] = priced_with(points("10", fixed=5, maximum=12), total="250,00").cashback
    assert (award.from_percent, award.amount, award.capped) == (25, 12, True)


def test_credits_rule_rounds_down_to_the_grosz() -> None:
    rule = CashbackRule("kr", "Kredyty 3%", Resource.CREDITS, percent=Decimal(3), fixed=100)
    priced = priced_with(rule, total="33,33")  # 0,9999 → 0,99, + 1,00 fixed
    [award] = priced.cashback
    assert award.amount == 199
    assert priced.earned(Resource.CREDITS) == 199 and priced.earned(Resource.POINTS) == 0


def test_base_is_what_the_customer_pays_after_discounts_and_credits() -> None:
    discount = percent_off("Grupa 10%", "10")
    customer = member("Ala", group("Grupa", [discount]), credits="20,00")
    rules = PricingRules(discounts={discount.id: discount}, cashback_rules=(points("10"),))
    priced = price(bill((product("Obiad", "100,00"), 1)), customer, rules=rules)
    assert priced.total == zl("70,00")
    assert priced.cashback[0].base == zl("70,00") and priced.cashback[0].amount == 7


def test_weekend_only_rule_on_a_weekday_and_on_saturday() -> None:
    weekend = points("10", availability=Availability(weekdays=frozenset({5, 6})))
    [weekday] = priced_with(weekend, at=WEDNESDAY).cashback
    assert weekday.status is AwardStatus.NOT_APPLICABLE
    assert weekday.refusal is RuleRefusal.NOT_AVAILABLE_NOW and weekday.amount == 0
    [saturday] = priced_with(weekend, at=SATURDAY).cashback
    assert saturday.amount == 9
    # After midnight the business day is still the weekend's.
    late = datetime(2026, 11, 23, 1, 30)  # Monday 01:30 → Sunday's business day
    [night] = priced_with(weekend, at=late, business_date=date(2026, 11, 22)).cashback
    assert night.amount == 9


def test_hours_and_dates() -> None:
    happy = points("10", availability=Availability(hours_from=time(22), hours_to=time(2)))
    assert priced_with(happy, at=datetime(2026, 11, 18, 23, 0)).cashback[0].amount == 9
    assert priced_with(happy, at=datetime(2026, 11, 19, 1, 59)).cashback[0].amount == 9
    assert priced_with(happy, at=datetime(2026, 11, 18, 21, 59)).cashback[0].amount == 0
    november = points(
        "10", availability=Availability(date_from=date(2026, 11, 1), date_to=date(2026, 11, 30))
    )
    assert priced_with(november, at=WEDNESDAY).cashback[0].amount == 9
    assert priced_with(november, at=datetime(2026, 12, 1, 12)).cashback[0].amount == 0


def test_payment_method_condition_with_split_tenders() -> None:
    card_only = points("10", conditions=Conditions(payment_methods=frozenset({TenderKind.CARD})))
    [before] = priced_with(card_only).cashback
    assert before.status is AwardStatus.AWAITING_TENDER and before.amount == 9
    card = Tender(TenderKind.CARD, zl("95,00"))
    [paid_by_card] = priced_with(card_only, tenders=(card,)).cashback
    assert (paid_by_card.status, paid_by_card.amount) == (AwardStatus.FINAL, 9)
    split = (Tender(TenderKind.CARD, zl("45,00")), Tender(TenderKind.CASH, zl("50,00")))
    [paid_split] = priced_with(card_only, tenders=split).cashback
    assert paid_split.status is AwardStatus.NOT_APPLICABLE
    assert paid_split.refusal is RuleRefusal.PAYMENT_METHOD
    card_or_cash = points(
        "10", conditions=Conditions(payment_methods=frozenset({TenderKind.CARD, TenderKind.CASH}))
    )
    [both] = priced_with(card_or_cash, tenders=split).cashback
    assert both.status is AwardStatus.FINAL
    # A tender that does not cover the bill yet keeps the award pending.
    [partial] = priced_with(card_only, tenders=(Tender(TenderKind.CARD, zl("10,00")),)).cashback
    assert partial.status is AwardStatus.AWAITING_TENDER


def test_all_conditions_must_hold() -> None:
    rule = points(
        "10",
        conditions=Conditions(
            min_bill=zl("50,00"),
            customer_types=frozenset({CustomerType.REGISTERED}),
            group_ids=frozenset({"vip"}),
        ),
    )
    vip = group("VIP", [])
    registered = member("Ala", vip, type=CustomerType.REGISTERED)
    assert priced_with(rule, customer=registered).cashback[0].amount == 9
    small = priced_with(rule, customer=registered, total="49,99").cashback[0]
    assert small.refusal is RuleRefusal.BELOW_MINIMUM
    client = priced_with(rule, customer=member("Ala", vip)).cashback[0]
    assert client.refusal is RuleRefusal.CUSTOMER_TYPE
    no_group = priced_with(rule, customer=member("Ala", type=CustomerType.REGISTERED)).cashback[0]
    assert no_group.refusal is RuleRefusal.CUSTOMER_GROUP


def test_no_customer_no_cashback_and_each_rule_awards_separately() -> None:
    rules = PricingRules(
        cashback_rules=(
            points("10"),
            CashbackRule("kr", "Kredyty", Resource.CREDITS, percent=Decimal(1)),
        )
    )
    the_bill = bill((product("Obiad", "95,00"), 1))
    assert price(the_bill, None, rules=rules).cashback == ()
    priced = price(the_bill, member("Ala"), rules=rules)
    assert [a.amount for a in priced.cashback] == [9, 95]


def test_rules_refuse_nonsense() -> None:
    with pytest.raises(DomainError):
        points(None)
    with pytest.raises(DomainError):
        points("120")
    with pytest.raises(DomainError):
        Availability(weekdays=frozenset({7}))
    with pytest.raises(DomainError):
        Availability(hours_from=time(10))
