"""Cashback rules (seed 001): points or credits earned on what the customer pays.

A rule awards `floor(base × percent / 100) + fixed`, capped at its maximum. For points the
base is counted in whole złoty and the award is whole points (95,00 zł at 10 % → 9 points);
for credits the award is money rounded down to the grosz. Every condition must hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum

from loyalty.customers import Customer, CustomerType
from loyalty.errors import DomainError
from loyalty.money import MINOR_PER_MAJOR, Money, Rounding, percent_of
from loyalty.tenders import Tender, TenderKind


class Resource(StrEnum):
    POINTS = "points"
    CREDITS = "credits"


class AwardStatus(StrEnum):
    FINAL = "final"  # the tenders are known and every condition holds
    PROVISIONAL = "provisional"  # holds whatever the tender; shown before payment
    AWAITING_TENDER = "awaiting_tender"  # holds only if paid with the rule's methods
    NOT_APPLICABLE = "not_applicable"


class RuleRefusal(StrEnum):
    NOT_AVAILABLE_NOW = "not_available_now"
    BELOW_MINIMUM = "below_minimum"
    CUSTOMER_TYPE = "customer_type"
    CUSTOMER_GROUP = "customer_group"
    PAYMENT_METHOD = "payment_method"


@dataclass(frozen=True, slots=True)
class Availability:
    """When a rule runs: dates and weekdays of the business day, hours of the wall clock.

    An hour window whose end is not after its start runs past midnight (22:00–02:00).
    Weekdays are 0 = Monday … 6 = Sunday. Empty fields mean "always".
    """

    date_from: date | None = None
    date_to: date | None = None
    weekdays: frozenset[int] = frozenset()
    hours_from: time | None = None
    hours_to: time | None = None

    def __post_init__(self) -> None:
        if not self.weekdays <= frozenset(range(7)):
            raise DomainError(
                "weekdays must be 0 (Monday) … 6 (Sunday): {weekdays}",
                weekdays=sorted(self.weekdays),
            )
        if (self.hours_from is None) != (self.hours_to is None):
            raise DomainError("an hour window needs both a start and an end")

    def holds(self, *, at: datetime, business_date: date) -> bool:
        if self.date_from is not None and business_date < self.date_from:
            return False
        if self.date_to is not None and business_date > self.date_to:
            return False
        if self.weekdays and business_date.weekday() not in self.weekdays:
            return False
        if self.hours_from is None or self.hours_to is None:
            return True
        clock = at.time()
        if self.hours_from < self.hours_to:
            return self.hours_from <= clock < self.hours_to
        return clock >= self.hours_from or clock < self.hours_to


ALWAYS = Availability()


@dataclass(frozen=True, slots=True)
class Conditions:
    """All must hold at once; an empty condition always holds."""

    min_bill: Money | None = None
    payment_methods: frozenset[TenderKind] = frozenset()
    customer_types: frozenset[CustomerType] = frozenset()
    group_ids: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class CashbackRule:
    """`fixed` and `maximum` count points for a points rule and grosze for a credits rule."""

    id: str
    name: str
    resource: Resource
    percent: Decimal | None = None
    fixed: int = 0
    maximum: int | None = None
    availability: Availability = ALWAYS
    conditions: Conditions = Conditions()

    def __post_init__(self) -> None:
        if self.percent is None and self.fixed == 0:
            raise DomainError(
                "cashback {name}: set a percentage, a fixed amount or both", name=self.name
            )
        if self.percent is not None and not Decimal(0) < self.percent <= 100:
            raise DomainError(
                "cashback {name}: {percent} % is not between 0 and 100",
                name=self.name,
                percent=self.percent,
            )
        if self.fixed < 0 or (self.maximum is not None and self.maximum < 0):
            raise DomainError("cashback {name}: amounts cannot be negative", name=self.name)

    def refusal(
        self, *, base: Money, customer: Customer, at: datetime, business_date: date
    ) -> RuleRefusal | None:
        """The first condition that fails, ignoring the payment method (known only later)."""
        if not self.availability.holds(at=at, business_date=business_date):
            return RuleRefusal.NOT_AVAILABLE_NOW
        conditions = self.conditions
        if conditions.min_bill is not None and base < conditions.min_bill:
            return RuleRefusal.BELOW_MINIMUM
        if conditions.customer_types and customer.type not in conditions.customer_types:
            return RuleRefusal.CUSTOMER_TYPE
        if conditions.group_ids and customer.group_id not in conditions.group_ids:
            return RuleRefusal.CUSTOMER_GROUP
        return None

    def earned(self, base: Money) -> tuple[int, int, bool]:
        """(from the percentage, total, capped?) in points or grosze."""
        from_percent = 0
        if self.percent is not None:
            from_percent = percent_of(max(base.minor, 0), self.percent, Rounding.FLOOR)
            if self.resource is Resource.POINTS:
                from_percent //= MINOR_PER_MAJOR
        total = from_percent + self.fixed
        if self.maximum is not None and total > self.maximum:
            return from_percent, self.maximum, True
        return from_percent, total, False


@dataclass(frozen=True, slots=True)
class CashbackAward:
    """One rule's outcome for a bill, awarded or not, with the figures that explain it."""

    rule_id: str
    rule_name: str
    resource: Resource
    base: Money
    from_percent: int
    fixed: int
    amount: int  # points, or grosze of credits
    capped: bool
    status: AwardStatus
    refusal: RuleRefusal | None = None

    @property
    def counts(self) -> bool:
        return self.status in (AwardStatus.FINAL, AwardStatus.PROVISIONAL)


def evaluate_cashback(
    rules: Sequence[CashbackRule],
    *,
    base: Money,
    customer: Customer,
    at: datetime,
    business_date: date,
    tenders: Sequence[Tender],
) -> tuple[CashbackAward, ...]:
    """Every rule's outcome. With no tenders yet, awards are provisional (or await a tender)."""
    used_methods = {tender.kind for tender in tenders}
    awards = []
    for rule in rules:
        from_percent, amount, capped = rule.earned(base)
        refusal = rule.refusal(base=base, customer=customer, at=at, business_date=business_date)
        methods = rule.conditions.payment_methods
        if refusal is None and methods and tenders and not used_methods <= methods:
            refusal = RuleRefusal.PAYMENT_METHOD
        if refusal is not None:
            status = AwardStatus.NOT_APPLICABLE
        elif tenders:
            status = AwardStatus.FINAL
        else:
            status = AwardStatus.AWAITING_TENDER if methods else AwardStatus.PROVISIONAL
        awards.append(
            CashbackAward(
                rule_id=rule.id,
                rule_name=rule.name,
                resource=rule.resource,
                base=base,
                from_percent=from_percent,
                fixed=rule.fixed,
                amount=amount if refusal is None else 0,
                capped=capped,
                status=status,
                refusal=refusal,
            )
        )
    return tuple(awards)
