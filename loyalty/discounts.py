"""Discounts: a percentage or an amount, over the whole bill, some categories or products."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from loyalty.catalog import Product
from loyalty.errors import DomainError
from loyalty.money import Money, allocate, percent_of_each


class DiscountKind(StrEnum):
    PERCENT = "percent"
    AMOUNT = "amount"


class ScopeKind(StrEnum):
    BILL = "bill"
    CATEGORIES = "categories"
    PRODUCTS = "products"


@dataclass(frozen=True, slots=True)
class DiscountScope:
    kind: ScopeKind = ScopeKind.BILL
    ids: frozenset[str] = frozenset()

    def covers(self, product: Product) -> bool:
        if self.kind is ScopeKind.BILL:
            return True
        if self.kind is ScopeKind.CATEGORIES:
            return product.category_id in self.ids
        return product.id in self.ids


WHOLE_BILL = DiscountScope()


@dataclass(frozen=True, slots=True)
class Discount:
    """A discount definition. An invisible one can still reach a bill through a group."""

    id: str
    name: str
    kind: DiscountKind
    percent: Decimal | None = None
    amount: Money | None = None
    scope: DiscountScope = WHOLE_BILL
    visible_on_terminal: bool = True
    min_bill: Money | None = None

    def __post_init__(self) -> None:
        if self.kind is DiscountKind.PERCENT:
            if self.percent is None or self.amount is not None:
                raise DomainError(
                    "{name}: a percent discount needs a percentage only", name=self.name
                )
            if not isinstance(self.percent, Decimal) or not Decimal(0) < self.percent <= 100:
                raise DomainError(
                    "{name}: {percent} % is not between 0 and 100",
                    name=self.name,
                    percent=self.percent,
                )
        else:
            if self.amount is None or self.percent is not None:
                raise DomainError("{name}: an amount discount needs an amount only", name=self.name)
            if self.amount.minor <= 0:
                raise DomainError("{name}: the amount must be above zero", name=self.name)

    def applies_to_bill(self, bill_gross: int) -> bool:
        return self.min_bill is None or bill_gross >= self.min_bill.minor

    def savings(self, gross: Sequence[int], products: Sequence[Product]) -> list[int]:
        """The saving this discount gives each line (0 outside its scope), never above the line.

        An amount discount is taken once from the lines it covers, spread pro rata to their
        gross value, and never exceeds their total.
        """
        covers = self.scope.covers
        eligible = [g if covers(p) else 0 for g, p in zip(gross, products, strict=True)]
        if self.percent is not None:
            return percent_of_each(eligible, self.percent)
        assert self.amount is not None
        return allocate(min(self.amount.minor, sum(eligible)), eligible)
