"""A card the till's cache does not have yet is looked up at the CRM, online, and cached."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import httpx
import pytest

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.customer_input import CustomerInput
from crm.services.ledger import OperationRequest
from pos_terminal.db.store import Store
from pos_terminal.services.identify import IdentifyStatus
from pos_terminal.services.startup import prepare_store
from pos_terminal.services.terminal import TerminalService
from sync.authorizer import CrmAuthorizer
from sync.client import CrmClient
from sync.enrolment import Enrolment, enrol
from tests.live_crm import LiveApi

NOW = datetime(2026, 11, 29, 12, 0)


@pytest.fixture
def enrolled(
    services: CrmServices, live: LiveApi, tmp_path: Path
) -> Iterator[tuple[Store, Enrolment]]:
    code = services.terminals.create_code_for_shop_named(CLI, "Bistro Centrum").code
    store = prepare_store(tmp_path / "t.db", now=NOW, demo_customers=0, crm_owns_loyalty=True)
    with CrmClient(live.url, app_version="test") as client:
        done = enrol(client, code, "Kasa 1")
    yield store, done
    store.close()


def test_a_card_enrolled_at_the_crm_a_minute_ago_is_found_at_the_till(
    services: CrmServices, live: LiveApi, enrolled: tuple[Store, Enrolment]
) -> None:
    store, done = enrolled
    made = services.customers.create(CLI, CustomerInput(name="Nowa Klientka", phone="601 222 333"))
    services.customers.add_card(CLI, made.id, "0004410017")
    services.ledger.operate(CLI, made.id, OperationRequest("wallet", "add", 2500, "start"))
    # A roomy budget: this is about the lookup, not about a CRM slow under a loaded machine.
    online = CrmAuthorizer(
        live.url, token=done.token, app_version="test", budget=httpx.Timeout(20.0)
    )
    service = TerminalService(store, authorizer=online)
    stopped = False
    try:
        found = service.identify_card("0004410017", today=NOW.date(), business_date=NOW.date())
        assert found.status is IdentifyStatus.FOUND and found.state is not None
        assert found.state.customer.id == made.id and found.state.wallet.minor == 2500
        live.stop()  # cached now: the next tap needs no CRM
        stopped = True
        again = TerminalService(store).identify_card(
            "0004410017", today=NOW.date(), business_date=NOW.date()
        )
        assert again.status is IdentifyStatus.FOUND
        offline = service.identify_card("0009999999", today=NOW.date(), business_date=NOW.date())
        assert offline.status is IdentifyStatus.UNKNOWN_CARD  # no answer: as before
    finally:
        online.close()
        if stopped:
            live.start()


def test_the_lookup_endpoint_answers_by_card_or_phone_to_a_terminal_only(
    services: CrmServices, live: LiveApi, enrolled: tuple[Store, Enrolment]
) -> None:
    _, done = enrolled
    made = services.customers.create(CLI, CustomerInput(name="Nowa Klientka", phone="601 222 333"))
    services.customers.add_card(CLI, made.id, "0004410017")
    http = httpx.Client(base_url=live.url, headers={"Authorization": f"Bearer {done.token}"})
    by_phone = http.get("/v1/sync/lookup", params={"phone": "+48 601-222-333"})
    assert by_phone.status_code == 200, by_phone.text
    body = by_phone.json()
    assert body["customer_id"] == made.id
    assert {(r["entity"], r["id"]) for r in body["reference"]} >= {
        ("customer", made.id),
        ("card", "0004410017"),
    }
    assert [r["entity"] for r in body["balances"]] == ["balance"]
    assert http.get("/v1/sync/lookup", params={"card": "0009999999"}).status_code == 404
    assert http.get("/v1/sync/lookup", params={"card": "1", "phone": "2"}).status_code == 422
    assert httpx.get(f"{live.url}/v1/sync/lookup", params={"card": "0004410017"}).status_code == 401
