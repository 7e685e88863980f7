"""What a till asks the CRM online, besides sync: a hold on credits and wallet for one bill,
and a customer its cache does not have. Both within a short budget; no answer in time
means "offline" and the till goes on with what it has.

Both the terminal's services (which decide) and `sync.authorizer` (which asks over HTTP)
use these; the services never see HTTP.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from loyalty.money import Money


@dataclass(frozen=True, slots=True)
class HoldRequest:
    op_id: str  # the bill.closed op's id: asked twice, one hold
    customer_id: str | None  # None: a bill without a customer, holding vouchers only
    bill_id: str
    credits: Money
    wallet: Money
    vouchers: tuple[str, ...] = ()  # single-use vouchers on the bill


@dataclass(frozen=True, slots=True)
class HoldGranted:
    authorization_id: str


class HoldRefusedError(Exception):
    """The CRM answered: the customer does not have that much (another till spent it)."""

    def __init__(self, credits: Money, wallet: Money) -> None:
        super().__init__(f"available at the CRM: credits {credits}, wallet {wallet}")
        self.credits, self.wallet = credits, wallet


class VoucherRefusedError(Exception):
    """The CRM answered: this voucher was redeemed, or another till holds it."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(f"voucher {code}: {reason}")
        self.code, self.reason = code, reason


class Authorizer(Protocol):
    def authorize(self, request: HoldRequest) -> HoldGranted | None:
        """The hold, or None when the CRM did not answer in time (offline rules apply);
        HoldRefusedError when it answered no."""

    def release(self, authorization_id: str) -> None:
        """Best effort: a hold not released expires by itself."""

    def release_asked(self, request: HoldRequest) -> None:
        """Best effort: release the hold asked for with `request` whose answer never came
        (also when the ask reaches the CRM only later)."""

    def lookup(self, *, card: str, business_date: date) -> LookedUp | None:
        """The customer with this card as the pull streams carry it; None when the CRM
        does not know the card or did not answer in time."""


@dataclass(frozen=True, slots=True)
class LookedUp:
    """Rows of the `reference` and `balances` streams, as a pull page has them."""

    customer_id: str
    reference: tuple[Mapping[str, Any], ...]
    balances: tuple[Mapping[str, Any], ...]
