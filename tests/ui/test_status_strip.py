"""The status strip's CRM part: what a cashier reads, driven by real reports."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from crm.services.actor import CLI
from crm.store.database import Database
from crm.store.migrate import upgrade_to_head
from pos_terminal.app import Terminal
from pos_terminal.config import TerminalConfig
from pos_terminal.domain.staff import Role
from pos_terminal.launch import parse_args
from pos_terminal.ui.kiosk import present
from pos_terminal.ui.main_window import MainWindow
from pos_terminal.ui.sync_dialog import SyncDialog
from sync.link_state import CrmLink, LinkState, SnapshotProgress
from tests.live_crm import LiveCrm
from tests.ui.running_terminal import open_the_shift


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    shown = MainWindow(terminal="Kasa 1", cashier="Test")
    qtbot.addWidget(shown)
    return shown


def strip(window: MainWindow) -> tuple[str, str]:
    label = window.crm_label
    return label.text(), str(label.property("state") or "")


def test_each_crm_state_reads_plainly_with_the_ops_waiting(window: MainWindow) -> None:
    assert strip(window) == ("CRM: not configured", "")
    window.show_pending_ops(3)
    assert strip(window) == ("CRM: not configured · 3 waiting", "")
    window.show_crm_link(CrmLink(LinkState.CHECKING))
    assert strip(window) == ("CRM: connecting… · 3 waiting", "")
    window.show_crm_link(CrmLink(LinkState.ONLINE, clock_offset_ms=40))
    assert strip(window) == ("CRM: online · 3 waiting", "")
    since = datetime(2026, 11, 22, 12, 3)
    window.show_crm_link(CrmLink(LinkState.OFFLINE, since, "cannot connect: refused"))
    assert strip(window) == ("CRM: offline since 12:03 · 3 waiting", "warning")
    assert window.crm_label.toolTip() == "cannot connect: refused"
    window.show_pending_ops(0)
    assert strip(window) == ("CRM: offline since 12:03", "warning")
    window.show_crm_link(CrmLink(LinkState.ONLINE, clock_offset_ms=-5 * 60_000 - 20_000))
    assert strip(window) == ("CRM: online · clock off by 5 min", "warning")


def test_an_enrolled_terminal_shows_sync_progress_waiting_and_refused_ops(
    window: MainWindow,
) -> None:
    since = datetime(2026, 11, 29, 9, 0)
    first = SnapshotProgress("reference", 412_000, 1_000_000, 38.2)
    window.show_crm_link(CrmLink(LinkState.SYNCING, since, snapshot=first, enrolled=True))
    assert strip(window) == ("CRM: syncing 41 %", "")
    bar = window.starting.bar  # the start-up page, before sign-in
    assert bar.isVisibleTo(window.starting) and bar.value() == 41
    assert bar.format() == "412\u00a0000 of 1\u00a0000\u00a0000 rows · about 38 s left"
    window.show_crm_link(CrmLink(LinkState.ONLINE, since, pending=0, enrolled=True))
    assert strip(window) == ("CRM: synced", "")
    window.show_crm_link(CrmLink(LinkState.OFFLINE, since, pending=4, rejected=1, enrolled=True))
    assert strip(window) == ("CRM: offline since 09:00 · 4 waiting · 1 rejected (Menu)", "warning")
    window.show_crm_link(CrmLink(LinkState.BLOCKED, since, "revoked", enrolled=True))
    assert strip(window) == ("CRM: sync blocked, enrol again", "warning")


def test_the_crm_address_comes_from_the_command_line_or_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = parse_args(["--data-dir", str(tmp_path), "--crm", "http://crm.local:8765/"]).config
    assert config.crm_url == "http://crm.local:8765"
    monkeypatch.setenv("POS_CRM_URL", "http://10.0.0.5:8765")
    assert parse_args(["--data-dir", str(tmp_path)])[0].crm_url == "http://10.0.0.5:8765"
    monkeypatch.delenv("POS_CRM_URL")
    assert parse_args(["--data-dir", str(tmp_path)])[0].crm_url is None
    with pytest.raises(SystemExit):
        parse_args(["--data-dir", str(tmp_path), "--crm", "crm.local:8765"])


@pytest.fixture
def crm(tmp_path: Path) -> Iterator[LiveCrm]:
    live = LiveCrm.on_sqlite(tmp_path).start()
    yield live
    live.close()


def test_the_running_terminal_shows_the_crm_going_offline_and_back(
    qtbot: QtBot, tmp_path: Path, crm: LiveCrm
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    config = TerminalConfig(data_dir=tmp_path / "till", demo=False, crm_url=crm.url)
    terminal = Terminal(app, config)
    qtbot.addWidget(terminal.window)
    terminal.start()
    try:
        label = terminal.window.crm_label
        qtbot.waitUntil(lambda: label.text() == "CRM: online", timeout=10_000)
        monitor = terminal.link_monitor
        assert monitor is not None
        crm.stop()
        monitor.check_now()
        qtbot.waitUntil(lambda: label.text().startswith("CRM: offline since"), timeout=10_000)
        crm.start()
        monitor.check_now()
        qtbot.waitUntil(lambda: label.text() == "CRM: online", timeout=10_000)
    finally:
        terminal.shutdown()


def test_a_manager_enrols_the_running_terminal_from_the_menu_and_it_syncs(
    qtbot: QtBot, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    database = Database.at(url)
    upgrade_to_head(database.engine)
    database.dispose()
    crm = LiveCrm(url).start()
    crm.services.transfer.install_demo(customers=50)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    config = TerminalConfig(
        data_dir=tmp_path / "till",
        crm_url=crm.url,
        staff=(("Marek Kierownik", Role.MANAGER, "999999"),),
        demo=False,
    )
    terminal = Terminal(app, config)
    qtbot.addWidget(terminal.window)
    terminal.start()
    try:
        label = terminal.window.crm_label
        qtbot.waitUntil(lambda: label.text() == "CRM: online", timeout=10_000)  # not enrolled
        open_the_shift(qtbot, terminal, "999999")
        terminal.menu._chosen("sync")  # the Menu's "CRM sync (manager)" button, a manager in
        qtbot.waitUntil(lambda: isinstance(terminal.window.dialog, SyncDialog), timeout=5000)
        sync = terminal.window.dialog
        assert isinstance(sync, SyncDialog)
        sync.code.setText("WRONG-CODE")
        sync.findChild(QPushButton, "enrol").click()  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: "refused the code" in sync.message.text(), timeout=10_000)
        code = crm.services.terminals.create_code_for_shop_named(CLI, "Bistro").code
        sync.code.setText(code)
        sync.findChild(QPushButton, "enrol").click()  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: sync.message.text().startswith("Enrolled"), timeout=20_000)
        qtbot.waitUntil(lambda: label.text() == "CRM: synced", timeout=10_000)
        assert terminal.service is not None
        found = terminal.service.search("a")
        assert found.hits, "the CRM's customers are in the cache"
    finally:
        terminal.shutdown()
        crm.close()


def test_a_pin_is_never_taken_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`ps` shows every process's arguments to every user: --add-staff takes NAME:ROLE and
    the PIN from standard input (a script) or a prompt that does not echo."""
    with pytest.raises(SystemExit):
        parse_args(["--data-dir", str(tmp_path), "--add-staff", "Ewa:manager:123456"])
    error = capsys.readouterr().err
    assert "123456" not in error and "type the PIN when asked" in error
    monkeypatch.setattr("sys.stdin", io.StringIO("246810\n1357\n"))
    config = parse_args(
        ["--data-dir", str(tmp_path), "--add-staff", "Ewa:manager", "--add-staff", "Jan:cashier"]
    ).config
    assert config.staff == (("Ewa", Role.MANAGER, "246810"), ("Jan", Role.CASHIER, "1357"))
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(SystemExit):
        parse_args(["--data-dir", str(tmp_path), "--add-staff", "Ewa:manager"])
    assert "no PIN on standard input" in capsys.readouterr().err


def test_the_terminal_opens_full_screen_unless_windowed(qtbot: QtBot, tmp_path: Path) -> None:
    """Issue 12: it opened as a fixed 1280×800 window, off the edges of a 1024×768 till."""
    assert parse_args(["--data-dir", str(tmp_path)]).config.windowed is False
    assert parse_args(["--data-dir", str(tmp_path), "--windowed"]).config.windowed is True
    for windowed in (False, True):
        window = MainWindow(terminal="Kasa 1", cashier="—")
        qtbot.addWidget(window)
        present(window, windowed=windowed)
        full = bool(window.windowState() & Qt.WindowState.WindowFullScreen)
        assert full is not windowed and window.isVisible()
        if full:  # the screen's size, even where no window manager would give it
            assert window.geometry() == window.screen().geometry()
