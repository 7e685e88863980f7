"""Why each amount on a priced bill is what it is: one entry per discount, voucher, credits."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from loyalty.money import Money


class Source(StrEnum):
    MANUAL = "manual"
    GROUP = "group"
    VOUCHER = "voucher"
    CREDITS = "credits"


class CapReason(StrEnum):
    DAILY_LIMIT = "daily_limit"  # the group's daily discount limit for this customer
    ALLOWANCE = "allowance"  # the customer's own remaining discount allowance
    REMAINING_TOTAL = "remaining_total"  # more than is left to pay on the bill
    ELIGIBLE_TOTAL = "eligible_total"  # an amount larger than the lines it covers


class AdjustmentStatus(StrEnum):
    APPLIED = "applied"
    REMOVED_BY_CASHIER = "removed_by_cashier"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class Adjustment:
    """One rule's effect on the bill: what it was applied to and what it took off.

    `uncapped` and `cap` are set when a cap cut the amount; `refusal` says why a voucher or
    discount gave nothing.
    """

    source: Source
    rule_id: str
    rule_name: str
    base: Money
    amount: Money
    percent: Decimal | None = None
    line_ids: tuple[str, ...] = ()
    uncapped: Money | None = None
    cap: CapReason | None = None
    status: AdjustmentStatus = AdjustmentStatus.APPLIED
    refusal: str | None = None

    def describe(self) -> str:
        """Plain English for logs and tests; the screen and receipt format their own text."""
        rate = f" {self.percent}%" if self.percent is not None else ""
        text = f"{self.source}: {self.rule_name}{rate} -{self.amount} on {self.base}"
        if self.cap is not None and self.uncapped is not None:
            text += f" (capped by {self.cap} from {self.uncapped})"
        if self.status is not AdjustmentStatus.APPLIED:
            text += f" [{self.status}{': ' + self.refusal if self.refusal else ''}]"
        return text


@dataclass(frozen=True, slots=True)
class LimitStatus:
    """The group-discount limits as they stood for this bill.

    `available` is what the bill could still use (None: no cap); `used_by_bill` is what it
    did use, so the strip can say "12,40 of 20,00 zł used".
    """

    daily_limit: Money | None
    used_before: Money
    allowance: Money | None
    available: Money | None
    used_by_bill: Money
    capped_by: CapReason | None

    @property
    def used_after(self) -> Money:
        return self.used_before + self.used_by_bill

    @property
    def remaining_after(self) -> Money | None:
        return None if self.available is None else self.available - self.used_by_bill
