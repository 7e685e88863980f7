"""Discounts and cashback rules, each checked by the shared rules (`loyalty`).

`RuleService` is the one door: each method is one transaction, checks the actor first and
audits every change. What a discount or a cashback rule may be lives in `discounts` and
`cashback_rules`; what they share (pages, audited edits) in `definitions`.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from crm.services import cashback_rules, discounts
from crm.services.actor import Actor
from crm.services.cashback_rules import CashbackRuleView, CashbackSpec
from crm.services.context import Context
from crm.services.definitions import (
    DEFAULT_PAGE,
    add_row,
    change_row,
    fetch,
    named_page,
    set_active,
)
from crm.services.discounts import DiscountSpec, DiscountView
from crm.services.keyset import Page
from crm.store.models import CashbackRuleRow, DiscountRow


class RuleService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # Discounts -------------------------------------------------------------------------

    def create_discount(self, actor: Actor, spec: DiscountSpec) -> DiscountView:
        actor.may_write()
        values = discounts.checked(spec)

        def work(session: Session) -> DiscountView:
            at = self.ctx.clock()
            row = add_row(session, DiscountRow, discounts.ENTITY, values, actor=actor, at=at)
            session.flush()
            return discounts.view(row)

        return self.ctx.db.write(work)

    def update_discount(
        self,
        actor: Actor,
        discount_id: str,
        spec: DiscountSpec,
        *,
        expected_version: int | None = None,
    ) -> DiscountView:
        """Replace the definition (every field is given); the version moves on. A stale
        `expected_version` is refused (`crm.services.versions`)."""
        actor.may_write()
        values = discounts.checked(spec)

        def work(session: Session) -> DiscountView:
            row = fetch(session, DiscountRow, discount_id, discounts.ENTITY, lock=True)
            at = self.ctx.clock()
            change_row(
                session,
                row,
                discounts.ENTITY,
                values,
                actor=actor,
                at=at,
                expected_version=expected_version,
            )
            session.flush()
            return discounts.view(row)

        return self.ctx.db.write(work)

    def set_discount_active(self, actor: Actor, discount_id: str, active: bool) -> DiscountView:
        actor.may_write()

        def work(session: Session) -> DiscountView:
            row = fetch(session, DiscountRow, discount_id, discounts.ENTITY, lock=True)
            at = self.ctx.clock()
            set_active(session, row, discounts.ENTITY, active, actor=actor, at=at)
            session.flush()
            return discounts.view(row)

        return self.ctx.db.write(work)

    def get_discount(self, discount_id: str) -> DiscountView:
        return self.ctx.db.read(
            lambda s: discounts.view(fetch(s, DiscountRow, discount_id, discounts.ENTITY))
        )

    def list_discounts(
        self, *, active: bool | None = None, cursor: str | None = None, limit: int = DEFAULT_PAGE
    ) -> Page[DiscountView]:
        def work(session: Session) -> Page[DiscountView]:
            page = named_page(session, DiscountRow, active, cursor, limit)
            return Page(tuple(discounts.view(row) for row in page.items), page.next_cursor)

        return self.ctx.db.read(work)

    # Cashback rules ----------------------------------------------------------------------

    def create_cashback_rule(self, actor: Actor, spec: CashbackSpec) -> CashbackRuleView:
        actor.may_write()

        def work(session: Session) -> CashbackRuleView:
            values = cashback_rules.checked(session, spec)  # the groups named must exist
            at = self.ctx.clock()
            row = add_row(
                session, CashbackRuleRow, cashback_rules.ENTITY, values, actor=actor, at=at
            )
            session.flush()
            return cashback_rules.view(row)

        return self.ctx.db.write(work)

    def update_cashback_rule(
        self,
        actor: Actor,
        rule_id: str,
        spec: CashbackSpec,
        *,
        expected_version: int | None = None,
    ) -> CashbackRuleView:
        """Replace the definition (every field is given); the version moves on."""
        actor.may_write()

        def work(session: Session) -> CashbackRuleView:
            row = fetch(session, CashbackRuleRow, rule_id, cashback_rules.ENTITY, lock=True)
            values = cashback_rules.checked(session, spec)
            at = self.ctx.clock()
            change_row(
                session,
                row,
                cashback_rules.ENTITY,
                values,
                actor=actor,
                at=at,
                expected_version=expected_version,
            )
            session.flush()
            return cashback_rules.view(row)

        return self.ctx.db.write(work)

    def set_cashback_rule_active(
        self, actor: Actor, rule_id: str, active: bool
    ) -> CashbackRuleView:
        actor.may_write()

        def work(session: Session) -> CashbackRuleView:
            row = fetch(session, CashbackRuleRow, rule_id, cashback_rules.ENTITY, lock=True)
            at = self.ctx.clock()
            set_active(session, row, cashback_rules.ENTITY, active, actor=actor, at=at)
            session.flush()
            return cashback_rules.view(row)

        return self.ctx.db.write(work)

    def get_cashback_rule(self, rule_id: str) -> CashbackRuleView:
        return self.ctx.db.read(
            lambda s: cashback_rules.view(fetch(s, CashbackRuleRow, rule_id, cashback_rules.ENTITY))
        )

    def list_cashback_rules(
        self, *, active: bool | None = None, cursor: str | None = None, limit: int = DEFAULT_PAGE
    ) -> Page[CashbackRuleView]:
        def work(session: Session) -> Page[CashbackRuleView]:
            page = named_page(session, CashbackRuleRow, active, cursor, limit)
            return Page(tuple(cashback_rules.view(row) for row in page.items), page.next_cursor)

        return self.ctx.db.read(work)
