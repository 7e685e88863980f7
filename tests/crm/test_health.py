"""The CRM says whether it can serve, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from tests.live_crm import LiveCrm, free_port


@pytest.fixture
def crm(tmp_path: Path) -> Iterator[LiveCrm]:
    live = LiveCrm.on_sqlite(tmp_path).start()
    yield live
    live.close()


def test_a_running_crm_is_alive_and_ready_and_gives_its_clock(crm: LiveCrm) -> None:
    assert httpx.get(f"{crm.url}/healthz").json() == {"status": "ok"}
    before = datetime.now(UTC)
    answer = httpx.get(f"{crm.url}/readyz")
    after = datetime.now(UTC)
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "ready"
    server_time = datetime.fromisoformat(body["server_time"])
    assert server_time.tzinfo is not None
    # Millisecond precision: the CRM's clock is this machine's clock, truncated.
    assert before.replace(microsecond=before.microsecond // 1000 * 1000) <= server_time <= after


def test_a_crm_whose_database_cannot_be_opened_is_alive_but_not_ready(tmp_path: Path) -> None:
    missing = tmp_path / "no such folder" / "crm.db"
    live = LiveCrm(f"sqlite:///{missing}").start()
    try:
        assert httpx.get(f"{live.url}/healthz").status_code == 200
        answer = httpx.get(f"{live.url}/readyz")
        assert answer.status_code == 503
        assert answer.json()["status"] == "unavailable"
        assert answer.json()["detail"].startswith("database: unable to open database file")
    finally:
        live.close()


def test_one_command_starts_the_crm_on_an_sqlite_file(tmp_path: Path) -> None:
    port = free_port()
    database = tmp_path / "crm.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "crm", "--port", str(port), "--database", f"sqlite:///{database}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/readyz")
                break
            except httpx.ConnectError:
                assert process.poll() is None, process.stdout.read() if process.stdout else ""
                assert time.monotonic() < deadline, "the CRM did not start within 20 s"
                time.sleep(0.1)
        assert answer.json()["status"] == "ready"
        assert database.exists()
    finally:
        process.terminate()
        process.wait(timeout=10)
