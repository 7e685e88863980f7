"""Readers of the first version of every op, as terminals wrote them into their outboxes.

Version 1 payloads carry amounts as flat integers (`total_minor`) beside one `currency`,
and times without a zone, in the terminal's local time. They are never rewritten on the
terminal (an op is frozen once written), so the CRM must read them for as long as such a
terminal may still push: each reader here turns one into the op's current class. Times
without a zone are read in `zone`, the chain's zone (the CRM's setting; Poland by default).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sync.wire import codec
from sync.wire.money import WireError
from sync.wire.ops import (
    BillClosed,
    BillVoided,
    CardAssigned,
    CustomerProposed,
    Op,
    ShiftClosed,
    ShiftOpened,
)

CHAIN_ZONE = ZoneInfo("Europe/Warsaw")
Reader = Callable[[Mapping[str, Any], ZoneInfo], Op]


def _money(minor: Any, currency: str) -> dict[str, Any]:
    return {"amount_minor": minor, "currency": currency}


def _time(value: Any, zone: ZoneInfo) -> Any:
    if not isinstance(value, str):
        return value  # the current class's decoder names the problem
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    return (moment if moment.tzinfo else moment.replace(tzinfo=zone)).isoformat()


def _bill_closed(old: Mapping[str, Any], zone: ZoneInfo) -> Op:
    cur = old["currency"]
    payments = [
        {"kind": p["kind"], "amount": _money(p["amount_minor"], cur)} for p in old["payments"]
    ]
    wallet = sum(p["amount_minor"] for p in old["payments"] if p["kind"] == "wallet")
    lines = [
        {
            "product_id": line["product_id"],
            "quantity": line["quantity"],
            "unit_price": _money(line["unit_price_minor"], cur),
            "gross": _money(line["gross_minor"], cur),
            "total": _money(line["total_minor"], cur),
            "discount_id": line["discount_id"],
            "vat_code": line["vat_code"],
        }
        for line in old["lines"]
    ]
    adjustments = [
        {
            "source": a["source"],
            "rule_id": a["rule_id"],
            "amount": _money(a["amount_minor"], cur),
            "status": a["status"],
            "cap": a["cap"],
        }
        for a in old["adjustments"]
    ]
    return codec.decode(
        BillClosed,
        {
            "bill_id": old["bill_id"],
            "local_no": old["local_no"],
            "shift_id": old["shift_id"],
            "business_date": old["business_date"],
            "closed_at": _time(old["closed_at"], zone),
            "customer_id": old["customer_id"],
            "gross": _money(old["gross_minor"], cur),
            "group_discount": _money(old["group_discount_minor"], cur),
            "credits_used": _money(old["credits_used_minor"], cur),
            "wallet_used": _money(wallet, cur),
            # Added to version 1 by 92e8fe1 (schema 0004); earlier tills had no override.
            "limit_overridden": old.get("limit_overridden", False),
            "total": _money(old["total_minor"], cur),
            "lines": lines,
            "adjustments": adjustments,
            "payments": payments,
            "cashback": list(old["cashback"]),
        },
    )


def _bill_voided(old: Mapping[str, Any], zone: ZoneInfo) -> Op:
    # Version 1 named no currency: every terminal then sold in złoty.
    return codec.decode(
        BillVoided,
        {
            **{k: old[k] for k in ("bill_id", "local_no", "voids_op_id", "shift_id", "reason")},
            "customer_id": old["customer_id"],
            "total": _money(old["total_minor"], "PLN"),
            "voided_at": _time(old["voided_at"], zone),
            "voided_by": old["voided_by"],
        },
    )


def _shift_opened(old: Mapping[str, Any], zone: ZoneInfo) -> Op:
    return codec.decode(
        ShiftOpened,
        {
            "shift_id": old["shift_id"],
            "business_date": old["business_date"],
            "opened_at": _time(old["opened_at"], zone),
            "opened_by": old["opened_by"],
            "cash_float": _money(old["float_minor"], "PLN"),
        },
    )


def _shift_closed(old: Mapping[str, Any], zone: ZoneInfo) -> Op:
    cur = old["currency"]

    def named(amounts: Mapping[str, Any]) -> list[dict[str, Any]]:
        return [{"name": k, "amount": _money(v, cur)} for k, v in sorted(amounts.items())]

    vat = [
        {
            "code": v["code"],
            "percent": v["percent"],
            "gross": _money(v["gross_minor"], cur),
            "vat": _money(v["vat_minor"], cur),
        }
        for v in old["vat"]
    ]
    return codec.decode(
        ShiftClosed,
        {
            "shift_id": old["shift_id"],
            "business_date": old["business_date"],
            "opened_at": _time(old["opened_at"], zone),
            "closed_at": _time(old["closed_at"], zone),
            "closed_by": old["closed_by"],
            "cash_float": _money(old["float_minor"], cur),
            "bills": old["bills"],
            "voided": old["voided"],
            "voided_total": _money(old["voided_total_minor"], cur),
            "gross": _money(old["gross_minor"], cur),
            "discounts": named(old["discounts_minor"]),
            "credits_used": _money(old["credits_used_minor"], cur),
            "net_sales": _money(old["net_sales_minor"], cur),
            "tenders": named(old["tenders_minor"]),
            "change": _money(old["change_minor"], cur),
            "expected_cash": _money(old["expected_cash_minor"], cur),
            "points_issued": old["points_issued"],
            "credits_issued": _money(old["credits_issued_minor"], cur),
            "vat": vat,
        },
    )


def _customer_created(old: Mapping[str, Any], zone: ZoneInfo) -> Op:
    fields = ("local_id", "name", "phone", "email", "nip", "group_id", "card")
    return codec.decode(
        CustomerProposed,
        {**{k: old[k] for k in fields}, "created_at": _time(old["created_at"], zone)},
    )


def _card_assigned(old: Mapping[str, Any], zone: ZoneInfo) -> Op:
    return codec.decode(
        CardAssigned,
        {
            "customer_id": old["customer_id"],
            "code": old["code"],
            "assigned_at": _time(old["assigned_at"], zone),
        },
    )


READERS: dict[tuple[str, int], Reader] = {
    ("bill.closed", 1): _bill_closed,
    ("bill.voided", 1): _bill_voided,
    ("shift.opened", 1): _shift_opened,
    ("shift.closed", 1): _shift_closed,
    ("customer.created", 1): _customer_created,
    ("card.assigned", 1): _card_assigned,
}


def read_v1(kind: str, payload: Any, zone: ZoneInfo = CHAIN_ZONE) -> Op:
    reader = READERS[(kind, 1)]
    if not isinstance(payload, Mapping):
        raise WireError(f"payload: expected an object, got {type(payload).__name__}")
    try:
        return reader(payload, zone)
    except KeyError as missing:
        raise WireError(f"payload.{missing.args[0]}: missing") from None
    except (TypeError, AttributeError) as error:  # a list where an object was, and such
        raise WireError(f"payload: {error}") from None
