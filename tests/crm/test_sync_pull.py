"""/v1/sync/pull, /snapshot and /digest over real HTTP, on SQLite and PostgreSQL.

E2: pages of any size add up to exactly the feed; tombstones; an epoch bump or a cursor
that is not ours is 409 `reset_required`; only an enrolled terminal may pull.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.customer_filter import CustomerFilter
from crm.services.customer_input import CustomerInput
from crm.store.models import ChangeLogRow
from tests.crm.conftest import make_admin, signed_in
from tests.crm.feed_client import current_state, pull, pull_pages, snapshot_pages, terminal_client
from tests.live_crm import LiveApi


@pytest.fixture
def till(live: LiveApi, services: CrmServices) -> Iterator[httpx.Client]:
    client = terminal_client(live.url, services)
    yield client
    client.close()


def _churn(services: CrmServices, rng: random.Random) -> None:
    """Edits, deletions and new rows on top of the demo, so the feed repeats and buries."""
    page = services.customers.list(CLI, CustomerFilter(), limit=100)
    ids = [c.id for c in page.items]
    for customer_id in rng.sample(ids, 30):
        services.customers.edit(CLI, customer_id, {"city": f"Miasto {rng.randint(1, 99)}"})
    for customer_id in rng.sample(ids, 10):
        services.customers.delete(CLI, customer_id)
    for n in range(10):
        services.customers.create(CLI, CustomerInput(name=f"Nowy {n}"))


def _logged(services: CrmServices, stream: str) -> set[tuple[str, str]]:
    query = select(ChangeLogRow.entity, ChangeLogRow.entity_id).where(ChangeLogRow.stream == stream)
    return {tuple(row) for row in services.ctx.db.read(lambda s: s.execute(query).all())}  # type: ignore[misc]


def test_pages_of_any_size_add_up_to_exactly_the_feed(
    till: httpx.Client, services: CrmServices
) -> None:
    services.transfer.install_demo(customers=300)
    _churn(services, random.Random(1))
    truth = current_state(till, "reference")
    logged = _logged(services, "reference")
    for seed in range(4):
        rng = random.Random(seed)
        seen: dict[tuple[str, str], Any] = {}
        positions = []
        pages = list(pull_pages(till, "reference", None, rng))
        for page in pages:
            positions.append(page["position"])
            for change in page["changes"]:
                seen[change["entity"], change["id"]] = change
        assert positions == sorted(positions) and len(set(positions)) == len(positions)
        assert [p["has_more"] for p in pages] == [True] * (len(pages) - 1) + [False]
        assert set(seen) == logged  # every entity the feed named, none it did not
        live = {key: (c["version"], c["data"]) for key, c in seen.items() if c["op"] == "upsert"}
        assert live == truth  # the last state of each is the CRM's state now
        gone = {key for key, c in seen.items() if c["op"] == "delete"}
        assert gone == logged - set(truth)
        assert all(seen[key]["data"] is None for key in gone)


def test_an_empty_page_keeps_the_cursor_and_later_changes_follow(
    till: httpx.Client, services: CrmServices
) -> None:
    anna = services.customers.create(CLI, CustomerInput(name="Anna")).id
    first = pull(till, "reference", None, 10)
    assert [c["id"] for c in first["changes"]] == [anna] and not first["has_more"]
    empty = pull(till, "reference", first["next_cursor"], 10)
    assert empty["changes"] == [] and empty["position"] == first["position"]
    services.customers.delete(CLI, anna)
    gone = pull(till, "reference", empty["next_cursor"], 10)
    assert gone["changes"] == [
        {
            "entity": "customer",
            "id": anna,
            "op": "delete",
            "version": gone["position"],
            "data": None,
        }
    ]
    assert gone["server_time"].endswith("Z") or "+" in gone["server_time"]


def test_a_snapshot_pages_by_type_then_id_and_resumes_the_feed(
    till: httpx.Client, services: CrmServices
) -> None:
    services.transfer.install_demo(customers=120)
    pages = list(snapshot_pages(till, "reference", limit=37))
    assert len({p["resume_cursor"] for p in pages}) == 1
    rows = [(r["entity"], r["id"]) for p in pages for r in p["rows"]]
    kinds = ["group", "discount", "cashback_rule", "customer", "card"]
    assert rows == sorted(rows, key=lambda r: (kinds.index(r[0]), r[1]))
    assert len(rows) == len(set(rows)) == 4 + 6 + 3 + 120 + 120 == pages[0]["total"]
    assert all(page["total"] is None for page in pages[1:])

    anna = services.customers.create(CLI, CustomerInput(name="Anna")).id
    after = pull(till, "reference", pages[0]["resume_cursor"], 1000)
    assert [c["id"] for c in after["changes"]] == [anna]


def test_the_digest_hashes_the_sorted_ids(till: httpx.Client, services: CrmServices) -> None:
    services.transfer.install_demo(customers=40)
    digest = till.get("/v1/sync/digest", params={"stream": "reference"}).json()
    state = current_state(till, "reference")
    for entity, figures in digest["entities"].items():
        ids = sorted(i for e, i in state if e == entity)
        assert figures == {
            "count": len(ids),
            "sha256": hashlib.sha256("\n".join(ids).encode()).hexdigest(),
        }
    *_, last = pull_pages(till, "reference", None, random.Random(3))
    assert digest["position"] == last["position"]


def _refusal(answer: httpx.Response, reason: str) -> None:
    assert answer.status_code == 409, answer.text
    body = answer.json()
    assert (body["error"], body["reason"]) == ("reset_required", reason)
    assert body["message"] and body["request_id"]


def test_an_epoch_bump_makes_every_cursor_reset(till: httpx.Client, services: CrmServices) -> None:
    services.customers.create(CLI, CustomerInput(name="Anna"))
    services.customers.create(CLI, CustomerInput(name="Jan"))
    page = pull(till, "reference", None, 1)
    first = till.get("/v1/sync/snapshot", params={"stream": "reference", "limit": 1}).json()
    assert first["has_more"]
    old_epoch = page["epoch"]
    services.feed.bump_epoch(CLI, "reference")
    _refusal(
        till.get("/v1/sync/pull", params={"stream": "reference", "cursor": page["next_cursor"]}),
        "epoch_changed",
    )
    params = {"stream": "reference", "after": first["next_after"]}
    _refusal(till.get("/v1/sync/snapshot", params=params), "epoch_changed")
    again = pull(till, "reference", None, 10)
    assert again["epoch"] != old_epoch
    assert pull(till, "balances", None, 10)["epoch"] != again["epoch"]  # one stream only


@pytest.mark.parametrize(
    "cursor", ["garbage", "e30", "eyJzZXEiOiAxfQ", "!!!", "eyJzdHJlYW0iOiJyZWZlcmVuY2UifQ"]
)
def test_a_cursor_that_is_not_ours_is_refused(till: httpx.Client, cursor: str) -> None:
    answer = till.get("/v1/sync/pull", params={"stream": "reference", "cursor": cursor})
    _refusal(answer, "bad_cursor")


def test_a_cursor_of_another_stream_is_refused(till: httpx.Client, services: CrmServices) -> None:
    services.customers.create(CLI, CustomerInput(name="Anna"))
    cursor = pull(till, "balances", None, 10)["next_cursor"]
    answer = till.get("/v1/sync/pull", params={"stream": "reference", "cursor": cursor})
    _refusal(answer, "bad_cursor")


def test_bad_parameters_are_422(till: httpx.Client) -> None:
    assert till.get("/v1/sync/pull", params={"stream": "bills"}).status_code == 422
    assert till.get("/v1/sync/pull", params={"stream": "reference", "limit": 0}).status_code == 422
    big: dict[str, str | int] = {"stream": "reference", "limit": 1001}
    assert till.get("/v1/sync/pull", params=big).status_code == 422
    big = {"stream": "reference", "limit": 2001}
    assert till.get("/v1/sync/snapshot", params=big).status_code == 422


def test_only_an_enrolled_terminal_may_pull(
    live: LiveApi, services: CrmServices, till: httpx.Client
) -> None:
    make_admin(services, "olga")
    admin = signed_in(live, "olga")
    anonymous = httpx.Client(base_url=live.url)
    for path in ("/v1/sync/pull", "/v1/sync/snapshot", "/v1/sync/digest"):
        params = {"stream": "reference"}
        assert anonymous.get(path, params=params).status_code == 401
        assert admin.get(path, params=params).status_code == 401  # a person is not a till
        wrong = {"Authorization": "Bearer pos_nonsense"}
        assert anonymous.get(path, params=params, headers=wrong).status_code == 401
        assert till.get(path, params=params).status_code == 200
    terminal = services.terminals.list_terminals(CLI).items[0]
    services.terminals.revoke(CLI, terminal.id)
    assert till.get("/v1/sync/pull", params={"stream": "reference"}).status_code == 401
    anonymous.close()
    admin.close()
