"""Property-based tests of the pure pricing domain (DESIGN §2, steps 1–9).

The strategies below build random but valid inputs: a small catalogue, a bill of up to 30
lines with the cashier's manual discounts, a discount catalogue, an optional customer with a
group, limits, allowance and credits, scanned vouchers (some refused) and cashback rules.
Money is always integer grosze and percentages are `Decimal`; no float enters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from loyalty.business_day import business_date
from loyalty.cashback import (
    ALWAYS,
    Availability,
    AwardStatus,
    CashbackRule,
    Conditions,
    Resource,
)
from loyalty.catalog import VAT_RATES, Product
from loyalty.customers import (
    Customer,
    CustomerGroup,
    CustomerState,
    CustomerType,
)
from loyalty.discounts import (
    WHOLE_BILL,
    Discount,
    DiscountKind,
    DiscountScope,
    ScopeKind,
)
from loyalty.money import Money, allocate
from loyalty.tenders import Tender, TenderKind
from loyalty.vouchers import Voucher, VoucherKind, VoucherStatus
from pos_terminal.domain.bill import Bill, BillLine
from pos_terminal.domain.explanation import AdjustmentStatus, Source
from pos_terminal.domain.priced import PricedBill
from pos_terminal.domain.pricing import PricingRules, price_bill

CATEGORIES = ("food", "drinks", "household", "kiosk")
CUSTOMER_ID = "c-1"
OTHER_CUSTOMER_ID = "c-2"
GROUP_ID = "g-1"
UNKNOWN_DISCOUNT_ID = "d-gone"  # a group may list a discount this terminal does not know
UNKNOWN_VOUCHER_CODE = "NOSUCHCODE"
NO_MONEY = Money(0)

# ---------------------------------------------------------------------------------------------
# Strategies
# ---------------------------------------------------------------------------------------------

percents = st.decimals(
    min_value=Decimal("0.5"),
    max_value=Decimal(100),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)
grosze = st.integers(min_value=0, max_value=50_000)
# Small limits and amounts often, so the caps bite on ordinary bills; large ones too.
limit_grosze = st.one_of(
    st.integers(min_value=0, max_value=5_000), st.integers(min_value=0, max_value=100_000)
)
optional_money = st.none() | limit_grosze.map(Money)


@st.composite
def products(draw: st.DrawFn) -> tuple[Product, ...]:
    count = draw(st.integers(min_value=1, max_value=8))
    return tuple(
        Product(
            id=f"p{i}",
            name=f"Product {i}",
            category_id=draw(st.sampled_from(CATEGORIES)),
            price=Money(draw(grosze)),
            vat=draw(st.sampled_from(VAT_RATES)),
        )
        for i in range(count)
    )


@st.composite
def scopes(draw: st.DrawFn, product_ids: Sequence[str]) -> DiscountScope:
    kind = draw(st.sampled_from(ScopeKind))
    if kind is ScopeKind.BILL:
        return WHOLE_BILL
    pool = CATEGORIES if kind is ScopeKind.CATEGORIES else tuple(product_ids)
    ids = draw(st.frozensets(st.sampled_from(pool), max_size=3))
    return DiscountScope(kind, ids)


@st.composite
def discounts(draw: st.DrawFn, discount_id: str, product_ids: Sequence[str]) -> Discount:
    kind = draw(st.sampled_from(DiscountKind))
    percent = draw(percents) if kind is DiscountKind.PERCENT else None
    amount = (
        Money(draw(st.integers(min_value=1, max_value=100_000)))
        if kind is DiscountKind.AMOUNT
        else None
    )
    return Discount(
        id=discount_id,
        name=f"Discount {discount_id}",
        kind=kind,
        percent=percent,
        amount=amount,
        scope=draw(scopes(product_ids)),
        visible_on_terminal=draw(st.booleans()),
        min_bill=draw(st.none() | st.integers(min_value=0, max_value=300_000).map(Money)),
    )


@st.composite
def discount_catalogs(draw: st.DrawFn, product_ids: Sequence[str]) -> dict[str, Discount]:
    count = draw(st.integers(min_value=0, max_value=6))
    catalog = [draw(discounts(f"d{i}", product_ids)) for i in range(count)]
    return {d.id: d for d in catalog}


@st.composite
def customer_states(
    draw: st.DrawFn,
    catalog: dict[str, Discount],
    *,
    require_daily_limit: bool = False,
    limit_disabled: bool | None = None,
) -> CustomerState:
    """A customer with an optional group; `require_daily_limit` forces a group with a limit."""
    has_group = require_daily_limit or draw(st.integers(min_value=0, max_value=3)) > 0
    group: CustomerGroup | None = None
    if has_group:
        pool = [*catalog, UNKNOWN_DISCOUNT_ID]
        discount_ids = draw(
            st.lists(st.sampled_from(pool), min_size=min(len(catalog), 1), max_size=3, unique=True)
        )
        daily_limit = Money(draw(limit_grosze)) if require_daily_limit else draw(optional_money)
        group = CustomerGroup(
            id=GROUP_ID,
            name="Stały klient",
            reference="staly-klient",
            daily_discount_limit=daily_limit,
            discount_ids=tuple(discount_ids),
        )
    if limit_disabled is None:
        limit_disabled = draw(st.sampled_from((False, False, True)))
    customer = Customer(
        id=CUSTOMER_ID,
        name="Jan Kowalski",
        type=draw(st.sampled_from(CustomerType)),
        group_id=GROUP_ID if group is not None else None,
        discount_limit_disabled=limit_disabled,
        discount_allowance=draw(optional_money),
    )
    return CustomerState(
        customer=customer,
        group=group,
        credits=Money(draw(st.integers(min_value=0, max_value=100_000))),
        wallet=Money(draw(st.integers(min_value=0, max_value=100_000))),
        points=draw(st.integers(min_value=0, max_value=10_000)),
        group_discount_used_today=Money(
            draw(
                st.integers(min_value=0, max_value=3_000)
                | st.integers(min_value=0, max_value=150_000)
            )
        ),
    )


@st.composite
def vouchers(draw: st.DrawFn, code: str, day: date) -> Voucher:
    kind = draw(st.sampled_from(VoucherKind))
    offset = st.none() | st.integers(min_value=-30, max_value=30).map(lambda d: day + timedelta(d))
    return Voucher(
        code=code,
        kind=kind,
        amount=(
            Money(draw(st.integers(min_value=1, max_value=100_000)))
            if kind is VoucherKind.AMOUNT
            else None
        ),
        percent=draw(percents) if kind is VoucherKind.PERCENT else None,
        valid_from=draw(offset),
        valid_to=draw(offset),
        owner_id=draw(st.sampled_from((None, None, CUSTOMER_ID, OTHER_CUSTOMER_ID))),
        status=draw(
            st.sampled_from(
                (VoucherStatus.ACTIVE,) * 4 + (VoucherStatus.REDEEMED, VoucherStatus.CANCELLED)
            )
        ),
    )


@st.composite
def availabilities(draw: st.DrawFn, day: date) -> Availability:
    choice = draw(st.integers(min_value=0, max_value=3))
    if choice == 0:
        return ALWAYS
    if choice == 1:
        return Availability(weekdays=draw(st.frozensets(st.integers(0, 6), min_size=1)))
    if choice == 2:
        return Availability(
            hours_from=draw(st.times().map(lambda t: time(t.hour))),
            hours_to=draw(st.times().map(lambda t: time(t.hour))),
        )
    return Availability(date_from=day - timedelta(days=1), date_to=day + timedelta(days=1))


@st.composite
def cashback_rules(draw: st.DrawFn, index: int, day: date) -> CashbackRule:
    percent = draw(st.none() | percents)
    fixed = draw(st.integers(min_value=1 if percent is None else 0, max_value=500))
    return CashbackRule(
        id=f"cb{index}",
        name=f"Cashback {index}",
        resource=draw(st.sampled_from(Resource)),
        percent=percent,
        fixed=fixed,
        maximum=draw(st.none() | st.integers(min_value=0, max_value=1_000)),
        availability=draw(availabilities(day)),
        conditions=Conditions(
            min_bill=draw(st.none() | st.integers(min_value=0, max_value=200_000).map(Money)),
            payment_methods=draw(st.frozensets(st.sampled_from(TenderKind), max_size=2)),
            customer_types=draw(st.frozensets(st.sampled_from(CustomerType), max_size=2)),
            group_ids=draw(st.frozensets(st.sampled_from((GROUP_ID, "g-other")), max_size=1)),
        ),
    )


@dataclass(frozen=True)
class Scenario:
    """Everything `price_bill` needs, drawn together so the parts refer to each other."""

    bill: Bill
    rules: PricingRules
    customer: CustomerState | None
    at: datetime
    day: date

    def price(
        self,
        bill: Bill | None = None,
        *,
        without_customer: bool = False,
        tenders: Sequence[Tender] = (),
    ) -> PricedBill:
        return price_bill(
            self.bill if bill is None else bill,
            rules=self.rules,
            customer=None if without_customer else self.customer,
            at=self.at,
            business_date=self.day,
            tenders=tenders,
        )


@st.composite
def scenarios(
    draw: st.DrawFn,
    *,
    customer: str = "maybe",  # "maybe", "always" or "never"
    require_daily_limit: bool = False,
    limit_disabled: bool | None = None,
) -> Scenario:
    at = draw(st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)))
    day = business_date(at)
    catalogue = draw(products())
    product_ids = [p.id for p in catalogue]
    catalog = draw(discount_catalogs(product_ids))
    visible = sorted(d.id for d in catalog.values() if d.visible_on_terminal)
    manual_ids = st.none() | st.sampled_from(visible) if visible else st.none()

    state: CustomerState | None = None
    if customer == "always" or (customer == "maybe" and draw(st.booleans())):
        state = draw(
            customer_states(
                catalog, require_daily_limit=require_daily_limit, limit_disabled=limit_disabled
            )
        )

    line_count = draw(st.integers(min_value=0, max_value=30))
    lines = tuple(
        BillLine(
            id=f"l{i}",
            product=draw(st.sampled_from(catalogue)),
            quantity=draw(st.integers(min_value=1, max_value=20)),
            manual_discount_id=draw(manual_ids),
        )
        for i in range(line_count)
    )

    voucher_count = draw(st.integers(min_value=0, max_value=4))
    known = {f"V{i}": draw(vouchers(f"V{i}", day)) for i in range(voucher_count)}
    scanned = draw(
        st.lists(st.sampled_from([*known, UNKNOWN_VOUCHER_CODE]), max_size=5)  # duplicates too
    )
    rule_count = draw(st.integers(min_value=0, max_value=3))
    rules = PricingRules(
        discounts=catalog,
        vouchers=known,
        cashback_rules=tuple(draw(cashback_rules(i, day)) for i in range(rule_count)),
    )
    bill = Bill(
        id="b-1",
        lines=lines,
        customer_id=state.customer.id if state is not None else None,
        manual_discount_id=draw(manual_ids),
        voucher_codes=tuple(scanned),
        credits_removed=draw(st.booleans()),
    )
    return Scenario(bill=bill, rules=rules, customer=state, at=at, day=day)


# ---------------------------------------------------------------------------------------------
# 1. allocate
# ---------------------------------------------------------------------------------------------


@settings(max_examples=300)
@given(
    total=st.integers(min_value=-(10**9), max_value=10**9),
    weights=st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=40)
    | st.lists(st.just(0), min_size=1, max_size=10),
)
def test_allocate_parts_sum_to_total_and_stay_within_weights(
    total: int, weights: list[int]
) -> None:
    parts = allocate(total, weights)

    assert len(parts) == len(weights)
    assert sum(parts) == total
    if 0 <= total <= sum(weights):
        for part, weight in zip(parts, weights, strict=True):
            assert 0 <= part <= weight
    assert allocate(total, list(weights)) == parts  # same input, same split


def test_allocate_over_no_parts() -> None:
    assert allocate(0, []) == []


# ---------------------------------------------------------------------------------------------
# 2–4. amounts on the priced bill
# ---------------------------------------------------------------------------------------------


@settings(max_examples=120, deadline=None)
@given(scenario=scenarios())
def test_no_total_or_line_goes_negative(scenario: Scenario) -> None:
    priced = scenario.price()

    for line in priced.lines:
        for amount in (line.total, line.gross, line.manual, line.group, line.voucher, line.credits):
            assert not amount.is_negative, line
    assert not priced.total.is_negative
    for vat_line in priced.vat:
        assert not vat_line.gross.is_negative, vat_line
        assert not vat_line.vat.is_negative, vat_line
        assert not vat_line.net.is_negative, vat_line
    for adjustment in priced.adjustments:
        assert not adjustment.amount.is_negative, adjustment


@settings(max_examples=120, deadline=None)
@given(scenario=scenarios())
def test_a_discount_never_exceeds_its_line(scenario: Scenario) -> None:
    priced = scenario.price()

    for line in priced.lines:
        taken = line.manual + line.group + line.voucher + line.credits
        assert taken <= line.gross, line
        assert line.total == line.gross - taken, line
        assert line.manual.is_zero or line.group.is_zero, line  # no compounding


@settings(max_examples=120, deadline=None)
@given(scenario=scenarios())
def test_sums_are_consistent(scenario: Scenario) -> None:
    priced = scenario.price()
    lines = priced.lines

    def total_of(amounts: Sequence[Money]) -> Money:
        return sum(amounts, NO_MONEY)

    for priced_line, bill_line in zip(lines, scenario.bill.lines, strict=True):
        assert priced_line.line == bill_line
        assert priced_line.gross == bill_line.product.price.times(bill_line.quantity)
    assert priced.gross == total_of([line.gross for line in lines])
    assert priced.total == total_of([line.total for line in lines])
    assert priced.total == total_of([vat_line.gross for vat_line in priced.vat])
    assert priced.manual_discount == total_of([line.manual for line in lines])
    assert priced.group_discount == total_of([line.group for line in lines])
    assert priced.voucher_discount == total_of([line.voucher for line in lines])
    assert priced.credits_used == total_of([line.credits for line in lines])
    assert priced.total == priced.gross - priced.discount_total - priced.credits_used

    # VAT: one line per rate on the bill, each rate's gross is what is paid at that rate.
    rates = {line.line.product.vat for line in lines}
    assert [vat_line.rate for vat_line in priced.vat] == sorted(
        rates, key=lambda r: (r.code, r.percent)
    )
    for vat_line in priced.vat:
        assert vat_line.vat + vat_line.net == vat_line.gross
        paid_at_rate = total_of([ln.total for ln in lines if ln.line.product.vat == vat_line.rate])
        assert vat_line.gross == paid_at_rate

    # Adjustments explain every figure; refused or removed ones take nothing.
    by_source = {
        Source.MANUAL: priced.manual_discount,
        Source.GROUP: priced.group_discount,
        Source.VOUCHER: priced.voucher_discount,
        Source.CREDITS: priced.credits_used,
    }
    for source, figure in by_source.items():
        explained = [a for a in priced.adjustments if a.source is source]
        assert total_of([a.amount for a in explained]) == figure, source
        for adjustment in explained:
            if adjustment.status is not AdjustmentStatus.APPLIED:
                assert adjustment.amount.is_zero, adjustment
    assert len([a for a in priced.adjustments if a.source is Source.VOUCHER]) == len(
        scenario.bill.voucher_codes
    )

    if scenario.customer is None:
        assert priced.limit is None
        assert priced.group_discount.is_zero
    else:
        assert priced.limit is not None
        assert priced.limit.used_by_bill == priced.group_discount


# ---------------------------------------------------------------------------------------------
# 5. credits
# ---------------------------------------------------------------------------------------------


@settings(max_examples=120, deadline=None)
@given(scenario=scenarios(customer="always"))
def test_removing_credits_never_lowers_the_payable_amount(scenario: Scenario) -> None:
    applied = scenario.price(scenario.bill.with_credits_removed(False))
    removed = scenario.price(scenario.bill.with_credits_removed(True))
    assert scenario.customer is not None

    assert removed.total >= applied.total
    assert removed.credits_used.is_zero
    before_credits = removed.total
    assert applied.credits_used == min(scenario.customer.credits, before_credits)
    assert applied.total == before_credits - applied.credits_used
    # Credits come last: everything before them is the same either way.
    for with_credits, without in zip(applied.lines, removed.lines, strict=True):
        assert with_credits.manual == without.manual
        assert with_credits.group == without.group
        assert with_credits.voucher == without.voucher


# ---------------------------------------------------------------------------------------------
# 6. the group's daily limit and the customer's allowance
# ---------------------------------------------------------------------------------------------


@settings(max_examples=120, deadline=None)
@given(scenario=scenarios(customer="always", require_daily_limit=True, limit_disabled=False))
def test_group_discount_never_exceeds_the_remaining_limit(scenario: Scenario) -> None:
    priced = scenario.price()
    state = scenario.customer
    assert state is not None and state.group is not None
    daily_limit = state.group.daily_discount_limit
    assert daily_limit is not None

    remaining = max(daily_limit - state.group_discount_used_today, NO_MONEY)
    assert priced.group_discount <= remaining
    allowance = state.customer.discount_allowance
    if allowance is not None:
        assert priced.group_discount <= max(allowance, NO_MONEY)
    assert priced.limit is not None
    assert priced.limit.used_by_bill == priced.group_discount
    assert priced.limit.available is not None
    assert priced.limit.used_by_bill <= priced.limit.available


# ---------------------------------------------------------------------------------------------
# 7. determinism
# ---------------------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(scenario=scenarios())
def test_same_input_gives_the_same_priced_bill(scenario: Scenario) -> None:
    assert scenario.price() == scenario.price()


# ---------------------------------------------------------------------------------------------
# 8. cashback
# ---------------------------------------------------------------------------------------------


@settings(max_examples=120, deadline=None)
@given(scenario=scenarios(), pay_in_cash=st.booleans())
def test_cashback_awards_are_never_negative_nor_above_their_maximum(
    scenario: Scenario, pay_in_cash: bool
) -> None:
    priced = scenario.price()
    if pay_in_cash and priced.total.minor > 0:
        priced = scenario.price(tenders=[Tender(TenderKind.CASH, priced.total)])
        assert priced.is_final

    if scenario.customer is None:
        assert priced.cashback == ()
    else:
        assert len(priced.cashback) == len(scenario.rules.cashback_rules)
    rules = {rule.id: rule for rule in scenario.rules.cashback_rules}
    for award in priced.cashback:
        rule = rules[award.rule_id]
        assert award.amount >= 0, award
        if rule.maximum is not None:
            assert award.amount <= rule.maximum, award
        if award.status is AwardStatus.NOT_APPLICABLE:
            assert award.amount == 0, award
        assert award.base == priced.total
    assert priced.earned(Resource.POINTS) >= 0
    assert priced.earned(Resource.CREDITS) >= 0
    assert scenario.price(without_customer=True).cashback == ()


# ---------------------------------------------------------------------------------------------
# 9. manual against group: the larger saving wins
# ---------------------------------------------------------------------------------------------


@settings(max_examples=120, deadline=None)
@given(scenario=scenarios(customer="always", limit_disabled=True))
def test_the_larger_saving_wins_on_every_line(scenario: Scenario) -> None:
    priced = scenario.price()
    manual_alone = scenario.price(without_customer=True)

    for line, alone in zip(priced.lines, manual_alone.lines, strict=True):
        assert alone.group.is_zero
        applied = line.manual + line.group
        assert applied >= alone.manual, (line, alone)
        if line.group.is_zero:  # the manual discount kept the line: it is the same saving
            assert line.manual == alone.manual, (line, alone)


@settings(max_examples=100, deadline=None)
@given(scenario=scenarios(customer="always", require_daily_limit=True, limit_disabled=False))
def test_a_capped_group_discount_never_leaves_a_line_below_its_manual_saving(
    scenario: Scenario,
) -> None:
    # A line whose capped group share falls to or below its manual saving goes back to manual.
    priced = scenario.price()
    manual_alone = scenario.price(without_customer=True)

    for line, alone in zip(priced.lines, manual_alone.lines, strict=True):
        assert line.manual + line.group >= alone.manual, (line, alone)
