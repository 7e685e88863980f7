"""Pricing steps 5 and 6: vouchers in the order scanned, then promotional credits.

Both come off what is left to pay and are spread over the lines pro rata (largest
remainder), so VAT per rate is computed from what is really paid for each line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from loyalty.customers import CustomerState
from loyalty.money import Money, allocate, percent_of
from loyalty.vouchers import Voucher, VoucherRefusal
from pos_terminal.domain.explanation import Adjustment, AdjustmentStatus, CapReason, Source

CREDITS_RULE_ID = "credits"


def _take(amount: int, remaining: list[int], taken: list[int]) -> None:
    """Spread `amount` over the lines by what is left on each; never below zero."""
    for index, part in enumerate(allocate(amount, remaining)):
        remaining[index] -= part
        taken[index] += part


def apply_vouchers(
    codes: Sequence[str],
    catalog: Mapping[str, Voucher],
    *,
    remaining: list[int],
    line_ids: tuple[str, ...],
    customer_id: str | None,
    business_date: date,
    currency: str,
) -> tuple[list[int], list[Adjustment]]:
    """Each voucher's share per line, and one adjustment per scanned code (refused or not)."""
    taken = [0] * len(remaining)
    adjustments: list[Adjustment] = []
    seen: set[str] = set()
    for code in codes:
        left = sum(remaining)
        voucher = catalog.get(code)
        refusal: VoucherRefusal | None
        if code in seen:
            refusal = VoucherRefusal.ALREADY_ON_BILL
        elif voucher is None:
            refusal = VoucherRefusal.UNKNOWN
        else:
            refusal = voucher.refusal(on=business_date, customer_id=customer_id)
        seen.add(code)
        if voucher is None or refusal is not None:
            adjustments.append(
                Adjustment(
                    source=Source.VOUCHER,
                    rule_id=code,
                    rule_name=code,
                    base=Money(left, currency),
                    amount=Money(0, currency),
                    status=AdjustmentStatus.REFUSED,
                    refusal=refusal,
                )
            )
            continue
        if voucher.percent is not None:
            value, uncapped = percent_of(left, voucher.percent), None
        else:
            assert voucher.amount is not None
            value, uncapped = min(voucher.amount.minor, left), voucher.amount.minor
        _take(value, remaining, taken)
        capped = uncapped is not None and uncapped > value
        adjustments.append(
            Adjustment(
                source=Source.VOUCHER,
                rule_id=code,
                rule_name=code,
                base=Money(left, currency),
                amount=Money(value, currency),
                percent=voucher.percent,
                line_ids=line_ids,
                uncapped=Money(uncapped, currency) if capped and uncapped is not None else None,
                cap=CapReason.REMAINING_TOTAL if capped else None,
            )
        )
    return taken, adjustments


def apply_credits(
    state: CustomerState | None,
    *,
    removed: bool,
    remaining: list[int],
    line_ids: tuple[str, ...],
    currency: str,
) -> tuple[list[int], list[Adjustment]]:
    """Promotional credits, min(available, left to pay), unless the cashier removed them."""
    taken = [0] * len(remaining)
    if state is None or state.credits.minor <= 0:
        return taken, []
    left = sum(remaining)
    available = state.credits.minor
    value = 0 if removed else min(available, left)
    _take(value, remaining, taken)
    capped = not removed and available > left
    adjustment = Adjustment(
        source=Source.CREDITS,
        rule_id=CREDITS_RULE_ID,
        rule_name="Credits",
        base=Money(left, currency),
        amount=Money(value, currency),
        line_ids=line_ids if value else (),
        uncapped=Money(available, currency) if capped else None,
        cap=CapReason.REMAINING_TOTAL if capped else None,
        status=AdjustmentStatus.REMOVED_BY_CASHIER if removed else AdjustmentStatus.APPLIED,
    )
    return taken, [adjustment]
