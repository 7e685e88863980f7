"""Pricing steps 3 and 4: the customer's group discount, and the limits that cap it.

Per line the single best group discount competes with the cashier's manual discount and the
larger saving wins (no compounding). The group discounts that win are then capped, as one
total, by the customer's remaining daily limit and remaining allowance; the cap is spread
back over the lines pro rata. A line whose capped group saving falls to or below its manual
saving goes back to the manual discount, and the cap is spread again over the rest.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from loyalty.catalog import Product
from loyalty.customers import CustomerState
from loyalty.discounts import Discount
from loyalty.money import Money, allocate
from pos_terminal.domain.explanation import CapReason, LimitStatus


@dataclass(frozen=True, slots=True)
class GroupOutcome:
    savings: tuple[int, ...]  # the group saving on each line after caps (0 where manual won)
    best: tuple[int, ...]  # the best group saving on each line before caps
    discount_ids: tuple[str | None, ...]  # the group discount behind `best`
    winners: frozenset[int]  # lines where the group discount beat the manual one
    limit: LimitStatus | None


def group_discounts(state: CustomerState | None, catalog: Mapping[str, Discount]) -> list[Discount]:
    """The discounts of the customer's group that this terminal knows (unknown ids skipped)."""
    if state is None or state.group is None:
        return []
    return [catalog[i] for i in state.group.discount_ids if i in catalog]


def best_savings(
    discounts: Sequence[Discount], gross: Sequence[int], products: Sequence[Product]
) -> tuple[list[int], list[str | None]]:
    """Per line, the largest saving any one discount gives, and which discount gives it."""
    best = [0] * len(gross)
    ids: list[str | None] = [None] * len(gross)
    bill_gross = sum(gross)
    for discount in discounts:
        if not discount.applies_to_bill(bill_gross):
            continue
        for index, saving in enumerate(discount.savings(gross, products)):
            if saving > best[index]:
                best[index], ids[index] = saving, discount.id
    return best, ids


def _available(state: CustomerState, *, lifted: bool) -> tuple[int | None, CapReason | None]:
    """What group discount the bill may still use, and which limit sets it (None: no cap)."""
    if state.customer.discount_limit_disabled or lifted:
        return None, None
    caps: list[tuple[int, CapReason]] = []
    daily = state.group.daily_discount_limit if state.group else None
    if daily is not None:
        caps.append(
            (max(daily.minor - state.group_discount_used_today.minor, 0), CapReason.DAILY_LIMIT)
        )
    allowance = state.allowance_left
    if allowance is not None:
        caps.append((allowance.minor, CapReason.ALLOWANCE))
    if not caps:
        return None, None
    return min(caps, key=lambda cap: cap[0])


def resolve(
    state: CustomerState | None,
    catalog: Mapping[str, Discount],
    *,
    gross: Sequence[int],
    products: Sequence[Product],
    manual: Sequence[int],
    currency: str,
    limits_lifted: bool = False,
) -> GroupOutcome:
    best, ids = best_savings(group_discounts(state, catalog), gross, products)
    winners = {i for i, saving in enumerate(best) if saving > manual[i]}
    savings = [0] * len(gross)
    if state is None:
        return GroupOutcome(tuple(savings), tuple(best), tuple(ids), frozenset(), None)
    cap, reason = _available(state, lifted=limits_lifted)
    capped = False
    while True:
        order = sorted(winners)
        wanted = sum(best[i] for i in order)
        if cap is None or wanted <= cap:
            shares = [best[i] for i in order]
            break
        shares = allocate(cap, [best[i] for i in order])
        back_to_manual = {
            i for i, share in zip(order, shares, strict=True) if 0 < manual[i] >= share
        }
        if not back_to_manual:
            capped = True
            break
        winners -= back_to_manual
    for index, share in zip(order, shares, strict=True):
        savings[index] = share
    used = sum(shares)
    limit = LimitStatus(
        daily_limit=state.group.daily_discount_limit if state.group else None,
        used_before=state.group_discount_used_today,
        allowance=state.allowance_left,
        available=None if cap is None else Money(cap, currency),
        used_by_bill=Money(used, currency),
        capped_by=reason if capped else None,
    )
    return GroupOutcome(tuple(savings), tuple(best), tuple(ids), frozenset(winners), limit)
