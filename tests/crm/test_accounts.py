"""Admin accounts over real HTTP: tokens, roles, and wrong passwords limited and audited."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select

from crm.services.accounts import lock_after
from crm.services.container import CrmServices
from crm.store.models import AdminUserRow, AuditRow
from tests.crm.conftest import PASSWORD, make_admin
from tests.live_crm import LiveApi


def test_every_endpoint_but_health_needs_a_token(live: LiveApi) -> None:
    assert httpx.get(f"{live.url}/healthz").status_code == 200
    assert httpx.get(f"{live.url}/readyz").status_code == 200
    paths = httpx.get(f"{live.url}/openapi.json").json()["paths"]
    open_paths = {"/healthz", "/readyz", "/v1/auth/login", "/v1/terminals/enrol"}
    for path, methods in paths.items():
        if path in open_paths:
            continue
        for method in methods:
            concrete = path.replace("{", "").replace("}", "")
            answer = httpx.request(method, f"{live.url}{concrete}", json={})
            assert answer.status_code == 401, (method, path, answer.status_code)
            assert answer.json()["error"] == "unauthorized"


def test_a_wrong_token_is_refused(live: LiveApi) -> None:
    answer = httpx.get(f"{live.url}/v1/auth/me", headers={"Authorization": "Bearer adm_nope"})
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"] == "Bearer"


def test_login_gives_a_token_that_names_the_user(owner: httpx.Client) -> None:
    me = owner.get("/v1/auth/me").json()
    assert me["username"] == "olga"
    assert me["role"] == "owner"


def test_logout_ends_the_token(owner: httpx.Client) -> None:
    assert owner.post("/v1/auth/logout").status_code == 204
    assert owner.get("/v1/auth/me").status_code == 401


def test_a_read_only_user_cannot_add_an_admin(reader: httpx.Client) -> None:
    answer = reader.post(
        "/v1/admin-users", json={"username": "x", "password": "long enough pw", "role": "owner"}
    )
    assert answer.status_code == 403
    assert answer.json()["error"] == "forbidden"


def test_bad_new_admin_names_every_field(owner: httpx.Client) -> None:
    bad = {"username": "a b", "password": "short", "role": "x"}
    answer = owner.post("/v1/admin-users", json=bad)
    assert answer.status_code == 422
    fields = {problem["field"] for problem in answer.json()["problems"]}
    assert fields == {"username", "password", "role"}


def test_the_lock_doubles_from_30_seconds_after_five_failures() -> None:
    assert [lock_after(n).total_seconds() for n in range(4, 9)] == [0, 30, 60, 120, 240]
    assert lock_after(40) == timedelta(hours=1)


def test_wrong_passwords_lock_the_account_and_are_audited(
    live: LiveApi, services: CrmServices
) -> None:
    make_admin(services, "mark", "manager")
    login = f"{live.url}/v1/auth/login"
    for _ in range(5):
        answer = httpx.post(login, json={"username": "mark", "password": "guess"})
        assert answer.status_code == 401
    # Locked now: even the right password waits, and the client is told for how long.
    answer = httpx.post(login, json={"username": "mark", "password": PASSWORD})
    assert answer.status_code == 429
    assert 1 <= int(answer.headers["Retry-After"]) <= 31

    def read(session):  # type: ignore[no-untyped-def]
        user = session.scalar(select(AdminUserRow).where(AdminUserRow.username == "mark"))
        failures = session.scalars(
            select(AuditRow).where(AuditRow.action == "admin.login_failed")
        ).all()
        return user.failed_logins, len(failures)

    assert services.ctx.db.read(read) == (5, 5)


@pytest.mark.parametrize("role", ["owner", "manager", "read_only"])
def test_each_role_can_sign_in(live: LiveApi, services: CrmServices, role: str) -> None:
    make_admin(services, f"user-{role}", role)
    answer = httpx.post(
        f"{live.url}/v1/auth/login", json={"username": f"user-{role}", "password": PASSWORD}
    )
    assert answer.json()["user"]["role"] == role
