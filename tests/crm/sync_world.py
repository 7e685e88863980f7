"""Terminals talking to the CRM under test: enrolled for real, pushing real envelopes."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.customer_input import CustomerInput
from crm.services.postings import post
from crm.store.models import BalanceRow
from loyalty.money import Money
from sync.wire.codec import sha256_hex
from sync.wire.envelope import Envelope, payload_of
from sync.wire.ops import BillClosed, Op, Payment

RELEASED = Path(__file__).parents[1] / "sync" / "released"
DAY = date(2026, 11, 18)
NOON = datetime(2026, 11, 18, 11, 0, tzinfo=UTC)


@dataclass
class Till:
    """One enrolled terminal: its token, its id and the next terminal_seq it will use."""

    http: httpx.Client
    terminal_id: str
    next_seq: int = 1
    sent: list[dict[str, Any]] = field(default_factory=list)

    def envelope(
        self, op: Op, *, op_id: str | None = None, seq: int | None = None
    ) -> dict[str, Any]:
        kind, version, text = payload_of(op)
        if seq is None:
            seq, self.next_seq = self.next_seq, self.next_seq + 1
        document = Envelope(
            op_id=op_id or str(uuid.uuid4()),
            terminal_seq=seq,
            kind=kind,
            kind_version=version,
            created_at=NOON,
            clock_offset_ms=0,
            payload=json.loads(text),
            payload_sha256=sha256_hex(text),
        ).to_json()
        self.sent.append(document)
        return document

    def push(self, *envelopes: dict[str, Any]) -> dict[str, Any]:
        answer = self.http.post("/v1/sync/push", json={"ops": list(envelopes)})
        assert answer.status_code == 200, answer.text
        body: dict[str, Any] = answer.json()
        return body


def enrol(services: CrmServices, url: str, name: str = "Kasa 1") -> Till:
    code = services.terminals.create_code_for_shop_named(CLI, "Bistro Centrum").code
    done = services.terminals.enrol(code, name)
    http = httpx.Client(base_url=url, timeout=30, headers={"Authorization": f"Bearer {done.token}"})
    return Till(http, done.terminal_id)


def customer(
    services: CrmServices, customer_id: str, *, phone: str | None = None, **money: int
) -> None:
    """A customer under a given id (as the terminal's test world names them), with balances."""

    def work(session: Any) -> None:
        fields = CustomerInput(name=customer_id.replace("c-", "").title(), phone=phone)
        services.customers.create_in(session, CLI, fields, customer_id=customer_id)
        for account, amount in money.items():
            post(
                session,
                customer_id=customer_id,
                account=account,
                amount=amount,
                kind="add",
                description="start",
                actor=CLI,
                at=NOON,
            )

    services.ctx.db.write(work)


def balances(services: CrmServices, customer_id: str) -> dict[str, int]:
    return services.ctx.db.read(
        lambda s: {
            r.account: r.amount
            for r in s.scalars(select(BalanceRow).where(BalanceRow.customer_id == customer_id))
        }
    )


def released_envelopes(revision: str = "aac8e29") -> list[dict[str, Any]]:
    """The outbox of a released terminal (tools/released_outbox.py), as it would push it."""
    ops = json.loads((RELEASED / f"{revision}.json").read_text())
    return [
        {
            "op_id": op["op_id"],
            "terminal_seq": op["terminal_seq"],
            "kind": op["kind"],
            "kind_version": op["kind_version"],
            "created_at": NOON.isoformat(),
            "clock_offset_ms": None,
            "payload": json.loads(op["payload"]),
            "payload_sha256": op["payload_sha256"],
        }
        for op in ops
    ]


def sale(
    bill_id: str, local_no: int, total: int, *, customer_id: str | None = None, wallet: int = 0
) -> BillClosed:
    payments: tuple[Payment, ...] = (Payment("wallet", Money(wallet)),) if wallet else ()
    payments += (Payment("cash", Money(total - wallet)),) if total > wallet else ()
    return BillClosed(
        bill_id=bill_id,
        local_no=local_no,
        shift_id=None,
        business_date=DAY,
        closed_at=NOON,
        customer_id=customer_id,
        gross=Money(total),
        group_discount=Money(0),
        credits_used=Money(0),
        wallet_used=Money(wallet),
        limit_overridden=False,
        total=Money(total),
        lines=(),
        adjustments=(),
        payments=payments,
        cashback=(),
    )
