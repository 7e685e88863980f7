"""Percentages as people write them ("12.5") and as the CRM stores them (basis points).

A rate is stored as an integer number of hundredths of a percent (`*_bp`: 12.5 % is 1250),
so it never passes through floating point or a database's NUMERIC rounding. It travels in
JSON as a decimal string and is read here exactly: a JSON number such as 12.5 was a float
on its way and may not be what was meant (0.1 + 0.2), so a float is refused, never rounded.
Whether a rate is allowed (0 < p <= 100) is the shared rules' call, not this module's.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from loyalty.errors import DomainError

PLACES = 2  # a basis point is the smallest step: two decimal places of a percent
BP_PER_PERCENT = 100
_TEXT = re.compile(r"[+-]?\d{1,6}(?:[.,]\d+)?")


def parse_percent(value: object) -> Decimal:
    """A percentage from "12.5", "12,5", an int or a Decimal; at most two decimal places."""
    if isinstance(value, bool | float):
        raise DomainError('write the percentage as text, such as "12.5", not as a number')
    if isinstance(value, int):
        found = Decimal(value)
    elif isinstance(value, Decimal):
        found = value
    elif isinstance(value, str):
        text = value.strip().rstrip("%").strip()
        if not _TEXT.fullmatch(text):
            raise DomainError("{text!r} is not a percentage (write it as 12.5)", text=value)
        try:
            found = Decimal(text.replace(",", "."))
        except InvalidOperation as error:  # the pattern admits only numbers; kept as a guard
            raise DomainError("{text!r} is not a percentage", text=value) from error
    else:
        raise DomainError("a percentage is text such as 12.5")
    if not found.is_finite():
        raise DomainError("{value} is not a percentage", value=found)
    exponent = found.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -PLACES:
        raise DomainError("{value} %: at most two decimal places", value=found)
    return found


def percent_to_bp(percent: Decimal) -> int:
    """12.5 → 1250. Exact: a percentage with more than two decimals is refused."""
    scaled = percent * BP_PER_PERCENT
    if scaled != scaled.to_integral_value():
        raise DomainError("{value} %: at most two decimal places", value=percent)
    return int(scaled)


def bp_to_percent(bp: int) -> Decimal:
    """1250 → Decimal("12.50"): exact, two places."""
    return Decimal(bp).scaleb(-PLACES)


def percent_text(percent: Decimal) -> str:
    """How a rate is shown in JSON: "12.5", "10", "0.05" (never "1E+1")."""
    return f"{percent.normalize():f}"
