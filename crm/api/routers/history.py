"""/v1/customers/{id}/history: transactions, balance movements, discounts, vouchers, audit.

`?kind=` picks one section and pages it with that section's `cursor`; without it the first
page of every section comes back. Every section is newest first.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Generic, TypeVar

from fastapi import APIRouter, Query
from pydantic import BaseModel

from crm.api.deps import CurrentActor, Services
from crm.api.routers.audit import AuditOut
from crm.services.keyset import Page
from crm.services.rates import bp_to_percent, percent_text

router = APIRouter(prefix="/v1", tags=["history"])
T = TypeVar("T", bound=BaseModel)


class BillOut(BaseModel):
    bill_id: str
    terminal_id: str
    local_no: int
    business_date: date
    total_minor: int
    discount_minor: int
    status: str
    closed_at: datetime


class MovementOut(BaseModel):
    id: int
    account: str
    amount: int
    balance_after: int
    kind: str
    description: str
    operation_id: str | None
    period: int | None
    bill_id: str | None
    actor: str
    created_at: datetime


class DiscountOut(BaseModel):
    id: int
    bill_id: str
    business_date: date
    discount_id: str | None
    amount_minor: int
    over_limit: bool


class VoucherOut(BaseModel):
    code: str
    kind: str
    amount_minor: int | None
    percent: str | None
    valid_from: date | None
    valid_to: date | None
    status: str
    single_use: bool
    created_at: datetime


class SectionOut(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None


class HistoryOut(BaseModel):
    customer_id: str
    transactions: SectionOut[BillOut] | None = None
    credits: SectionOut[MovementOut] | None = None
    wallet: SectionOut[MovementOut] | None = None
    points: SectionOut[MovementOut] | None = None
    discounts: SectionOut[DiscountOut] | None = None
    vouchers: SectionOut[VoucherOut] | None = None
    audit: SectionOut[AuditOut] | None = None


def _fields(item: Any, model: type[BaseModel]) -> dict[str, Any]:
    return {name: getattr(item, name) for name in model.model_fields if hasattr(item, name)}


def _voucher(item: Any) -> VoucherOut:
    bp = item.percent_bp
    percent = None if bp is None else percent_text(bp_to_percent(bp))
    return VoucherOut(**_fields(item, VoucherOut), percent=percent)


_MODELS: dict[str, type[BaseModel]] = {
    "transactions": BillOut,
    "credits": MovementOut,
    "wallet": MovementOut,
    "points": MovementOut,
    "discounts": DiscountOut,
    "audit": AuditOut,
}


def _section(name: str, page: Page[Any]) -> dict[str, Any]:
    if name == "vouchers":
        items: list[BaseModel] = [_voucher(item) for item in page.items]
    else:
        model = _MODELS[name]
        items = [model(**_fields(item, model)) for item in page.items]
    return {"items": items, "next_cursor": page.next_cursor}


@router.get(
    "/customers/{customer_id}/history", response_model=HistoryOut, response_model_exclude_unset=True
)
def history(
    customer_id: str,
    *,
    services: Services,
    actor: CurrentActor,
    kind: str | None = Query(
        None, description="transactions | credits | wallet | points | discounts | vouchers | audit"
    ),
    cursor: str | None = Query(None, max_length=500),
    limit: int = 20,
) -> HistoryOut:
    found = services.history.history(actor, customer_id, kind=kind, cursor=cursor, limit=limit)
    sections = {name: _section(name, page) for name, page in found.sections.items()}
    return HistoryOut.model_validate({"customer_id": found.customer_id, **sections})
