"""What is sold: VAT rates, categories and products (prices are gross, VAT included)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from loyalty.errors import DomainError
from loyalty.money import Money


@dataclass(frozen=True, slots=True)
class VatRate:
    """A VAT rate with its Polish fiscal letter (A 23 %, B 8 %, C 5 %, D 0 %)."""

    code: str
    percent: Decimal

    def __post_init__(self) -> None:
        if not isinstance(self.percent, Decimal) or not Decimal(0) <= self.percent < 100:
            raise DomainError("VAT rate {percent!r} is not a percentage", percent=self.percent)


VAT_23 = VatRate("A", Decimal(23))
VAT_8 = VatRate("B", Decimal(8))
VAT_5 = VatRate("C", Decimal(5))
VAT_0 = VatRate("D", Decimal(0))
VAT_RATES = (VAT_23, VAT_8, VAT_5, VAT_0)


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Product:
    id: str
    name: str
    category_id: str
    price: Money
    vat: VatRate
    active: bool = True

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise DomainError("a product needs a name")
        if self.price.is_negative:
            raise DomainError("{name}: a price cannot be negative", name=self.name)
