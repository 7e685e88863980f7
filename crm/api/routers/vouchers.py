"""/v1/voucher-templates, /v1/vouchers, and exchanging a customer's points for a voucher.

Money is integer grosze (`*_minor`), a percentage a decimal string ("10"), points an int.
A voucher is found by its code however it is typed (spaces, lower case).
"""

from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

from crm.api.deps import CurrentActor, Services
from crm.api.routers.rules import Percent
from crm.services.rates import percent_text
from crm.services.voucher_fields import VoucherSpec, VoucherView
from crm.services.voucher_templates import TemplateSpec, TemplateView

router = APIRouter(prefix="/v1", tags=["vouchers"])


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is named, not ignored


class TemplateIn(Strict):
    name: StrictStr = Field(max_length=1000)
    kind: StrictStr = Field(description="amount | percent")
    amount_minor: StrictInt | None = None
    percent: Percent = Field(default=None, description='a decimal string: "10"')
    valid_days: StrictInt | None = Field(
        default=None, description="from the day issued; null = no end"
    )
    points_price: StrictInt
    offline_redeemable: StrictBool = False

    def spec(self) -> TemplateSpec:
        return TemplateSpec(
            name=self.name,
            kind=self.kind,
            points_price=self.points_price,
            amount_minor=self.amount_minor,
            percent=self.percent,
            valid_days=self.valid_days,
            offline_redeemable=self.offline_redeemable,
        )


class TemplateOut(BaseModel):
    id: str
    name: str
    kind: str
    amount_minor: int | None
    percent: str | None
    valid_days: int | None
    points_price: int
    offline_redeemable: bool
    active: bool
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, found: TemplateView) -> TemplateOut:
        return cls(
            id=found.id,
            name=found.name,
            kind=found.kind,
            amount_minor=found.amount_minor,
            percent=None if found.percent is None else percent_text(found.percent),
            valid_days=found.valid_days,
            points_price=found.points_price,
            offline_redeemable=found.offline_redeemable,
            active=found.active,
            version=found.version,
            created_at=found.created_at,
            updated_at=found.updated_at,
        )


class TemplatePage(BaseModel):
    items: list[TemplateOut]
    next_cursor: str | None


class VoucherIn(Strict):
    code: StrictStr | None = Field(
        default=None, max_length=200, description="none: the CRM makes one"
    )
    kind: StrictStr = Field(description="amount | percent")
    amount_minor: StrictInt | None = None
    percent: Percent = Field(default=None, description='a decimal string: "10"')
    valid_from: date | None = None
    valid_to: date | None = None
    owner_id: StrictStr | None = None
    single_use: StrictBool = True
    offline_redeemable: StrictBool = False

    def spec(self) -> VoucherSpec:
        return VoucherSpec(**self.model_dump())


class VoucherOut(BaseModel):
    code: str
    kind: str
    amount_minor: int | None
    percent: str | None
    valid_from: date | None
    valid_to: date | None
    owner_id: str | None
    single_use: bool
    status: str
    offline_redeemable: bool
    template_id: str | None
    points_paid: int | None
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, found: VoucherView) -> VoucherOut:
        return cls(
            code=found.code,
            kind=found.kind,
            amount_minor=found.amount_minor,
            percent=None if found.percent is None else percent_text(found.percent),
            valid_from=found.valid_from,
            valid_to=found.valid_to,
            owner_id=found.owner_id,
            single_use=found.single_use,
            status=found.status,
            offline_redeemable=found.offline_redeemable,
            template_id=found.template_id,
            points_paid=found.points_paid,
            version=found.version,
            created_at=found.created_at,
            updated_at=found.updated_at,
        )


class VoucherPage(BaseModel):
    items: list[VoucherOut]
    next_cursor: str | None


class ExchangeIn(Strict):
    template_id: StrictStr


class ExchangeOut(BaseModel):
    voucher: VoucherOut
    points_left: int


@router.get("/voucher-templates", response_model=TemplatePage)
def list_templates(
    services: Services,
    _actor: CurrentActor,
    active: bool | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> TemplatePage:
    page = services.vouchers.list_templates(active=active, cursor=cursor, limit=limit)
    return TemplatePage(items=[TemplateOut.of(t) for t in page.items], next_cursor=page.next_cursor)


@router.post("/voucher-templates", response_model=TemplateOut, status_code=201)
def create_template(body: TemplateIn, services: Services, actor: CurrentActor) -> TemplateOut:
    return TemplateOut.of(services.vouchers.create_template(actor, body.spec()))


@router.get("/voucher-templates/{template_id}", response_model=TemplateOut)
def get_template(template_id: str, services: Services, _actor: CurrentActor) -> TemplateOut:
    return TemplateOut.of(services.vouchers.get_template(template_id))


@router.put("/voucher-templates/{template_id}", response_model=TemplateOut)
def update_template(
    template_id: str, body: TemplateIn, services: Services, actor: CurrentActor
) -> TemplateOut:
    return TemplateOut.of(services.vouchers.update_template(actor, template_id, body.spec()))


@router.post("/voucher-templates/{template_id}/deactivate", response_model=TemplateOut)
def deactivate_template(template_id: str, services: Services, actor: CurrentActor) -> TemplateOut:
    return TemplateOut.of(services.vouchers.set_template_active(actor, template_id, False))


@router.post("/voucher-templates/{template_id}/activate", response_model=TemplateOut)
def activate_template(template_id: str, services: Services, actor: CurrentActor) -> TemplateOut:
    return TemplateOut.of(services.vouchers.set_template_active(actor, template_id, True))


@router.get("/vouchers", response_model=VoucherPage)
def list_vouchers(
    services: Services,
    _actor: CurrentActor,
    owner_id: str | None = None,
    status: str | None = Query(None, description="active | redeemed | cancelled"),
    cursor: str | None = None,
    limit: int = 50,
) -> VoucherPage:
    page = services.vouchers.list_vouchers(
        owner_id=owner_id, status=status, cursor=cursor, limit=limit
    )
    return VoucherPage(items=[VoucherOut.of(v) for v in page.items], next_cursor=page.next_cursor)


@router.post("/vouchers", response_model=VoucherOut, status_code=201)
def create_voucher(body: VoucherIn, services: Services, actor: CurrentActor) -> VoucherOut:
    return VoucherOut.of(services.vouchers.create_voucher(actor, body.spec()))


@router.get("/vouchers/{code}", response_model=VoucherOut)
def get_voucher(code: str, services: Services, _actor: CurrentActor) -> VoucherOut:
    return VoucherOut.of(services.vouchers.get_voucher(code))


@router.post("/vouchers/{code}/cancel", response_model=VoucherOut)
def cancel_voucher(code: str, services: Services, actor: CurrentActor) -> VoucherOut:
    return VoucherOut.of(services.vouchers.cancel_voucher(actor, code))


@router.post(
    "/customers/{customer_id}/vouchers/exchange", response_model=ExchangeOut, status_code=201
)
def exchange_points(
    customer_id: str, body: ExchangeIn, services: Services, actor: CurrentActor
) -> ExchangeOut:
    """The template's price in points for a voucher the customer owns, in one transaction."""
    done = services.vouchers.exchange(actor, customer_id, body.template_id)
    return ExchangeOut(voucher=VoucherOut.of(done.voucher), points_left=done.points_left)
