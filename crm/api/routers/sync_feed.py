"""/v1/sync/pull, /v1/sync/snapshot, /v1/sync/digest: what an enrolled terminal pulls.

Every endpoint needs the terminal's `pos_` token. A cursor the CRM can no longer continue
(another epoch, another stream, not one of ours) is 409 in the uniform error body with
`"error": "reset_required"` and a `reason` (`epoch_changed`, `bad_cursor`,
`cursor_ahead`): the terminal resets that stream and takes a snapshot again.

Pull and snapshot pages are written as JSON straight from the feed's rows: through the
response models, a page of 1,000 customers took four times as long to serialise as to
read. The models still describe the answers in the OpenAPI schema. A terminal that accepts
`PAGE_LINES` gets the page as lines, one row per line (`sync/wire/pages.py` says why).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from crm.api.deps import CurrentTerminal, Services
from crm.api.errors import request_id
from crm.services.sync_feed import Change, ResetRequired
from sync.wire import codec
from sync.wire.pages import PAGE_LINES, dumps_page, dumps_page_lines

router = APIRouter(prefix="/v1/sync", tags=["sync"])
Stream = Annotated[Literal["reference", "balances", "vouchers"], Query(description="the stream")]
Token = Annotated[str | None, Query(max_length=1000, description="as the last page gave it")]
T = TypeVar("T")


class ChangeOut(BaseModel):
    entity: str
    id: str
    op: Literal["upsert", "delete"]
    version: int = Field(description="the entity's highest feed number when read")
    data: dict[str, Any] | None = Field(description="the entity's full state; null if deleted")

    @classmethod
    def of(cls, change: Change) -> ChangeOut:
        return cls(**_change(change))


class PullOut(BaseModel):
    stream: str
    epoch: str
    changes: list[ChangeOut]
    next_cursor: str = Field(description="send it back unchanged with the next pull")
    position: int = Field(description="the feed number this page covers up to")
    has_more: bool
    server_time: datetime


class SnapshotRowOut(BaseModel):
    entity: str
    id: str
    version: int
    data: dict[str, Any] | None


class SnapshotOut(BaseModel):
    stream: str
    epoch: str
    rows: list[SnapshotRowOut]
    next_after: str | None = Field(description="null on the last page")
    has_more: bool
    resume_cursor: str = Field(description="pull from here once the last page is applied")
    total: int | None = Field(description="rows of the whole snapshot; first page only")


class EntityDigestOut(BaseModel):
    count: int
    sha256: str = Field(description='sha256 of the sorted ids joined by "\\n"')


class DigestOut(BaseModel):
    stream: str
    epoch: str
    position: int
    entities: dict[str, EntityDigestOut]


def _page(request: Request, head: dict[str, Any], key: str, items: list[Any]) -> Response:
    if PAGE_LINES in request.headers.get("accept", ""):
        return Response(dumps_page_lines(head, key, items), media_type=PAGE_LINES)
    return Response(dumps_page({**head, key: items}), media_type="application/json")


def _change(change: Change) -> dict[str, Any]:
    return {
        "entity": change.entity,
        "id": change.id,
        "op": "upsert" if change.op == "upsert" else "delete",
        "version": change.version,
        "data": change.data,
    }


def _answer(request: Request, make: Callable[[], T]) -> T | JSONResponse:
    try:
        return make()
    except ResetRequired as refused:
        body = {
            "error": refused.code,
            "reason": refused.reason,
            "message": refused.message,
            "problems": [{"field": p.field, "reason": p.reason} for p in refused.problems],
            "request_id": request_id(request),
        }
        return JSONResponse(body, 409)


@router.get("/pull", response_model=PullOut)
def pull(
    request: Request,
    services: Services,
    terminal: CurrentTerminal,
    *,
    stream: Stream,
    cursor: Token = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> Response:
    def make() -> Response:
        page = services.feed.pull(stream, cursor, limit)
        head = {
            "stream": page.stream,
            "epoch": page.epoch,
            "next_cursor": page.next_cursor,
            "position": page.position,
            "has_more": page.has_more,
            "server_time": codec.encode(page.server_time),
        }
        return _page(request, head, "changes", [_change(change) for change in page.changes])

    return _answer(request, make)


@router.get("/snapshot", response_model=SnapshotOut)
def snapshot(
    request: Request,
    services: Services,
    terminal: CurrentTerminal,
    *,
    stream: Stream,
    after: Token = None,
    limit: Annotated[int, Query(ge=1, le=2000)] = 1000,
) -> Response:
    def make() -> Response:
        page = services.feed.snapshot(stream, after, limit)
        head = {
            "stream": page.stream,
            "epoch": page.epoch,
            "next_after": page.next_after,
            "has_more": page.has_more,
            "resume_cursor": page.resume_cursor,
            "total": page.total,
        }
        rows = [
            {"entity": r.entity, "id": r.id, "version": r.version, "data": r.data}
            for r in page.rows
        ]
        return _page(request, head, "rows", rows)

    return _answer(request, make)


@router.get("/digest", response_model=DigestOut)
def digest(services: Services, terminal: CurrentTerminal, stream: Stream) -> DigestOut:
    found = services.feed.digest(stream)
    entities = {
        entity: EntityDigestOut(count=count, sha256=sha)
        for entity, (count, sha) in found.entities.items()
    }
    return DigestOut(
        stream=found.stream, epoch=found.epoch, position=found.position, entities=entities
    )
