"""Money as integer minor units (grosze), and the one place where a rate meets money.

Floats never enter: `Money` refuses anything but a plain `int`, rates are `Decimal`, and every
rounding in the terminal goes through `rate_of` so the policy lives in a single function.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from functools import lru_cache

from loyalty.errors import DomainError

DEFAULT_CURRENCY = "PLN"
MINOR_PER_MAJOR = 100  # every currency the terminal handles has two decimal places
# The largest amount typed text may be: a billion (far above any till's, far below the
# 64-bit integers the databases store, so no typed sum can overflow a column).
LARGEST_TYPED_MINOR = 1_000_000_000 * MINOR_PER_MAJOR

_CURRENCY = re.compile(r"[A-Z]{3}")
_CHECKED_CURRENCIES: set[str] = set()  # codes that passed the pattern once (a hot path)
# ASCII digits only ([0-9], not \d, which takes any script's digits): one rule for what a
# cashier types, a CSV holds and the wire carries.
_AMOUNT = re.compile(r"(?P<sign>[-−]?)(?P<whole>[0-9]+)(?:[.,](?P<frac>[0-9]{1,2}))?")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
# Spaces group thousands only: "1 234 567,89" — a first group of 1 to 3 digits, then 3 each.
_SPACED = re.compile(r"[0-9]{1,3}( [0-9]{3})+([.,][0-9]*)?")


class Rounding(Enum):
    """How a rate's product is brought back to whole minor units."""

    HALF_UP = "half_up"  # prices, discounts, VAT: ties go away from zero
    FLOOR = "floor"  # awards (cashback, points): never give more than was earned


class MoneyError(DomainError):
    """A money value or text that cannot be an amount (the message is for the cashier)."""


@lru_cache(maxsize=1024)
def _ratio(rate: Decimal) -> tuple[int, int]:
    if not isinstance(rate, Decimal) or not rate.is_finite():
        raise TypeError(f"a rate must be a finite Decimal, not {rate!r}")
    return rate.as_integer_ratio()


def fraction_of(
    minor: int, numerator: int, denominator: int, rounding: Rounding = Rounding.HALF_UP
) -> int:
    """`minor × numerator / denominator`, rounded once to whole minor units.

    This is the only rounding of money in the terminal. It works on integers, so the result
    is exact and independent of any decimal context (VAT's 23/123 has no finite decimal).
    """
    if type(minor) is not int:
        raise TypeError(f"minor units must be int, not {type(minor).__name__}")
    if denominator <= 0:
        raise ValueError("the denominator must be positive")
    product = minor * numerator
    if rounding is Rounding.FLOOR:
        return product // denominator
    quotient, remainder = divmod(abs(product), denominator)
    if 2 * remainder >= denominator:
        quotient += 1
    return quotient if product >= 0 else -quotient


def rate_of(minor: int, rate: Decimal, rounding: Rounding = Rounding.HALF_UP) -> int:
    """`minor × rate` (a Decimal is exactly a ratio of two integers), rounded once."""
    numerator, denominator = _ratio(rate)
    return fraction_of(minor, numerator, denominator, rounding)


def percent_of(minor: int, percent: Decimal, rounding: Rounding = Rounding.HALF_UP) -> int:
    """`percent` % of `minor` (e.g. 5 % of 1999 gr → 100 gr)."""
    return rate_of(minor, percent / 100, rounding)


def percent_of_each(values: Sequence[int], percent: Decimal) -> list[int]:
    """`percent_of` for many non-negative amounts at once (the rate is read once)."""
    numerator, denominator = _ratio(percent / 100)
    twice = 2 * denominator
    # Half up for non-negative products: floor((2·p + d) / 2d).
    return [(2 * value * numerator + denominator) // twice for value in values]


def allocate(total: int, weights: Sequence[int]) -> list[int]:
    """Split `total` into parts proportional to `weights`; the parts always sum to `total`.

    Largest-remainder method: every part gets the floor of its exact share, and the grosze
    left over go one each to the largest fractional remainders (earlier index wins a tie, so
    the split is deterministic). When `0 <= total <= sum(weights)` no part exceeds its weight.
    All-zero weights split evenly.
    """
    if not weights:
        if total:
            raise MoneyError("cannot allocate an amount over no parts")
        return []
    if min(weights) < 0:
        raise ValueError(f"weights must not be negative: {weights!r}")
    if total < 0:
        return [-part for part in allocate(-total, weights)]
    weight_sum = sum(weights)
    if weight_sum == 0:
        return allocate(total, [1] * len(weights))
    parts = [total * weight // weight_sum for weight in weights]
    left = total - sum(parts)
    if left:
        remainders = [total * weight % weight_sum for weight in weights]
        # nlargest is stable: equal remainders keep index order.
        for index in heapq.nlargest(left, range(len(weights)), key=remainders.__getitem__):
            parts[index] += 1
    return parts


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in minor units of one currency. Arithmetic only within one currency."""

    minor: int
    currency: str = DEFAULT_CURRENCY

    def __post_init__(self) -> None:
        # `type(...) is int` also refuses bool, float and Decimal.
        if type(self.minor) is not int:
            raise TypeError(
                f"Money takes integer minor units, not {type(self.minor).__name__} {self.minor!r}"
            )
        if self.currency not in _CHECKED_CURRENCIES:
            if not isinstance(self.currency, str) or not _CURRENCY.fullmatch(self.currency):
                raise MoneyError("unknown currency code {currency!r}", currency=self.currency)
            _CHECKED_CURRENCIES.add(self.currency)

    @classmethod
    def zero(cls, currency: str = DEFAULT_CURRENCY) -> Money:
        return cls(0, currency)

    def _same(self, other: Money) -> None:
        if not isinstance(other, Money):
            raise TypeError(f"cannot combine Money with {type(other).__name__}")
        if other.currency != self.currency:
            raise MoneyError(
                "cannot combine {currency} with {other}",
                currency=self.currency,
                other=other.currency,
            )

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor - other.minor, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.minor, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.minor < other.minor

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.minor <= other.minor

    def __gt__(self, other: Money) -> bool:
        self._same(other)
        return self.minor > other.minor

    def __ge__(self, other: Money) -> bool:
        self._same(other)
        return self.minor >= other.minor

    @property
    def is_zero(self) -> bool:
        return self.minor == 0

    @property
    def is_negative(self) -> bool:
        return self.minor < 0

    def times(self, quantity: int) -> Money:
        if type(quantity) is not int:
            raise TypeError(f"quantity must be int, not {type(quantity).__name__}")
        return Money(self.minor * quantity, self.currency)

    def apply_rate(self, rate: Decimal, *, rounding: Rounding = Rounding.HALF_UP) -> Money:
        """This amount times `rate` (0.05 for 5 %), rounded once to the grosz."""
        return Money(rate_of(self.minor, rate, rounding), self.currency)

    def allocate(self, weights: Sequence[int]) -> list[Money]:
        return [Money(part, self.currency) for part in allocate(self.minor, weights)]

    @classmethod
    def parse(cls, text: str, currency: str = DEFAULT_CURRENCY) -> Money:
        """Read "12,50", "12.50", "12", "-3,5", "1 234,50" or "1.234,50" as an amount.

        The last ',' or '.' followed by one or two digits is the decimal separator; spaces,
        and the other separator before it, group thousands — in threes ("12 50" is refused,
        not read as 1 250). Digits are ASCII. Anything else is refused.
        """
        spaced = _SPACES.sub(" ", text.strip())
        unsigned = spaced.lstrip("-−").lstrip()
        if " " in unsigned and not _SPACED.fullmatch(unsigned):
            raise MoneyError("{text!r} is not an amount (write it as 12,50)", text=text)
        cleaned = spaced.replace(" ", "")
        body = cleaned.lstrip("-−")
        sign = cleaned[: len(cleaned) - len(body)]
        decimal_at = max(body.rfind(","), body.rfind("."))
        if decimal_at >= 0 and len(body) - decimal_at - 1 in (1, 2):
            whole, frac = body[:decimal_at], body[decimal_at + 1 :]
            grouping = "." if body[decimal_at] == "," else ","
            if re.fullmatch(rf"[0-9]{{1,3}}(\{grouping}[0-9]{{3}})+", whole):
                whole = whole.replace(grouping, "")
            body = f"{whole}.{frac}"
        match = _AMOUNT.fullmatch(sign + body)
        if match is None:
            raise MoneyError("{text!r} is not an amount (write it as 12,50)", text=text)
        if len(match["whole"]) > len(str(LARGEST_TYPED_MINOR)):  # no huge int() of typed text
            raise MoneyError("{text!r} is too large an amount", text=text)
        minor = int(match["whole"]) * MINOR_PER_MAJOR + int((match["frac"] or "0").ljust(2, "0"))
        if minor > LARGEST_TYPED_MINOR:
            raise MoneyError("{text!r} is too large an amount", text=text)
        return cls(-minor if match["sign"] else minor, currency)

    def format(self, *, decimal_separator: str = ",", thousands_separator: str = "") -> str:
        """Plain amount text ("1234,50"); display formatting with symbols belongs to the UI."""
        whole, frac = divmod(abs(self.minor), MINOR_PER_MAJOR)
        digits = f"{whole:,}".replace(",", thousands_separator)
        return f"{'-' if self.minor < 0 else ''}{digits}{decimal_separator}{frac:02d}"

    def __str__(self) -> str:
        return f"{self.format()} {self.currency}"
