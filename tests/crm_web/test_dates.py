"""Dates and times as each page's language writes them, in the shop's time (Poland), on
the pages themselves: Polish "30.11.2026 08:15", English "30 Nov 2026, 08:15"."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import httpx

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.customer_filter import CustomerFilter
from crm.web import views
from tests.crm_web.conftest import PASSWORD, form_token
from tests.live_crm import LiveApi


def test_a_moment_is_written_in_polish_time_in_the_pages_language() -> None:
    winter = datetime(2026, 11, 30, 7, 15, tzinfo=UTC)  # 08:15 in Warsaw (CET)
    summer = datetime(2026, 7, 1, 22, 30)  # as SQLite gives it back: UTC without a zone
    assert views.when(winter, "pl") == "30.11.2026 08:15"
    assert views.when(winter, "en") == "30 Nov 2026, 08:15"
    assert views.when(summer, "en") == "2 Jul 2026, 00:30"  # CEST, the next day
    assert views.day(date(2026, 1, 5), "pl") == "05.01.2026"
    assert views.day(date(2026, 1, 5), "en") == "5 Jan 2026"
    assert views.when(None, "en") == views.day(None, "pl") == "—"


def test_the_profile_writes_its_dates_in_each_language(
    site: LiveApi, services: CrmServices
) -> None:
    customer = services.customers.list(CLI, CustomerFilter(), limit=1).items[0]
    created = services.customers.get(CLI, customer.id).created_at
    for language, written in (("pl", views.when(created, "pl")), ("en", views.when(created, "en"))):
        with httpx.Client(base_url=site.url, timeout=30) as client:
            client.get(f"/lang/{language}?next=/signin")
            token = form_token(client.get("/signin").text)
            client.post("/signin", data={"csrf": token, "username": "olga", "password": PASSWORD})
            page = client.get(f"/customers/{customer.id}").text
        assert re.search(rf"<dd>{re.escape(written)}</dd>", page), (language, written)
