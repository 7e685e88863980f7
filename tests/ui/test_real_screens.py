"""Every screen on a real window under Xvfb at a till's 1024×768 (issue 12).

The walk of `make screenshots` runs with --check in its own process on an X server of that
size: the terminal full screen, every visible tap target measured (at least 48×48 px and
on the screen), every dialog's title and way out, and 8 bill lines in view. An off-screen
render of the right size could hide a clipped button; a real X screen cannot.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_screen_fits_a_1024x768_till_and_every_target_is_big_enough(
    tmp_path: Path,
) -> None:
    xvfb_run = shutil.which("xvfb-run")
    assert xvfb_run is not None, "Debian's xvfb is needed (.ci/run installs it)"
    environment = {**os.environ, "QT_QPA_PLATFORM": "xcb", "POS_LANGUAGE": "pl"}
    finished = subprocess.run(
        [xvfb_run, "-a", "-s", "-screen 0 1024x768x24", sys.executable,
         str(ROOT / "tools" / "screenshots.py"), "--check", str(tmp_path)],
        env=environment, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    report = finished.stdout + finished.stderr
    assert finished.returncode == 0, report
    assert "24 screens at 1024x768" in report
    assert len(list(tmp_path.glob("*-1024x768.png"))) == 23  # manager-pin is taken twice
