"""/v1/sync/hello and /v1/sync/push: the terminal says who it is and hands over its ops.

A push is answered 200 whenever the batch could be read, with one result per op in the
order sent (`applied`, `duplicate`, `rejected`, `key_reuse`, `quarantined`, or
`retry_later` and `not_processed` for the rest when the database could not be reached).
An op that is malformed is rejected by itself; the others in the batch still apply.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Header
from pydantic import BaseModel, Field

from crm.api.deps import CurrentTerminal, Services
from crm.services.sync_push import MAX_OPS
from loyalty.offline import OfflinePolicy
from sync.wire import codec
from sync.wire.envelope import OpResult

router = APIRouter(prefix="/v1/sync", tags=["sync"])


class TerminalState(BaseModel):
    id: str
    shop_id: str
    status: str
    hwm_seq: int = Field(description="every op up to this terminal_seq has been processed")


class PolicyOut(BaseModel):
    enabled: bool = Field(description="may credits and wallet be spent offline at all")
    per_bill_minor: int
    per_customer_terminal_minor: int = Field(description="per customer, on one till, between syncs")
    per_terminal_day_minor: int
    hold_minutes: int

    @classmethod
    def of(cls, policy: OfflinePolicy) -> PolicyOut:
        return cls(**codec.encode(policy))


class HelloOut(BaseModel):
    server_time: datetime
    protocol: dict[str, int]
    terminal: TerminalState
    epochs: dict[str, str] = Field(description="each pull stream's epoch")
    offline_policy: PolicyOut


class PushIn(BaseModel):
    ops: list[dict[str, Any]] = Field(
        max_length=MAX_OPS,
        description="envelopes in terminal_seq order: op_id, terminal_seq, kind, kind_version,"
        " created_at, clock_offset_ms, payload, payload_sha256",
    )


class ResultOut(BaseModel):
    op_id: str
    status: str
    result: dict[str, Any]
    reflect_at: dict[str, int] = Field(description="feed positions that will show the effects")
    reason: str | None

    @classmethod
    def of(cls, result: OpResult) -> ResultOut:
        return cls(**result.to_json())


class PushOut(BaseModel):
    results: list[ResultOut]
    terminal_hwm: int
    server_time: datetime


@router.get("/hello", response_model=HelloOut)
def hello(
    services: Services,
    terminal: CurrentTerminal,
    x_app_version: Annotated[str | None, Header(max_length=40)] = None,
    x_clock_offset_ms: Annotated[int | None, Header(ge=-(10**10), le=10**10)] = None,
    x_queued_ops: Annotated[int | None, Header(ge=0, le=10**12)] = None,
) -> HelloOut:
    said = services.sync.hello(
        terminal,
        app_version=x_app_version,
        clock_offset_ms=x_clock_offset_ms,
        queued_ops=x_queued_ops,
    )
    return HelloOut(
        server_time=said.server_time,
        protocol={"min": 1, "max": 1},
        terminal=TerminalState(
            id=said.terminal_id, shop_id=said.shop_id, status=said.status, hwm_seq=said.hwm_seq
        ),
        epochs=said.epochs,
        offline_policy=PolicyOut.of(said.offline_policy),
    )


@router.post("/push", response_model=PushOut)
def push(
    body: PushIn,
    services: Services,
    terminal: CurrentTerminal,
    x_queued_ops: Annotated[int | None, Header(ge=0, le=10**12)] = None,
) -> PushOut:
    answer = services.sync.push(terminal, body.ops, queued_ops=x_queued_ops)
    return PushOut(
        results=[ResultOut.of(r) for r in answer.results],
        terminal_hwm=answer.terminal_hwm,
        server_time=answer.server_time,
    )
