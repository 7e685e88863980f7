"""The largest amount a cashier may type in each field: a tender, the cash float.

A slip of the finger (a 5 000 zł note typed as 500 000) is refused with the limit named,
before it reaches a bill, a shift or the database; a manager raises a limit in Settings
(kept in settings.json, taking effect at once). The defaults fit a restaurant's day.
"""

from __future__ import annotations

from dataclasses import dataclass

from loyalty.errors import DomainError
from loyalty.money import LARGEST_TYPED_MINOR, Money

TENDER_DEFAULT = Money(2_000_000)  # 20 000,00 zł in one tender
FLOAT_DEFAULT = Money(1_000_000)  # 10 000,00 zł in the drawer at opening


class AmountAboveLimitError(DomainError):
    """An amount typed above its field's limit."""


@dataclass(frozen=True, slots=True)
class AmountLimits:
    tender: Money = TENDER_DEFAULT
    cash_float: Money = FLOAT_DEFAULT

    def check_tender(self, amount: Money) -> None:
        if amount > self.tender:
            raise AmountAboveLimitError(
                "A tender of {amount} is above the limit of {limit}; a manager can raise the"
                " limit in Settings",
                amount=amount,
                limit=self.tender,
            )

    def check_float(self, amount: Money) -> None:
        if amount > self.cash_float:
            raise AmountAboveLimitError(
                "A cash float of {amount} is above the limit of {limit}; a manager can raise"
                " the limit in Settings",
                amount=amount,
                limit=self.cash_float,
            )

    @classmethod
    def from_settings(cls, settings: dict[str, object]) -> AmountLimits:
        """The limits a manager set (grosze, in settings.json); a default for any missing
        or not a positive whole number."""

        def read(key: str, default: Money) -> Money:
            value = settings.get(key)
            if type(value) is int and 0 < value <= LARGEST_TYPED_MINOR:
                return Money(value)
            return default

        return cls(
            read("tender_limit_minor", TENDER_DEFAULT), read("float_limit_minor", FLOAT_DEFAULT)
        )


DEFAULT_LIMITS = AmountLimits()
