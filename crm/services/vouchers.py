"""Vouchers and voucher templates; exchanging points for a voucher (`voucher_exchange`).

Each method is one transaction, checks the actor first and audits every change.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.services import audit, keyset, voucher_fields, voucher_templates
from crm.services.actor import Actor
from crm.services.context import Context
from crm.services.definitions import (
    DEFAULT_PAGE,
    add_row,
    change_row,
    fetch,
    looks_like_id,
    named_page,
    set_active,
    snapshot,
)
from crm.services.errors import Conflict, Invalid
from crm.services.keyset import Page
from crm.services.voucher_exchange import Exchanged, exchange_points
from crm.services.voucher_fields import VoucherSpec, VoucherView
from crm.services.voucher_templates import TemplateSpec, TemplateView
from crm.store.models import VoucherRow, VoucherTemplateRow
from loyalty.vouchers import VoucherStatus

TEMPLATE = voucher_templates.ENTITY
VOUCHER = voucher_fields.ENTITY


class VoucherService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # Templates ---------------------------------------------------------------------------

    def create_template(self, actor: Actor, spec: TemplateSpec) -> TemplateView:
        actor.may_write()
        values = voucher_templates.checked(spec)

        def work(session: Session) -> TemplateView:
            at = self.ctx.clock()
            row = add_row(session, VoucherTemplateRow, TEMPLATE, values, actor=actor, at=at)
            session.flush()
            return voucher_templates.view(row)

        return self.ctx.db.write(work)

    def update_template(
        self,
        actor: Actor,
        template_id: str,
        spec: TemplateSpec,
        *,
        expected_version: int | None = None,
    ) -> TemplateView:
        """Replace the definition; vouchers issued from it before keep what they were given."""
        actor.may_write()
        values = voucher_templates.checked(spec)

        def work(session: Session) -> TemplateView:
            row = fetch(session, VoucherTemplateRow, template_id, TEMPLATE, lock=True)
            change_row(
                session,
                row,
                TEMPLATE,
                values,
                actor=actor,
                at=self.ctx.clock(),
                expected_version=expected_version,
            )
            session.flush()
            return voucher_templates.view(row)

        return self.ctx.db.write(work)

    def set_template_active(self, actor: Actor, template_id: str, active: bool) -> TemplateView:
        actor.may_write()

        def work(session: Session) -> TemplateView:
            row = fetch(session, VoucherTemplateRow, template_id, TEMPLATE, lock=True)
            set_active(session, row, TEMPLATE, active, actor=actor, at=self.ctx.clock())
            session.flush()
            return voucher_templates.view(row)

        return self.ctx.db.write(work)

    def get_template(self, template_id: str) -> TemplateView:
        return self.ctx.db.read(
            lambda s: voucher_templates.view(fetch(s, VoucherTemplateRow, template_id, TEMPLATE))
        )

    def list_templates(
        self, *, active: bool | None = None, cursor: str | None = None, limit: int = DEFAULT_PAGE
    ) -> Page[TemplateView]:
        def work(session: Session) -> Page[TemplateView]:
            page = named_page(session, VoucherTemplateRow, active, cursor, limit)
            return Page(tuple(map(voucher_templates.view, page.items)), page.next_cursor)

        return self.ctx.db.read(work)

    # Vouchers ----------------------------------------------------------------------------

    def create_voucher(self, actor: Actor, spec: VoucherSpec) -> VoucherView:
        actor.may_write()

        def work(session: Session) -> VoucherView:
            values = voucher_fields.checked(session, spec)  # the owner must exist
            code = values["code"]
            if code is None:
                code = values["code"] = voucher_fields.new_code(session)
            elif session.get(VoucherRow, code) is not None:
                raise Conflict("code", f"a voucher {code!r} already exists")
            at = self.ctx.clock()
            row = VoucherRow(
                **values, status=VoucherStatus.ACTIVE.value, created_at=at, updated_at=at, version=1
            )
            session.add(row)
            session.flush()
            audit.record(
                session,
                actor=actor,
                at=at,
                action=f"{VOUCHER}.created",
                entity=VOUCHER,
                entity_id=code,
                after=snapshot(values),
                customer_id=row.owner_id,
            )
            return voucher_fields.view(row)

        return self.ctx.db.write(work)

    def cancel_voucher(self, actor: Actor, code: str) -> VoucherView:
        """Cancel an unused voucher (again: no change). Points paid for it are not returned."""
        actor.may_write()

        def work(session: Session) -> VoucherView:
            row = voucher_fields.found(session, code, lock=True)
            if row.status == VoucherStatus.REDEEMED:
                raise Conflict("status", f"voucher {row.code} was redeemed; it cannot be cancelled")
            if row.status == VoucherStatus.ACTIVE:
                change_row(
                    session,
                    row,
                    VOUCHER,
                    {"status": VoucherStatus.CANCELLED.value},
                    actor=actor,
                    at=self.ctx.clock(),
                    action="cancelled",
                    key=row.code,
                    customer_id=row.owner_id,
                )
                session.flush()
            return voucher_fields.view(row)

        return self.ctx.db.write(work)

    def get_voucher(self, code: str) -> VoucherView:
        return self.ctx.db.read(lambda s: voucher_fields.view(voucher_fields.found(s, code)))

    def list_vouchers(
        self,
        *,
        owner_id: str | None = None,
        status: str | None = None,
        cursor: str | None = None,
        limit: int = DEFAULT_PAGE,
    ) -> Page[VoucherView]:
        """Oldest first (then by code), optionally one customer's or one status's."""
        keyset.check_limit(limit)
        if status is not None and status not in set(VoucherStatus):
            raise Invalid.one("status", "one of " + ", ".join(VoucherStatus))
        if owner_id is not None and not looks_like_id(owner_id):
            raise Invalid.one("owner_id", "not a customer id")

        def work(session: Session) -> Page[VoucherView]:
            first, second = VoucherRow.created_at, VoucherRow.code
            query = select(VoucherRow).where(
                *keyset.after(cursor, first, second, datetime.fromisoformat)
            )
            if owner_id is not None:
                query = query.where(VoucherRow.owner_id == owner_id)
            if status is not None:
                query = query.where(VoucherRow.status == status)
            rows = list(session.scalars(query.order_by(first, second).limit(limit + 1)))
            page = keyset.page_of(rows, limit, lambda row: (row.created_at.isoformat(), row.code))
            return Page(tuple(map(voucher_fields.view, page.items)), page.next_cursor)

        return self.ctx.db.read(work)

    # Exchanging points -------------------------------------------------------------------

    def exchange(self, actor: Actor, customer_id: str, template_id: str) -> Exchanged:
        """The template's price in points for a voucher owned by the customer, valid from
        today (UTC) to today + the template's `valid_days`; refused below zero points."""
        actor.may_write()
        return self.ctx.db.write(
            lambda s: exchange_points(
                s,
                actor=actor,
                at=self.ctx.clock(),
                customer_id=customer_id,
                template_id=template_id,
            )
        )
