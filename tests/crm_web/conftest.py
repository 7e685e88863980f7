"""The CRM's pages under test: the real CRM over HTTP on 127.0.0.1 (SQLite, the demo
programme's first 200 customers), and a real headless Chromium driven by Selenium.

Chromium is Debian's (`chromium`, `chromium-driver`; `.ci/run` installs them). It runs with
the network features off: this machine has no way out, and Chromium otherwise stalls on
its background connections.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.store.database import Database
from crm.store.migrate import upgrade_to_head
from tests.live_crm import LiveApi

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PASSWORD = "correct horse battery"
DEMO_CUSTOMERS = 200


class MovableClock:
    """The CRM's clock, which a test may move forward (session expiry)."""

    def __init__(self) -> None:
        self.offset = datetime.now(UTC) - datetime.now(UTC)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with the demo programme and two admins, made once."""
    path = tmp_path_factory.mktemp("crm-web-template") / "crm.db"
    database = Database.at(f"sqlite:///{path}")
    upgrade_to_head(database.engine)
    database.dispose()
    services = CrmServices.at(f"sqlite:///{path}")
    services.transfer.install_demo(customers=DEMO_CUSTOMERS)
    services.accounts.create(CLI, "olga", PASSWORD, "owner")
    services.accounts.create(CLI, "rita", PASSWORD, "read_only")
    services.close()
    return path


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture
def services(tmp_path: Path, demo_template: Path, clock: MovableClock) -> Iterator[CrmServices]:
    target = tmp_path / "crm.db"
    shutil.copy(demo_template, target)
    built = CrmServices(Database.at(f"sqlite:///{target}"), clock)
    yield built
    built.close()


@pytest.fixture
def site(services: CrmServices) -> Iterator[LiveApi]:
    """The CRM, pages and API, served by uvicorn on a free port of 127.0.0.1."""
    live = LiveApi(services).start()
    yield live
    live.stop()


def form_token(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None, "the page has no form token"
    return found.group(1)


@contextmanager
def sign_in(site: LiveApi, username: str) -> Iterator[httpx.Client]:
    """An HTTP client signed in to the pages (cookie session), as a browser would be."""
    with httpx.Client(base_url=site.url, timeout=30) as client:
        token = form_token(client.get("/signin").text)
        answer = client.post(
            "/signin", data={"csrf": token, "username": username, "password": PASSWORD}
        )
        assert answer.status_code == 303, answer.text
        yield client


def chromium_or_skip() -> None:
    if CHROMIUM.exists() and CHROMEDRIVER.exists():
        return
    message = "Debian's chromium and chromium-driver are not installed"
    if os.environ.get("CI") == "true":
        pytest.fail(message + "; .ci/run installs them")
    pytest.skip(message)
