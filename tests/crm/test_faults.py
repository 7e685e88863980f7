"""How the CRM fails: a database that goes away is 503 and a retry later works; anything
unexpected is 500 with a request id that the log carries with the traceback."""

from __future__ import annotations

import logging
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from crm.api.app import create_app
from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.store.database import Database
from crm.store.migrate import upgrade_to_head
from tests.crm.conftest import make_admin, signed_in
from tests.live_crm import LiveApi, free_port
from tests.postgres import PostgresCluster, server_binaries

NEW_USER = {"username": "nina", "password": "long enough password", "role": "manager"}


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """`app` served by uvicorn on 127.0.0.1; yields its base URL."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port()))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def assert_unavailable(answer: httpx.Response) -> None:
    assert answer.status_code == 503, answer.text
    assert answer.json()["error"] == "unavailable"
    assert int(answer.headers["Retry-After"]) > 0
    assert answer.json()["request_id"] == answer.headers["X-Request-Id"]


def test_postgresql_going_away_is_503_and_the_same_request_works_once_it_is_back() -> None:
    binaries = server_binaries()
    if binaries is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    # Our own cluster: the shared one must not stop under other tests.
    cluster = PostgresCluster(binaries).start()
    services: CrmServices | None = None
    api: LiveApi | None = None
    try:
        cluster.execute("CREATE DATABASE crm")
        database = Database.at(cluster.url("crm"))
        upgrade_to_head(database.engine)
        services = CrmServices(database)
        api = LiveApi(services).start()
        make_admin(services, "olga")
        with closing(signed_in(api, "olga")) as owner:
            assert owner.get("/v1/admin-users").status_code == 200  # the pool holds connections
            # The test cluster commits asynchronously (synchronous_commit=off): flush what
            # was committed, or the crash would lose the login as well.
            cluster.execute("CHECKPOINT")
            cluster.kill()
            assert_unavailable(owner.post("/v1/admin-users", json=NEW_USER))
            assert_unavailable(owner.get("/v1/admin-users"))
            assert owner.get("/readyz").status_code == 503

            cluster.restart()
            again = owner.post("/v1/admin-users", json=NEW_USER)
            assert again.status_code == 201, again.text
            names = [user.username for user in services.accounts.list(CLI)]
            assert names.count("nina") == 1
            assert owner.get("/readyz").status_code == 200
    finally:
        if api is not None:
            api.stop()
        if services is not None:
            services.close()
        # A cluster a failed assertion left killed cannot be stopped; its folder still goes.
        with suppress(subprocess.CalledProcessError):
            cluster.stop()


def test_an_sqlite_file_that_cannot_be_opened_is_503_not_500(tmp_path: Path) -> None:
    missing = tmp_path / "no such folder" / "crm.db"
    services = CrmServices.at(f"sqlite:///{missing}")
    api = LiveApi(services).start()
    try:
        login = {"username": "olga", "password": "whatever it is"}
        assert_unavailable(httpx.post(f"{api.url}/v1/auth/login", json=login))
        me = httpx.get(f"{api.url}/v1/auth/me", headers={"Authorization": "Bearer adm_x"})
        assert_unavailable(me)
    finally:
        api.stop()
        services.close()


def test_an_unexpected_error_is_500_with_a_request_id_the_log_has_with_the_traceback(
    services: CrmServices, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(services)

    @app.get("/v1/boom")
    def boom() -> None:
        raise RuntimeError("secret detail of the failure")

    with serving(app) as url, caplog.at_level(logging.INFO), httpx.Client(base_url=url) as client:
        answer = client.get("/v1/boom")
        # The connection stays open: a client's next request on it is answered, not reset.
        assert client.get("/healthz").status_code == 200
    assert answer.status_code == 500
    body = answer.json()
    request_id = answer.headers["X-Request-Id"]
    assert len(request_id) >= 16
    assert body["request_id"] == request_id
    assert body["error"] == "internal"
    assert request_id in body["message"]
    for leak in ("Traceback", "RuntimeError", "secret detail", "boom", ".py"):
        assert leak not in answer.text
    logged = [r for r in caplog.records if r.name == "crm.api" and request_id in r.getMessage()]
    assert len(logged) == 1
    assert logged[0].levelno == logging.ERROR
    assert logged[0].exc_info is not None
    assert "secret detail of the failure" in caplog.text
    assert "Traceback" in caplog.text


def test_the_request_id_a_client_sends_is_echoed(live: LiveApi) -> None:
    given = httpx.get(f"{live.url}/healthz", headers={"X-Request-Id": "till-7-req-0042"})
    assert given.headers["X-Request-Id"] == "till-7-req-0042"
    refused = httpx.get(f"{live.url}/v1/auth/me", headers={"X-Request-Id": "till-7-req-0043"})
    assert refused.status_code == 401
    assert refused.headers["X-Request-Id"] == "till-7-req-0043"
    assert refused.json()["request_id"] == "till-7-req-0043"
    made = httpx.get(f"{live.url}/healthz").headers["X-Request-Id"]
    other = httpx.get(f"{live.url}/healthz").headers["X-Request-Id"]
    assert made and other and made != other


def test_nul_characters_are_refused_as_invalid_on_both_databases(owner: httpx.Client) -> None:
    # PostgreSQL cannot store NUL: unguarded, a read was a 500 and a write a false 503.
    asked = [
        ("GET", "/v1/terminals", {"params": {"shop_id": "a\x00b", "limit": 5}}, ["shop_id"]),
        ("POST", "/v1/terminals/a%00b/revoke", {}, ["path"]),
        ("POST", "/v1/shops", {"json": {"name": "a\x00b"}}, ["name"]),
        ("POST", "/v1/shops", {"content": b'{"name": "\x00"}'}, ["body"]),  # not even JSON
        (
            "POST",
            "/v1/admin-users",
            {"json": {"username": "\x00", "password": "\x00" * 12, "role": "owner"}},
            ["username", "password"],
        ),
        (
            "POST",
            "/v1/terminals/enrol",
            {"json": {"code": "A", "device_name": "\x00"}},
            ["device_name"],
        ),
    ]
    for method, path, given, fields in asked:
        answer = owner.request(method, path, **given)  # type: ignore[arg-type]
        assert answer.status_code == 422, (path, answer.text)
        problems = answer.json()["problems"]
        assert [p["field"] for p in problems] == fields, answer.text
        assert all("NUL" in p["reason"] for p in problems)
        assert answer.json()["request_id"] == answer.headers["X-Request-Id"]
    # The text "\u0000" (an escaped backslash, then "u0000") is no NUL: it is stored as typed.
    made = owner.post("/v1/shops", json={"name": "\\u0000"})
    assert made.status_code == 201, made.text
    assert made.json()["name"] == "\\u0000"


def test_a_body_that_is_not_utf8_json_is_invalid_not_a_bad_request(owner: httpx.Client) -> None:
    answer = owner.post(
        "/v1/shops", content=b"\xff\xfe{", headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 422
    assert answer.json()["error"] == "invalid"
    assert answer.json()["problems"][0]["field"] == "body"
