"""The op classes both programs share: what the terminal stores is what the CRM reads, and
every version a released terminal wrote still reads as the current class."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from loyalty.money import Money
from pos_terminal.db.store import Store
from sync.wire import codec
from sync.wire.envelope import Envelope, UnknownKindError, decode_op, payload_of
from sync.wire.money import WireError
from sync.wire.ops import BillClosed, BillVoided, CustomerProposed, ShiftClosed, ShiftOpened

from ..db.conftest import NOW, TODAY
from ..db.shift_world import three_sales, world

RELEASED = Path(__file__).with_name("released")


def released_ops(name: str) -> list[dict[str, object]]:
    """Ops recorded from a released terminal by `tools/released_outbox.py REVISION`."""
    ops: list[dict[str, object]] = json.loads((RELEASED / f"{name}.json").read_text())
    return ops


def test_what_the_terminal_stores_decodes_to_the_same_op_and_bytes(store: Store) -> None:
    service, anna, marek = world(store)
    service.open_shift(anna, 20000, now=NOW, business_date=TODAY)
    three_sales(service, anna)
    service.void_bill(marek, "b2", "pomyłka", now=NOW)
    service.close_shift(marek, now=NOW)
    with store.unit_of_work(read_only=True) as tx:
        rows = tx.session.execute(
            text("SELECT kind, kind_version, payload, payload_sha256 FROM outbox")
        ).all()
    assert {(kind, version) for kind, version, *_ in rows} == {
        ("shift.opened", 2),
        ("bill.closed", 3),
        ("bill.voided", 2),
        ("shift.closed", 2),
    }
    for kind, version, stored, digest in rows:
        op = decode_op(kind, version, json.loads(stored))
        assert payload_of(op) == (kind, version, stored)  # canonical: same bytes again
        assert codec.sha256_hex(stored) == digest
    jan_bill = next(
        decode_op(k, v, json.loads(p)) for k, v, p, _ in rows if k == "bill.closed" and '"b2"' in p
    )
    assert isinstance(jan_bill, BillClosed)
    assert (jan_bill.total, jan_bill.wallet_used, jan_bill.credits_used) == (
        Money(5980),
        Money(2000),
        Money(1000),
    )
    assert jan_bill.closed_at.tzinfo is UTC
    assert '"total":{"amount_minor":5980,"currency":"PLN"}' in next(
        p for k, _, p, _ in rows if k == "bill.closed" and '"b2"' in p
    )


def test_every_op_a_released_terminal_wrote_reads_as_the_current_class() -> None:
    ops = released_ops("aac8e29")
    assert {o["kind"] for o in ops} == {
        "shift.opened",
        "bill.closed",
        "bill.voided",
        "customer.created",
        "card.assigned",
        "shift.closed",
    }
    decoded = [
        decode_op(str(o["kind"]), int(str(o["kind_version"])), json.loads(str(o["payload"])))
        for o in ops
    ]
    opened, _, jan, _, voided, proposed, _, closed = decoded
    assert isinstance(opened, ShiftOpened) and opened.cash_float == Money(20000)
    # Version 1 wrote local time without a zone: read in the chain's zone (CET in November).
    assert opened.opened_at == datetime(2026, 11, 18, 11, 0, tzinfo=UTC)
    assert isinstance(jan, BillClosed) and jan.customer_id == "c-jan"
    assert (jan.total, jan.wallet_used, jan.group_discount) == (
        Money(5980),
        Money(2000),
        Money(420),
    )
    assert jan.earned("points") == 5 and jan.earned("credits") == 59
    assert isinstance(voided, BillVoided) and voided.voids_op_id == ops[2]["op_id"]
    assert isinstance(proposed, CustomerProposed) and proposed.phone == "+48601555123"
    assert proposed.card is not None and proposed.card.code == "77001"
    assert isinstance(closed, ShiftClosed) and closed.net_sales == Money(8700)


def test_an_unknown_kind_or_version_is_named_not_guessed() -> None:
    with pytest.raises(UnknownKindError, match=r"'bill\.refunded' version 1"):
        decode_op("bill.refunded", 1, {})
    with pytest.raises(UnknownKindError, match="version 9"):
        decode_op("bill.closed", 9, {})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda p: p.update(total={"amount_minor": 59.8, "currency": "PLN"}), "total.amount_minor"),
        (lambda p: p.update(closed_at="2026-11-18T12:00:00"), "closed_at: a time must carry"),
        (lambda p: p.pop("local_no"), "local_no: missing"),
        (lambda p: p.update(local_no="2"), "local_no: expected int"),
        (lambda p: p.update(surprise=1), "unknown field 'surprise'"),
        (lambda p: p["lines"][0].update(quantity=True), r"lines\[0\].quantity"),
    ],
)
def test_a_malformed_payload_is_refused_naming_the_field(change, message) -> None:  # type: ignore[no-untyped-def]
    [jan] = [
        o
        for o in released_ops("aac8e29")
        if '"c-jan"' in str(o["payload"]) and o["kind"] == "bill.closed"
    ]
    current = codec.encode(decode_op("bill.closed", 1, json.loads(str(jan["payload"]))))
    change(current)
    with pytest.raises(WireError, match=message):
        decode_op("bill.closed", 2, current)


def test_an_envelope_knows_whether_its_payload_is_the_one_hashed() -> None:
    [first, *_] = released_ops("aac8e29")
    envelope = Envelope.from_json(
        {
            **{k: first[k] for k in ("op_id", "terminal_seq", "kind", "kind_version")},
            "created_at": "2026-11-18T11:00:00+00:00",
            "clock_offset_ms": -1200,
            "payload": json.loads(str(first["payload"])),
            "payload_sha256": first["payload_sha256"],
        }
    )
    assert envelope.hash_matches()
    tampered = Envelope.from_json({**envelope.to_json(), "payload": {"float_minor": 1}})
    assert not tampered.hash_matches()
    with pytest.raises(WireError, match="created_at"):
        Envelope.from_json({**envelope.to_json(), "created_at": "yesterday"})
    with pytest.raises(WireError, match="terminal_seq"):
        Envelope.from_json({**envelope.to_json(), "terminal_seq": 0})
