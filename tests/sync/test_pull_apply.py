"""Pulling the CRM's streams into a real terminal store: snapshot, feed, reset, crashes (A4).

A real CRM (SQLite, served over HTTP on 127.0.0.1) and a real terminal database; the pages
are fetched with plain httpx and applied with `tx.pulled` (tests/sync/pull_world.py). The
cache is compared with the CRM's own tables, not with what the wire said, and through the
terminal's own readers (a card in every reader form, search, balances available).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from crm.services.actor import CLI
from crm.services.customer_filter import CustomerFilter
from crm.services.customer_input import CustomerInput
from crm.services.ledger import OperationRequest
from crm.store.models import (
    BalanceRow,
    CardRow,
    CustomerGroupRow,
    CustomerRow,
    CustomerTagRow,
    GroupDiscountRow,
)
from loyalty.card_codes import w26
from pos_terminal.db.models import OutboxRow
from pos_terminal.db.store import Store
from pos_terminal.services.customers import NewCustomer, quick_add_customer
from sync.wire.money import WireError
from tests.crm.feed_client import enrolled_token
from tests.live_crm import LiveCrm
from tests.sync import pull_world
from tests.sync.pull_world import NOW, STREAMS, crm_digest, local_digest, pull, sync

TODAY = NOW.date()


@pytest.fixture
def crm(tmp_path: Path) -> Iterator[LiveCrm]:
    (tmp_path / "crm").mkdir()
    live = pull_world.start_crm(tmp_path / "crm", customers=150)
    yield live
    live.close()


@pytest.fixture
def client(crm: LiveCrm) -> Iterator[httpx.Client]:
    made = pull_world.till(crm)
    yield made
    made.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = pull_world.terminal(tmp_path)
    yield opened
    opened.close()


def _reader_forms(code: str) -> list[str]:
    if not (code.isdigit() and len(code) == 10):
        return [code]
    number = int(code)
    msb = f"{number:08X}"
    lsb = "".join(reversed([msb[i : i + 2] for i in range(0, 8, 2)]))
    return [code, msb, lsb, w26(number)]


def _crm_tables(crm: LiveCrm) -> dict[str, Any]:
    def read(session: Any) -> dict[str, Any]:
        tags: dict[str, set[str]] = defaultdict(set)
        for customer_id, tag in session.execute(
            select(CustomerTagRow.customer_id, CustomerTagRow.tag)
        ):
            tags[customer_id].add(tag)
        balances: dict[str, dict[str, int]] = defaultdict(dict)
        for row in session.scalars(select(BalanceRow)):
            balances[row.customer_id][row.account] = row.amount
        links: dict[str, list[str]] = defaultdict(list)
        for group_id, discount_id in session.execute(
            select(GroupDiscountRow.group_id, GroupDiscountRow.discount_id)
        ):
            links[group_id].append(discount_id)
        return {
            "customers": list(session.scalars(select(CustomerRow))),
            "cards": list(session.scalars(select(CardRow))),
            "groups": list(session.scalars(select(CustomerGroupRow))),
            "tags": tags,
            "balances": balances,
            "links": links,
        }

    return crm.services.ctx.db.read(read)


def assert_cache_is_the_crm(store: Store, crm: LiveCrm, client: httpx.Client) -> None:
    crm_rows = _crm_tables(crm)
    with store.unit_of_work(read_only=True) as tx:
        for row in crm_rows["customers"]:
            cached = tx.customers.by_id(row.id)
            assert cached is not None, row.id
            allowance = row.discount_allowance_minor
            assert (cached.name, cached.type.value, cached.group_id, cached.nip) == (
                row.name, row.type, row.group_id, row.nip,
            )  # fmt: skip
            assert (cached.email, cached.phone, cached.active, cached.verified) == (
                row.email, row.phone, row.active, row.verified,
            )  # fmt: skip
            assert cached.address.city == row.city and cached.address.street == row.street
            assert cached.tags == frozenset(crm_rows["tags"].get(row.id, ()))
            assert cached.discount_limit_disabled == row.discount_limit_disabled
            assert (
                cached.discount_allowance.minor if cached.discount_allowance else None
            ) == allowance
            held = crm_rows["balances"][row.id]
            available = tx.balances.available(row.id, TODAY)
            assert (available.credits.minor, available.wallet.minor, available.points) == (
                held["credits"], held["wallet"], held["points"],
            )  # fmt: skip
        for card in crm_rows["cards"]:
            for form in _reader_forms(card.code):
                found = tx.cards.find_by_read(form)
                assert (card.code, card.customer_id) in {(c.code, c.customer_id) for c in found}, (
                    form
                )
            printed = tx.cards.find_by_number(card.number)
            assert printed is not None and printed.blocked == card.blocked
            assert printed.expires_on == card.expires_on
        groups = {group.id: group for group in tx.rules.groups()}
        assert set(groups) == {row.id for row in crm_rows["groups"]}
        for row in crm_rows["groups"]:
            group = groups[row.id]
            limit = group.daily_discount_limit.minor if group.daily_discount_limit else None
            assert (group.name, group.reference, limit, group.assignable_at_till) == (
                row.name, row.reference, row.daily_discount_limit_minor, row.assignable_at_till,
            )  # fmt: skip
            assert sorted(group.discount_ids) == sorted(crm_rows["links"].get(row.id, ()))
        sample = crm_rows["customers"][:: max(1, len(crm_rows["customers"]) // 10)]
        for row in sample:
            hits = tx.customers.search(row.name.split()[-1], limit=500).hits
            assert row.id in {hit.customer.id for hit in hits}, row.name
    for stream in STREAMS:
        assert local_digest(store, stream) == crm_digest(client, stream), stream


def _change_everything(crm: LiveCrm, rng: random.Random) -> None:
    services = crm.services
    ids = [c.id for c in services.customers.list(CLI, CustomerFilter(), limit=200).items]
    for customer_id in rng.sample(ids, 15):
        services.customers.edit(CLI, customer_id, {"city": "Gdańsk", "tags": ["nowy"]})
    for customer_id in rng.sample(ids, 5):
        services.customers.delete(CLI, customer_id)
    phone = f"601 {rng.randint(100_000, 999_999)}"
    anna = services.customers.create(CLI, CustomerInput(name="Anna Żółkiewska", phone=phone))
    number = rng.randint(1, 0xFFFFFFFF)
    services.customers.add_card(CLI, anna.id, f"{number:010d}", f"9{number:011d}")
    services.ledger.operate(CLI, anna.id, OperationRequest("wallet", "add", 2500))
    services.ledger.operate_bulk(
        CLI, OperationRequest("credits", "add", 100), CustomerFilter(tag="nowy")
    )
    group, other = services.groups.list(CLI).items[:2]
    services.groups.edit(CLI, group.id, {"daily_discount_limit_minor": 4321})
    # Only the flag: the feed's trigger must watch that column too (CRM migration 0005).
    services.groups.edit(CLI, other.id, {"assignable_at_till": not other.assignable_at_till})


def test_snapshot_then_feed_makes_the_cache_the_crm(
    store: Store, client: httpx.Client, crm: LiveCrm
) -> None:
    for stream in STREAMS:
        sync(store, client, stream)
    assert_cache_is_the_crm(store, crm, client)
    _change_everything(crm, random.Random(1))
    for stream in STREAMS:
        sync(store, client, stream)
    assert_cache_is_the_crm(store, crm, client)
    with store.unit_of_work(read_only=True) as tx:
        assert tx.customers.search("zolkiewska").hits[0].customer.name == "Anna Żółkiewska"


def test_the_same_page_applied_twice_changes_nothing_more(
    store: Store, client: httpx.Client, crm: LiveCrm
) -> None:
    for stream in STREAMS:
        sync(store, client, stream)
    with store.unit_of_work() as tx:
        cursor = tx.pulled.stream_state("reference").cursor
    _change_everything(crm, random.Random(2))
    page = client.get("/v1/sync/pull", params={"stream": "reference", "cursor": cursor}).json()
    assert page["changes"]
    for _ in range(2):  # as after a crash between the page's COMMIT and the next request
        with store.unit_of_work() as tx:
            tx.pulled.apply_changes(
                "reference", page["epoch"], page["changes"], page["next_cursor"], page["position"]
            )
    once = local_digest(store, "reference")
    pull(store, client, "reference")
    for stream in ("balances", "vouchers"):
        pull(store, client, stream)
    assert local_digest(store, "reference") == once == crm_digest(client, "reference")
    assert_cache_is_the_crm(store, crm, client)


def test_an_abandoned_page_leaves_cache_and_cursor_as_they_were(
    store: Store, client: httpx.Client, crm: LiveCrm
) -> None:
    sync(store, client, "reference")
    with store.unit_of_work() as tx:
        before = (tx.pulled.stream_state("reference"), tx.pulled.digest("reference"))
    _change_everything(crm, random.Random(3))
    with pytest.raises(RuntimeError):
        pull(store, client, "reference", after_page=_explode)
    with store.unit_of_work() as tx:
        assert (tx.pulled.stream_state("reference"), tx.pulled.digest("reference")) == before
    sync(store, client, "reference")
    assert local_digest(store, "reference") == crm_digest(client, "reference")


def _explode(_: int) -> None:
    raise RuntimeError("power cut before COMMIT")


def test_a_malformed_page_changes_nothing(store: Store, client: httpx.Client, crm: LiveCrm) -> None:
    sync(store, client, "balances")
    crm.services.ledger.operate_bulk(CLI, OperationRequest("credits", "add", 100), CustomerFilter())
    with store.unit_of_work() as tx:
        state = tx.pulled.stream_state("balances")
    page = client.get("/v1/sync/pull", params={"stream": "balances", "cursor": state.cursor}).json()
    bad = json.loads(json.dumps(page))
    bad["changes"][-1]["data"]["credits"]["amount_minor"] = 1.5
    before = local_digest(store, "balances")
    expected = r"changes\[\d+\]\.data\.credits\.amount_minor"
    with pytest.raises(WireError, match=expected), store.unit_of_work() as tx:
        tx.pulled.apply_changes(
            "balances", bad["epoch"], bad["changes"], bad["next_cursor"], bad["position"]
        )
    with store.unit_of_work() as tx:
        assert tx.pulled.stream_state("balances") == state
        first = page["changes"][0]
        credits = tx.balances.available(first["id"], TODAY).credits.minor
        assert credits == first["data"]["credits"]["amount_minor"] - 100
    assert local_digest(store, "balances") == before


def test_a_killed_terminal_resumes_where_its_last_commit_left_it(
    tmp_path: Path, crm: LiveCrm
) -> None:
    """A4: SIGKILL at a random page, many times, while the CRM keeps changing."""
    token = enrolled_token(crm.services, "killed till")
    rng = random.Random(7)
    command = [sys.executable, "-m", "tests.sync.pull_worker", str(tmp_path), crm.url, token, "11"]
    kills = 0
    for attempt in range(40):
        worker = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=Path.cwd())
        assert worker.stdout is not None
        kill_at = rng.randint(1, 6)
        finished = False
        for pages, line in enumerate(worker.stdout, start=1):
            if line.strip() == "done":
                finished = True
                break
            if pages == kill_at and attempt < 30:
                # At once: before the page's COMMIT; a little later: after it, mid-request.
                time.sleep(rng.choice((0.0, 0.03)))
                os.kill(worker.pid, signal.SIGKILL)
                kills += 1
                break
        worker.wait(timeout=60)
        if attempt % 5 == 4:
            _change_everything(crm, rng)
        if finished:
            break
    assert kills >= 10
    assert finished
    store = pull_world.terminal(tmp_path)
    try:
        client = httpx.Client(base_url=crm.url, headers={"Authorization": f"Bearer {token}"})
        for stream in STREAMS:
            sync(store, client, stream)  # the changes made after the last run
        assert_cache_is_the_crm(store, crm, client)
        client.close()
    finally:
        store.close()


def test_an_epoch_bump_resets_only_that_stream(
    store: Store, client: httpx.Client, crm: LiveCrm
) -> None:
    """E3: the stream is reset and snapshotted again; the others and the outbox stay."""
    for stream in STREAMS:
        sync(store, client, stream)
    _propose(store, "Ewa Lokalna", "1234567890")
    with store.unit_of_work() as tx:
        balances = tx.pulled.stream_state("balances")
    crm.services.feed.bump_epoch(CLI, "reference")
    _change_everything(crm, random.Random(4))
    sync(store, client, "reference")
    with store.unit_of_work() as tx:
        assert tx.pulled.stream_state("balances") == balances
        assert tx.outbox.pending_count() == 1
    for stream in ("balances", "vouchers"):
        sync(store, client, stream)
    assert_cache_is_the_crm(store, crm, client)


def _propose(store: Store, name: str, code: str) -> str:
    """A customer added at this till (with a card), its proposal queued for the CRM."""
    with store.unit_of_work() as tx:
        form = NewCustomer(name=name, card_code=code)
        return quick_add_customer(tx, form, now=NOW).id


def test_reset_keeps_the_outbox_and_what_this_terminal_proposed(
    store: Store, client: httpx.Client, crm: LiveCrm
) -> None:
    for stream in STREAMS:
        sync(store, client, stream)
    local = _propose(store, "Ewa Lokalna", "1234567890")
    with store.unit_of_work() as tx:
        for stream in STREAMS:
            tx.pulled.reset(stream)
    with store.unit_of_work() as tx:
        assert tx.outbox.pending_count() == 1
        assert tx.customers.by_id(local) is not None
        assert [c.customer_id for c in tx.cards.find_by_read("1234567890")] == [local]
        assert tx.pulled.digest("reference")["customer"][0] == 0  # the CRM's are gone
        assert tx.rules.groups() == []
        assert all(tx.pulled.stream_state(s).cursor is None for s in STREAMS)
    for stream in STREAMS:
        sync(store, client, stream)
    assert_cache_is_the_crm(store, crm, client)


def test_a_pending_proposal_is_not_overwritten_until_acknowledged(
    store: Store, client: httpx.Client, crm: LiveCrm
) -> None:
    sync(store, client, "reference")
    local = _propose(store, "Ewa z kasy", "1234567890")
    made = crm.services.ctx.db.write(  # the CRM applied the proposal under the same id
        lambda s: crm.services.customers.create_in(s, CLI, CustomerInput(name="Ewa (CRM)"), local)
    )
    assert made.id == local
    pull(store, client, "reference")
    with store.unit_of_work() as tx:
        assert tx.customers.by_id(local).name == "Ewa z kasy"  # type: ignore[union-attr]
        tx.session.execute(update(OutboxRow).values(state="acked"))
    crm.services.customers.edit(CLI, local, {"city": "Kraków"})
    pull(store, client, "reference")
    with store.unit_of_work() as tx:
        cached = tx.customers.by_id(local)
        assert cached is not None and (cached.name, cached.address.city) == ("Ewa (CRM)", "Kraków")
