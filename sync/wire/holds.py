"""Asking the CRM to hold credits and wallet for one bill: what is asked, what comes back.

Both the terminal's services (which decide) and `sync.authorizer` (which asks over HTTP)
use these; the services never see HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from loyalty.money import Money


@dataclass(frozen=True, slots=True)
class HoldRequest:
    op_id: str  # the bill.closed op's id: asked twice, one hold
    customer_id: str
    bill_id: str
    credits: Money
    wallet: Money


@dataclass(frozen=True, slots=True)
class HoldGranted:
    authorization_id: str


class HoldRefusedError(Exception):
    """The CRM answered: the customer does not have that much (another till spent it)."""

    def __init__(self, credits: Money, wallet: Money) -> None:
        super().__init__(f"available at the CRM: credits {credits}, wallet {wallet}")
        self.credits, self.wallet = credits, wallet


class Authorizer(Protocol):
    def authorize(self, request: HoldRequest) -> HoldGranted | None:
        """The hold, or None when the CRM did not answer in time (offline rules apply);
        HoldRefusedError when it answered no."""

    def release(self, authorization_id: str) -> None:
        """Best effort: a hold not released expires by itself."""
