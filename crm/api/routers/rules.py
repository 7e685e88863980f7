"""/v1/discounts and /v1/cashback-rules: define, edit, (de)activate, list and read.

Money is integer grosze (`*_minor`) and a percentage is a decimal string ("12.5"): a JSON
number where a percentage or an amount belongs is refused (422 naming the field), since a
float may not be what was typed. An edit (PUT) gives the whole definition again.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated

from fastapi import APIRouter
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictInt, StrictStr

from crm.api.deps import CurrentActor, Services
from crm.services.cashback_rules import (
    AvailabilityFields,
    CashbackRuleView,
    CashbackSpec,
    ConditionFields,
)
from crm.services.discounts import DiscountSpec, DiscountView
from crm.services.rates import percent_text

router = APIRouter(prefix="/v1", tags=["rules"])
Ids = list[StrictStr]
LONGEST_LIST = 1000


def _text_only(value: object) -> object:
    if value is not None and not isinstance(value, str):
        raise ValueError('write the percentage as text, such as "12.5", not as a number')
    return value


# A percentage in JSON: "12.5". Refused as a number, with a reason a client can show.
Percent = Annotated[str | None, BeforeValidator(_text_only)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is named, not ignored


class Scope(Strict):
    kind: StrictStr = Field(default="bill", description="bill | categories | products")
    ids: Ids = Field(default_factory=list, max_length=LONGEST_LIST)


class DiscountIn(Strict):
    name: StrictStr = Field(max_length=1000)
    kind: StrictStr = Field(description="percent | amount")
    percent: Percent = Field(default=None, description='a decimal string: "12.5"')
    amount_minor: StrictInt | None = None
    scope: Scope = Field(default_factory=Scope)
    visible_on_terminal: StrictBool = True
    min_bill_minor: StrictInt | None = None

    def spec(self) -> DiscountSpec:
        return DiscountSpec(
            name=self.name,
            kind=self.kind,
            percent=self.percent,
            amount_minor=self.amount_minor,
            scope_kind=self.scope.kind,
            scope_ids=tuple(self.scope.ids),
            visible_on_terminal=self.visible_on_terminal,
            min_bill_minor=self.min_bill_minor,
        )


class DiscountOut(BaseModel):
    id: str
    name: str
    kind: str
    percent: str | None
    amount_minor: int | None
    scope: Scope
    visible_on_terminal: bool
    min_bill_minor: int | None
    active: bool
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, found: DiscountView) -> DiscountOut:
        return cls(
            id=found.id,
            name=found.name,
            kind=found.kind,
            percent=None if found.percent is None else percent_text(found.percent),
            amount_minor=found.amount_minor,
            scope=Scope(kind=found.scope_kind, ids=list(found.scope_ids)),
            visible_on_terminal=found.visible_on_terminal,
            min_bill_minor=found.min_bill_minor,
            active=found.active,
            version=found.version,
            created_at=found.created_at,
            updated_at=found.updated_at,
        )


class DiscountPage(BaseModel):
    items: list[DiscountOut]
    next_cursor: str | None


class Availability(Strict):
    """Empty = always. Weekdays 0 = Monday … 6 = Sunday; hours "HH:MM", both or neither."""

    date_from: date | None = None
    date_to: date | None = None
    weekdays: list[StrictInt] = Field(default_factory=list, max_length=7 * 4)
    hours_from: time | None = None
    hours_to: time | None = None


class Conditions(Strict):
    """All must hold at once; empty = always."""

    min_bill_minor: StrictInt | None = None
    payment_methods: Ids = Field(default_factory=list, max_length=LONGEST_LIST)
    customer_types: Ids = Field(default_factory=list, max_length=LONGEST_LIST)
    group_ids: Ids = Field(default_factory=list, max_length=LONGEST_LIST)


class CashbackRuleIn(Strict):
    name: StrictStr = Field(max_length=1000)
    resource: StrictStr = Field(description="points | credits")
    percent: Percent = Field(default=None, description='a decimal string: "10"')
    fixed: StrictInt = Field(default=0, description="points, or grosze for a credits rule")
    maximum: StrictInt | None = Field(default=None, description="per bill; points or grosze")
    availability: Availability = Field(default_factory=Availability)
    conditions: Conditions = Field(default_factory=Conditions)

    def spec(self) -> CashbackSpec:
        when, given = self.availability, self.conditions
        return CashbackSpec(
            name=self.name,
            resource=self.resource,
            percent=self.percent,
            fixed=self.fixed,
            maximum=self.maximum,
            availability=AvailabilityFields(
                when.date_from, when.date_to, tuple(when.weekdays), when.hours_from, when.hours_to
            ),
            conditions=ConditionFields(
                given.min_bill_minor,
                tuple(given.payment_methods),
                tuple(given.customer_types),
                tuple(given.group_ids),
            ),
        )


class CashbackRuleOut(BaseModel):
    id: str
    name: str
    resource: str
    percent: str | None
    fixed: int
    maximum: int | None
    availability: Availability
    conditions: Conditions
    active: bool
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, found: CashbackRuleView) -> CashbackRuleOut:
        when, given = found.availability, found.conditions
        return cls(
            id=found.id,
            name=found.name,
            resource=found.resource,
            percent=None if found.percent is None else percent_text(found.percent),
            fixed=found.fixed,
            maximum=found.maximum,
            availability=Availability(
                date_from=when.date_from,
                date_to=when.date_to,
                weekdays=list(when.weekdays),
                hours_from=when.hours_from,
                hours_to=when.hours_to,
            ),
            conditions=Conditions(
                min_bill_minor=given.min_bill_minor,
                payment_methods=list(given.payment_methods),
                customer_types=list(given.customer_types),
                group_ids=list(given.group_ids),
            ),
            active=found.active,
            version=found.version,
            created_at=found.created_at,
            updated_at=found.updated_at,
        )


class CashbackRulePage(BaseModel):
    items: list[CashbackRuleOut]
    next_cursor: str | None


@router.get("/discounts", response_model=DiscountPage)
def list_discounts(
    services: Services,
    _actor: CurrentActor,
    active: bool | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> DiscountPage:
    page = services.rules.list_discounts(active=active, cursor=cursor, limit=limit)
    return DiscountPage(items=[DiscountOut.of(d) for d in page.items], next_cursor=page.next_cursor)


@router.post("/discounts", response_model=DiscountOut, status_code=201)
def create_discount(body: DiscountIn, services: Services, actor: CurrentActor) -> DiscountOut:
    return DiscountOut.of(services.rules.create_discount(actor, body.spec()))


@router.get("/discounts/{discount_id}", response_model=DiscountOut)
def get_discount(discount_id: str, services: Services, _actor: CurrentActor) -> DiscountOut:
    return DiscountOut.of(services.rules.get_discount(discount_id))


@router.put("/discounts/{discount_id}", response_model=DiscountOut)
def update_discount(
    discount_id: str, body: DiscountIn, services: Services, actor: CurrentActor
) -> DiscountOut:
    return DiscountOut.of(services.rules.update_discount(actor, discount_id, body.spec()))


@router.post("/discounts/{discount_id}/deactivate", response_model=DiscountOut)
def deactivate_discount(discount_id: str, services: Services, actor: CurrentActor) -> DiscountOut:
    return DiscountOut.of(services.rules.set_discount_active(actor, discount_id, False))


@router.post("/discounts/{discount_id}/activate", response_model=DiscountOut)
def activate_discount(discount_id: str, services: Services, actor: CurrentActor) -> DiscountOut:
    return DiscountOut.of(services.rules.set_discount_active(actor, discount_id, True))


@router.get("/cashback-rules", response_model=CashbackRulePage)
def list_cashback_rules(
    services: Services,
    _actor: CurrentActor,
    active: bool | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> CashbackRulePage:
    page = services.rules.list_cashback_rules(active=active, cursor=cursor, limit=limit)
    return CashbackRulePage(
        items=[CashbackRuleOut.of(r) for r in page.items], next_cursor=page.next_cursor
    )


@router.post("/cashback-rules", response_model=CashbackRuleOut, status_code=201)
def create_cashback_rule(
    body: CashbackRuleIn, services: Services, actor: CurrentActor
) -> CashbackRuleOut:
    return CashbackRuleOut.of(services.rules.create_cashback_rule(actor, body.spec()))


@router.get("/cashback-rules/{rule_id}", response_model=CashbackRuleOut)
def get_cashback_rule(rule_id: str, services: Services, _actor: CurrentActor) -> CashbackRuleOut:
    return CashbackRuleOut.of(services.rules.get_cashback_rule(rule_id))


@router.put("/cashback-rules/{rule_id}", response_model=CashbackRuleOut)
def update_cashback_rule(
    rule_id: str, body: CashbackRuleIn, services: Services, actor: CurrentActor
) -> CashbackRuleOut:
    return CashbackRuleOut.of(services.rules.update_cashback_rule(actor, rule_id, body.spec()))


@router.post("/cashback-rules/{rule_id}/deactivate", response_model=CashbackRuleOut)
def deactivate_cashback_rule(
    rule_id: str, services: Services, actor: CurrentActor
) -> CashbackRuleOut:
    return CashbackRuleOut.of(services.rules.set_cashback_rule_active(actor, rule_id, False))


@router.post("/cashback-rules/{rule_id}/activate", response_model=CashbackRuleOut)
def activate_cashback_rule(
    rule_id: str, services: Services, actor: CurrentActor
) -> CashbackRuleOut:
    return CashbackRuleOut.of(services.rules.set_cashback_rule_active(actor, rule_id, True))
