"""The real CRM in a process of its own on a free port of 127.0.0.1, for the tools that
show the terminal beside it (screenshots)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def start_crm(folder: Path, *, demo: bool = False) -> tuple[subprocess.Popen[bytes], str]:
    """The CRM on an SQLite file in `folder`, once it answers; (process, its address).
    With `demo`, the demo programme and its customers (for a terminal that enrols)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    database = f"sqlite:///{folder / 'crm.db'}"
    process = subprocess.Popen(
        [sys.executable, "-m", "crm", "--port", str(port), "--database", database]
        + (["--demo"] if demo else []),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60  # the demo programme is made on a first start
    while True:
        try:
            httpx.get(f"{url}/readyz").raise_for_status()
            return process, url
        except httpx.HTTPError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("the CRM did not start") from None
            time.sleep(0.1)
