"""/v1/customers (one customer, the list, bulk actions) and /v1/cards (block, unblock, remove).

The request models only bound the sizes of what may arrive; every rule is the service's, so
one 422 names every bad field. Money is integer grosze (`*_minor`), floats refused.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from crm.api.deps import CurrentActor, Services
from crm.services.customer_cards import CardView
from crm.services.customer_filter import CustomerFilter
from crm.services.customer_input import CustomerInput
from crm.services.customer_list import CustomerListItem
from crm.services.customers import CustomerView

router = APIRouter(prefix="/v1", tags=["customers"])

Text = Annotated[str | None, Field(default=None, max_length=1000)]


class CustomerFields(BaseModel):
    """A new customer, or the fields to change (PATCH: only those sent; null clears)."""

    model_config = ConfigDict(extra="forbid")

    name: Text
    type: Text
    nip: Text
    group_id: Text
    country: Text
    city: Text
    street: Text
    building: Text
    flat: Text
    email: Text
    phone: Text
    tags: list[Annotated[str, Field(max_length=1000)]] | None = Field(None, max_length=200)
    verified: StrictBool | None = None
    discount_limit_disabled: StrictBool | None = None
    discount_allowance_minor: StrictInt | None = None

    def changes(self) -> dict[str, Any]:
        sent = self.model_dump(exclude_unset=True)
        if sent.get("tags") is not None:
            sent["tags"] = tuple(sent["tags"])
        return sent


class CardOut(BaseModel):
    id: str
    customer_id: str
    code: str
    number: str
    expires_on: date | None
    blocked: bool
    status: str
    created_at: datetime

    @classmethod
    def of(cls, card: CardView) -> CardOut:
        return cls(
            id=card.id,
            customer_id=card.customer_id,
            code=card.code,
            number=card.number,
            expires_on=card.expires_on,
            blocked=card.blocked,
            status=card.status,
            created_at=card.created_at,
        )


class CustomerOut(BaseModel):
    id: str
    name: str
    type: str
    nip: str | None
    group_id: str | None
    country: str
    city: str
    street: str
    building: str
    flat: str
    email: str | None
    phone: str | None
    tags: list[str]
    verified: bool
    active: bool
    discount_limit_disabled: bool
    discount_allowance_minor: int | None
    transactions: int
    last_activity_at: datetime | None
    created_at: datetime | None
    updated_at: datetime | None
    version: int
    cards: list[CardOut]
    credits_minor: int
    wallet_minor: int
    points: int

    @classmethod
    def of(cls, customer: CustomerView) -> CustomerOut:
        return cls(
            id=customer.id,
            name=customer.name,
            type=customer.type,
            nip=customer.nip,
            group_id=customer.group_id,
            country=customer.country,
            city=customer.city,
            street=customer.street,
            building=customer.building,
            flat=customer.flat,
            email=customer.email,
            phone=customer.phone,
            tags=list(customer.tags),
            verified=customer.verified,
            active=customer.active,
            discount_limit_disabled=customer.discount_limit_disabled,
            discount_allowance_minor=customer.discount_allowance_minor,
            transactions=customer.transactions,
            last_activity_at=customer.last_activity_at,
            created_at=customer.created_at,
            updated_at=customer.updated_at,
            version=customer.version,
            cards=[CardOut.of(card) for card in customer.cards],
            credits_minor=customer.credits,
            wallet_minor=customer.wallet,
            points=customer.points,
        )


class CustomerItemOut(BaseModel):
    id: str
    name: str
    type: str
    group_id: str | None
    phone: str | None
    email: str | None
    active: bool
    tags: list[str]
    card_count: int
    credits_minor: int
    wallet_minor: int
    points: int

    @classmethod
    def of(cls, item: CustomerListItem) -> CustomerItemOut:
        return cls(
            id=item.id,
            name=item.name,
            type=item.type,
            group_id=item.group_id,
            phone=item.phone,
            email=item.email,
            active=item.active,
            tags=list(item.tags),
            card_count=item.card_count,
            credits_minor=item.credits,
            wallet_minor=item.wallet,
            points=item.points,
        )


class CustomerPageOut(BaseModel):
    items: list[CustomerItemOut]
    next_cursor: str | None


class FilterIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, max_length=200)
    group_id: str | None = Field(None, max_length=64)
    tag: str | None = Field(None, max_length=100)
    type: str | None = Field(None, max_length=20)
    active: StrictBool | None = None
    has_card: StrictBool | None = None
    ids: list[Annotated[str, Field(max_length=64)]] | None = Field(None, max_length=10_000)

    def to_filter(self) -> CustomerFilter:
        return CustomerFilter.from_document(self.model_dump(exclude_none=True))


class BulkRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    filter: FilterIn
    action: str = Field(max_length=40)
    value: str | None = Field(None, max_length=200)


class BulkOut(BaseModel):
    changed: int


class NewCard(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(max_length=200)
    number: str | None = Field(None, max_length=200)
    expires_on: date | None = None


@router.post("/customers", response_model=CustomerOut, status_code=201)
def create_customer(body: CustomerFields, services: Services, actor: CurrentActor) -> CustomerOut:
    return CustomerOut.of(services.customers.create(actor, CustomerInput(**body.changes())))


@router.get("/customers", response_model=CustomerPageOut)
def list_customers(
    *,
    services: Services,
    actor: CurrentActor,
    text: Annotated[str | None, Query(max_length=200)] = None,
    group_id: Annotated[str | None, Query(max_length=64)] = None,
    tag: Annotated[str | None, Query(max_length=100)] = None,
    kind: Annotated[str | None, Query(alias="type", max_length=20)] = None,
    active: bool | None = None,
    has_card: bool | None = None,
    sort: Annotated[str, Query(description="name, -name, created or -created")] = "name",
    limit: int = 50,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> CustomerPageOut:
    where = CustomerFilter(
        text=text, group_id=group_id, tag=tag, type=kind, active=active, has_card=has_card
    )
    page = services.customers.list(actor, where, sort=sort, limit=limit, cursor=cursor)
    return CustomerPageOut(
        items=[CustomerItemOut.of(item) for item in page.items], next_cursor=page.next_cursor
    )


@router.post("/customers/bulk", response_model=BulkOut)
def bulk_action(body: BulkRequest, services: Services, actor: CurrentActor) -> BulkOut:
    changed = services.customers.bulk(actor, body.filter.to_filter(), body.action, body.value)
    return BulkOut(changed=changed)


@router.get("/customers/{customer_id}", response_model=CustomerOut)
def get_customer(customer_id: str, services: Services, actor: CurrentActor) -> CustomerOut:
    return CustomerOut.of(services.customers.get(actor, customer_id))


@router.patch("/customers/{customer_id}", response_model=CustomerOut)
def edit_customer(
    customer_id: str, body: CustomerFields, services: Services, actor: CurrentActor
) -> CustomerOut:
    return CustomerOut.of(services.customers.edit(actor, customer_id, body.changes()))


@router.delete("/customers/{customer_id}", status_code=204)
def delete_customer(customer_id: str, services: Services, actor: CurrentActor) -> None:
    services.customers.delete(actor, customer_id)


@router.post("/customers/{customer_id}/deactivate", response_model=CustomerOut)
def deactivate_customer(customer_id: str, services: Services, actor: CurrentActor) -> CustomerOut:
    return CustomerOut.of(services.customers.deactivate(actor, customer_id))


@router.post("/customers/{customer_id}/reactivate", response_model=CustomerOut)
def reactivate_customer(customer_id: str, services: Services, actor: CurrentActor) -> CustomerOut:
    return CustomerOut.of(services.customers.reactivate(actor, customer_id))


@router.post("/customers/{customer_id}/cards", response_model=CardOut, status_code=201)
def add_card(customer_id: str, body: NewCard, services: Services, actor: CurrentActor) -> CardOut:
    card = services.customers.add_card(actor, customer_id, body.code, body.number, body.expires_on)
    return CardOut.of(card)


@router.post("/cards/{card_id}/block", response_model=CardOut)
def block_card(card_id: str, services: Services, actor: CurrentActor) -> CardOut:
    return CardOut.of(services.customers.block_card(actor, card_id, blocked=True))


@router.post("/cards/{card_id}/unblock", response_model=CardOut)
def unblock_card(card_id: str, services: Services, actor: CurrentActor) -> CardOut:
    return CardOut.of(services.customers.block_card(actor, card_id, blocked=False))


@router.delete("/cards/{card_id}", status_code=204)
def remove_card(card_id: str, services: Services, actor: CurrentActor) -> None:
    services.customers.remove_card(actor, card_id)
