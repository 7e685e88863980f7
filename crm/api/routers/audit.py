"""/v1/audit: who changed what and when, newest first, by entity or by customer."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from crm.api.deps import CurrentActor, Services

router = APIRouter(prefix="/v1", tags=["audit"])


class AuditOut(BaseModel):
    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    customer_id: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class AuditPageOut(BaseModel):
    items: list[AuditOut]
    next_cursor: str | None


@router.get("/audit", response_model=AuditPageOut)
def audit_log(
    *,
    services: Services,
    actor: CurrentActor,
    entity: str | None = Query(None, max_length=40, description="customer, balance_operation, …"),
    entity_id: str | None = Query(None, max_length=200),
    customer_id: str | None = Query(None, max_length=64),
    cursor: str | None = Query(None, max_length=500),
    limit: int = 50,
) -> AuditPageOut:
    page = services.history.audit(
        actor,
        entity=entity,
        entity_id=entity_id,
        customer_id=customer_id,
        cursor=cursor,
        limit=limit,
    )
    items = [AuditOut.model_validate(item, from_attributes=True) for item in page.items]
    return AuditPageOut(items=items, next_cursor=page.next_cursor)
