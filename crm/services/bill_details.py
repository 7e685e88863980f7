"""What a customer's bill was made of, for the profile's transactions: its lines and the
discounts on each, the group discount, vouchers and credits as the till priced them (with
any cap that cut them), how it was paid, what it earned, who sold it and what the CRM
flagged.

The bill is kept as its op (`bill.payload`); rules are named from the CRM's own tables,
in one query per table for a whole page of bills. A rule the CRM does not have (a till's
manual discount, a rule deleted since) keeps its id. Products are named by the till, which
sends their ids only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.store.models import BillRow, CashbackRuleRow, DiscountRow, TerminalRow
from sync.wire import codec
from sync.wire.money import WireError
from sync.wire.ops import BillClosed


@dataclass(frozen=True, slots=True)
class LineDetail:
    product_id: str
    quantity: int
    unit_price_minor: int
    gross_minor: int
    total_minor: int
    discount: str | None  # the discount's name (or id) when one took something off


@dataclass(frozen=True, slots=True)
class AdjustmentDetail:
    source: str  # group | manual | voucher | credits
    name: str  # the rule's name, the voucher's code, or "" for the group and credits
    amount_minor: int
    status: str  # applied | removed_by_cashier | refused
    cap: str | None  # what cut it: daily_limit | allowance | remaining_total | eligible_total


@dataclass(frozen=True, slots=True)
class BillDetail:
    terminal_name: str
    cashier: str | None
    gross_minor: int
    group_discount_minor: int
    credits_used_minor: int
    wallet_used_minor: int
    lines: tuple[LineDetail, ...]
    adjustments: tuple[AdjustmentDetail, ...]
    payments: tuple[tuple[str, int], ...]  # (cash | card | wallet, grosze)
    earned: tuple[tuple[str, int, str], ...]  # (points | credits, amount, rule name)
    flags: tuple[str, ...]


def details(session: Session, bills: Iterable[BillRow]) -> dict[str, BillDetail]:
    """Each readable bill's detail by its id; a payload this CRM cannot read has none."""
    ops = {bill.bill_id: (bill, _op(bill)) for bill in bills}
    readable = [(bill, op) for bill, op in ops.values() if op is not None]
    rule_ids = {a.rule_id for _, op in readable for a in op.adjustments if a.rule_id}
    rule_ids |= {line.discount_id for _, op in readable for line in op.lines if line.discount_id}
    discounts = _names(session, DiscountRow, rule_ids)
    cashback = _names(
        session, CashbackRuleRow, {c.rule_id for _, op in readable for c in op.cashback}
    )
    tills = _names(session, TerminalRow, {bill.terminal_id for bill, _ in readable})
    return {
        bill.bill_id: _detail(bill, op, discounts, cashback, tills.get(bill.terminal_id))
        for bill, op in readable
    }


def _op(bill: BillRow) -> BillClosed | None:
    try:
        return codec.decode(BillClosed, bill.payload)
    except WireError:  # kept as received by an older CRM: shown without its detail
        return None


def _names(
    session: Session, table: type[DiscountRow | CashbackRuleRow | TerminalRow], ids: set[str]
) -> dict[str, str]:
    if not ids:
        return {}
    query = select(table.id, table.name).where(table.id.in_(ids))
    return {row_id: name for row_id, name in session.execute(query)}


def _detail(
    bill: BillRow,
    op: BillClosed,
    discounts: dict[str, str],
    cashback: dict[str, str],
    till: str | None,
) -> BillDetail:
    def rule(rule_id: str | None) -> str | None:
        return None if rule_id is None else discounts.get(rule_id, rule_id)

    return BillDetail(
        terminal_name=till or bill.terminal_id[:8],
        cashier=op.cashier.name if op.cashier is not None else None,
        gross_minor=op.gross.minor,
        group_discount_minor=op.group_discount.minor,
        credits_used_minor=op.credits_used.minor,
        wallet_used_minor=op.wallet_used.minor,
        lines=tuple(
            LineDetail(
                line.product_id,
                line.quantity,
                line.unit_price.minor,
                line.gross.minor,
                line.total.minor,
                rule(line.discount_id) if line.total.minor < line.gross.minor else None,
            )
            for line in op.lines
        ),
        adjustments=tuple(
            AdjustmentDetail(a.source, rule(a.rule_id) or "", a.amount.minor, a.status, a.cap)
            for a in op.adjustments
        ),
        payments=tuple((payment.kind, payment.amount.minor) for payment in op.payments),
        earned=tuple(
            (award.resource, award.amount, cashback.get(award.rule_id, award.rule_id))
            for award in op.cashback
        ),
        flags=tuple(bill.flags),
    )
