"""Tenders (how a bill is paid) and settling a payable amount with one or several of them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from loyalty.errors import DomainError
from loyalty.money import Money


class TenderKind(StrEnum):
    CASH = "cash"
    CARD = "card"
    WALLET = "wallet"  # the customer's prepaid balance


@dataclass(frozen=True, slots=True)
class Tender:
    kind: TenderKind
    amount: Money

    def __post_init__(self) -> None:
        if self.amount.minor <= 0:
            raise DomainError("a {kind} payment must be above zero", kind=self.kind)


@dataclass(frozen=True, slots=True)
class Settlement:
    """What the tenders cover. Only cash can exceed what is due; the excess is change."""

    payable: Money
    tendered: Money
    change: Money
    remaining: Money
    wallet_used: Money

    @property
    def settled(self) -> bool:
        return self.remaining.is_zero


def settle(payable: Money, tenders: Sequence[Tender], *, wallet_available: Money) -> Settlement:
    """Check the tenders against what is due; refuse what no till would accept."""
    zero = Money.zero(payable.currency)
    by_kind = {kind: zero for kind in TenderKind}
    for tender in tenders:
        by_kind[tender.kind] = by_kind[tender.kind] + tender.amount
    non_cash = by_kind[TenderKind.CARD] + by_kind[TenderKind.WALLET]
    if non_cash > payable:
        raise DomainError(
            "card and wallet payments ({non_cash}) cannot exceed the amount due ({payable})",
            non_cash=non_cash,
            payable=payable,
        )
    # A wallet left below zero by offline spends refuses more wallet, not cash or card.
    wallet = by_kind[TenderKind.WALLET]
    if not wallet.is_zero and wallet > wallet_available:
        raise DomainError(
            "the wallet holds {wallet_available}, not {asked}",
            wallet_available=wallet_available,
            asked=wallet,
        )
    tendered = non_cash + by_kind[TenderKind.CASH]
    return Settlement(
        payable=payable,
        tendered=tendered,
        change=max(tendered - payable, zero),
        remaining=max(payable - tendered, zero),
        wallet_used=by_kind[TenderKind.WALLET],
    )
