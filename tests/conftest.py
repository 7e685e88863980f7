"""Test-wide settings: Qt never needs a screen; in CI a skipped PostgreSQL test is a failure."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_skipped_on_postgresql: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    # Runs in the controlling process under xdist too, so it sees every worker's results.
    if report.skipped and "postgresql" in report.nodeid:
        _skipped_on_postgresql.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get("CI") == "true" and _skipped_on_postgresql:
        print(f"\n{len(_skipped_on_postgresql)} PostgreSQL test(s) skipped in CI: failing the run")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
