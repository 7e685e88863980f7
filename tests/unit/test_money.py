from __future__ import annotations

from decimal import Decimal

import pytest

from loyalty.money import Money, MoneyError, Rounding, allocate, fraction_of


def test_money_refuses_floats_bools_and_decimals() -> None:
    for bad in (12.5, True, Decimal("12.50"), "1250"):
        with pytest.raises(TypeError):
            Money(bad)  # type: ignore[arg-type]


def test_arithmetic_only_within_one_currency() -> None:
    assert Money(150) + Money(250) == Money(400)
    assert Money(150) - Money(250) == Money(-100)
    with pytest.raises(MoneyError):
        Money(100, "PLN") + Money(100, "EUR")
    with pytest.raises(MoneyError):
        _ = Money(100, "PLN") < Money(100, "EUR")
    with pytest.raises(MoneyError):
        Money(1, "zł")


@pytest.mark.parametrize(
    ("minor", "rate", "expected"),
    [
        (1999, Decimal("0.05"), 100),  # 99.95 → 100: half up
        (1990, Decimal("0.05"), 100),  # 99.5 → 100
        (1989, Decimal("0.05"), 99),  # 99.45 → 99
        (-1990, Decimal("0.05"), -100),  # ties go away from zero
        (333, Decimal("0.125"), 42),  # 41.625
    ],
)
def test_apply_rate_rounds_half_up_once(minor: int, rate: Decimal, expected: int) -> None:
    assert Money(minor).apply_rate(rate) == Money(expected)


def test_floor_rounding_never_gives_more() -> None:
    assert Money(999).apply_rate(Decimal("0.10"), rounding=Rounding.FLOOR) == Money(99)
    assert Money(-1).apply_rate(Decimal("0.5"), rounding=Rounding.FLOOR) == Money(-1)


def test_fraction_is_exact_where_decimals_are_not() -> None:
    # VAT in a 123,00 gross at 23 %: exactly 23,00; 100,00 gross: 18,699… → 18,70.
    assert fraction_of(12300, 23, 123) == 2300
    assert fraction_of(10000, 23, 123) == 1870


def test_allocate_largest_remainder() -> None:
    assert allocate(100, [1, 1, 1]) == [34, 33, 33]
    assert allocate(-100, [1, 1, 1]) == [-34, -33, -33]
    assert allocate(10, [0, 0]) == [5, 5]
    assert allocate(400, [399, 218]) == [259, 141]
    assert Money(1000).allocate([1, 2]) == [Money(333), Money(667)]
    with pytest.raises(MoneyError):
        allocate(5, [])


@pytest.mark.parametrize(
    ("text", "minor"),
    [
        ("12,50", 1250),
        ("12.50", 1250),
        ("12", 1200),
        ("12,5", 1250),
        ("0,07", 7),
        ("-3,00", -300),
        ("−3,00", -300),
        (" 1 234,50 ", 123450),
        ("1\u00a0234,50", 123450),
        ("1.234,50", 123450),
        ("1,234.50", 123450),
        ("1.234.567,89", 123456789),
        ("1 234 567", 123456700),
        ("- 3,00", -300),
        ("1\u202f000", 100000),
    ],
)
def test_parse_accepts_what_people_type(text: str, minor: int) -> None:
    assert Money.parse(text) == Money(minor)


@pytest.mark.parametrize(
    "text",
    [
        *("", "abc", "12,505", "1,234", "12.", "--5", "1.2.3", "12,5a"),
        # A space groups thousands only: "12 50" is not 1 250,00 zł.
        *("12 50", "1 23", "1 2345", "1234 567", "12 50,00", "1 234 56"),
        # ASCII digits only: others would be stored as they are, then never compared right.
        *("١٢", "12,٥٠", "１２", "१२३"),
    ],
)
def test_parse_refuses_with_a_clear_message(text: str) -> None:
    with pytest.raises(MoneyError, match="is not an amount"):
        Money.parse(text)


def test_format() -> None:
    assert Money(123450).format() == "1234,50"
    assert Money(123450).format(thousands_separator=" ") == "1 234,50"
    assert Money(-5).format(decimal_separator=".") == "-0.05"
    assert str(Money(1250)) == "12,50 PLN"


@pytest.mark.parametrize(
    "text", ["99999999999999999999", "123456789012345,67", "-99999999999999999999"]
)
def test_an_amount_no_till_takes_is_refused_before_it_can_overflow_a_column(text: str) -> None:
    """Issue 11: a cashier could type an amount past SQLite's 64-bit integers."""
    with pytest.raises(MoneyError, match="too large"):
        Money.parse(text)
    assert Money.parse("1 000 000 000,00").minor == 100_000_000_000  # the largest taken
