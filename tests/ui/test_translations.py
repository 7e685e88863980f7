"""The Polish catalogue: compiled, complete, covering every text of the UI, and in use."""

from __future__ import annotations

import ast
import logging
import re
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from loyalty import formatting
from loyalty.customers import normalise_nip
from loyalty.errors import ExplainedError
from loyalty.money import Money
from loyalty.tenders import Tender, TenderKind, settle
from pos_terminal.domain.staff import Role, StaffMember, WrongPinError, require_manager
from pos_terminal.paths import resource_path
from pos_terminal.ui import i18n
from pos_terminal.ui.error_messages import ERROR_MESSAGES
from pos_terminal.ui.payment_dialog import PaymentDialog

ROOT = Path(__file__).resolve().parents[2]
UI_DIR = ROOT / "pos_terminal" / "ui"
# app.py translates one text through the window (`self.window.tr(...)`).
SOURCES = (*sorted(UI_DIR.glob("*.py")), ROOT / "pos_terminal" / "app.py")
TS = resource_path("i18n", "pos_terminal_pl.ts")
QM = resource_path("i18n", "pos_terminal_pl.qm")
# Values a translation leaves out on purpose: they are English words from the services.
DROPPED = {
    "Only a manager can {action} ({name} is signed in as a cashier)": {"action"},
    "a {kind} payment must be above zero": {"kind"},
}
PLACEHOLDER = re.compile(r"\{(\w*)(?:![rsa])?\}")


def catalogue() -> dict[tuple[str, str], ET.Element]:
    """(context, source text) → the message's <translation> element."""
    messages: dict[tuple[str, str], ET.Element] = {}
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, (name, message.findtext("source"))
            messages[name, message.findtext("source", "")] = translation
    return messages


def lrelease() -> str:
    beside = Path(sys.executable).parent / "pyside6-lrelease"  # the virtualenv's own
    found = str(beside) if beside.exists() else shutil.which("pyside6-lrelease")
    assert found, "pyside6-lrelease (from PySide6) is needed to check the compiled catalogue"
    return found


def test_the_committed_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    out = tmp_path / "pos_terminal_pl.qm"
    subprocess.run([lrelease(), "-silent", str(TS), "-qm", str(out)], check=True)
    assert out.read_bytes() == QM.read_bytes(), (
        "resources/i18n/pos_terminal_pl.qm is stale; run: .venv/bin/pyside6-lrelease "
        "resources/i18n/pos_terminal_pl.ts -qm resources/i18n/pos_terminal_pl.qm"
    )


def test_every_message_is_translated_and_keeps_its_placeholders() -> None:
    root = ET.parse(TS).getroot()
    assert root.get("language") == "pl"
    assert root.get("sourcelanguage") == "en"
    messages = catalogue()
    assert len(messages) > 80
    for (context, source), translation in messages.items():
        where = f"{context}: {source!r}"
        assert translation.get("type") is None, f"{where} is {translation.get('type')}"
        text = translation.text or ""
        assert text.strip(), f"{where} has no translation"
        dropped = set(PLACEHOLDER.findall(source)) - set(PLACEHOLDER.findall(text))
        assert dropped == DROPPED.get(source, set()), f"{where} loses {dropped}"
        assert set(PLACEHOLDER.findall(text)) <= set(PLACEHOLDER.findall(source)), where
        values = dict.fromkeys(PLACEHOLDER.findall(source), "x")
        text.format(**values)  # no stray braces: the UI formats every text


class _Calls(ast.NodeVisitor):
    """Every translated literal of one module, with the context Qt looks it up in:
    `self.tr` → the enclosing class; `translate("Ctx", ...)` and `QT_TRANSLATE_NOOP` →
    "Ctx"; a helper wrapping `translate("Ctx", text)` (bill_panel's `_tr`) → "Ctx";
    `other.tr` (`self.window.tr`) → None: the receiver's class, checked more loosely."""

    def __init__(self, tree: ast.Module) -> None:
        self.found: list[tuple[str | None, str, int]] = []
        self._classes: list[str] = []
        self._helpers: dict[str, str] = {}
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.args.args:
                parameter = node.args.args[0].arg
                for call in ast.walk(node):
                    if (
                        isinstance(call, ast.Call)
                        and _name(call.func) in {"translate", "QT_TRANSLATE_NOOP"}
                        and len(call.args) >= 2
                        and isinstance(call.args[1], ast.Name)
                        and call.args[1].id == parameter
                        and (context := _literal(call.args[0])) is not None
                    ):
                        self._helpers[node.name] = context
        self.visit(tree)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._classes.append(node.name)
        self.generic_visit(node)
        self._classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        name, args = _name(node.func), node.args
        if name == "tr" and args and (text := _literal(args[0])) is not None:
            assert isinstance(node.func, ast.Attribute)
            receiver = node.func.value
            is_self = isinstance(receiver, ast.Name) and receiver.id == "self"
            context = self._classes[-1] if is_self and self._classes else None
            self.found.append((context, text, node.lineno))
        elif name in {"translate", "QT_TRANSLATE_NOOP"} and len(args) >= 2:
            context, text = _literal(args[0]), _literal(args[1])
            if context is not None and text is not None:
                self.found.append((context, text, node.lineno))
        elif name in self._helpers and args and (text := _literal(args[0])) is not None:
            self.found.append((self._helpers[name], text, node.lineno))
        self.generic_visit(node)


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else None


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def test_every_translated_text_of_the_ui_is_in_the_catalogue() -> None:
    messages = catalogue()
    classes = {
        node.name
        for path in SOURCES
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef)
    }
    found = 0
    for path in SOURCES:
        calls = _Calls(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        for context, text, line in calls.found:
            where = f"{path.relative_to(ROOT)}:{line} {text!r}"
            if context is not None:
                assert (context, text) in messages, f"{where} is not in context {context}"
            else:  # looked up under the receiver's class: it must be in some real class
                contexts = {c for c, source in messages if source == text and c in classes}
                assert contexts, f"{where} is not in the context of any class"
            found += 1
    # The scan itself works: it sees the helper's texts and the window's.
    assert found > 80
    assert ("BillPanel", "Group: {name}") in messages
    assert ("MainWindow", "The terminal could not start:\n{error}") in messages


@pytest.fixture
def polish(qapp: QApplication) -> Iterator[None]:
    assert i18n.install_translation(qapp, "pl")
    try:
        yield
    finally:
        i18n.remove_translations(qapp)  # QApplication.removeTranslator: later tests see English
    assert QCoreApplication.translate("PaymentDialog", "Finish") == "Finish"


@pytest.mark.usefixtures("polish")
def test_the_payment_dialog_speaks_polish(qtbot: QtBot) -> None:
    dialog = PaymentDialog(Money(1234), wallet=Money(0))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Płatność"
    due, nothing = formatting.money(Money(1234)), formatting.money(Money(0))  # "12,34 zł"
    assert dialog.due_label.text() == f"Do zapłaty: {due}"
    assert dialog.exact.text() == "Odliczone"
    assert dialog.cash.text() == "Gotówka"
    assert dialog.card.text() == "Karta"
    assert dialog.wallet_button.text() == f"Portfel ({nothing})"
    assert dialog.finish.text() == "Zakończ"
    assert f"Pozostało: {due}" in dialog.tenders_label.text()
    english = {source for context, source in catalogue() if context == "PaymentDialog"}
    shown = [w.text() for w in dialog.findChildren(QPushButton)]
    shown += [w.text() for w in dialog.findChildren(QLabel)]
    assert not english & set(shown)
    # Qt's own texts (standard buttons) follow.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Anuluj"


def raised_by(action: Callable[[], object]) -> BaseException:
    with pytest.raises(ExplainedError) as caught:
        action()
    return caught.value


@pytest.mark.usefixtures("polish")
def test_the_errors_a_cashier_meets_daily_read_in_polish() -> None:
    assert i18n.user_message(WrongPinError("Wrong PIN")) == "Nieprawidłowy PIN"
    cashier = StaffMember(id="c1", name="Anna Kasjerka", role=Role.CASHIER)
    refused = raised_by(lambda: require_manager(cashier, "void a bill"))
    assert i18n.user_message(refused) == (
        "Tylko kierownik może to zrobić (zalogowano: Anna Kasjerka, kasjer)"
    )
    assert i18n.user_message(raised_by(lambda: Money.parse("12,5,0"))) == (
        "„12,5,0” to nie kwota (wpisz np. 12,50)"
    )
    overpaid = raised_by(
        lambda: settle(
            Money(1000), [Tender(TenderKind.CARD, Money(123_456))], wallet_available=Money(0)
        )
    )
    paid, due = formatting.money(Money(123_456)), formatting.money(Money(1000))
    assert i18n.user_message(overpaid) == (
        f"płatności kartą i portfelem ({paid}) nie mogą przekroczyć kwoty do zapłaty ({due})"
    )
    assert i18n.user_message(raised_by(lambda: normalise_nip("1"))) == "NIP „1” musi mieć 10 cyfr"


@pytest.mark.usefixtures("polish")
def test_a_fault_never_reaches_the_screen_as_the_driver_said_it(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Issue 11: a raw driver or OS message goes to the log, with a reference the cashier's
    screen shows in the cashier's language."""
    fault = sqlite3.OperationalError("disk I/O error")
    with caplog.at_level(logging.ERROR, logger=i18n.__name__):
        shown = i18n.user_message(fault)
        again = i18n.user_message(fault)  # the same fault shown twice: one reference, one log
    assert "disk I/O error" not in shown and "OperationalError" not in shown
    reference = re.fullmatch(r"Nieoczekiwany błąd \(numer ([0-9A-F]{6})\)\. .+", shown)
    assert reference is not None, shown
    assert again == shown
    [record] = [r for r in caplog.records if reference.group(1) in r.getMessage()]
    assert record.exc_info is not None and record.exc_info[1] is fault


def test_english_is_the_source_and_an_unknown_language_is_refused(
    qapp: QApplication, caplog: pytest.LogCaptureFixture
) -> None:
    assert i18n.install_translation(qapp, "en")
    assert QCoreApplication.translate("PaymentDialog", "Finish") == "Finish"
    with caplog.at_level(logging.WARNING, logger=i18n.__name__):
        assert not i18n.install_translation(qapp, "xx")
    assert "'xx'" in caplog.text
    assert QCoreApplication.translate("PaymentDialog", "Finish") == "Finish"


# The errors' templates ----------------------------------------------------------------------

CORE = [
    ROOT / "loyalty",
    *(ROOT / "pos_terminal" / part for part in ("domain", "db", "services", "receipts")),
    ROOT / "pos_terminal" / "crm_connection.py",  # enrolling from the Menu says why it failed
]


def _python_files(entry: Path) -> list[Path]:
    return [entry] if entry.is_file() else sorted(entry.rglob("*.py"))


def explained_error_classes() -> set[str]:
    """The names of ExplainedError and every subclass of it defined in the core."""
    classes: dict[str, list[str]] = {}
    for folder in CORE:
        for path in _python_files(folder):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ClassDef):
                    classes[node.name] = [b for base in node.bases if (b := _name(base))]
    family = {"ExplainedError"}
    while grown := {name for name, bases in classes.items() if set(bases) & family} - family:
        family |= grown
    return family


# Errors made from values (a form's problems, a moment), whose class writes the template.
MAKE_THEIR_OWN = {"CustomerFormError", "PinPadWaitsError"}


def raised_templates() -> tuple[set[str], list[str]]:
    """Every template an ExplainedError is made with in the core, and the calls that do not
    pass a literal (an f-string would never be found in the catalogue)."""
    family = explained_error_classes()
    templates: set[str] = set()
    not_literal: list[str] = []
    for folder in CORE:
        for path in _python_files(folder):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                name = _name(node.func)
                is_super = (
                    name == "__init__"
                    and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Call)
                    and _name(node.func.value.func) == "super"
                    and path.name != "errors.py"  # ExplainedError passes its template on
                )
                if name not in family and not is_super:
                    continue
                text = _literal(node.args[0])
                if text is not None:
                    templates.add(text)
                elif name not in MAKE_THEIR_OWN:  # their super().__init__ has the text
                    not_literal.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return templates, not_literal


def test_every_error_template_is_a_literal_listed_for_the_catalogue() -> None:
    templates, not_literal = raised_templates()
    assert not not_literal, f"an error made without a literal template: {not_literal}"
    assert len(templates) > 50  # the scan finds them
    assert "{left} is still to pay" in templates
    assert "some details need correcting: {fields}" in templates  # through super().__init__
    listed = set(ERROR_MESSAGES)
    assert templates - listed == set(), "add these to pos_terminal/ui/error_messages.py"
    assert listed - templates == set(), "no longer raised: remove from error_messages.py"
    messages = catalogue()
    assert all(("Messages", text) in messages for text in templates)
