"""A real CRM over HTTP and a real terminal store, and the pull loop between them.

The loop is the smallest one the protocol allows (the real one is `sync.engine`'s): plain
httpx pages fed to `tx.pulled`, each page with its cursor in one unit of work; a 409
`reset_required` resets that stream and takes a snapshot again.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from crm.store.database import Database
from crm.store.migrate import upgrade_to_head
from pos_terminal.db.store import Store, open_store
from tests.crm.feed_client import terminal_client
from tests.live_crm import LiveCrm

NOW = datetime(2026, 11, 18, 12, 0)
STREAMS = ("reference", "balances", "vouchers")
AfterPage = Callable[[int], None]  # called inside the unit of work, before its COMMIT


def start_crm(folder: Path, customers: int = 0) -> LiveCrm:
    url = f"sqlite:///{folder / 'crm.db'}"
    database = Database.at(url)
    upgrade_to_head(database.engine)
    database.dispose()
    crm = LiveCrm(url).start()
    if customers:
        crm.services.transfer.install_demo(customers=customers)
    return crm


def till(crm: LiveCrm) -> httpx.Client:
    return terminal_client(crm.url, crm.services)


def terminal(folder: Path) -> Store:
    return open_store(folder / "terminal.db", now=NOW)


class ResetRequiredError(Exception):
    """The CRM answered 409 reset_required."""


def _get(client: httpx.Client, path: str, params: dict[str, Any]) -> dict[str, Any]:
    answer = client.get(path, params={k: v for k, v in params.items() if v is not None})
    if answer.status_code == 409 and answer.json().get("error") == "reset_required":
        raise ResetRequiredError(answer.json()["reason"])
    assert answer.status_code == 200, answer.text
    page: dict[str, Any] = answer.json()
    return page


def snapshot(
    store: Store,
    client: httpx.Client,
    stream: str,
    limit: int = 1000,
    after_page: AfterPage | None = None,
) -> int:
    """Snapshot pages from where the last one stopped; the number of pages applied."""
    pages = 0
    while True:
        with store.unit_of_work() as tx:
            after = tx.pulled.stream_state(stream).snapshot_after
        page = _get(client, "/v1/sync/snapshot", {"stream": stream, "after": after, "limit": limit})
        with store.unit_of_work() as tx:
            tx.pulled.apply_snapshot_rows(
                stream, page["epoch"], page["rows"], page["next_after"], page["resume_cursor"]
            )
            if not page["has_more"]:
                tx.pulled.finish_snapshot(stream)
            if after_page is not None:
                after_page(pages)
        pages += 1
        if not page["has_more"]:
            return pages


def pull(
    store: Store,
    client: httpx.Client,
    stream: str,
    rng: random.Random | None = None,
    after_page: AfterPage | None = None,
) -> int:
    """Feed pages from the stream's cursor until caught up; the number of pages applied."""
    rng = rng or random.Random(0)
    pages = 0
    while True:
        with store.unit_of_work() as tx:
            cursor = tx.pulled.stream_state(stream).cursor
        limit = rng.randint(1, 1000)
        page = _get(client, "/v1/sync/pull", {"stream": stream, "cursor": cursor, "limit": limit})
        with store.unit_of_work() as tx:
            tx.pulled.apply_changes(
                stream, page["epoch"], page["changes"], page["next_cursor"], page["position"]
            )
            if after_page is not None:
                after_page(pages)
        pages += 1
        if not page["has_more"]:
            return pages


def sync(
    store: Store, client: httpx.Client, stream: str, after_page: AfterPage | None = None
) -> None:
    """Bring one stream up to date: snapshot if it has no cursor, then pull; reset on 409."""
    for _ in range(3):
        try:
            with store.unit_of_work() as tx:
                has_cursor = tx.pulled.stream_state(stream).cursor is not None
            if not has_cursor:
                snapshot(store, client, stream, after_page=after_page)
            pull(store, client, stream, after_page=after_page)
            return
        except ResetRequiredError:
            with store.unit_of_work() as tx:
                tx.pulled.reset(stream)
    raise AssertionError(f"{stream}: still reset_required after three snapshots")


def crm_digest(client: httpx.Client, stream: str) -> dict[str, tuple[int, str]]:
    found = _get(client, "/v1/sync/digest", {"stream": stream})["entities"]
    return {entity: (d["count"], d["sha256"]) for entity, d in found.items()}


def local_digest(store: Store, stream: str) -> dict[str, tuple[int, str]]:
    with store.unit_of_work(read_only=True) as tx:
        return tx.pulled.digest(stream)
