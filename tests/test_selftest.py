"""`python -m pos_terminal --selftest`, the packaging check, run as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.live_crm import LiveCrm


def test_the_selftest_walks_a_sale_and_sees_the_crm_online(tmp_path: Path) -> None:
    crm = LiveCrm.on_sqlite(tmp_path).start()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pos_terminal", "--selftest", "--crm", crm.url,
             "--demo-customers", "300", "--data-dir", str(tmp_path / "till")],
            check=False,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )  # fmt: skip
    finally:
        crm.close()
    assert done.returncode == 0, done.stderr
    assert "selftest: customer attached by a card tap ✓" in done.stdout
    assert "selftest: CRM online, or none configured ✓" in done.stdout
    assert "selftest passed: receipt 1," in done.stdout
