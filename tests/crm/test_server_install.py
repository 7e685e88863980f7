"""A server installs the CRM alone: `pip install '.[crm]'` into a fresh virtualenv brings
none of the till's libraries, and the installed `python -m crm` migrates an SQLite file,
serves `/readyz` and the sign-in page (its templates and static files are in the wheel),
and renders a PDF export with the fonts the wheel ships (docs/deploy.md).

The project is copied aside and built from the copy, so a build never writes into the
checkout (build/ is the bundle's). pip takes the dependencies from PyPI, as a server's
install does (the machine and CI reach it; after the first run they come from pip's cache).
Everything runs with the temporary folder as the working directory, so the CRM is imported
from the virtualenv, never from the checkout beside it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.live_crm import free_port

ROOT = Path(__file__).resolve().parents[2]
# What the wheel is built from: pyproject's packages, its README and data files.
SOURCES = ("pyproject.toml", "README.md", "crm", "loyalty", "sync", "hardware", "pos_terminal")
# The till's libraries: none may come with the CRM (PySide6-Essentials brings shiboken6).
TILL_ONLY = {"pyside6", "pyside6-essentials", "shiboken6", "evdev", "pyserial"}
SERVER_NEEDS = {"fastapi", "uvicorn", "psycopg", "sqlalchemy", "alembic", "reportlab", "jinja2"}
LIST_DISTRIBUTIONS = (
    "import importlib.metadata as m, re, crm; print(crm.__file__); "
    "print(*{re.sub(r'[-_.]+', '-', d.metadata['Name']).lower() for d in m.distributions()})"
)


def _copy_project(target: Path) -> Path:
    target.mkdir()
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=skip)
        else:
            shutil.copy2(source, target / name)
    shutil.copytree(ROOT / "resources" / "fonts", target / "resources" / "fonts")
    return target


def _run(*command: str | Path, cwd: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env.update(PIP_NO_INPUT="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PYTHONUNBUFFERED="1")
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _serve(python: Path, database: str, port: int, cwd: Path, log: Path) -> str:
    """Start the installed CRM, wait for /readyz, stop it; what it logged."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [str(python), "-m", "crm", "--database", database, "--port", str(port)],
            cwd=cwd,
            env={**env, "PYTHONUNBUFFERED": "1"},
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5)
                if answer.status_code == 200:
                    assert answer.json()["status"] == "ready"
                    # The pages' templates and static files come with the install too.
                    page = httpx.get(f"http://127.0.0.1:{port}/signin", timeout=5)
                    assert page.status_code == 200 and 'name="password"' in page.text
                    css = httpx.get(f"http://127.0.0.1:{port}/static/crm.css", timeout=5)
                    assert css.status_code == 200 and "--touch" in css.text
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "the installed CRM did not answer in 60 s"
            time.sleep(0.2)
    finally:
        process.terminate()
        process.wait(timeout=20)
    return log.read_text()


def test_the_crm_installs_alone_and_serves_on_sqlite(tmp_path: Path) -> None:
    project = _copy_project(tmp_path / "project")
    venv = tmp_path / "venv"
    python = venv / "bin" / "python"
    made = _run(sys.executable, "-m", "venv", venv, cwd=tmp_path, timeout=120)
    assert made.returncode == 0, made.stderr
    install = _run(
        python, "-m", "pip", "install", "--quiet", "--timeout", "60", f"{project}[crm]",
        cwd=tmp_path, timeout=600,
    )  # fmt: skip
    assert install.returncode == 0, install.stdout + install.stderr

    listed = _run(python, "-c", LIST_DISTRIBUTIONS, cwd=tmp_path, timeout=60)
    assert listed.returncode == 0, listed.stderr
    where, names = listed.stdout.splitlines()
    assert Path(where).is_relative_to(venv), f"crm imported from {where}, not the virtualenv"
    installed = set(names.split())
    assert not installed & TILL_ONLY, f"the CRM's install brought {installed & TILL_ONLY}"
    assert installed >= SERVER_NEEDS, f"missing {SERVER_NEEDS - installed}"

    helped = _run(python, "-m", "crm", "--help", cwd=tmp_path, timeout=60)
    assert helped.returncode == 0, helped.stderr
    assert "--workers" in helped.stdout

    database = f"sqlite:///{tmp_path / 'data' / 'crm.db'}"
    (tmp_path / "data").mkdir()
    said = _serve(python, database, free_port(), tmp_path, tmp_path / "crm.log")
    assert "1 worker(s)" in said, said

    # The PDF export embeds DejaVu Sans: the fonts must come with the install.
    pdf = tmp_path / "customers.pdf"
    exported = _run(python, "-m", "crm", "export-pdf", pdf, "--database", database,
                    cwd=tmp_path, timeout=60)  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
