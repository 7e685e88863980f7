"""What a till asks the CRM online, beside sync (a terminal's token): /v1/authorizations,
holds on credits and wallet for one bill, and /v1/sync/lookup, a customer its cache lacks;
and /v1/offline-policy, what tills may spend while the CRM cannot be asked (an owner's)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field, StrictBool, StrictInt

from crm.api.deps import CurrentActor, CurrentTerminal, Services
from crm.api.routers.sync_feed import ChangeOut
from crm.api.routers.sync_push import PolicyOut
from crm.services.holds import Hold

router = APIRouter(prefix="/v1", tags=["sync"])
MINOR = Field(default=0, ge=0, le=10**12)


class HoldIn(BaseModel):
    op_id: str = Field(min_length=1, max_length=64, description="asked again: the same hold")
    customer_id: str | None = Field(
        default=None, min_length=1, max_length=64, description="none: vouchers only"
    )
    bill_id: str = Field(min_length=1, max_length=64)
    credits_minor: StrictInt = MINOR
    wallet_minor: StrictInt = MINOR
    vouchers: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(
        default_factory=list, max_length=10, description="single-use vouchers the bill uses"
    )


class HoldOut(BaseModel):
    authorization_id: str
    customer_id: str | None
    credits_minor: int
    wallet_minor: int
    status: str = Field(description="pending | posted | voided")
    expires_at: datetime

    @classmethod
    def of(cls, hold: Hold) -> HoldOut:
        return cls(
            authorization_id=hold.id,
            customer_id=hold.customer_id,
            credits_minor=hold.credits_minor,
            wallet_minor=hold.wallet_minor,
            status=hold.status,
            expires_at=hold.expires_at,
        )


class PolicyIn(BaseModel):
    enabled: StrictBool
    per_bill_minor: StrictInt = Field(ge=0, le=10**12)
    per_customer_terminal_minor: StrictInt = Field(ge=0, le=10**12)
    per_terminal_day_minor: StrictInt = Field(ge=0, le=10**12)
    hold_minutes: StrictInt = Field(ge=1, le=24 * 60)


@router.post(
    "/authorizations",
    response_model=HoldOut,
    status_code=201,
    responses={
        409: {
            "description": "`insufficient` (the problems name what is available) or "
            "`voucher_unavailable` (redeemed, or held by another till)"
        }
    },
)
def authorize(body: HoldIn, services: Services, terminal: CurrentTerminal) -> HoldOut:
    return HoldOut.of(
        services.holds.authorize(
            terminal,
            op_id=body.op_id,
            customer_id=body.customer_id,
            bill_id=body.bill_id,
            credits_minor=body.credits_minor,
            wallet_minor=body.wallet_minor,
            vouchers=tuple(body.vouchers),
        )
    )


class AskedIn(BaseModel):
    op_id: str = Field(min_length=1, max_length=64, description="as the hold was asked")
    bill_id: str = Field(min_length=1, max_length=64)


@router.post("/authorizations/void-asked", response_model=HoldOut)
def void_asked(body: AskedIn, services: Services, terminal: CurrentTerminal) -> HoldOut:
    """The till asked for a hold, heard nothing in time, and did not make the sale: release
    what the ask reserved, now or when it arrives."""
    return HoldOut.of(services.holds.void_asked(terminal, op_id=body.op_id, bill_id=body.bill_id))


@router.post("/authorizations/{authorization_id}/void", response_model=HoldOut)
def void(authorization_id: str, services: Services, terminal: CurrentTerminal) -> HoldOut:
    return HoldOut.of(services.holds.void(terminal, authorization_id))


@router.get("/offline-policy", response_model=PolicyOut)
def get_policy(services: Services, actor: CurrentActor) -> PolicyOut:
    return PolicyOut.of(services.holds.policy())


@router.put("/offline-policy", response_model=PolicyOut)
def set_policy(body: PolicyIn, services: Services, actor: CurrentActor) -> PolicyOut:
    return PolicyOut.of(services.holds.set_policy(actor, body.model_dump()))


class LookupOut(BaseModel):
    customer_id: str
    reference: list[ChangeOut] = Field(description="the customer, its cards and group")
    balances: list[ChangeOut] = Field(description="its balances and the day's limit use")


@router.get("/sync/lookup", response_model=LookupOut)
def lookup(
    services: Services,
    terminal: CurrentTerminal,
    card: Annotated[str | None, Query(max_length=64, description="a card as read")] = None,
    phone: Annotated[str | None, Query(max_length=32)] = None,
    business_date: Annotated[date | None, Query(description="the till's day")] = None,
) -> LookupOut:
    """A customer the till's cache lacks, as the pull streams would carry it."""
    found = services.lookup.lookup(
        card=card, phone=phone, business_date=business_date or services.ledger.today()
    )
    return LookupOut(
        customer_id=found.customer_id,
        reference=[ChangeOut.of(c) for c in found.reference],
        balances=[ChangeOut.of(c) for c in found.balances],
    )
