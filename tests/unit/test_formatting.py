from __future__ import annotations

from decimal import Decimal

from loyalty import formatting
from loyalty.money import Money

NBSP = "\u00a0"


def test_money_as_people_read_it() -> None:
    assert formatting.money(Money(123450)) == f"1{NBSP}234,50{NBSP}zł"
    assert formatting.money(Money(5)) == f"0,05{NBSP}zł"
    assert formatting.money(Money(-1240)) == f"−12,40{NBSP}zł"
    assert formatting.money(Money(1240), sign=True) == f"+12,40{NBSP}zł"
    assert formatting.money(Money(100, "EUR")) == f"1,00{NBSP}€"
    assert formatting.money(Money(100_000_000), unit=False) == f"1{NBSP}000{NBSP}000,00"
    assert formatting.discount(Money(1240)) == f"−12,40{NBSP}zł"
    assert formatting.discount(Money(-1240)) == f"−12,40{NBSP}zł"
    assert formatting.discount(Money(0)) == f"0,00{NBSP}zł"  # no "−0,00 zł"


def test_percent() -> None:
    assert formatting.percent(Decimal("5")) == f"5{NBSP}%"
    assert formatting.percent(Decimal("12.50")) == f"12,5{NBSP}%"
    assert formatting.percent(Decimal("100")) == f"100{NBSP}%"


def test_phone() -> None:
    assert formatting.phone("+48601234567") == f"+48{NBSP}601{NBSP}234{NBSP}567"
    assert formatting.phone("+49301234567") == "+49301234567"
