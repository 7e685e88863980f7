"""Pull and snapshot pages are parsed by the fast parser, which may give floats: every value
of a page is still refused unless it has exactly the type the wire gives it. A terminal asks
for pages as lines (one row per line); a page cut short is refused, and a CRM that sends
whole pages is still read."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from crm.services.actor import CLI
from crm.services.container import CrmServices
from pos_terminal.db.repositories.pulled import decoded
from sync.client import CrmClient
from sync.enrolment import enrol
from sync.wire import reference
from sync.wire.money import WireError
from sync.wire.pages import dumps_page, dumps_page_lines, loads_page, loads_page_lines
from sync.wire.reference import BalanceFigures
from tests.live_crm import LiveApi


def _row(**data: object) -> dict[str, object]:
    balance = reference.encode(BalanceFigures("c-ala", 1250, 0, 40))
    return {"entity": "balance", "id": "c-ala", "version": 7, "data": {**balance, **data}}


def test_a_page_goes_through_and_back_unchanged() -> None:
    page = {"rows": [_row()], "has_more": False, "next_after": None, "total": 1}
    assert loads_page(dumps_page(page)) == page
    [row] = decoded("balances", loads_page(dumps_page(page))["rows"], snapshot=True)
    assert row.value == BalanceFigures("c-ala", 1250, 0, 40)


@pytest.mark.parametrize(
    "text",
    [
        b'{"entity":"balance","id":"c-ala","version":7.0,"data":null}',
        b'{"entity":"balance","id":"c-ala","version":7,"data":{"customer_id":"c-ala",'
        b'"credits":{"amount_minor":1250.0,"currency":"PLN"},'
        b'"wallet":{"amount_minor":0,"currency":"PLN"},"points":40}}',
        b'{"entity":"balance","id":"c-ala","version":7,"data":{"customer_id":"c-ala",'
        b'"credits":{"amount_minor":1250,"currency":"PLN"},'
        b'"wallet":{"amount_minor":0,"currency":"PLN"},"points":4e1}}',
    ],
)
def test_a_float_anywhere_in_a_row_is_refused_not_rounded(text: bytes) -> None:
    row = loads_page(text)
    with pytest.raises(WireError):
        decoded("balances", [row], snapshot=True)


def test_what_is_not_json_is_a_wire_error() -> None:
    with pytest.raises(WireError, match="not JSON"):
        loads_page(b'{"rows": [')


def test_a_page_sent_as_lines_reads_as_the_page() -> None:
    rows = [_row(), {**_row(), "id": "c-ola"}]
    head = {"stream": "balances", "has_more": False, "next_after": None, "total": 2}
    sent = dumps_page_lines(head, "rows", rows)
    assert sent.count(b"\n") == 3  # the page's fields, then one line per row
    assert loads_page_lines(sent) == {**head, "rows": rows}


@pytest.mark.parametrize(
    "cut",
    [
        lambda sent: sent[: sent.rindex(b"\n", 0, -1) + 1],  # the last row lost on the way
        lambda sent: sent.split(b"\n", 1)[1],  # the page's own line lost
        lambda sent: b"",
    ],
)
def test_a_page_of_lines_cut_short_is_a_wire_error(cut: Callable[[bytes], bytes]) -> None:
    sent = dumps_page_lines({"has_more": True}, "rows", [_row(), _row()])
    with pytest.raises(WireError):
        loads_page_lines(cut(sent))


def test_the_crm_sends_lines_to_a_terminal_that_asks_and_whole_pages_to_others(
    services: CrmServices, live: LiveApi
) -> None:
    services.transfer.install_demo(customers=5)
    code = services.terminals.create_code_for_shop_named(CLI, "Bistro Centrum").code
    with CrmClient(live.url, app_version="test") as client:
        token = enrol(client, code, "Kasa 1").token
    params: dict[str, str | int] = {"stream": "reference", "limit": 3}
    with CrmClient(live.url, app_version="test", token=token) as client:
        as_lines = client.call("GET", "/v1/sync/snapshot", params=params, page=True)
    raw = httpx.get(
        f"{live.url}/v1/sync/snapshot", params=params, headers={"Authorization": f"Bearer {token}"}
    )
    assert raw.headers["content-type"] == "application/json"
    whole = loads_page(raw.content)
    assert len(whole["rows"]) == 3 and whole["has_more"]
    assert as_lines == whole
