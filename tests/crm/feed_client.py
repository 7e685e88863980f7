"""An enrolled terminal's HTTP view of the CRM's feed, for the pull tests (CRM and terminal).

Plain httpx over 127.0.0.1 with the terminal's `pos_` token, as a till would call it.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import httpx

from crm.services.actor import CLI
from crm.services.container import CrmServices


def enrolled_token(services: CrmServices, device: str = "till 1") -> str:
    shop = services.terminals.create_shop(CLI, f"Shop of {device}")
    code = services.terminals.create_code(CLI, shop.id).code
    return services.terminals.enrol(code, device).token


def terminal_client(url: str, services: CrmServices, device: str = "till 1") -> httpx.Client:
    token = enrolled_token(services, device)
    return httpx.Client(base_url=url, timeout=60, headers={"Authorization": f"Bearer {token}"})


def pull(client: httpx.Client, stream: str, cursor: str | None, limit: int) -> dict[str, Any]:
    params: dict[str, Any] = {"stream": stream, "limit": limit}
    if cursor is not None:
        params["cursor"] = cursor
    answer = client.get("/v1/sync/pull", params=params)
    assert answer.status_code == 200, answer.text
    page: dict[str, Any] = answer.json()
    return page


def pull_pages(
    client: httpx.Client, stream: str, cursor: str | None, rng: random.Random, most: int = 1000
) -> Iterator[dict[str, Any]]:
    """Pages from `cursor` until `has_more` is false, each with a random limit 1..most."""
    while True:
        page = pull(client, stream, cursor, rng.randint(1, most))
        yield page
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return


def snapshot_pages(
    client: httpx.Client, stream: str, limit: int = 2000
) -> Iterator[dict[str, Any]]:
    after: str | None = None
    while True:
        params: dict[str, Any] = {"stream": stream, "limit": limit}
        if after is not None:
            params["after"] = after
        answer = client.get("/v1/sync/snapshot", params=params)
        assert answer.status_code == 200, answer.text
        page: dict[str, Any] = answer.json()
        yield page
        if not page["has_more"]:
            return
        after = page["next_after"]


def current_state(client: httpx.Client, stream: str) -> dict[tuple[str, str], Any]:
    """(entity, id) → (version, data) of everything the stream holds now."""
    return {
        (row["entity"], row["id"]): (row["version"], row["data"])
        for page in snapshot_pages(client, stream)
        for row in page["rows"]
    }
