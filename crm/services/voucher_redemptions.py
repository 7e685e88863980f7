"""Vouchers used on bills that terminals report (sync-protocol §5.3, D9a).

The first redemption of a single-use voucher in the CRM's apply order wins; a later one
(two tills offline with the same code) is recorded too, since the discount was given, and
flags its bill. Loss per voucher is bounded by its value. A voided bill gives its vouchers
back, unless another bill redeemed them as well.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm.store.models import VoucherRedemptionRow, VoucherRow
from sync.wire.ops import Adjustment, BillClosed

DOUBLE_REDEEMED = "voucher_double_redeemed"
UNKNOWN_VOUCHER = "unknown_voucher"


def redeem(
    session: Session, op: BillClosed, *, op_id: str, terminal_id: str, now: datetime
) -> list[str]:
    """Single-use vouchers the bill used become redeemed; one already redeemed elsewhere
    is recorded all the same (the discount was given) and flags the bill."""
    flags = []
    for code in used_vouchers(op):
        voucher = session.get(VoucherRow, code, with_for_update=True)
        if voucher is None:
            flags.append(UNKNOWN_VOUCHER)
            continue
        double = voucher.single_use and voucher.status == "redeemed"
        session.add(
            VoucherRedemptionRow(
                code=code,
                bill_id=op.bill_id,
                op_id=op_id,
                terminal_id=terminal_id,
                double_redeemed=double,
                redeemed_at=now,
            )
        )
        if double:
            flags.append(DOUBLE_REDEEMED)
        elif voucher.single_use:
            voucher.status, voucher.updated_at = "redeemed", now
            voucher.version += 1
    return flags


def used_vouchers(op: BillClosed) -> list[str]:
    """The codes of the vouchers the bill applied, in code order (the order they lock in)."""
    return sorted({a.rule_id for a in op.adjustments if a.rule_id and _used_voucher(a)})


def _used_voucher(adjustment: Adjustment) -> bool:
    return (
        adjustment.source == "voucher"
        and adjustment.status == "applied"
        and adjustment.rule_id is not None
        and adjustment.amount.minor > 0
    )


def give_back(session: Session, bill_id: str, now: datetime) -> None:
    """A voided bill's vouchers are usable again, unless another bill redeemed them too."""
    redeemed = session.scalars(
        select(VoucherRedemptionRow).where(VoucherRedemptionRow.bill_id == bill_id)
    ).all()
    for redemption in redeemed:
        session.delete(redemption)
        session.flush()
        others = session.scalar(
            select(func.count())
            .select_from(VoucherRedemptionRow)
            .where(VoucherRedemptionRow.code == redemption.code)
        )
        voucher = session.get(VoucherRow, redemption.code, with_for_update=True)
        if not others and voucher is not None and voucher.status == "redeemed":
            voucher.status, voucher.updated_at = "active", now
            voucher.version += 1
