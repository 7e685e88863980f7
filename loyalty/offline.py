"""How much stored value a till may spend without asking the CRM (sync-protocol §5.1, D8).

Online, a till holds credits and wallet at the CRM before closing the bill, so nothing is
overdrawn. Offline it cannot know what other tills spent, so it spends only within
allowances the CRM sets: per bill, per customer on this till until it has synced again, and
per till per business day. What a customer can lose to overdraft is therefore bounded by
the number of tills times the per-customer allowance; the CRM accepts the overdraft (the
food was served), flags it, and keeps the debt.
"""

from __future__ import annotations

from dataclasses import dataclass

from loyalty.errors import DomainError
from loyalty.money import Money


@dataclass(frozen=True, slots=True)
class OfflinePolicy:
    enabled: bool = True
    per_bill_minor: int = 10_000  # 100 zł of credits and wallet together on one bill
    per_customer_terminal_minor: int = 20_000  # per customer on one till between syncs
    per_terminal_day_minor: int = 200_000  # everything one till spends offline in a day
    hold_minutes: int = 30  # how long an online hold lasts if its bill never closes

    def __post_init__(self) -> None:
        amounts = (self.per_bill_minor, self.per_customer_terminal_minor)
        if any(type(v) is not int or v < 0 for v in (*amounts, self.per_terminal_day_minor)):
            raise DomainError("offline allowances are whole grosze, not below zero")
        if type(self.hold_minutes) is not int or not 1 <= self.hold_minutes <= 24 * 60:
            raise DomainError("a hold lasts 1 minute to 1 day")


DEFAULT_POLICY = OfflinePolicy()


class OfflineSpendError(DomainError):
    """Stored value the till may not spend while the CRM cannot be asked."""


def check_offline_spend(
    policy: OfflinePolicy,
    spend: Money,
    *,
    customer_used: Money,
    terminal_used_today: Money,
) -> None:
    """Refuse `spend` (credits + wallet of one bill) beyond what the policy allows offline;
    `customer_used` and `terminal_used_today` are what this till already spent offline."""
    if spend.is_zero:
        return
    if not policy.enabled:
        raise OfflineSpendError("credits and wallet cannot be used while the CRM is offline")
    per_bill = Money(policy.per_bill_minor, spend.currency)
    if spend > per_bill:
        raise OfflineSpendError(
            "offline, at most {allowed} of credits and wallet on one bill", allowed=per_bill
        )
    per_customer = Money(policy.per_customer_terminal_minor, spend.currency)
    if customer_used + spend > per_customer:
        raise OfflineSpendError(
            "offline, at most {allowed} of credits and wallet for this customer until the "
            "till syncs",
            allowed=per_customer,
        )
    per_day = Money(policy.per_terminal_day_minor, spend.currency)
    if terminal_used_today + spend > per_day:
        raise OfflineSpendError(
            "offline, at most {allowed} of credits and wallet on this till today",
            allowed=per_day,
        )
