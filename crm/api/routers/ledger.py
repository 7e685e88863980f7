"""/v1 credits, wallet and points: one customer's operations, bulk and recurring operations.

Amounts are integers: grosze for credits and wallet, points for points (floats refused).
A reduce below zero is a 422 saying what the customer (or which customers) have.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from crm.api.deps import CurrentActor, Services
from crm.services.customer_filter import CustomerFilter
from crm.services.ledger import OperationRequest
from crm.services.ledger_views import Operation

router = APIRouter(prefix="/v1", tags=["ledger"])


class OperationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: str = Field(max_length=10, description="add | reduce | set")
    amount: StrictInt = Field(description="grosze (credits, wallet) or points; >= 0 for set")
    description: str = Field("", max_length=500)
    every_months: StrictInt | None = Field(None, description="repeat every N months; none: once")
    start_date: date | None = Field(None, description="default today (Europe/Warsaw)")
    end_date: date | None = Field(None, description="last day a period may fall on")

    def request(self, account: str) -> OperationRequest:
        return OperationRequest(
            account=account,
            kind=self.kind,
            amount=self.amount,
            description=self.description,
            every_months=self.every_months,
            start_date=self.start_date,
            end_date=self.end_date,
        )


class FilterIn(BaseModel):
    """Which customers; every field given must hold; {} is every customer."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, max_length=200)
    group_id: str | None = Field(None, max_length=64)
    tag: str | None = Field(None, max_length=100)
    type: str | None = Field(None, max_length=20)
    active: StrictBool | None = None
    has_card: StrictBool | None = None
    ids: list[str] | None = Field(None, max_length=10_000)

    def where(self) -> CustomerFilter:
        ids = None if self.ids is None else tuple(self.ids)
        return CustomerFilter(
            self.text, self.group_id, self.tag, self.type, self.active, self.has_card, ids
        )


class BulkOperationIn(OperationIn):
    account: str = Field(max_length=10, description="credits | wallet | points")
    filter: FilterIn


class RunOut(BaseModel):
    period: int
    due_on: date
    customers: int
    ran_at: datetime


class OperationOut(BaseModel):
    id: str
    account: str
    kind: str
    amount: int
    description: str
    customer_id: str | None
    filter: dict[str, Any] | None
    every_months: int | None
    start_date: date
    end_date: date | None
    active: bool
    created_by: str
    created_at: datetime
    runs: list[RunOut]
    next_due_on: date | None

    @classmethod
    def of(cls, done: Operation) -> OperationOut:
        fields = {name: getattr(done, name) for name in cls.model_fields if name != "runs"}
        runs = [
            RunOut(**{name: getattr(r, name) for name in RunOut.model_fields}) for r in done.runs
        ]
        return cls(**fields, runs=runs)


class SingleOut(BaseModel):
    operation: OperationOut
    change: int = Field(description="what was posted now (0: nothing, or not due yet)")
    balance: int = Field(description="the customer's balance of the account afterwards")


class OperationPageOut(BaseModel):
    items: list[OperationOut]
    next_cursor: str | None


class BalancesOut(BaseModel):
    customer_id: str
    credits: int
    wallet: int
    points: int


@router.get("/customers/{customer_id}/balances", response_model=BalancesOut)
def balances(customer_id: str, services: Services, actor: CurrentActor) -> BalancesOut:
    found = services.ledger.balances(actor, customer_id)
    return BalancesOut(
        customer_id=found.customer_id,
        credits=found.credits,
        wallet=found.wallet,
        points=found.points,
    )


@router.post(
    "/customers/{customer_id}/balances/{account}/operations",
    response_model=SingleOut,
    status_code=201,
)
def operate(
    customer_id: str, account: str, body: OperationIn, services: Services, actor: CurrentActor
) -> SingleOut:
    done = services.ledger.operate(actor, customer_id, body.request(account))
    return SingleOut(
        operation=OperationOut.of(done.operation), change=done.change, balance=done.balance
    )


@router.post("/balance-operations", response_model=OperationOut, status_code=201)
def operate_bulk(body: BulkOperationIn, services: Services, actor: CurrentActor) -> OperationOut:
    done = services.ledger.operate_bulk(actor, body.request(body.account), body.filter.where())
    return OperationOut.of(done)


@router.get("/balance-operations", response_model=OperationPageOut)
def operations(
    *,
    services: Services,
    actor: CurrentActor,
    recurring: bool | None = None,
    active: bool | None = None,
    customer_id: str | None = None,
    cursor: str | None = Query(None, max_length=500),
    limit: int = 50,
) -> OperationPageOut:
    page = services.ledger.operations(
        actor,
        recurring=recurring,
        active=active,
        customer_id=customer_id,
        cursor=cursor,
        limit=limit,
    )
    return OperationPageOut(
        items=[OperationOut.of(item) for item in page.items], next_cursor=page.next_cursor
    )


@router.get("/balance-operations/{operation_id}", response_model=OperationOut)
def operation(operation_id: str, services: Services, actor: CurrentActor) -> OperationOut:
    return OperationOut.of(services.ledger.operation(actor, operation_id))


@router.post("/balance-operations/{operation_id}/stop", response_model=OperationOut)
def stop(operation_id: str, services: Services, actor: CurrentActor) -> OperationOut:
    return OperationOut.of(services.ledger.stop(actor, operation_id))
