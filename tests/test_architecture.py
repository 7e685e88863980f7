"""The layer rules of docs/ARCHITECTURE.md, checked so that breaking one fails the build."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("pos_terminal", "sync", "hardware", "crm", "loyalty")
# Pure libraries with no I/O that the shared rules may use (DESIGN §5), for the standards
# they keep: numbering plans and e-mail addresses (loyalty/contacts.py), and letters as a
# plain keyboard types them (loyalty/customers.fold_diacritics).
LOYALTY_LIBRARIES: frozenset[str] = frozenset({"phonenumbers", "email_validator", "anyascii"})


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def _foreign_imports(folder: Path, allowed: tuple[str, ...]) -> dict[str, list[str]]:
    """Imports in `folder` of anything outside the standard library and `allowed` prefixes."""
    offenders = {}
    for path in sorted(folder.rglob("*.py")):
        foreign = {
            name
            for name in _imports(path)
            if name.split(".")[0] not in sys.stdlib_module_names and not name.startswith(allowed)
        }
        if foreign:
            offenders[str(path.relative_to(ROOT))] = sorted(foreign)
    return offenders


def test_shared_rules_import_only_the_standard_library_and_named_pure_libraries() -> None:
    assert _foreign_imports(ROOT / "loyalty", ("loyalty", *LOYALTY_LIBRARIES)) == {}


def test_domain_imports_only_the_standard_library_the_shared_rules_and_itself() -> None:
    assert (
        _foreign_imports(ROOT / "pos_terminal" / "domain", ("pos_terminal.domain", "loyalty")) == {}
    )


def test_hardware_takes_only_card_codes_from_the_project() -> None:
    project = ("pos_terminal", "sync", "crm", "loyalty")
    taken = {
        name
        for path in (ROOT / "hardware").rglob("*.py")
        for name in _imports(path)
        if name.startswith(project)
    }
    assert taken <= {"loyalty.card_codes"}


def _lint_with(tmp_path: Path, modules: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run import-linter on a copy of the project with some modules added."""
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for module, source in modules.items():
        target = tmp_path.joinpath(*module.split(".")).with_suffix(".py")
        target.parent.mkdir(parents=True, exist_ok=True)
        for folder in target.relative_to(tmp_path).parents:
            if folder != Path("."):
                (tmp_path / folder / "__init__.py").touch()
        target.write_text(source, encoding="utf-8")
    return subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        check=False,
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_real_tree_keeps_every_contract(tmp_path: Path) -> None:
    result = _lint_with(tmp_path, {"pos_terminal.domain.harmless": "import decimal\n"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("modules", "contract"),
    [
        ({"pos_terminal.domain.leak": "import sqlalchemy\n"}, "The domain imports no framework"),
        (
            {"pos_terminal.domain.leak": "import hardware.events\n"},
            "The domain imports no framework",
        ),
        ({"sync.leak": "import PySide6.QtCore\n"}, "Qt only in"),
        ({"hardware.leak": "import pos_terminal.domain.bill\n"}, "hardware is a leaf"),
        ({"crm.leak": "import pos_terminal\n"}, "The CRM never imports the terminal"),
        ({"crm.services.leak": "import PySide6\n"}, "The CRM never imports the terminal"),
        ({"loyalty.leak": "import sqlalchemy\n"}, "The shared rules import no framework"),
        ({"loyalty.leak": "import pos_terminal.domain.bill\n"}, "The shared rules import no"),
        ({"crm.store.leak": "import crm.services.context\n"}, "CRM layers"),
        ({"crm.api.leak": "import crm.store.models\n"}, "CRM routers reach the database"),
        ({"crm.api.leak": "import sqlalchemy\n"}, "CRM routers reach the database"),
        # The pages (crm.web) sit between the API and the services, and use only services.
        ({"crm.web.leak": "import crm.store.models\n"}, "CRM routers reach the database"),
        ({"crm.web.leak": "import sqlalchemy\n"}, "CRM routers reach the database"),
        ({"crm.web.leak": "import crm.api.deps\n"}, "CRM layers"),
        ({"crm.services.leak": "import fastapi\n"}, "CRM services and storage know nothing"),
        # The UI may show sync.link_state, a plain value; the rest of sync stays out of it.
        ({"pos_terminal.ui.leak": "import sync.link\n"}, "The UI reaches the store only"),
        ({"sync.leak": "import pos_terminal.db.store\n"}, "sync speaks to the store through"),
        ({"crm.services.leak": "import sync.engine\n"}, "The CRM takes only the wire"),
        (
            {
                "pos_terminal.services.x": "",
                "pos_terminal.db.leak": "import pos_terminal.services.x\n",
            },
            "Terminal layers",
        ),
        # The six wrong imports an audit added without breaking any contract then:
        ({"sync.leak": "import pos_terminal.services.terminal\n"}, "sync speaks to the store"),
        (
            {"pos_terminal.receipts.leak": "import pos_terminal.services.terminal\n"},
            "Receipts render what they are given",
        ),
        ({"pos_terminal.services.leak": "import sync.client\n"}, "Only the start-up talks"),
        ({"pos_terminal.ui.leak": "import hardware.evdev_reader\n"}, "Readers are opened by"),
        ({"pos_terminal.db.leak": "import hardware.serial_reader\n"}, "Readers are opened by"),
        (
            {"pos_terminal.config": "import pos_terminal.ui.main_window\n"},
            "Configuration comes first",
        ),
        (
            {"pos_terminal.settings_file": "import pos_terminal.services.terminal\n"},
            "Configuration comes first",
        ),
        ({"pos_terminal.receipts.leak": "import hardware.fake\n"}, "Receipts render what"),
        ({"pos_terminal.db.leak": "import sync.engine\n"}, "Only the start-up talks"),
        ({"pos_terminal.ui.leak": "import hardware.printers.queue\n"}, "Printers are opened by"),
        ({"pos_terminal.services.leak": "import pos_terminal.printing\n"}, "Printers are opened"),
        ({"pos_terminal.ui.leak": "import hardware.fiscal.station\n"}, "Fiscal printers are"),
        ({"pos_terminal.services.leak": "import hardware.fiscal.posnet\n"}, "Fiscal printers are"),
    ],
)
def test_each_contract_fails_when_broken(
    tmp_path: Path, modules: dict[str, str], contract: str
) -> None:
    result = _lint_with(tmp_path, modules)
    assert result.returncode != 0
    broken = [
        line for line in result.stdout.splitlines() if " BROKEN" in line
    ]  # "BROKEN (3 ignored imports)" too
    assert any(line.startswith(contract) for line in broken), result.stdout
