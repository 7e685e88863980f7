"""Cold start: from launching the process to the sale screen drawn (offscreen).

The demo database is made first (a first start fills it); then the terminal is started
several times on it, as a cashier starts it every morning. Budget: median ≤ 1.5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.report import Figure

ROOT = Path(__file__).resolve().parents[1]
BUDGET_S = 1.5


TERMINAL = (sys.executable, "-m", "pos_terminal")


def start_once(data_dir: Path, program: tuple[str, ...] = TERMINAL) -> float:
    """Seconds from launching `program` to its first screen drawn (it prints "ready")."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    result = subprocess.run(
        [*program, "--data-dir", str(data_dir), "--exit-when-ready"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0 or "ready" not in result.stdout:
        raise RuntimeError(f"the terminal did not start:\n{result.stderr[-2000:]}")
    return elapsed


def main(argv: list[str]) -> list[Figure]:
    parser = argparse.ArgumentParser(prog="python -m bench startup")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    data_dir = Path(tempfile.mkdtemp(prefix="pos-startup-"))
    first = start_once(data_dir)  # creates the database and its demo data
    runs = [start_once(data_dir) for _ in range(args.runs)]
    return [
        Figure("startup.first_run", first, "s"),
        Figure("startup.cold_start.median", statistics.median(runs), "s", BUDGET_S),
        Figure("startup.cold_start.max", max(runs), "s"),
    ]
