"""Every answer says how long the CRM took to make it (`Server-Timing`), which is what
`python -m bench crm` reads to time the customer list page over real HTTP."""

from __future__ import annotations

import re
import time
from typing import Any

import httpx
import pytest

from crm.services.container import CrmServices
from crm.services.customer_list import CustomerPage
from tests.crm_web.conftest import sign_in
from tests.live_crm import LiveApi

SERVER_TIMING = re.compile(r"app;dur=(\d+\.\d)")


def test_the_list_page_says_its_server_time_with_the_search_in_it(
    site: LiveApi, services: CrmServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = services.customers.list

    def slow_list(*args: Any, **kwargs: Any) -> CustomerPage:
        time.sleep(0.2)
        return listed(*args, **kwargs)

    monkeypatch.setattr(services.customers, "list", slow_list)
    with sign_in(site, "olga") as client:
        started = time.perf_counter()
        answer = client.get("/customers", params={"q": "nowak", "fragment": "1"})
        elapsed_ms = (time.perf_counter() - started) * 1000
    assert answer.status_code == 200 and 'id="customer-rows"' in answer.text
    found = SERVER_TIMING.fullmatch(answer.headers["server-timing"])
    assert found is not None, answer.headers["server-timing"]
    assert 200 <= float(found.group(1)) <= elapsed_ms


def test_every_answer_says_it(site: LiveApi) -> None:
    for path in ("/healthz", "/signin", "/v1/customers", "/no-such-page"):
        header = httpx.get(f"{site.url}{path}").headers.get("server-timing", "")
        assert SERVER_TIMING.fullmatch(header), f"{path}: {header!r}"
