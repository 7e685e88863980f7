"""Pricing rules in the cache: groups, discounts, vouchers and cashback rules.

What a tap prices with — a customer's group, the discounts, the cashback rules — comes from
the store's `RulesCache` (kept in memory, checked against this transaction's snapshot);
vouchers, which bills use up, are read each time a bill has any.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from loyalty.cashback import CashbackRule
from loyalty.customers import CustomerGroup
from loyalty.discounts import Discount
from loyalty.vouchers import Voucher, VoucherStatus
from pos_terminal.db import mapping
from pos_terminal.db.models import (
    BillAdjustmentRow,
    BillRow,
    CashbackRuleRow,
    CustomerGroupRow,
    DiscountRow,
    VoucherRow,
)
from pos_terminal.db.rules_cache import RuleBook, RulesCache
from pos_terminal.domain.bill import Bill
from pos_terminal.domain.pricing import PricingRules

_DISCOUNT = tuple(DiscountRow.__table__.c)
_VOUCHER = tuple(VoucherRow.__table__.c)
_GROUP = tuple(CustomerGroupRow.__table__.c)


class RulesRepository:
    def __init__(self, session: Session, cache: RulesCache) -> None:
        self._session, self._cache = session, cache

    def book(self) -> RuleBook:
        """Every group, discount and cashback rule, as this transaction sees them."""
        return self._cache.book(self._session.connection())

    def group(self, group_id: str) -> CustomerGroup | None:
        return self.book().groups.get(group_id)

    def groups(self) -> list[CustomerGroup]:
        rows = self._session.execute(select(*_GROUP).order_by(CustomerGroupRow.name))
        return [mapping.group(row) for row in rows]

    def visible_discounts(self) -> list[Discount]:
        rows = self._session.execute(
            select(*_DISCOUNT)
            .where(DiscountRow.visible_on_terminal.is_(True))
            .order_by(DiscountRow.name)
        )
        return [mapping.discount(row) for row in rows]

    def vouchers(self, codes: Iterable[str]) -> dict[str, Voucher]:
        """The vouchers as the CRM last sent them, and single-use ones this till has used on
        a bill since (not voided) as redeemed: the CRM's copy says so only after a pull."""
        wanted = sorted(set(codes))
        if not wanted:
            return {}
        rows = self._session.execute(select(*_VOUCHER).where(VoucherRow.code.in_(wanted)))
        found = {row.code: mapping.voucher(row) for row in rows}
        used_here = set(
            self._session.scalars(
                select(BillAdjustmentRow.rule_id)
                .join(BillRow, BillRow.id == BillAdjustmentRow.bill_id)
                .where(
                    BillAdjustmentRow.source == "voucher",
                    BillAdjustmentRow.rule_id.in_(wanted),
                    BillAdjustmentRow.status == "applied",
                    BillAdjustmentRow.amount_minor > 0,
                    BillRow.status == "closed",
                )
            )
        )
        for code in used_here & set(found):
            if found[code].single_use:
                found[code] = replace(found[code], status=VoucherStatus.REDEEMED)
        return found

    def cashback_rules(self) -> tuple[CashbackRule, ...]:
        return self.book().cashback_rules

    def pricing_rules(self, bill: Bill) -> PricingRules:
        """The rules as they are now, and the vouchers on this bill (read afresh: bills use
        them up)."""
        book = self.book()
        return PricingRules(
            discounts=book.discounts,
            vouchers=self.vouchers(bill.voucher_codes),
            cashback_rules=book.cashback_rules,
        )

    # Writers for pulls and demo data.

    def add_group(self, group: CustomerGroup) -> None:
        self._session.execute(
            insert(CustomerGroupRow).values(
                id=group.id,
                name=group.name,
                reference=group.reference,
                description=group.description,
                daily_limit_minor=(
                    group.daily_discount_limit.minor if group.daily_discount_limit else None
                ),
                discount_ids=mapping.join_ids(group.discount_ids),
                assignable_at_till=group.assignable_at_till,
            )
        )

    def add_discount(self, discount: Discount) -> None:
        self._session.execute(
            insert(DiscountRow).values(
                id=discount.id,
                name=discount.name,
                kind=discount.kind.value,
                percent=str(discount.percent) if discount.percent is not None else None,
                amount_minor=discount.amount.minor if discount.amount else None,
                scope_kind=discount.scope.kind.value,
                scope_ids=mapping.join_ids(sorted(discount.scope.ids)),
                visible_on_terminal=discount.visible_on_terminal,
                min_bill_minor=discount.min_bill.minor if discount.min_bill else None,
            )
        )

    def add_voucher(self, voucher: Voucher) -> None:
        self._session.execute(
            insert(VoucherRow).values(
                code=voucher.code,
                kind=voucher.kind.value,
                amount_minor=voucher.amount.minor if voucher.amount else None,
                percent=str(voucher.percent) if voucher.percent is not None else None,
                valid_from=voucher.valid_from,
                valid_to=voucher.valid_to,
                owner_id=voucher.owner_id,
                single_use=voucher.single_use,
                status=voucher.status.value,
                offline_redeemable=voucher.offline_redeemable,
            )
        )

    def add_cashback_rule(self, rule: CashbackRule) -> None:
        self._session.execute(
            insert(CashbackRuleRow).values(
                id=rule.id, name=rule.name, definition=mapping.cashback_rule_to_json(rule)
            )
        )
