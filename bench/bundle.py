"""The till's bundle (build.spec): how long it takes to build, how big it is and what makes
it so, and how fast the bundled terminal starts.

Figures: the build time (`pyinstaller build.spec`, from clean); the size on disk (budget
250 MB) with the ten largest contributors; the bundled terminal's cold start to its first
screen drawn, offscreen (budget median 1.5 s, as `bench startup` for the source checkout).
The bundle is built into a temporary folder, not dist/.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.report import Figure
from bench.startup import start_once

ROOT = Path(__file__).resolve().parents[1]
SIZE_BUDGET_MB = 250.0
START_BUDGET_S = 1.5
MB = 1024 * 1024


def _size(path: Path) -> int:
    """Bytes on disk; a symbolic link (PyInstaller links libraries it places twice) is 0."""
    if path.is_symlink():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def _contributors(bundle: Path, count: int) -> list[tuple[str, int]]:
    """The largest parts: files and folders under _internal/, PySide6's Qt split by file."""
    internal = bundle / "_internal"
    parts = [p for p in internal.iterdir() if p.name != "PySide6"]
    qt = internal / "PySide6"
    parts += [p for p in qt.iterdir() if p.name != "Qt"] + list((qt / "Qt" / "lib").iterdir())
    parts += list((qt / "Qt").iterdir())
    sized = [(str(p.relative_to(internal)), _size(p)) for p in parts if p.name != "lib"]
    return sorted(sized, key=lambda part: -part[1])[:count]


def main(argv: list[str]) -> list[Figure]:
    parser = argparse.ArgumentParser(prog="python -m bench bundle")
    parser.add_argument("--runs", type=int, default=7, help="cold starts to time")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="pos-bundle-"))
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
         str(ROOT / "build.spec")],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    built = time.perf_counter() - started
    bundle = work / "dist" / "pos-terminal"
    figures = [
        Figure("bundle.build", built, "s"),
        Figure("bundle.size", _size(bundle) / MB, "MB", SIZE_BUDGET_MB),
    ]
    figures += [
        Figure(f"bundle.size.{name}", size / MB, "MB") for name, size in _contributors(bundle, 10)
    ]
    program = (str(bundle / "pos-terminal"),)
    data_dir = work / "data"
    first = start_once(data_dir, program)  # makes the database and its demo data
    runs = [start_once(data_dir, program) for _ in range(args.runs)]
    return [
        *figures,
        Figure("bundle.first_run", first, "s"),
        Figure("bundle.cold_start.median", statistics.median(runs), "s", START_BUDGET_S),
        Figure("bundle.cold_start.max", max(runs), "s"),
    ]
