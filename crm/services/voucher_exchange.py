"""Exchanging points for a voucher (seed 001: "wymiana punktów na vouchery").

One unit of work: the points are taken through `postings.post` (the balance row locked,
never below zero) and the voucher is made in the same transaction, so a refusal leaves
neither a voucher nor a ledger entry, and a retry on PostgreSQL cannot take the points
twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from crm.services import audit, voucher_fields, voucher_templates
from crm.services.actor import Actor
from crm.services.definitions import looks_like_id
from crm.services.errors import Invalid, NotFound, Problem
from crm.services.postings import post
from crm.services.voucher_fields import VoucherView
from crm.store.models import CustomerRow, VoucherRow, VoucherTemplateRow
from loyalty.vouchers import VoucherStatus

VOUCHER = voucher_fields.ENTITY


@dataclass(frozen=True, slots=True)
class Exchanged:
    voucher: VoucherView
    points_left: int  # the customer's points after paying
    ledger_entry_id: int


def exchange_points(
    session: Session, *, actor: Actor, at: datetime, customer_id: str, template_id: str
) -> Exchanged:
    """Pay the template's price from the customer's points and issue the voucher."""
    customer = session.get(CustomerRow, customer_id) if looks_like_id(customer_id) else None
    if customer is None:
        raise NotFound("customer", customer_id)
    template = session.get(VoucherTemplateRow, template_id) if looks_like_id(template_id) else None
    if template is None:
        raise Invalid.one("template_id", f"no voucher template {template_id!r}")
    if not template.active:
        raise Invalid.one("template_id", f"the template {template.name!r} is not active")
    if not customer.active:
        raise Invalid.one("customer_id", "the customer is deactivated")
    offer = voucher_templates.view(template)
    code = voucher_fields.new_code(session)
    try:
        paid = post(
            session,
            customer_id=customer.id,
            account="points",
            amount=-offer.points_price,
            kind="exchange",
            description=f"voucher {code} ({offer.name})",
            actor=actor,
            at=at,
        )
    except Invalid as refused:  # "has N points; cannot take M": about the points
        raise Invalid([Problem("points", p.reason) for p in refused.problems]) from None
    row = VoucherRow(
        code=code,
        kind=offer.kind,
        amount_minor=offer.amount_minor,
        percent_bp=template.percent_bp,
        valid_from=at.date(),
        valid_to=offer.valid_to(at.date()),
        owner_id=customer.id,
        single_use=True,
        status=VoucherStatus.ACTIVE.value,
        offline_redeemable=offer.offline_redeemable,
        template_id=offer.id,
        points_paid=offer.points_price,
        created_at=at,
        updated_at=at,
        version=1,
    )
    session.add(row)
    session.flush()
    voucher = voucher_fields.view(row)
    voucher.rule()  # the shared rule accepts what the template makes
    audit.record(
        session,
        actor=actor,
        at=at,
        action=f"{VOUCHER}.exchanged",
        entity=VOUCHER,
        entity_id=code,
        customer_id=customer.id,
        before={"points": paid.balance + offer.points_price},
        after={
            "points": paid.balance,
            "code": code,
            "template_id": offer.id,
            "points_paid": offer.points_price,
            "valid_to": None if voucher.valid_to is None else voucher.valid_to.isoformat(),
            "ledger_entry_id": paid.entry_id,
        },
    )
    return Exchanged(voucher, paid.balance, paid.entry_id)
