"""Pulled pricing rules on the wire: discounts, cashback rules and vouchers (see `reference`).

A cashback rule keeps the shape the terminal stores (`pos_terminal.db.mapping`), with its
minimum bill as a wire amount.
"""

from __future__ import annotations

from typing import Any

from loyalty.cashback import Availability, CashbackRule, Conditions, Resource
from loyalty.customers import CustomerType
from loyalty.discounts import Discount, DiscountKind, DiscountScope, ScopeKind
from loyalty.tenders import TenderKind
from loyalty.vouchers import Voucher, VoucherKind, VoucherStatus
from sync.wire.fields import Fields, amount, iso, percent


def discount_form(d: Discount) -> dict[str, Any]:
    return {
        "id": d.id,
        "name": d.name,
        "kind": d.kind.value,
        "percent": percent(d.percent),
        "amount": amount(d.amount),
        "scope": {"kind": d.scope.kind.value, "ids": sorted(d.scope.ids)},
        "visible_on_terminal": d.visible_on_terminal,
        "min_bill": amount(d.min_bill),
    }


def read_discount(f: Fields) -> Discount:
    scope = f.nested("scope")
    return Discount(
        id=f.text("id"),
        name=f.text("name"),
        kind=f.choice("kind", DiscountKind),
        percent=f.opt_percent("percent"),
        amount=f.opt_money("amount"),
        scope=DiscountScope(scope.choice("kind", ScopeKind), frozenset(scope.texts("ids"))),
        visible_on_terminal=f.flag("visible_on_terminal"),
        min_bill=f.opt_money("min_bill"),
    )


def cashback_rule_form(r: CashbackRule) -> dict[str, Any]:
    when, given = r.availability, r.conditions
    return {
        "id": r.id,
        "name": r.name,
        "resource": r.resource.value,
        "percent": percent(r.percent),
        "fixed": r.fixed,
        "maximum": r.maximum,
        "date_from": iso(when.date_from),
        "date_to": iso(when.date_to),
        "weekdays": sorted(when.weekdays),
        "hours_from": iso(when.hours_from),
        "hours_to": iso(when.hours_to),
        "min_bill": amount(given.min_bill),
        "payment_methods": sorted(given.payment_methods),
        "customer_types": sorted(given.customer_types),
        "group_ids": sorted(given.group_ids),
    }


def read_cashback_rule(f: Fields) -> CashbackRule:
    return CashbackRule(
        id=f.text("id"),
        name=f.text("name"),
        resource=f.choice("resource", Resource),
        percent=f.opt_percent("percent"),
        fixed=f.whole("fixed"),
        maximum=f.opt_whole("maximum"),
        availability=Availability(
            date_from=f.opt_day("date_from"),
            date_to=f.opt_day("date_to"),
            weekdays=frozenset(f.wholes("weekdays")),
            hours_from=f.opt_clock("hours_from"),
            hours_to=f.opt_clock("hours_to"),
        ),
        conditions=Conditions(
            min_bill=f.opt_money("min_bill"),
            payment_methods=f.choices("payment_methods", TenderKind),
            customer_types=f.choices("customer_types", CustomerType),
            group_ids=frozenset(f.texts("group_ids")),
        ),
    )


def voucher_form(v: Voucher) -> dict[str, Any]:
    return {
        "code": v.code,
        "kind": v.kind.value,
        "amount": amount(v.amount),
        "percent": percent(v.percent),
        "valid_from": iso(v.valid_from),
        "valid_to": iso(v.valid_to),
        "owner_id": v.owner_id,
        "single_use": v.single_use,
        "status": v.status.value,
        "offline_redeemable": v.offline_redeemable,
    }


def read_voucher(f: Fields) -> Voucher:
    return Voucher(
        code=f.text("code"),
        kind=f.choice("kind", VoucherKind),
        amount=f.opt_money("amount"),
        percent=f.opt_percent("percent"),
        valid_from=f.opt_day("valid_from"),
        valid_to=f.opt_day("valid_to"),
        owner_id=f.opt_text("owner_id"),
        single_use=f.flag("single_use"),
        status=f.choice("status", VoucherStatus),
        offline_redeemable=f.flag("offline_redeemable"),
    )
