"""Worked examples: one per pricing rule of DESIGN §2, with figures checked by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

import pytest

from loyalty.business_day import business_date
from loyalty.catalog import VAT_8, VAT_23, Product
from loyalty.discounts import DiscountScope, ScopeKind
from loyalty.errors import DomainError
from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind, settle
from loyalty.vouchers import Voucher, VoucherKind, VoucherRefusal, VoucherStatus
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.domain.explanation import AdjustmentStatus, CapReason, Source
from pos_terminal.domain.pricing import PricingRules

from .builders import (
    BEER,
    NOON,
    PIZZA,
    SOUP,
    amount_off,
    bill,
    group,
    member,
    percent_off,
    price,
    product,
    zl,
)

# Seed 004: the group discount is not visible on the terminal, yet the group applies it.
STALI_5 = percent_off("stali klienci -5%", "5", visible_on_terminal=False)
STALI = group("stali klienci -5%", [STALI_5])


def test_seed_004_group_member_gets_5_percent_on_every_bill() -> None:
    jan = member("Jan Kowalski", STALI)
    for the_bill, gross, discount in [
        (bill((PIZZA, 1)), "39,90", "2,00"),  # 1,995 → 2,00 (half up)
        (bill((PIZZA, 2), (BEER, 3)), "123,30", "6,17"),  # 3,99 + 2,18 (2,175 half up)
        (bill((SOUP, 1)), "18,00", "0,90"),
    ]:
        priced = price(the_bill, jan, discounts=[STALI_5])
        assert priced.gross == zl(gross)
        assert priced.group_discount == zl(discount)
        assert priced.total == zl(gross) - zl(discount)
        [adjustment] = priced.adjustments
        assert (adjustment.source, adjustment.rule_name, adjustment.percent) == (
            Source.GROUP,
            "stali klienci -5%",
            Decimal(5),
        )
    # The same bill without the customer: no discount.
    assert price(bill((PIZZA, 1)), None, discounts=[STALI_5]).total == zl("39,90")


def test_seed_004_credits_of_200_pay_a_bill_of_150_and_50_remain() -> None:
    kosmowski = member("Jan Kosmowski", credits="200,00")
    the_bill = bill((product("Zestaw", "150,00"), 1))
    priced = price(the_bill, kosmowski)
    assert priced.credits_used == zl("150,00")
    assert priced.total == Money(0)
    assert kosmowski.credits - priced.credits_used == zl("50,00")
    [credits] = priced.adjustments
    assert credits.source is Source.CREDITS
    assert credits.cap is CapReason.REMAINING_TOTAL and credits.uncapped == zl("200,00")
    # Nothing is left to pay, so no tender is needed to settle.
    paid = price(the_bill, kosmowski, tenders=())
    assert paid.total.is_zero


def test_seed_004_prepaid_wallet_of_200_pays_150_as_a_tender() -> None:
    kosmowski = member("Jan Kosmowski", wallet="200,00")
    the_bill = bill((product("Zestaw", "150,00"), 1))
    priced = price(the_bill, kosmowski, tenders=(Tender(TenderKind.WALLET, zl("150,00")),))
    assert priced.settlement is not None and priced.settlement.settled
    assert kosmowski.wallet - priced.settlement.wallet_used == zl("50,00")
    dearer = bill((product("Bankiet", "250,00"), 1))
    with pytest.raises(DomainError, match="wallet holds 200,00"):
        price(dearer, kosmowski, tenders=(Tender(TenderKind.WALLET, zl("250,00")),))


def test_daily_limit_reached_over_two_bills() -> None:
    staly = group("Stały klient", [percent_off("Stały klient 10%", "10")], daily_limit="20,00")
    rules = PricingRules(
        discounts={d: percent_off("Stały klient 10%", "10") for d in staly.discount_ids}
    )
    first = price(bill((product("Obiad", "120,00"), 1)), member("Ala", staly), rules=rules)
    assert first.group_discount == zl("12,00")
    assert first.limit is not None and first.limit.capped_by is None
    assert first.limit.used_after == zl("12,00")

    second_bill = bill((product("Kolacja", "150,00"), 1))
    second = price(second_bill, member("Ala", staly, used_today="12,00"), rules=rules)
    assert second.group_discount == zl("8,00")  # 15,00 wanted, 8,00 left of 20,00
    assert second.total == zl("142,00")
    assert second.limit is not None
    assert second.limit.capped_by is CapReason.DAILY_LIMIT
    assert (second.limit.used_after, second.limit.daily_limit) == (zl("20,00"), zl("20,00"))
    assert second.limit.remaining_after == Money(0)
    [adjustment] = second.adjustments
    assert adjustment.cap is CapReason.DAILY_LIMIT
    assert adjustment.uncapped == zl("15,00") and adjustment.amount == zl("8,00")

    third = price(second_bill, member("Ala", staly, used_today="20,00"), rules=rules)
    assert third.group_discount == Money(0) and third.total == zl("150,00")


def test_a_bill_at_0230_belongs_to_the_previous_business_day() -> None:
    late = datetime(2026, 11, 22, 2, 30)
    assert business_date(late).isoformat() == "2026-11-21"
    assert business_date(datetime(2026, 11, 22, 4, 0)).isoformat() == "2026-11-22"
    assert business_date(late, datetime(2026, 1, 1, 2, 0).time()).isoformat() == "2026-11-22"
    # The night's discounts count against the evening's limit, not the next day's.
    staly = group("Nocny", [percent_off("Nocny 10%", "10")], daily_limit="10,00")
    rules = PricingRules(discounts={"nocny-10": percent_off("Nocny 10%", "10")})
    used_on = {business_date(datetime(2026, 11, 21, 22, 0)): zl("9,00")}
    day = business_date(late)
    state = member("Ola", staly, used_today=used_on.get(day, Money(0)).format())
    priced = price(
        bill((product("Burger", "50,00"), 1)), state, rules=rules, at=late, business_date=day
    )
    assert priced.business_date.isoformat() == "2026-11-21"
    assert priced.group_discount == zl("1,00")


def test_credits_removed_and_restored() -> None:
    ewa = member("Ewa", credits="30,00")
    the_bill = bill((PIZZA, 1))
    applied = price(the_bill, ewa)
    assert applied.credits_used == zl("30,00") and applied.total == zl("9,90")

    removed = price(the_bill.with_credits_removed(True), ewa)
    assert removed.credits_used == Money(0) and removed.total == zl("39,90")
    [entry] = removed.adjustments
    assert entry.status is AdjustmentStatus.REMOVED_BY_CASHIER
    # Removal sticks when the bill changes…
    grown = price(the_bill.with_credits_removed(True).with_line(BillLine("l9", SOUP)), ewa)
    assert grown.credits_used == Money(0)
    # …until the cashier puts them back.
    restored = price(the_bill.with_credits_removed(True).with_credits_removed(False), ewa)
    assert restored == applied


def test_voucher_larger_than_the_bill() -> None:
    voucher = Voucher("abc123", VoucherKind.AMOUNT, amount=zl("100,00"))
    rules = PricingRules(vouchers={voucher.code: voucher})
    priced = price(
        bill((PIZZA, 1), (BEER, 2)).with_voucher("ABC123"), member("Olek", credits="5"), rules=rules
    )
    assert priced.voucher_discount == zl("68,90")
    assert priced.total == Money(0)
    assert priced.credits_used == Money(0)  # nothing left for the credits
    voucher_entry = priced.adjustments[0]
    assert voucher_entry.rule_id == "ABC123"
    assert voucher_entry.cap is CapReason.REMAINING_TOTAL
    assert voucher_entry.uncapped == zl("100,00")
    assert all(line.total == Money(0) for line in priced.lines)
    assert all(v.vat == Money(0) for v in priced.vat)


def test_vouchers_apply_in_the_order_scanned_and_refusals_are_explained() -> None:
    ten_percent = Voucher("PROC10", VoucherKind.PERCENT, percent=Decimal(10))
    twenty = Voucher("KWOTA20", VoucherKind.AMOUNT, amount=zl("20,00"))
    used = Voucher("STARY", VoucherKind.AMOUNT, amount=zl("5"), status=VoucherStatus.REDEEMED)
    theirs = Voucher("CUDZY", VoucherKind.AMOUNT, amount=zl("5"), owner_id="someone-else")
    rules = PricingRules(vouchers={v.code: v for v in (ten_percent, twenty, used, theirs)})
    base = bill((product("Stek", "100,00"), 1))
    percent_first = price(base.with_voucher("proc10").with_voucher("kwota20"), rules=rules)
    amount_first = price(base.with_voucher("kwota20").with_voucher("proc10"), rules=rules)
    assert percent_first.total == zl("70,00")  # 100 − 10 − 20
    assert amount_first.total == zl("72,00")  # 100 − 20 − 8
    refused = price(
        base.with_voucher("STARY")
        .with_voucher("CUDZY")
        .with_voucher("NOPE")
        .with_voucher("KWOTA20")
        .with_voucher("KWOTA20"),
        rules=rules,
    )
    assert refused.total == zl("80,00")
    assert [a.refusal for a in refused.adjustments] == [
        VoucherRefusal.REDEEMED,
        VoucherRefusal.OTHER_OWNER,
        VoucherRefusal.UNKNOWN,
        None,
        VoucherRefusal.ALREADY_ON_BILL,
    ]
    expired = Voucher(
        "LATO", VoucherKind.AMOUNT, amount=zl("5"), valid_to=NOON.date().replace(month=9)
    )
    rules = PricingRules(vouchers={"LATO": expired})
    [entry] = price(base.with_voucher("LATO"), rules=rules).adjustments
    assert entry.refusal is VoucherRefusal.EXPIRED


def test_manual_and_group_discount_larger_saving_wins_without_compounding() -> None:
    manual_15 = percent_off("Kierownik 15%", "15")
    manual_2 = amount_off("Przeprosiny 2 zł", "2,00")
    staly = group("Stały 10%", [percent_off("Stały 10%", "10", visible_on_terminal=False)])
    rules = PricingRules(
        discounts={d.id: d for d in (manual_15, manual_2, percent_off("Stały 10%", "10"))}
    )
    lines = (
        BillLine("l1", PIZZA, 1, manual_discount_id=manual_15.id),  # 15 % (5,99) > 10 % (3,99)
        BillLine("l2", SOUP, 1, manual_discount_id=manual_2.id),  # 10 % (1,80) < 2,00
        BillLine("l3", BEER, 1),  # only the group: 1,45
    )
    priced = price(Bill("b1", lines), member("Ala", staly), rules=rules)
    saving = [(line.manual, line.group, line.discount_id) for line in priced.lines]
    assert saving == [
        (zl("5,99"), Money(0), manual_15.id),
        (zl("2,00"), Money(0), manual_2.id),
        (Money(0), zl("1,45"), "staly-10"),
    ]
    assert priced.total == zl("62,96")
    sources = [(a.source, a.rule_id, a.amount) for a in priced.adjustments]
    assert sources == [
        (Source.MANUAL, manual_15.id, zl("5,99")),
        (Source.MANUAL, manual_2.id, zl("2,00")),
        (Source.GROUP, "staly-10", zl("1,45")),
    ]


def test_capped_group_discount_falls_back_to_a_larger_manual_one() -> None:
    staly = group("Stały 20%", [percent_off("Stały 20%", "20")], daily_limit="5,00")
    manual = percent_off("Ręczny 5%", "5")
    rules = PricingRules(discounts={d.id: d for d in (manual, percent_off("Stały 20%", "20"))})
    lines = (
        BillLine("l1", product("Stek", "100,00"), 1, manual_discount_id=manual.id),
        BillLine("l2", product("Frytki", "10,00"), 1),
    )
    priced = price(Bill("b1", lines), member("Ala", staly), rules=rules)
    # Uncapped: 20,00 + 2,00 of group; the 5,00 cap gives the steak 4,55 < its manual 5,00,
    # so the steak keeps the manual 5 % and the whole cap goes to the chips (2,00).
    assert [(line.manual, line.group) for line in priced.lines] == [
        (zl("5,00"), Money(0)),
        (Money(0), zl("2,00")),
    ]
    assert priced.group_discount == zl("2,00")


def test_bill_scope_amount_discount_is_spread_pro_rata() -> None:
    ten_off = amount_off("10 zł na rachunek", "10,00")
    the_bill = bill((PIZZA, 1), (SOUP, 1), (BEER, 1), manual_discount_id=ten_off.id)
    priced_bill = price(the_bill, discounts=[ten_off])
    # 39,90 : 18,00 : 14,50 of 72,40 → 5,51 / 2,49 / 2,00 (largest remainder)
    assert [line.manual for line in priced_bill.lines] == [zl("5,51"), zl("2,49"), zl("2,00")]
    assert priced_bill.manual_discount == zl("10,00")


def test_scope_and_minimum_bill() -> None:
    drinks = percent_off(
        "Napoje -50%", "50", scope=DiscountScope(ScopeKind.CATEGORIES, frozenset({"drinks"}))
    )
    big = percent_off("Duże zamówienie 10%", "10", min_bill=zl("100,00"))
    staly = group("Mix", [drinks, big])
    rules = PricingRules(discounts={d.id: d for d in (drinks, big)})
    small = price(bill((PIZZA, 1), (BEER, 1)), member("Ala", staly), rules=rules)
    assert [line.group for line in small.lines] == [Money(0), zl("7,25")]
    large = price(bill((PIZZA, 2), (BEER, 2)), member("Ala", staly), rules=rules)
    # 10 % applies to food now; on beer 50 % beats 10 %.
    assert [line.group for line in large.lines] == [zl("7,98"), zl("14,50")]


def test_allowance_and_disabled_limit() -> None:
    discount = percent_off("VIP 10%", "10")
    vip = group("VIP", [discount], daily_limit="50,00")
    rules = PricingRules(discounts={discount.id: discount})
    the_bill = bill((product("Tort", "200,00"), 1))
    capped = price(the_bill, member("Ala", vip, discount_allowance=zl("3,50")), rules=rules)
    assert capped.group_discount == zl("3,50")
    assert capped.limit is not None and capped.limit.capped_by is CapReason.ALLOWANCE
    free = price(
        the_bill,
        member("Ala", vip, used_today="50,00", discount_limit_disabled=True),
        rules=rules,
    )
    assert free.group_discount == zl("20,00")
    assert free.limit is not None and free.limit.available is None


def test_vat_breakdown_from_discounted_gross() -> None:
    priced = price(bill((PIZZA, 2), (BEER, 3)), member("Jan", STALI), discounts=[STALI_5])
    by_code = {v.rate.code: v for v in priced.vat}
    # Beer 43,50 − 2,18 = 41,32 gross at 23 %: VAT 7,73; pizza 79,80 − 3,99 = 75,81 at 8 %: 5,62.
    assert (by_code["A"].gross, by_code["A"].vat, by_code["A"].net) == (
        zl("41,32"),
        zl("7,73"),
        zl("33,59"),
    )
    assert (by_code["B"].gross, by_code["B"].vat) == (zl("75,81"), zl("5,62"))
    assert by_code["A"].rate == VAT_23 and by_code["B"].rate == VAT_8


def test_manual_discount_must_be_visible_and_known() -> None:
    hidden = percent_off("Ukryty", "10", visible_on_terminal=False)
    the_bill = bill((PIZZA, 1))
    with pytest.raises(DomainError, match="cannot be chosen at the terminal"):
        price(Bill("b", the_bill.lines, manual_discount_id=hidden.id), discounts=[hidden])
    with pytest.raises(DomainError, match="not known"):
        price(Bill("b", the_bill.lines, manual_discount_id="nope"))


def test_bad_input_is_refused_with_a_message() -> None:
    with pytest.raises(DomainError, match="at least 1"):
        BillLine("l1", PIZZA, 0)
    with pytest.raises(DomainError, match="at least 1"):
        BillLine("l1", PIZZA, -2)
    with pytest.raises(DomainError, match="priced in EUR"):
        price(bill((Product("w", "Wino", "drinks", Money(100, "EUR"), VAT_23), 1)))


def test_split_tenders_and_change() -> None:
    the_bill = bill((PIZZA, 1), (SOUP, 1))  # 57,90
    priced = price(
        the_bill,
        tenders=(Tender(TenderKind.CARD, zl("30,00")), Tender(TenderKind.CASH, zl("50,00"))),
    )
    assert priced.settlement is not None
    assert priced.settlement.settled and priced.settlement.change == zl("22,10")
    short = price(the_bill, tenders=(Tender(TenderKind.CASH, zl("50,00")),))
    assert short.settlement is not None and short.settlement.remaining == zl("7,90")
    with pytest.raises(DomainError, match="cannot exceed"):
        price(the_bill, tenders=(Tender(TenderKind.CARD, zl("60,00")),))


def test_explanations_describe_themselves() -> None:
    priced = price(bill((PIZZA, 1)), member("Jan", STALI, credits="1"), discounts=[STALI_5])
    assert [a.describe() for a in priced.adjustments] == [
        "group: stali klienci -5% 5% -2,00 PLN on 39,90 PLN",
        "credits: Credits -1,00 PLN on 37,90 PLN",
    ]


def test_a_manager_lifts_the_daily_limit_for_one_bill() -> None:
    staly = group("Stały", [percent_off("Stały 10%", "10")], daily_limit="20,00")
    rules = PricingRules(discounts={"staly-10": percent_off("Stały 10%", "10")})
    customer = member("Ala", staly, used_today="20,00", discount_allowance=zl("1,00"))
    the_bill = bill((product("Kolacja", "150,00"), 1))
    assert price(the_bill, customer, rules=rules).group_discount == Money(0)
    lifted = price(replace(the_bill, limit_overridden=True), customer, rules=rules)
    assert lifted.group_discount == zl("15,00")  # neither the limit nor the allowance caps it
    assert lifted.limit is not None and lifted.limit.available is None


def test_a_customer_whose_wallet_is_overdrawn_still_pays_in_cash() -> None:
    """Offline spends at two tills can leave a wallet below zero (the CRM keeps the debt);
    that customer must still be able to pay with anything but the wallet."""
    done = settle(Money(6900), [Tender(TenderKind.CASH, Money(7000))], wallet_available=Money(-34))
    assert done.settled and done.change == Money(100)
    with pytest.raises(DomainError, match="the wallet holds"):
        settle(Money(6900), [Tender(TenderKind.WALLET, Money(100))], wallet_available=Money(-34))
