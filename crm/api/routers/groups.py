"""/v1/groups: customer groups with their reference, daily discount limit and discounts.

The reference is made from the name on create unless one is sent, and kept on rename.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from crm.api.deps import CurrentActor, Services
from crm.services.groups import Group, GroupInput

router = APIRouter(prefix="/v1", tags=["groups"])


class GroupFields(BaseModel):
    """A new group, or the fields to change (PATCH: only those sent)."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, max_length=1000)
    reference: str | None = Field(None, max_length=1000)
    description: str | None = Field(None, max_length=20_000)
    daily_discount_limit_minor: StrictInt | None = None
    discount_ids: list[Annotated[str, Field(max_length=64)]] | None = Field(None, max_length=500)
    assignable_at_till: StrictBool | None = None

    def changes(self) -> dict[str, Any]:
        sent = self.model_dump(exclude_unset=True)
        if sent.get("discount_ids") is not None:
            sent["discount_ids"] = tuple(sent["discount_ids"])
        return sent


class GroupOut(BaseModel):
    id: str
    name: str
    reference: str
    description: str
    daily_discount_limit_minor: int | None
    discount_ids: list[str]
    assignable_at_till: bool
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def of(cls, group: Group) -> GroupOut:
        return cls(
            id=group.id,
            name=group.name,
            reference=group.reference,
            description=group.description,
            daily_discount_limit_minor=group.daily_discount_limit_minor,
            discount_ids=list(group.discount_ids),
            assignable_at_till=group.assignable_at_till,
            created_at=group.created_at,
            updated_at=group.updated_at,
            version=group.version,
        )


class GroupPageOut(BaseModel):
    items: list[GroupOut]
    next_cursor: str | None


@router.post("/groups", response_model=GroupOut, status_code=201)
def create_group(body: GroupFields, services: Services, actor: CurrentActor) -> GroupOut:
    return GroupOut.of(services.groups.create(actor, GroupInput(**body.changes())))


@router.get("/groups", response_model=GroupPageOut)
def list_groups(
    services: Services,
    actor: CurrentActor,
    limit: int = 100,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> GroupPageOut:
    page = services.groups.list(actor, limit=limit, cursor=cursor)
    return GroupPageOut(
        items=[GroupOut.of(group) for group in page.items], next_cursor=page.next_cursor
    )


@router.get("/groups/{group_id}", response_model=GroupOut)
def get_group(group_id: str, services: Services, actor: CurrentActor) -> GroupOut:
    return GroupOut.of(services.groups.get(actor, group_id))


@router.patch("/groups/{group_id}", response_model=GroupOut)
def edit_group(
    group_id: str, body: GroupFields, services: Services, actor: CurrentActor
) -> GroupOut:
    return GroupOut.of(services.groups.edit(actor, group_id, body.changes()))


@router.delete("/groups/{group_id}", status_code=204)
def delete_group(group_id: str, services: Services, actor: CurrentActor) -> None:
    services.groups.delete(actor, group_id)
