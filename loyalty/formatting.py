"""Money, quantities and percentages as people read them: the one place text is made.

The screen and the receipts both format through here, so "1 234,50 zł" looks the same
everywhere. Thousands are grouped with a no-break space so an amount never wraps.
"""

from __future__ import annotations

from decimal import Decimal

from loyalty.money import Money

NBSP = "\u00a0"
MINUS = "−"  # U+2212: a typographic minus, as on printed price lists
_SYMBOLS = {"PLN": "zł", "EUR": "€", "USD": "$"}


def symbol(currency: str) -> str:
    return _SYMBOLS.get(currency, currency)


def money(amount: Money, *, sign: bool = False, unit: bool = True) -> str:
    """ "1 234,50 zł"; `sign=True` adds + for positive amounts; negatives use "−"."""
    text = abs_money(amount)
    if amount.minor < 0:
        text = MINUS + text
    elif sign and amount.minor > 0:
        text = "+" + text
    return f"{text}{NBSP}{symbol(amount.currency)}" if unit else text


def abs_money(amount: Money) -> str:
    return Money(abs(amount.minor), amount.currency).format(thousands_separator=NBSP)


def discount(amount: Money) -> str:
    """A reduction, shown with a minus: "−12,40 zł"; nothing taken off is "0,00 zł"."""
    if amount.minor == 0:
        return money(amount)
    return MINUS + money(Money(abs(amount.minor), amount.currency))


def percent(value: Decimal) -> str:
    """ "5 %", "12,5 %" (Polish style: comma decimals, a space before %)."""
    text = format(value.normalize(), "f").replace(".", ",")
    return f"{text}{NBSP}%"


def phone(e164: str) -> str:
    """ "+48601234567" → "+48 601 234 567" (Polish numbers in threes; others as stored)."""
    if e164.startswith("+48") and len(e164) == 12 and e164[1:].isdigit():
        national = e164[3:]
        return f"+48{NBSP}{national[:3]}{NBSP}{national[3:6]}{NBSP}{national[6:]}"
    return e164


def count(number: int) -> str:
    """A whole number as people read it: "412 000"."""
    return f"{number:,}".replace(",", NBSP)
