"""Before Qt starts, a missing screen is said in words, not in Qt's abort (issue 13)."""

from __future__ import annotations

import os
import subprocess
import sys

from pos_terminal.screen_preflight import screen_problem


def test_no_display_is_said_and_offscreen_needs_none() -> None:
    problem = screen_problem({"PATH": "/usr/bin"})
    assert problem is not None and "DISPLAY is not set" in problem
    assert screen_problem({"QT_QPA_PLATFORM": "offscreen"}) is None


def test_the_terminal_says_so_and_exits_2_without_a_traceback(tmp_path: object) -> None:
    environment = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    finished = subprocess.run(
        [sys.executable, "-m", "pos_terminal", "--data-dir", str(tmp_path)],
        env=environment, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert finished.returncode == 2
    assert "DISPLAY is not set" in finished.stderr and "Traceback" not in finished.stderr
