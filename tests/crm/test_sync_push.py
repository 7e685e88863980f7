"""Pushed ops apply exactly once, on SQLite and PostgreSQL, over real HTTP (sync-protocol §8 D)."""

from __future__ import annotations

import json
import random
import threading
from dataclasses import replace
from typing import Any

import httpx
from sqlalchemy import delete, func, select, text

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.voucher_fields import VoucherSpec
from crm.store.models import (
    BillRow,
    CardRow,
    CustomerAliasRow,
    CustomerRow,
    LedgerEntryRow,
    OpQuarantineRow,
    ProcessedOpRow,
    TerminalShiftRow,
    VoucherRedemptionRow,
    VoucherRow,
)
from loyalty.money import Money
from sync.wire.codec import sha256_hex
from sync.wire.ops import (
    Adjustment,
    BillClosed,
    BillVoided,
    CardAssigned,
    CashbackAward,
    CustomerProposed,
    Payment,
    StaffRef,
)
from tests.live_crm import LiveApi

from .sync_world import NOON, balances, customer, enrol, released_envelopes, sale


def count(services: CrmServices, model: Any, *where: Any) -> int:
    query = select(func.count()).select_from(model).where(*where)
    return int(services.ctx.db.read(lambda s: s.scalar(query)) or 0)


def statuses(body: dict[str, Any]) -> list[str]:
    return [r["status"] for r in body["results"]]


def test_a_released_terminals_outbox_applies_once_with_every_effect(
    services: CrmServices, live: LiveApi
) -> None:
    customer(services, "c-jan", credits=1000, wallet=20000)
    till = enrol(services, live.url)
    ops = released_envelopes()
    first = till.push(*ops)
    assert statuses(first) == ["applied"] * 8, first
    assert first["terminal_hwm"] == 8
    # Jan's bill took 10,00 of credits and 20,00 of wallet, earned 5 points and 0,59 of
    # credits; the void gave it all back.
    assert balances(services, "c-jan") == {"credits": 1000, "wallet": 20000, "points": 0}
    jan_bill = services.ctx.db.read(lambda s: s.get(BillRow, "b2"))
    assert jan_bill is not None and jan_bill.status == "voided" and jan_bill.total_minor == 5980
    assert count(services, BillRow) == 3
    # The new customer exists under the till's own id, with the card; Jan got his card.
    created = first["results"][5]["result"]
    assert created["merged"] is False and created["customer_id"].startswith("local-")
    new = services.ctx.db.read(lambda s: s.get(CustomerRow, created["customer_id"]))
    assert new is not None and new.phone == "+48601555123"
    assert count(services, CardRow, CardRow.code == "77001") == 1
    assert count(services, CardRow, CardRow.customer_id == "c-jan") == 1
    shift = services.ctx.db.read(lambda s: s.scalars(select(TerminalShiftRow)).one())
    assert shift.closed_by == "Marek Kierownik" and shift.z_report is not None

    # D1: the same batch again (a lost answer): every op a duplicate with the same result.
    again = till.push(*ops)
    assert statuses(again) == ["duplicate"] * 8
    for before, after in zip(first["results"], again["results"], strict=True):
        assert (after["result"], after["reflect_at"]) == (before["result"], before["reflect_at"])
    assert count(services, BillRow) == 3
    assert count(services, LedgerEntryRow, LedgerEntryRow.customer_id == "c-jan") == 2 + 8
    assert balances(services, "c-jan") == {"credits": 1000, "wallet": 20000, "points": 0}


def test_the_same_op_ten_times_is_applied_once(services: CrmServices, live: LiveApi) -> None:
    customer(services, "c-ala", wallet=5000)
    till = enrol(services, live.url)
    op = till.envelope(sale("b1", 1, 3000, customer_id="c-ala", wallet=3000))
    answers = [till.push(op) for _ in range(10)]
    assert [statuses(a)[0] for a in answers] == ["applied"] + ["duplicate"] * 9
    assert all(a["results"][0]["result"] == answers[0]["results"][0]["result"] for a in answers)
    assert answers[0]["results"][0]["reflect_at"]["balances"] > 0
    assert balances(services, "c-ala")["wallet"] == 2000
    assert count(services, BillRow) == 1


def test_an_op_sent_twice_in_one_push_is_applied_once_and_answered_alike(
    services: CrmServices, live: LiveApi
) -> None:
    """A push's ops apply in one transaction: the second copy finds the first's record
    before it is stored, and gets its answer (feed positions included)."""
    customer(services, "c-ala", wallet=5000)
    till = enrol(services, live.url)
    op = till.envelope(sale("b1", 1, 3000, customer_id="c-ala", wallet=3000))
    first, again = till.push(op, op)["results"]
    assert (first["status"], again["status"]) == ("applied", "duplicate")
    assert again["result"] == first["result"] and again["reflect_at"] == first["reflect_at"]
    assert first["reflect_at"]["balances"] > 0
    assert balances(services, "c-ala")["wallet"] == 2000
    visits = services.ctx.db.read(
        lambda s: s.scalar(select(CustomerRow.transactions).where(CustomerRow.id == "c-ala"))
    )
    assert visits == 1


def test_an_op_id_used_again_for_another_payload_changes_nothing(
    services: CrmServices, live: LiveApi
) -> None:
    till = enrol(services, live.url)
    op = till.envelope(sale("b1", 1, 3000))
    till.push(op)
    other = till.envelope(sale("b9", 9, 100), op_id=op["op_id"])
    [result] = till.push(other)["results"]
    assert result["status"] == "key_reuse"
    assert count(services, BillRow) == 1


def test_an_unknown_kind_is_quarantined_and_acknowledged_not_retried_for_ever(
    services: CrmServices, live: LiveApi
) -> None:
    till = enrol(services, live.url)
    text = json.dumps({"bill_id": "b1"}, separators=(",", ":"))
    future = {
        **till.envelope(sale("b1", 1, 100)),
        "kind": "bill.refunded",
        "payload": json.loads(text),
        "payload_sha256": sha256_hex(text),
    }
    after = till.envelope(sale("b2", 2, 100))
    body = till.push(future, after)
    assert statuses(body) == ["quarantined", "applied"]
    assert "unknown op 'bill.refunded'" in body["results"][0]["reason"]
    assert body["terminal_hwm"] == 2  # acknowledged: it does not hold the queue
    assert statuses(till.push(future)) == ["quarantined"]
    assert count(services, OpQuarantineRow) == 1
    # On the manager's list once, however often the till asks again.
    [item] = services.review.open_items(CLI)
    assert (item.kind, item.subject_id, item.op_kind) == ("op", future["op_id"], "bill.refunded")


def test_a_rejected_op_mid_batch_leaves_the_ops_behind_it_applied(
    services: CrmServices, live: LiveApi
) -> None:
    customer(services, "c-jan")
    customer(services, "c-ola")
    till = enrol(services, live.url)
    give = till.envelope(CardAssigned("c-jan", "1234567890", NOON))
    taken = till.envelope(CardAssigned("c-ola", "1234567890", NOON))  # the same card
    bad = {**till.envelope(sale("b1", 1, 100)), "payload_sha256": "0" * 64}
    later = till.envelope(sale("b2", 2, 100))
    body = till.push(give, taken, bad, later)
    assert statuses(body) == ["applied", "rejected", "rejected", "applied"]
    assert "already enrolled" in body["results"][1]["reason"]
    assert "sha256" in body["results"][2]["reason"]
    assert body["terminal_hwm"] == 4
    # A retry of the rejected op gets the same answer, stored.
    assert till.push(taken)["results"][0]["reason"] == body["results"][1]["reason"]
    # Both refusals are on the list (the careful pass kept them); the applied ops are not.
    listed = {(i.subject_id, i.reasons) for i in services.review.open_items(CLI)}
    assert listed == {
        (taken["op_id"], (body["results"][1]["reason"],)),
        (bad["op_id"], (body["results"][2]["reason"],)),
    }


def test_the_same_batch_pushed_twice_at_once_applies_each_op_once(
    services: CrmServices, live: LiveApi
) -> None:
    customer(services, "c-ala", wallet=100_000)
    till = enrol(services, live.url)
    ops = [
        till.envelope(sale(f"b{n}", n, 1000, customer_id="c-ala", wallet=500)) for n in range(1, 31)
    ]
    answers: list[dict[str, Any]] = []

    def push() -> None:
        answers.append(till.push(*ops))

    pushers = [threading.Thread(target=push) for _ in range(2)]
    for pusher in pushers:
        pusher.start()
    for pusher in pushers:
        pusher.join()
    first, second = answers
    for one, two in zip(first["results"], second["results"], strict=True):
        assert sorted([one["status"], two["status"]]) == ["applied", "duplicate"]
        assert one["result"] == two["result"]
    assert count(services, BillRow) == 30
    assert balances(services, "c-ala")["wallet"] == 100_000 - 30 * 500
    assert count(services, ProcessedOpRow) == 30


def test_the_same_new_customer_on_two_tills_is_one_customer(
    services: CrmServices, live: LiveApi
) -> None:
    first, second = enrol(services, live.url, "Kasa 1"), enrol(services, live.url, "Kasa 2")

    def proposal(local_id: str) -> CustomerProposed:
        return CustomerProposed(local_id, "Ewa Nowa", "+48601555123", None, None, None, None, NOON)

    one = first.push(
        first.envelope(proposal("local-a")),
        first.envelope(sale("b1", 1, 900, customer_id="local-a")),
    )
    two = second.push(
        second.envelope(proposal("local-b")),
        second.envelope(sale("b2", 1, 700, customer_id="local-b")),
    )
    assert one["results"][0]["result"]["customer_id"] == "local-a"
    merged = two["results"][0]["result"]
    assert merged == {"customer_id": "local-a", "merged": True, "matched_by": "phone", "flags": []}
    assert count(services, CustomerRow, CustomerRow.phone == "+48601555123") == 1
    assert count(services, CustomerAliasRow) == 1
    assert count(services, BillRow, BillRow.customer_id == "local-a") == 2


def test_an_offline_spend_beyond_the_balance_is_kept_and_flagged(
    services: CrmServices, live: LiveApi
) -> None:
    customer(services, "c-ala", wallet=1000)
    till = enrol(services, live.url)
    body = till.push(till.envelope(sale("b1", 1, 2500, customer_id="c-ala", wallet=2500)))
    assert body["results"][0]["result"]["bill_flags"] == ["wallet_overdraft"]
    assert balances(services, "c-ala")["wallet"] == -1500
    flagged = services.ctx.db.read(lambda s: s.get(BillRow, "b1"))
    assert flagged is not None and flagged.flags == ["wallet_overdraft"]
    [item] = services.review.open_items(CLI)
    assert (item.subject_id, item.reasons, item.customer_id) == (
        "b1",
        ("wallet_overdraft",),
        "c-ala",
    )


def _allowance(services: CrmServices, customer_id: str, minor: int | None = None) -> int | None:
    def work(session: Any) -> int | None:
        row = session.get(CustomerRow, customer_id)
        if minor is not None:
            row.discount_allowance_minor = minor
        return row.discount_allowance_minor  # type: ignore[no-any-return]

    return services.ctx.db.write(work)


def test_group_discount_beyond_the_allowance_is_kept_flagged_and_a_void_gives_back_what_it_took(
    services: CrmServices, live: LiveApi
) -> None:
    customer(services, "c-ala")
    _allowance(services, "c-ala", 500)
    till = enrol(services, live.url)
    first = replace(sale("b1", 1, 9300, customer_id="c-ala"), group_discount=Money(300))
    beyond = replace(sale("b2", 2, 9600, customer_id="c-ala"), group_discount=Money(400))
    body = till.push(till.envelope(first), till.envelope(beyond))
    assert [r["result"]["bill_flags"] for r in body["results"]] == [[], ["over_allowance"]]
    assert "reference" in body["results"][0]["reflect_at"]  # where the till sees it
    assert _allowance(services, "c-ala") == 0
    void = BillVoided(
        bill_id="b2", local_no=2, voids_op_id=None, shift_id=None, customer_id="c-ala",
        total=Money(9600), voided_at=NOON, voided_by=StaffRef("s-1", "Marek", "manager"),
        reason="pomyłka",
    )  # fmt: skip
    till.push(till.envelope(void))
    assert _allowance(services, "c-ala") == 200  # b2 took 2,00 of its 4,00 from it


def test_sync_needs_a_terminal_token(services: CrmServices, live: LiveApi) -> None:
    till = enrol(services, live.url)
    anonymous = till.http.get("/v1/sync/hello", headers={"Authorization": ""})
    assert anonymous.status_code == 401
    hello = till.http.get("/v1/sync/hello", headers={"X-Clock-Offset-Ms": "-1500"})
    assert hello.status_code == 200, hello.text
    assert hello.json()["terminal"]["hwm_seq"] == 0
    assert set(hello.json()["epochs"]) == {"reference", "balances", "vouchers"}
    services.terminals.revoke(CLI, till.terminal_id)
    assert till.http.get("/v1/sync/hello").status_code == 401
    assert till.http.post("/v1/sync/push", json={"ops": []}).status_code == 401


def voucher_sale(bill_id: str, local_no: int, code: str) -> BillClosed:
    bill = sale(bill_id, local_no, 4000)
    used = Adjustment("voucher", code, Money(1000), "applied", None)
    return replace(
        bill, total=Money(3000), adjustments=(used,), payments=(Payment("cash", Money(3000)),)
    )


def test_a_voucher_used_on_two_offline_tills_is_kept_once_and_flagged_once(
    services: CrmServices, live: LiveApi
) -> None:
    services.vouchers.create_voucher(CLI, VoucherSpec("amount", code="WITAJ10", amount_minor=1000))
    first, second = enrol(services, live.url, "Kasa 1"), enrol(services, live.url, "Kasa 2")
    one = first.push(first.envelope(voucher_sale("b1", 1, "WITAJ10")))
    two = second.push(second.envelope(voucher_sale("b2", 1, "WITAJ10")))
    assert one["results"][0]["result"]["bill_flags"] == []
    assert two["results"][0]["result"]["bill_flags"] == ["voucher_double_redeemed"]
    assert "vouchers" in one["results"][0]["reflect_at"]
    voucher = services.ctx.db.read(lambda s: s.get(VoucherRow, "WITAJ10"))
    assert voucher is not None and voucher.status == "redeemed"
    assert count(services, VoucherRedemptionRow) == 2


def test_an_op_replayed_after_its_record_was_purged_is_still_applied_once(
    services: CrmServices, live: LiveApi
) -> None:
    customer(services, "c-ala", wallet=5000)
    till = enrol(services, live.url)
    op = till.envelope(sale("b1", 1, 3000, customer_id="c-ala", wallet=1000))
    first = till.push(op)["results"][0]
    services.ctx.db.write(lambda s: s.execute(delete(ProcessedOpRow)))
    again = till.push(op)["results"][0]
    assert (first["status"], again["status"]) == ("applied", "duplicate")
    assert again["result"] == first["result"]
    assert count(services, BillRow) == 1
    assert balances(services, "c-ala")["wallet"] == 4000


def test_a_refused_op_replayed_after_its_record_was_purged_is_listed_once(
    services: CrmServices, live: LiveApi
) -> None:
    till = enrol(services, live.url)
    bad = {**till.envelope(sale("b1", 1, 100)), "payload_sha256": "0" * 64}
    assert statuses(till.push(bad)) == ["rejected"]
    services.ctx.db.write(lambda s: s.execute(delete(ProcessedOpRow)))
    assert statuses(till.push(bad)) == ["rejected"]  # refused again, not an error
    assert [item.subject_id for item in services.review.open_items(CLI)] == [bad["op_id"]]


def test_the_owner_sees_each_terminals_last_contact_hwm_and_clock_offset(
    services: CrmServices, live: LiveApi, owner: httpx.Client
) -> None:
    till = enrol(services, live.url)
    till.http.get("/v1/sync/hello", headers={"X-Clock-Offset-Ms": "-2500"})
    till.push(till.envelope(sale("b1", 1, 100)), till.envelope(sale("b2", 2, 100)))
    [shown] = owner.get("/v1/terminals").json()["items"]
    assert (shown["id"], shown["hwm_seq"], shown["clock_offset_ms"]) == (till.terminal_id, 2, -2500)
    assert shown["last_seen_at"] is not None


def test_points_replayed_three_times_in_any_order_and_batches_are_earned_once(
    services: CrmServices, live: LiveApi
) -> None:
    """C4: the push log of a till, replayed whole three times, shuffled, in random batches
    (the OCA bug where retries doubled points cannot happen)."""
    people = ["c-ala", "c-ola", "c-jan"]
    for person in people:
        customer(services, person)
    till = enrol(services, live.url)
    rng = random.Random(4)
    log, earned = [], dict.fromkeys(people, 0)
    for n in range(1, 61):
        person, points = rng.choice(people), rng.randint(1, 40)
        earned[person] += points
        bill = replace(
            sale(f"b{n}", n, 1000, customer_id=person),
            cashback=(CashbackAward("cb-pkt", "points", points),),
        )
        log.append(till.envelope(bill))
    for _ in range(3):
        shuffled = rng.sample(log, len(log))
        while shuffled:
            size = rng.randint(1, 25)
            batch, shuffled = shuffled[:size], shuffled[size:]
            assert set(statuses(till.push(*batch))) <= {"applied", "duplicate"}
    assert {p: balances(services, p)["points"] for p in people} == earned
    assert count(services, BillRow) == 60


def test_tills_pushing_bills_of_the_same_customers_at_once_never_deadlock(
    postgres_url: str,
) -> None:
    """A push applies its ops in one transaction per chunk. Six tills push batches whose
    bills name the same customers, earn points and use vouchers in random orders: taken as
    the bills come, their locks (customers, balances, vouchers, the feed's counters) would
    cross and deadlock; and every visit and point must be counted once."""
    services = CrmServices.at(postgres_url)
    api = LiveApi(services).start()
    try:
        people = ["c-ala", "c-ola", "c-jan"]
        for person in people:
            customer(services, person)
        codes = [f"V-{n}" for n in range(4)]
        for code in codes:
            spec = VoucherSpec("amount", code=code, amount_minor=100, single_use=False)
            services.vouchers.create_voucher(CLI, spec)
        tills = [enrol(services, api.url, f"Kasa {n}") for n in range(6)]
        answers: list[dict[str, Any]] = []
        visits, points = dict.fromkeys(people, 0), dict.fromkeys(people, 0)
        lock = threading.Lock()
        failures: list[str] = []

        def bill(rng: random.Random, bill_id: str, local_no: int) -> BillClosed:
            person, code = rng.choice(people), rng.choice(codes)
            earned = rng.randint(1, 9)
            with lock:
                visits[person] += 1
                points[person] += earned
            return replace(
                sale(bill_id, local_no, 500, customer_id=person),
                gross=Money(600),
                adjustments=(Adjustment("voucher", code, Money(100), "applied", None),),
                cashback=(CashbackAward("cb-pkt", "points", earned),),
            )

        def run(n: int, till: Any) -> None:
            rng = random.Random(n)
            for batch in range(5):
                bills = [bill(rng, f"b{n}-{batch}-{k}", batch * 6 + k + 1) for k in range(6)]
                ops = [till.envelope(b) for b in bills]
                try:
                    answer = till.http.post("/v1/sync/push", json={"ops": ops})
                except httpx.HTTPError as error:  # a push stuck behind deadlocks times out
                    with lock:
                        failures.append(repr(error))
                    continue
                with lock:
                    if answer.status_code == 200:
                        answers.append(answer.json())
                    else:
                        failures.append(f"{answer.status_code} {answer.text[:200]}")

        def deadlocks() -> int:
            query = text(
                "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()"
            )
            return int(services.ctx.db.read(lambda s: s.scalar(query)) or 0)

        before = deadlocks()
        threads = [threading.Thread(target=run, args=(n, t)) for n, t in enumerate(tills)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not failures, failures[:3]
        assert [s for a in answers for s in statuses(a)] == ["applied"] * 180
        assert deadlocks() == before
        assert count(services, BillRow) == 180
        assert count(services, VoucherRedemptionRow) == 180
        rows = services.ctx.db.read(
            lambda s: {c.id: c.transactions for c in s.scalars(select(CustomerRow))}
        )
        assert {p: rows[p] for p in people} == visits
        assert {p: balances(services, p)["points"] for p in people} == points
    finally:
        api.stop()
        services.close()
