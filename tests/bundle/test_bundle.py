"""The till's bundle (issue 13): built from build.spec the way `make bundle` builds it, then
run as a till would run it, so a missing data file or hidden import fails here, not in a
restaurant. The bundled program enrols with a live local CRM, sells a bill offscreen and
sends it (`--selftest`); it says in words when there is no screen; it carries Qt's xcb and
offscreen platforms and no Qt module the terminal does not use."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.local_crm import start_crm

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.xdist_group("bundle")  # one worker builds the bundle once


@pytest.fixture
def crm(tmp_path: Path) -> Iterator[tuple[str, str]]:
    process, url = start_crm(tmp_path, demo=True)
    try:
        code = subprocess.run(
            [sys.executable, "-m", "crm", "enrol-code", "--database",
             f"sqlite:///{tmp_path / 'crm.db'}", "--store", "Restauracja Demo"],
            capture_output=True, text=True, timeout=60, check=True,
        ).stdout  # fmt: skip
        match = re.search(r"enrolment code: (\S+)", code)
        assert match is not None, code
        yield url, match.group(1)
    finally:
        process.terminate()
        process.wait(timeout=10)


def _run(program: Path, *args: str, environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(program / "pos-terminal"), *args],
        env=environ, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip


def test_the_bundle_sells_offscreen_and_syncs_with_a_live_crm(
    bundle: Path, crm: tuple[str, str], tmp_path: Path
) -> None:
    url, code = crm
    environ = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = _run(
        bundle, "--selftest", "--crm", url, "--enrol", code, "--data-dir", str(tmp_path / "till"),
        environ=environ,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "selftest passed" in done.stdout
    assert "sale sent to the CRM" in done.stdout
    # The migrations ran from the bundle's own copy, to the newest revision.
    assert (tmp_path / "till" / "terminal.db").exists()


def test_the_bundle_says_there_is_no_screen_in_words(bundle: Path, tmp_path: Path) -> None:
    environ = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    done = _run(bundle, "--data-dir", str(tmp_path), environ=environ)
    assert done.returncode == 2, done.stderr
    assert "DISPLAY is not set" in done.stderr and "Traceback" not in done.stderr


def test_the_bundle_draws_on_an_x_screen(bundle: Path, tmp_path: Path) -> None:
    """Qt's xcb platform loads from the bundle with the libraries it carries (the offscreen
    self-test cannot tell)."""
    xvfb_run = shutil.which("xvfb-run")
    assert xvfb_run is not None, "Debian's xvfb is needed (.ci/run installs it)"
    environ = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    done = subprocess.run(
        [xvfb_run, "-a", "-s", "-screen 0 1024x768x24", str(bundle / "pos-terminal"),
         "--data-dir", str(tmp_path), "--exit-when-ready"],
        env=environ, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and "ready" in done.stdout, done.stderr[-3000:]


def test_the_bundle_carries_what_the_till_uses_and_no_more(bundle: Path) -> None:
    qt = bundle / "_internal" / "PySide6" / "Qt"
    platforms = {p.name for p in (qt / "plugins" / "platforms").iterdir()}
    assert platforms == {"libqxcb.so", "libqoffscreen.so"}
    translations = {p.name for p in (qt / "translations").iterdir()}
    assert "qtbase_pl.qm" in translations and "qtbase_de.qm" not in translations
    libraries = " ".join(p.name for p in (qt / "lib").iterdir())
    for unused in ("WebEngine", "Qml", "Quick", "3D", "Wayland", "EglFS"):
        assert unused not in libraries
    internal_libraries = {p.name for p in (bundle / "_internal").glob("lib*.so*")}
    assert not {n for n in internal_libraries if n.startswith(("libgtk", "libgdk-3"))}
    internal = bundle / "_internal"
    for resource in ("fonts/DejaVuSans.ttf", "i18n/pos_terminal_pl.qm", "udev"):
        assert (internal / "resources" / resource).exists(), resource
    assert list((internal / "pos_terminal" / "db" / "migrations" / "versions").glob("*.py"))
    # The CRM is not in the bundle: a till does not run it.
    assert not (internal / "crm").exists() and not (internal / "fastapi").exists()
