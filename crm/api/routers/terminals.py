"""/v1/shops, their one-time enrolment codes, and /v1/terminals.

`POST /v1/terminals/enrol` is the one endpoint here without a bearer token: the code is
the credential, and the answer carries the terminal's token (shown once).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field, StrictInt

from crm.api.deps import CurrentActor, Services
from crm.services.terminals import Shop, Terminal

router = APIRouter(prefix="/v1", tags=["terminals"])
Cursor = Annotated[str | None, Query(max_length=500, description="next_cursor of the last page")]
Limit = Annotated[int, Query(ge=1, le=500)]


class NewShop(BaseModel):
    name: str = Field(min_length=1, max_length=200)


class ShopOut(BaseModel):
    id: str
    name: str
    created_at: datetime

    @classmethod
    def of(cls, shop: Shop) -> ShopOut:
        return cls(id=shop.id, name=shop.name, created_at=shop.created_at)


class ShopPage(BaseModel):
    items: list[ShopOut]
    next_cursor: str | None


class NewCode(BaseModel):
    valid_minutes: StrictInt = Field(default=15, ge=1, le=7 * 24 * 60)


class CodeOut(BaseModel):
    code: str = Field(description="type it at the till; it works once")
    shop_id: str
    expires_at: datetime


class EnrolRequest(BaseModel):
    code: str = Field(min_length=1, max_length=100)
    device_name: str = Field(min_length=1, max_length=200)


class EnrolOut(BaseModel):
    terminal_id: str
    shop_id: str
    token: str = Field(description="the terminal's bearer token for sync; shown only now")


class TerminalOut(BaseModel):
    id: str
    shop_id: str
    name: str
    status: str
    enrolled_at: datetime
    last_seen_at: datetime | None = Field(description="its last sync request")
    app_version: str | None
    hwm_seq: int = Field(description="every op up to this terminal_seq has been processed")
    clock_offset_ms: int | None = Field(description="the CRM's clock minus the till's")
    queued_ops: int | None = Field(None, description="ops not yet sent, at its last hello")

    @classmethod
    def of(cls, terminal: Terminal) -> TerminalOut:
        return cls(
            id=terminal.id,
            shop_id=terminal.shop_id,
            name=terminal.name,
            status=terminal.status,
            enrolled_at=terminal.enrolled_at,
            last_seen_at=terminal.last_seen_at,
            app_version=terminal.app_version,
            hwm_seq=terminal.hwm_seq,
            clock_offset_ms=terminal.clock_offset_ms,
            queued_ops=terminal.queued_ops,
        )


class TerminalPage(BaseModel):
    items: list[TerminalOut]
    next_cursor: str | None


@router.post("/shops", response_model=ShopOut, status_code=201)
def create_shop(body: NewShop, services: Services, actor: CurrentActor) -> ShopOut:
    return ShopOut.of(services.terminals.create_shop(actor, body.name))


@router.get("/shops", response_model=ShopPage)
def list_shops(
    services: Services, actor: CurrentActor, cursor: Cursor = None, limit: Limit = 100
) -> ShopPage:
    page = services.terminals.list_shops(actor, cursor, limit)
    return ShopPage(items=[ShopOut.of(s) for s in page.items], next_cursor=page.next_cursor)


@router.post("/shops/{shop_id}/enrol-codes", response_model=CodeOut, status_code=201)
def create_code(
    shop_id: str, services: Services, actor: CurrentActor, body: NewCode | None = None
) -> CodeOut:
    minutes = (body or NewCode()).valid_minutes
    made = services.terminals.create_code(actor, shop_id, minutes)
    return CodeOut(code=made.code, shop_id=made.shop.id, expires_at=made.expires_at)


@router.post("/terminals/enrol", response_model=EnrolOut, status_code=201)
def enrol(body: EnrolRequest, services: Services, request: Request) -> EnrolOut:
    source = request.client.host if request.client else ""
    done = services.terminals.enrol(body.code, body.device_name, source)
    return EnrolOut(terminal_id=done.terminal_id, shop_id=done.shop_id, token=done.token)


@router.get("/terminals", response_model=TerminalPage)
def list_terminals(
    services: Services,
    actor: CurrentActor,
    shop_id: Annotated[str | None, Query(max_length=64)] = None,
    cursor: Cursor = None,
    limit: Limit = 100,
) -> TerminalPage:
    page = services.terminals.list_terminals(actor, shop_id, cursor, limit)
    return TerminalPage(items=[TerminalOut.of(t) for t in page.items], next_cursor=page.next_cursor)


@router.post("/terminals/{terminal_id}/revoke", response_model=TerminalOut)
def revoke(terminal_id: str, services: Services, actor: CurrentActor) -> TerminalOut:
    return TerminalOut.of(services.terminals.revoke(actor, terminal_id))
