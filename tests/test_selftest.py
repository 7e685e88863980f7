"""`python -m pos_terminal --selftest`, the packaging check, run as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from crm.services.actor import CLI
from crm.store.database import Database
from crm.store.migrate import upgrade_to_head
from crm.store.models import BillRow
from tests.live_crm import LiveCrm


def test_the_selftest_enrols_syncs_and_sends_its_sale_to_the_crm(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    database = Database.at(url)
    upgrade_to_head(database.engine)
    database.dispose()
    crm = LiveCrm(url).start()
    crm.services.transfer.install_demo(customers=300)
    code = crm.services.terminals.create_code_for_shop_named(CLI, "Restauracja Demo").code
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pos_terminal", "--selftest", "--crm", crm.url,
             "--enrol", code, "--data-dir", str(tmp_path / "till")],
            check=False,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )  # fmt: skip
        bills = crm.services.ctx.db.read(
            lambda s: s.scalar(select(func.count()).select_from(BillRow))
        )
    finally:
        crm.close()
    assert done.returncode == 0, done.stderr
    assert "selftest: customer attached by a card tap ✓" in done.stdout
    assert "selftest: sale sent to the CRM, or none enrolled ✓" in done.stdout
    assert "selftest passed: receipt 1," in done.stdout
    assert bills == 1


def _selftest(**env: str) -> subprocess.CompletedProcess[str]:
    """A selftest with no CRM, in an environment without POS_TERMINAL_DATA but for `env`."""
    base = {k: v for k, v in os.environ.items() if k != "POS_TERMINAL_DATA"}
    return subprocess.run(
        [sys.executable, "-m", "pos_terminal", "--selftest"],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        env={**base, "QT_QPA_PLATFORM": "offscreen", **env},
    )


def test_the_selftest_uses_the_data_folder_it_is_given_and_leaves_no_temporary_one(
    tmp_path: Path,
) -> None:
    given = tmp_path / "given"
    done = _selftest(POS_TERMINAL_DATA=str(given))
    assert done.returncode == 0, done.stderr
    assert (given / "terminal.db").exists()
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    done = _selftest(TMPDIR=str(scratch))
    assert done.returncode == 0, done.stderr
    assert list(scratch.iterdir()) == []
