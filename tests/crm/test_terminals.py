"""Shops, one-time enrolment codes and terminal tokens, over real HTTP on both databases."""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.enrolment import ALPHABET, new_code
from crm.services.errors import Conflict, Unauthorized
from crm.services.passwords import token_digest
from crm.store.database import Database
from crm.store.models import AuditRow, EnrolCodeRow, TerminalRow
from tests.crm.conftest import make_admin, signed_in
from tests.live_crm import LiveApi

CODE = re.compile(r"enrolment code: ([A-Z0-9]{4}(?:-[A-Z0-9]{4}){3})")


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **by: float) -> None:
        self.now += timedelta(**by)


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))


@pytest.fixture
def clocked(crm_url: str, clock: Clock) -> Iterator[tuple[CrmServices, LiveApi]]:
    """The CRM over HTTP with a clock the test moves."""
    services = CrmServices(Database.at(crm_url), clock=clock)
    api = LiveApi(services).start()
    yield services, api
    api.stop()
    services.close()


def enrol(url: str, code: str, device: str = "till 1") -> httpx.Response:
    return httpx.post(f"{url}/v1/terminals/enrol", json={"code": code, "device_name": device})


def new_shop_code(owner: httpx.Client, name: str = "Kraków Rynek", **body: Any) -> str:
    shop = owner.post("/v1/shops", json={"name": name})
    assert shop.status_code == 201, shop.text
    made = owner.post(f"/v1/shops/{shop.json()['id']}/enrol-codes", json=body or None)
    assert made.status_code == 201, made.text
    code: str = made.json()["code"]
    return code


def audit_actions(services: CrmServices) -> list[str]:
    return services.ctx.db.read(
        lambda s: list(s.scalars(select(AuditRow.action).order_by(AuditRow.id)))
    )


def test_a_code_has_80_bits_in_four_groups_of_four_unambiguous_characters() -> None:
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        groups = code.split("-")
        assert [len(group) for group in groups] == [4, 4, 4, 4]
        assert set("".join(groups)) <= set(ALPHABET)
    assert not set("01OI") & set(ALPHABET)
    assert 16 * math.log2(len(ALPHABET)) >= 60


def test_the_command_line_prints_a_code_that_enrols_a_till_once(
    crm_url: str, live: LiveApi, services: CrmServices
) -> None:
    command = [sys.executable, "-m", "crm", "enrol-code", "--database", crm_url]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    first = subprocess.run(
        [*command, "--store", "Kraków Rynek"],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert first.returncode == 0, first.stderr
    assert "shop 'Kraków Rynek' created" in first.stdout
    assert "valid until" in first.stdout
    found = CODE.search(first.stdout)
    assert found, first.stdout
    # Same shop again: no new shop, a different code.
    second = subprocess.run(
        [*command, "--store", "Kraków Rynek", "--valid-minutes", "60"],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert second.returncode == 0, second.stderr
    assert "created" not in second.stdout
    assert (again := CODE.search(second.stdout)) and again.group(1) != found.group(1)

    answer = enrol(live.url, found.group(1))
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["token"].startswith("pos_") and len(body["token"]) > 40
    shops = services.terminals.list_shops(CLI).items
    assert [shop.name for shop in shops] == ["Kraków Rynek"]
    assert body["shop_id"] == shops[0].id
    identity = services.terminals.authenticate(body["token"])
    assert (identity.terminal_id, identity.shop_id) == (body["terminal_id"], shops[0].id)

    reused = enrol(live.url, found.group(1), "till 2")
    assert reused.status_code == 409
    assert "already used" in reused.json()["message"]


def test_bad_command_line_input_is_one_clear_line(crm_url: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "crm", "enrol-code", "--database", crm_url, "--store", " "],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1] == "error: store: 1 to 200 characters"


def test_the_database_keeps_only_hashes_of_codes_and_tokens(
    owner: httpx.Client, live: LiveApi, services: CrmServices
) -> None:
    code = new_shop_code(owner)
    token = enrol(live.url, code.lower().replace("-", " ")).json()["token"]  # typed loosely

    def rows(session: Any) -> list[tuple[Any, ...]]:
        found = []
        for table in (TerminalRow.__table__, EnrolCodeRow.__table__, AuditRow.__table__):
            found += [tuple(row) for row in session.execute(select(table))]
        return found

    every_value = services.ctx.db.read(rows)
    secrets = {token, code, code.replace("-", ""), token.removeprefix("pos_")}
    for row in every_value:
        for value in row:
            text = value.hex() if isinstance(value, bytes) else str(value)
            raw = value.decode("latin-1") if isinstance(value, bytes) else ""
            for secret in secrets:
                assert secret not in text and secret not in raw, (row, secret)
    terminal = services.ctx.db.read(lambda s: s.scalars(select(TerminalRow)).one())
    assert terminal.token_sha256 == token_digest(token)
    used = services.ctx.db.read(lambda s: s.scalars(select(EnrolCodeRow)).one())
    assert used.code_sha256 == token_digest(code.replace("-", ""))
    assert used.used_at is not None and used.terminal_id == terminal.id


def test_unknown_reused_and_expired_codes_are_refused_and_audited(
    clocked: tuple[CrmServices, LiveApi], clock: Clock
) -> None:
    services, api = clocked
    make_admin(services, "olga")
    with closing(signed_in(api, "olga")) as owner:
        code = new_shop_code(owner, valid_minutes=20)
        short = owner.post(
            f"/v1/shops/{services.terminals.list_shops(CLI).items[0].id}/enrol-codes", json={}
        ).json()["code"]
    unknown = enrol(api.url, "AAAA-BBBB-CCCC-DDDD")
    assert unknown.status_code == 401
    assert unknown.json()["message"] == "unknown enrolment code"

    clock.advance(minutes=15, seconds=1)  # the default 15 minutes are over, 20 are not
    expired = enrol(api.url, short)
    assert expired.status_code == 409
    assert "expired" in expired.json()["message"]
    assert enrol(api.url, code).status_code == 201
    assert enrol(api.url, code).status_code == 409

    actions = audit_actions(services)
    assert actions.count("terminal.enrol_failed") == 3
    assert actions.count("terminal.enrolled") == 1
    assert actions.count("enrol_code.created") == 2


def test_ten_wrong_codes_a_minute_pause_enrolment_for_everyone(
    clocked: tuple[CrmServices, LiveApi], clock: Clock
) -> None:
    services, api = clocked
    shop = services.terminals.create_shop(CLI, "Gdańsk")
    good = services.terminals.create_code(CLI, shop.id, valid_minutes=60).code
    for n in range(10):
        clock.advance(seconds=1)
        assert enrol(api.url, f"WRNG-{n:04d}-CODE-XXXX").status_code == 401
    clock.advance(seconds=10)  # the first wrong code was 19 s ago
    paused = enrol(api.url, good)  # even the right code waits: otherwise guessing goes on
    assert paused.status_code == 429
    assert paused.json()["error"] == "too_many_attempts"
    assert int(paused.headers["Retry-After"]) == 41
    clock.advance(seconds=41)
    assert enrol(api.url, good).status_code == 201
    actions = audit_actions(services)
    assert actions.count("terminal.enrol_failed") == 10
    assert actions.count("terminal.enrol_throttled") == 1


def test_a_revoked_terminal_token_is_refused(
    owner: httpx.Client, live: LiveApi, services: CrmServices
) -> None:
    code = new_shop_code(owner)
    enrolled = enrol(live.url, code).json()
    identity = services.terminals.authenticate(enrolled["token"])
    assert identity.status == "active"
    with pytest.raises(Unauthorized):
        services.terminals.authenticate("pos_" + "x" * 43)
    with pytest.raises(Unauthorized):
        services.terminals.authenticate(enrolled["token"].removeprefix("pos_"))

    revoked = owner.post(f"/v1/terminals/{enrolled['terminal_id']}/revoke")
    assert revoked.status_code == 200
    assert revoked.json()["status"] == "revoked"
    with pytest.raises(Unauthorized, match="revoked"):
        services.terminals.authenticate(enrolled["token"])
    assert owner.post(f"/v1/terminals/{enrolled['terminal_id']}/revoke").status_code == 200
    assert audit_actions(services).count("terminal.revoked") == 1
    assert owner.post("/v1/terminals/nope/revoke").status_code == 404


def test_only_an_owner_makes_shops_codes_and_revokes(
    owner: httpx.Client, reader: httpx.Client, live: LiveApi, services: CrmServices
) -> None:
    new_shop_code(owner)
    shop_id = owner.get("/v1/shops").json()["items"][0]["id"]
    make_admin(services, "mark", "manager")
    with closing(signed_in(live, "mark")) as manager:
        for client in (manager, reader):
            assert client.post("/v1/shops", json={"name": "Another"}).status_code == 403
            assert client.post(f"/v1/shops/{shop_id}/enrol-codes").status_code == 403
            assert client.get("/v1/shops").json()["items"][0]["name"] == "Kraków Rynek"
            assert client.get("/v1/terminals").json() == {"items": [], "next_cursor": None}
    enrolled = enrol(live.url, new_shop_code(owner, "Second"), "bar").json()
    assert reader.post(f"/v1/terminals/{enrolled['terminal_id']}/revoke").status_code == 403
    listed = reader.get("/v1/terminals", params={"shop_id": enrolled["shop_id"]}).json()
    assert [(t["name"], t["status"]) for t in listed["items"]] == [("bar", "active")]


def test_bad_input_names_the_field(owner: httpx.Client, live: LiveApi) -> None:
    assert owner.post("/v1/shops", json={"name": "A"}).status_code == 201
    clash = owner.post("/v1/shops", json={"name": "A"})
    assert clash.status_code == 409
    assert clash.json()["problems"] == [{"field": "name", "reason": "a shop named 'A' exists"}]
    assert owner.post("/v1/shops", json={"name": "   "}).json()["problems"][0]["field"] == "name"
    assert owner.post("/v1/shops/nope/enrol-codes").status_code == 404
    shop_id = owner.get("/v1/shops").json()["items"][0]["id"]
    for minutes in (0, 10.5, 7 * 24 * 60 + 1):
        answer = owner.post(f"/v1/shops/{shop_id}/enrol-codes", json={"valid_minutes": minutes})
        assert answer.status_code == 422
        assert answer.json()["problems"][0]["field"] == "valid_minutes"
    answer = httpx.post(
        f"{live.url}/v1/terminals/enrol", json={"code": "AAAA", "device_name": " " * 3}
    )
    assert answer.status_code == 422
    assert answer.json()["problems"] == [{"field": "device_name", "reason": "1 to 200 characters"}]


def test_lists_page_with_an_opaque_cursor(owner: httpx.Client, live: LiveApi) -> None:
    for name in ("C", "A", "B"):
        enrol(live.url, new_shop_code(owner, name), f"till {name}")
    first = owner.get("/v1/shops", params={"limit": 2}).json()
    assert [shop["name"] for shop in first["items"]] == ["A", "B"]
    rest = owner.get("/v1/shops", params={"limit": 2, "cursor": first["next_cursor"]}).json()
    assert [shop["name"] for shop in rest["items"]] == ["C"]
    assert rest["next_cursor"] is None

    seen, cursor = [], None
    while True:
        page = owner.get("/v1/terminals", params={"limit": 1, "cursor": cursor}).json()
        seen += [terminal["name"] for terminal in page["items"]]
        if not (cursor := page["next_cursor"]):
            break
    assert seen == ["till C", "till A", "till B"]  # in the order they enrolled
    for bad in ("nope", "bm9wZQ==", "WyJhIl0="):
        answer = owner.get("/v1/terminals", params={"cursor": bad})
        assert answer.status_code == 422, bad
        assert answer.json()["problems"][0]["field"] == "cursor"


def test_two_tills_racing_for_one_code_get_one_terminal(
    services: CrmServices,
) -> None:
    shop = services.terminals.create_shop(CLI, "Race")
    code = services.terminals.create_code(CLI, shop.id).code

    def attempt(n: int) -> str:
        try:
            return services.terminals.enrol(code, f"till {n}").terminal_id
        except Conflict:
            return "refused"

    with ThreadPoolExecutor(4) as pool:
        outcomes = list(pool.map(attempt, range(4)))
    assert outcomes.count("refused") == 3
    assert len(services.terminals.list_terminals(CLI).items) == 1


def test_control_characters_are_refused_in_shop_and_terminal_names(
    owner: httpx.Client, live: LiveApi
) -> None:
    answer = owner.post("/v1/shops", json={"name": "Bistro\nCentrum"})
    assert answer.status_code == 422
    assert answer.json()["problems"][0]["field"] == "name"
    code = new_shop_code(owner, "Bistro")
    answer = httpx.post(
        f"{live.url}/v1/terminals/enrol", json={"code": code, "device_name": "Kasa\x001"}
    )
    assert answer.status_code == 422
    assert answer.json()["problems"][0]["field"] == "device_name"
