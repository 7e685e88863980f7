"""Commands given a database they cannot use say so in one line, not a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.live_crm import free_port


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("postgresql://crm:secret@127.0.0.1:{port}/crm", "cannot open the database"),
        ("mysql://crm:secret@localhost/crm", "is not one this CRM runs on"),
        ("no url at all", "is not one this CRM runs on"),
    ],
    ids=["nothing-listening", "unsupported", "not-a-url"],
)
def test_a_database_that_cannot_be_used_is_one_clear_line(url: str, said: str) -> None:
    url = url.replace("{port}", str(free_port()))  # at run time: xdist workers collect alike
    done = subprocess.run(
        [sys.executable, "-m", "crm", "migrate", "--database", url],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and said in errors[0], done.stderr
    assert "secret" not in done.stderr  # the password is never printed


def test_a_folder_that_does_not_exist_is_named(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'missing' / 'crm.db'}"
    done = subprocess.run(
        [sys.executable, "-m", "crm", "run-scheduler", "--once", "--database", url],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "error: cannot open the database" in done.stderr
    assert "Traceback" not in done.stderr
