"""Random bills registered on the emulated printer over TCP: the device's total and its
gross and VAT per rate are exactly the terminal's (DESIGN §5: the terminal's allocated
amounts are the receipt's amounts). The emulator does its own arithmetic, from the
specification, on what it was sent."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from hardware.fiscal.posnet import PosnetDevice
from hardware.fiscal.transport import open_transport
from loyalty.catalog import VAT_RATES, Product
from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind
from loyalty.vouchers import Voucher, VoucherKind
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.domain.fiscal_mapping import fiscal_receipt
from pos_terminal.domain.fiscal_receipt import FiscalPolicy, FiscalRefusal, ReductionForm
from pos_terminal.domain.pricing import PricingRules
from tests.fiscal.emulator.faults import Faults
from tests.fiscal.emulator.model import PosnetModel
from tests.fiscal.emulator.servers import TcpPrinter
from tests.fiscal.receipts import DEVICE_RATES, TODAY
from tests.unit.builders import member, percent_off, price

FORMS = st.sampled_from(ReductionForm)
POLICIES = st.builds(FiscalPolicy, FORMS, FORMS, FORMS)


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[TcpPrinter, PosnetDevice]]:
    printer = TcpPrinter(PosnetModel(today=TODAY), Faults())
    device = PosnetDevice(open_transport(printer.spec), timeout=2.0, print_timeout=2.0)
    yield printer, device
    device.close()
    printer.close()


@st.composite
def bills(draw: st.DrawFn) -> tuple[Bill, PricingRules, str, str]:
    count = draw(st.integers(min_value=1, max_value=12))
    lines = []
    for i in range(count):
        product = Product(
            id=f"p{i}",
            name=draw(st.sampled_from(["Pizza", "Żurek", "Piwo", "Kawa", "Sernik"])) + f" {i}",
            category_id="food",
            price=Money(draw(st.integers(min_value=1, max_value=60_000))),
            vat=draw(st.sampled_from(VAT_RATES)),
        )
        lines.append(BillLine(f"l{i}", product, draw(st.integers(min_value=1, max_value=5))))
    discount = percent_off("Rabat", str(draw(st.integers(min_value=1, max_value=50))))
    manual = draw(st.booleans())
    voucher = Voucher("V1", VoucherKind.AMOUNT, amount=Money(draw(st.integers(1, 30_000))))
    codes = ("V1",) if draw(st.booleans()) else ()
    bill = Bill(
        "b", tuple(lines), manual_discount_id=discount.id if manual else None, voucher_codes=codes
    )
    rules = PricingRules(discounts={discount.id: discount}, vouchers={"V1": voucher})
    credits = Money(draw(st.integers(0, 30_000))).format()
    wallet = Money(draw(st.integers(0, 30_000))).format()
    return bill, rules, credits, wallet


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(bills(), POLICIES, st.booleans())
def test_the_devices_totals_and_vat_per_rate_are_the_terminals(
    served: tuple[TcpPrinter, PosnetDevice],
    drawn: tuple[Bill, PricingRules, str, str],
    policy: FiscalPolicy,
    with_cash: bool,
) -> None:
    printer, device = served
    bill, rules, credits, wallet = drawn
    customer = member("Jan", credits=credits, wallet=wallet)
    priced = price(bill, customer, rules=rules)
    due = priced.total.minor
    from_wallet = min(customer.wallet.minor, due // 2)
    tenders = [Tender(TenderKind.WALLET, Money(from_wallet))] if from_wallet else []
    if due - from_wallet:
        kind = TenderKind.CASH if with_cash else TenderKind.CARD
        extra = 1234 if with_cash else 0
        tenders.append(Tender(kind, Money(due - from_wallet + extra)))
    credits_form, vouchers_form, wallet_form = policy.credits, policy.vouchers, policy.wallet
    try:
        receipt = fiscal_receipt(priced, tenders, vat_table=DEVICE_RATES, policy=policy)
    except FiscalRefusal as refusal:
        # Only a stored value taken as a discount may empty a line (seed 004's case).
        assert refusal.reason == "discount_too_large"
        assert ReductionForm.DISCOUNT in (credits_form, vouchers_form, wallet_form)
        assume(False)
        return

    with printer.lock:
        printer.model = model = PosnetModel(today=TODAY)
    device.register(receipt, 0)
    printed = model.printed[-1]

    assert printed.total == receipt.total
    assert printed.gross == {vat.slot: vat.gross for vat in receipt.vat}
    assert printed.tax == {vat.slot: vat.vat for vat in receipt.vat}
    # And the receipt is the terminal's bill: stored value as payments keeps its amount on
    # the lines; with credits and vouchers as discounts it is the priced bill to the grosz,
    # VAT per rate included.
    expected = due
    if credits_form is ReductionForm.PAYMENT:
        expected += priced.credits_used.minor
    if vouchers_form is ReductionForm.PAYMENT:
        expected += priced.voucher_discount.minor
    if wallet_form is ReductionForm.DISCOUNT:
        expected -= from_wallet
    assert receipt.total == expected
    if policy == FiscalPolicy(ReductionForm.DISCOUNT, ReductionForm.DISCOUNT):
        terminal = {(v.rate.percent, v.gross.minor, v.vat.minor) for v in priced.vat}
        assert {(v.percent, v.gross, v.vat) for v in receipt.vat} == terminal
    assert model.bn == 1 and len(printed.lines) == len(bill.lines)
