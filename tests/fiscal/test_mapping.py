"""The priced bill → FiscalReceipt mapping: amounts are the terminal's, rates go by percent
to the device's slots, and what a device would refuse is refused before sending."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hardware.fiscal.frame import clean
from hardware.fiscal.port import ReceiptData
from loyalty.errors import DomainError
from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind
from loyalty.vouchers import Voucher, VoucherKind
from pos_terminal.domain.fiscal_mapping import fiscal_receipt
from pos_terminal.domain.fiscal_receipt import (
    NAME_LIMIT,
    FiscalPolicy,
    FiscalRefusal,
    PaymentKind,
    ReductionForm,
    check,
    clean_text,
)
from pos_terminal.domain.pricing import PricingRules
from tests.fiscal.receipts import BEER, DEVICE_RATES, PIZZA, SOUP, card, cash, lunch
from tests.unit.builders import bill, group, member, percent_off, price, product

DISCOUNTS = FiscalPolicy(ReductionForm.DISCOUNT, ReductionForm.DISCOUNT, ReductionForm.DISCOUNT)
WALLET = FiscalPolicy(wallet=ReductionForm.DISCOUNT)


def test_the_receipt_satisfies_the_drivers_protocol() -> None:
    data: ReceiptData = lunch()  # mypy checks the structure; the driver needs nothing else
    assert data.total == 11940


def test_rates_go_to_the_devices_own_slots_by_percent() -> None:
    swapped = {Decimal(8): 0, Decimal(23): 4, Decimal(5): 5}  # a device with other letters
    receipt = lunch(rates=swapped)
    assert [line.vat_slot for line in receipt.lines] == [0, 5, 4]


def test_a_rate_the_device_lacks_is_refused() -> None:
    with pytest.raises(FiscalRefusal) as raised:
        lunch(rates={Decimal(23): 0, Decimal(8): 1})
    assert raised.value.reason == "rate_missing"


def test_group_discounts_are_line_amounts_and_vat_is_the_terminals() -> None:
    regulars = percent_off("Stały klient", "5")
    customer = member("Anna", group("stali klienci", [regulars]))
    priced = price(bill((PIZZA, 1), (SOUP, 2), (BEER, 3)), customer, discounts=[regulars])
    receipt = fiscal_receipt(priced, (cash("200,00"),), vat_table=DEVICE_RATES)
    assert [line.discount for line in receipt.lines] == [p.group_minor for p in priced.lines]
    assert {line.discount_label for line in receipt.lines} == {"Rabat grupowy"}
    assert receipt.total == priced.total.minor
    assert [(v.percent, v.gross, v.vat) for v in receipt.vat] == sorted(
        [(v.rate.percent, v.gross.minor, v.vat.minor) for v in priced.vat], reverse=True
    )


def test_seed_004_credits_pay_the_whole_bill_as_a_payment_form_by_default() -> None:
    customer = member("Jan", credits="200,00")
    pizza = product("Pizza rodzinna", "150,00")
    priced = price(bill((pizza, 1)), customer)
    assert priced.credits_used == Money(15000) and priced.total == Money(0)
    receipt = fiscal_receipt(priced, (), vat_table=DEVICE_RATES)
    assert receipt.total == 15000 and receipt.lines[0].discount == 0
    assert [(p.kind, p.amount) for p in receipt.payments] == [(PaymentKind.CREDITS, 15000)]
    # As a discount the line would be zero, which a fiscal printer refuses: said up front.
    with pytest.raises(FiscalRefusal) as raised:
        fiscal_receipt(priced, (), vat_table=DEVICE_RATES, policy=DISCOUNTS)
    assert raised.value.reason == "discount_too_large"


def test_credits_and_vouchers_as_discounts_keep_the_terminals_total_and_vat() -> None:
    customer = member("Jan", credits="10,00")
    voucher = Voucher("ABC123", VoucherKind.AMOUNT, amount=Money(500))
    rules = PricingRules(vouchers={voucher.code: voucher})
    priced = price(bill((PIZZA, 1), (BEER, 2), voucher_codes=("ABC123",)), customer, rules=rules)
    as_discount = fiscal_receipt(priced, (card("53,90"),), vat_table=DEVICE_RATES, policy=DISCOUNTS)
    assert as_discount.total == priced.total.minor == 5390
    assert sum(v.vat for v in as_discount.vat) == sum(v.vat.minor for v in priced.vat)
    assert {line.discount_label for line in as_discount.lines} == {"Rabaty"}  # two, too long
    as_payment = fiscal_receipt(priced, (card("53,90"),), vat_table=DEVICE_RATES)
    assert as_payment.total == 6890
    assert [(p.kind, p.amount, p.label) for p in as_payment.payments] == [
        (PaymentKind.VOUCHER, 500, "Voucher ABC123"),
        (PaymentKind.CREDITS, 1000, "Kredyty promocyjne"),
        (PaymentKind.CARD, 5390, ""),
    ]


def test_the_wallet_is_a_payment_or_a_discount_spread_over_the_lines() -> None:
    customer = member("Ola", wallet="50,00")
    tenders = (Tender(TenderKind.WALLET, Money(3000)), cash("100,00"))
    priced = price(bill((PIZZA, 1), (SOUP, 2), (BEER, 3)), customer, tenders=tenders)
    paid = fiscal_receipt(priced, tenders, vat_table=DEVICE_RATES)
    assert paid.total == 11940 and paid.change == 1060
    assert [p.kind for p in paid.payments] == [PaymentKind.WALLET, PaymentKind.CASH]
    taken = fiscal_receipt(priced, tenders, vat_table=DEVICE_RATES, policy=WALLET)
    assert sum(line.discount for line in taken.lines) == 3000 and taken.total == 8940
    assert [p.kind for p in taken.payments] == [PaymentKind.CASH] and taken.change == 1060


def test_what_a_device_would_refuse_is_refused_before_sending() -> None:
    receipt = lunch()
    line = receipt.lines[0]
    cases = {
        "line_value": replace(receipt, lines=(replace(line, value=line.value + 1),)),
        "empty_name": replace(receipt, lines=(replace(line, name="***"),)),
        "total_mismatch": replace(receipt, total=receipt.total + 1),
        "payments_short": replace(receipt, payments=receipt.payments[:0], change=0),
        "empty_receipt": replace(receipt, lines=()),
    }
    for reason, bad in cases.items():
        with pytest.raises(FiscalRefusal) as raised:
            check(bad, DEVICE_RATES)
        assert raised.value.reason == reason, reason
    with pytest.raises(FiscalRefusal):
        lunch(tenders=(card("10,00"),))  # short of the total
    with pytest.raises(TypeError):
        replace(line, discount=1.5)  # type: ignore[arg-type]


def test_the_buyer_nip_is_normalised_and_checked() -> None:
    assert lunch(nip="PL 526-000-12-46").buyer_nip == "5260001246"
    with pytest.raises(DomainError):
        lunch(nip="5260001247")


def test_names_are_cleaned_as_the_driver_cleans_them() -> None:
    odd = product("Stolik #5\tpizza", "10,00")
    receipt = fiscal_receipt(price(bill((odd, 1))), (cash("10,00"),), vat_table=DEVICE_RATES)
    assert receipt.lines[0].name == "Stolik 5 pizza"


@given(st.text(max_size=120))
def test_the_domain_and_the_driver_clean_text_alike(text: str) -> None:
    assert clean_text(text, NAME_LIMIT) == clean(text, NAME_LIMIT)
