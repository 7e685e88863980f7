"""The CRM under test: on SQLite and on a real PostgreSQL, served over HTTP on 127.0.0.1.

`crm_url` gives each test a fresh database at head, on both engines (`[sqlite]` and
`[postgresql]` in the test id). Migrating once into a template and copying it per test
keeps that cheap: a file copy for SQLite, `CREATE DATABASE … TEMPLATE` for PostgreSQL.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.store.database import Database
from crm.store.migrate import upgrade_to_head
from tests.live_crm import LiveApi
from tests.postgres import PostgresCluster, server_binaries

IN_CI = os.environ.get("CI") == "true"
PASSWORD = "correct horse battery"
_numbers = itertools.count()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    binaries = server_binaries()
    if binaries is None:
        message = "PostgreSQL server binaries (initdb, pg_ctl) are not installed"
        if IN_CI:
            pytest.fail(message + "; .ci/run installs them")
        pytest.skip(message)
    cluster = PostgresCluster(binaries).start()
    template = Database.at(cluster.url("postgres"))
    cluster.execute("CREATE DATABASE crm_template")
    template.dispose()
    migrated = Database.at(cluster.url("crm_template"))
    upgrade_to_head(migrated.engine)
    migrated.dispose()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crm-template") / "crm.db"
    database = Database.at(f"sqlite:///{path}")
    upgrade_to_head(database.engine)
    database.dispose()
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def crm_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    if request.param == "sqlite":
        target = tmp_path / "crm.db"
        shutil.copy(sqlite_template, target)
        return f"sqlite:///{target}"
    return _fresh_postgres_database(request)


@pytest.fixture
def postgres_url(request: pytest.FixtureRequest) -> str:
    """A fresh database at head on PostgreSQL only, for what only PostgreSQL decides."""
    return _fresh_postgres_database(request)


def _fresh_postgres_database(request: pytest.FixtureRequest) -> str:
    cluster: PostgresCluster = request.getfixturevalue("postgres")
    name = f"crm_test_{os.getpid()}_{next(_numbers)}"
    cluster.execute(f"CREATE DATABASE {name} TEMPLATE crm_template")
    request.addfinalizer(lambda: cluster.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    return cluster.url(name)


@pytest.fixture
def services(crm_url: str) -> Iterator[CrmServices]:
    built = CrmServices.at(crm_url)
    yield built
    built.close()


@pytest.fixture
def live(services: CrmServices) -> Iterator[LiveApi]:
    """The CRM's HTTP API over `services`, served by uvicorn on 127.0.0.1."""
    api = LiveApi(services).start()
    yield api
    api.stop()


def make_admin(services: CrmServices, username: str, role: str = "owner") -> None:
    services.accounts.create(CLI, username, PASSWORD, role)


def signed_in(live: LiveApi, username: str) -> httpx.Client:
    client = httpx.Client(base_url=live.url, timeout=30)
    answer = client.post("/v1/auth/login", json={"username": username, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    client.headers["Authorization"] = f"Bearer {answer.json()['token']}"
    return client


@pytest.fixture
def owner(live: LiveApi, services: CrmServices) -> Iterator[httpx.Client]:
    """An HTTP client signed in as an owner (may do everything)."""
    make_admin(services, "olga")
    client = signed_in(live, "olga")
    yield client
    client.close()


@pytest.fixture
def reader(live: LiveApi, services: CrmServices) -> Iterator[httpx.Client]:
    """An HTTP client signed in as a read-only user."""
    make_admin(services, "rita", "read_only")
    client = signed_in(live, "rita")
    yield client
    client.close()
