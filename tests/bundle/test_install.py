"""tools/install-terminal (issue 13): the built bundle into /opt/pos-terminal with the udev
rule and the desktop and autostart entries; --uninstall takes exactly those away and keeps
the data folder. Run under --root, a folder standing for /, so the test touches no system."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALL = ROOT / "tools" / "install-terminal"
pytestmark = pytest.mark.xdist_group("bundle")  # one worker builds the bundle once


def _install(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(INSTALL), *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_install_then_uninstall_keeps_the_data(bundle: Path, tmp_path: Path) -> None:
    root = tmp_path / "till"
    data = root / "home" / "kasa" / ".local" / "share" / "pos-terminal"
    data.mkdir(parents=True)
    (data / "terminal.db").write_bytes(b"the day's bills")
    done = _install("--bundle", str(bundle), "--root", str(root))
    assert done.returncode == 0, done.stderr
    program = root / "opt" / "pos-terminal" / "pos-terminal"
    assert os.access(program, os.X_OK)
    ran = subprocess.run(
        [str(program), "--help"], capture_output=True, text=True, timeout=60, check=False
    )
    assert ran.returncode == 0 and "--kiosk" in ran.stdout  # the copy runs where it landed
    autostart = root / "etc" / "xdg" / "autostart" / "pos-terminal.desktop"
    assert "Exec=/opt/pos-terminal/pos-terminal --kiosk" in autostart.read_text()
    assert (root / "usr" / "share" / "applications" / "pos-terminal.desktop").exists()
    rules = root / "etc" / "udev" / "rules.d"
    assert (rules / "70-pos-card-reader.rules").exists()
    assert (rules / "70-pos-printer.rules").exists()
    assert (rules / "70-pos-fiscal.rules").exists()

    again = _install("--bundle", str(bundle), "--root", str(root))  # an upgrade: replaced
    assert again.returncode == 0 and not (root / "opt" / "pos-terminal.new").exists()

    gone = _install("--uninstall", "--root", str(root))
    assert gone.returncode == 0 and "kept" in gone.stdout
    assert not (root / "opt" / "pos-terminal").exists() and not autostart.exists()
    assert not list(rules.iterdir())  # both rules gone
    assert (data / "terminal.db").read_bytes() == b"the day's bills"


def test_without_a_bundle_it_says_how_to_build_one(tmp_path: Path) -> None:
    done = _install("--bundle", str(tmp_path / "none"), "--root", str(tmp_path))
    assert done.returncode == 1 and "make bundle" in done.stderr
