"""`python -m crm` as a real process: N stateless workers over one PostgreSQL, one for SQLite."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from crm.services.container import CrmServices
from tests.crm.conftest import PASSWORD, make_admin
from tests.live_crm import free_port


def _serve(*arguments: str, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "crm", *arguments],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )


def _wait_ready(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{url}/readyz").status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert process.poll() is None, log.read_text()
        assert time.monotonic() < deadline, "the CRM did not start within 30 s"
        time.sleep(0.1)


@pytest.fixture
def stop_at_end() -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in started:
        process.terminate()
        process.wait(timeout=20)


def test_two_workers_serve_one_postgresql(
    postgres_url: str, tmp_path: Path, stop_at_end: list[subprocess.Popen[bytes]]
) -> None:
    services = CrmServices.at(postgres_url)
    make_admin(services, "olga")
    services.close()
    port, log = free_port(), tmp_path / "crm.log"
    process = _serve("--database", postgres_url, "--port", str(port), "--workers", "2", log=log)
    stop_at_end.append(process)
    url = f"http://127.0.0.1:{port}"
    _wait_ready(url, process, log)
    said = log.read_text()
    assert f"CRM on http://127.0.0.1:{port} (only this machine)" in said
    assert "2 worker(s)" in said
    children = subprocess.run(
        ["pgrep", "-P", str(process.pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    assert len(children) >= 2, said
    # Any worker serves any request: a token made by one is honoured by the others.
    with httpx.Client(base_url=url, timeout=30) as client:
        login = client.post("/v1/auth/login", json={"username": "olga", "password": PASSWORD})
        client.headers["Authorization"] = f"Bearer {login.json()['token']}"
        made = [client.post("/v1/customers", json={"name": f"Jan {n}"}) for n in range(10)]
        assert {answer.status_code for answer in made} == {201}
        listed = client.get("/v1/customers", params={"limit": 50}).json()["items"]
        assert {item["name"] for item in listed} == {f"Jan {n}" for n in range(10)}


def test_sqlite_is_served_by_one_process(tmp_path: Path) -> None:
    log = tmp_path / "crm.log"
    process = _serve("--database", f"sqlite:///{tmp_path / 'crm.db'}", "--workers", "2", log=log)
    assert process.wait(timeout=60) == 2
    assert "SQLite has a single writer" in log.read_text()
