"""The card reader sets itself up, in the running terminal: the search's find, the question,
a manager's confirmation, the setting saved, the device grabbed; Settings → Card reader.

Real widgets, the real search and readers; the devices are a fake /dev/input (pipe-backed,
real `evdev.InputEvent`s: there is no uinput here) and real pseudo-terminals.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
import serial  # type: ignore[import-untyped]
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from hardware.base import Reader
from hardware.evdev_reader import EvdevWedgeReader
from hardware.events import CardRead, ReaderFound, ReaderState, ReaderStatus
from hardware.framers import rdm6300_frame
from hardware.registry import parse_reader_spec
from hardware.search import ReaderSearch
from hardware.serial_reader import SerialCandidate
from pos_terminal.app import Terminal
from pos_terminal.config import TerminalConfig
from pos_terminal.domain.amount_limits import DEFAULT_LIMITS
from pos_terminal.domain.staff import Role
from pos_terminal.launch import parse_args
from pos_terminal.readers import CardReaders, build_from_setting
from pos_terminal.ui.login_view import OpenShiftDialog
from pos_terminal.ui.main_window import DIALOG_HEIGHT, DIALOG_WIDTH, MainWindow
from pos_terminal.ui.manager_dialogs import ManagerPinDialog, SettingsDialog
from pos_terminal.ui.reader_dialogs import CardReaderDialog, ReaderFoundDialog
from tests.hardware.fakes import FakeDevice as PtyDevice
from tests.hardware_wedge.fakes import T0, FakeInput, Spec, input_events

CARD = "0006547886"
CARD2 = "0008844356"
READER = "/fake/input/event5"
KEYBOARD = "/fake/input/event2"
SECOND = "/fake/input/event9"
MANAGER_PIN, CASHIER_PIN = "999999", "1111"
WAIT = 5000


class Till:
    """A terminal whose readers see the fake devices, with what its readers sent."""

    def __init__(self, qtbot: QtBot, data_dir: Path, world: FakeInput) -> None:
        self.qtbot, self.world = qtbot, world
        self.stopped = False
        self.ports: list[SerialCandidate] = []
        self.reads: list[CardRead] = []
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        config = TerminalConfig(
            data_dir=data_dir,
            demo=False,
            staff=(
                ("Marek Kierownik", Role.MANAGER, MANAGER_PIN),
                ("Anna Kasjerka", Role.CASHIER, CASHIER_PIN),
            ),
        )
        readers = CardReaders(
            self._settings_of(data_dir),
            build=self._build,
            search=lambda: ReaderSearch(
                open_device=world.open,
                list_devices=world.list,
                list_ports=lambda: list(self.ports),
                input_by_id=str(data_dir / "no-links"),
                serial_by_id=str(data_dir / "no-links"),
                rescan=0.05,
                select_timeout=0.05,
            ),
        )
        self.terminal = Terminal(app, config, card_readers=readers)
        qtbot.addWidget(self.terminal.window)
        self.terminal.window.resize(1024, 768)
        self.terminal.window.show()
        self.terminal.bridge.card_read.connect(self.reads.append)
        self.terminal.start()

    @staticmethod
    def _settings_of(data_dir: Path) -> tuple[str, ...]:
        """What the terminal would start with: `card_reader` from settings.json."""
        return parse_args(["--data-dir", str(data_dir)]).config.readers

    def _build(self, setting: str) -> Reader:
        """The registry's readers; evdev ones look at the fake /dev/input."""
        spec = parse_reader_spec(setting)
        if spec.kind != "evdev":
            return build_from_setting(setting)
        return EvdevWedgeReader(
            vid_pid=spec.target,
            open_device=self.world.open,
            list_devices=self.world.list,
            poll_interval=0.05,
            select_timeout=0.05,
        )

    @property
    def window(self) -> MainWindow:
        return self.terminal.window

    def sign_in(self, pin: str) -> None:
        """The PIN pad signs in once the PIN's length is reached; then the cash float."""
        qtbot, terminal = self.qtbot, self.terminal
        qtbot.waitUntil(
            lambda: terminal.session is not None and terminal.session.login.lengths.complete,
            timeout=WAIT,
        )
        assert terminal.session is not None
        terminal.session.login.pin.setText(pin)

        def selling() -> bool:
            window = self.window
            return window.sale is not None and window.pages.currentWidget() is window.sale

        qtbot.waitUntil(
            lambda: selling() or isinstance(self.window.dialog, OpenShiftDialog), timeout=WAIT
        )
        dialog = self.window.dialog
        if isinstance(dialog, OpenShiftDialog) and dialog.isVisible():  # no shift open yet
            dialog.amount.setText("0,00")
            dialog.ok.click()
        qtbot.waitUntil(selling, timeout=WAIT)

    def strip(self) -> str:
        return str(self.window.reader_label.text())

    def settings_file(self) -> dict[str, object]:
        path = self.terminal.config.data_dir / "settings.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    def shutdown(self) -> None:
        if not self.stopped:
            self.stopped = True
            self.terminal.shutdown()


@pytest.fixture
def world() -> Iterator[FakeInput]:
    fake = FakeInput()
    yield fake
    fake.close_all()


@pytest.fixture
def till(qtbot: QtBot, tmp_path: Path, world: FakeInput) -> Iterator[Callable[[], Till]]:
    started: list[Till] = []

    def start() -> Till:
        started.append(Till(qtbot, tmp_path / "till", world))
        return started[-1]

    yield start
    for one in started:
        one.shutdown()


@pytest.fixture
def ptys() -> Iterator[Callable[[], PtyDevice]]:
    made: list[PtyDevice] = []

    def make() -> PtyDevice:
        made.append(PtyDevice())
        return made[-1]

    yield make
    for device in made:
        device.unplug()


def click(dialog: object, name: str) -> None:
    button = dialog.findChild(QPushButton, name)  # type: ignore[attr-defined]
    assert button is not None, name
    button.click()


def test_the_first_tap_asks_a_manager_once_then_the_reader_is_grabbed_and_kept(
    qtbot: QtBot, world: FakeInput, till: Callable[[], Till]
) -> None:
    world.specs[KEYBOARD] = Spec(name="Logitech USB Keyboard", vendor=0x046D, product=0xC31C)
    world.specs[READER] = Spec()
    first = till()
    first.sign_in(CASHIER_PIN)
    qtbot.waitUntil(lambda: first.strip() == "Reader: looking for one", timeout=WAIT)
    watched = world.latest(READER)
    watched.push(input_events(CARD))
    qtbot.waitUntil(lambda: isinstance(first.window.dialog, ReaderFoundDialog), timeout=WAIT)
    question = first.window.dialog
    assert isinstance(question, ReaderFoundDialog)
    shown = question.findChild(type(question.read), "reader-question")
    assert shown is not None
    assert shown.text() == f"Card reader found: {Spec().name} — use it?"
    assert question.read.text() == f"It read card {CARD}."
    # The same tap typed through the keyboard (the device is not grabbed yet) is this
    # dialog's: it neither closes it nor looks a customer up.
    presenter = first.terminal.presenter
    assert presenter is not None
    first.window.on_card_read(CardRead("keyboard", CARD, CARD.encode(), datetime.now()), presenter)
    assert question.isVisible()
    assert watched.grab_calls == 0

    click(question, "use-reader")
    qtbot.waitUntil(lambda: isinstance(first.window.dialog, ManagerPinDialog), timeout=WAIT)
    pin = first.window.dialog
    assert isinstance(pin, ManagerPinDialog)
    pin.pin.setText(MANAGER_PIN)
    click(pin, "manager-ok")
    qtbot.waitUntil(lambda: first.strip() == "Reader: connected", timeout=WAIT)
    assert first.settings_file()["card_reader"] == "evdev:ffff:0035"
    grabbed = world.latest(READER)
    assert grabbed.grabbed and watched.closed, "the search let go, the reader grabbed it"
    notice = first.window.sale.notice.text.text()  # type: ignore[union-attr]
    assert notice == f"Card reader set up: {Spec().name}. Tap a card to check it."
    service = first.terminal.service
    assert service is not None
    audited = [e for e in service.audit_recent() if e.action == "setting.changed"]
    assert audited[0].target == "card_reader" and audited[0].actor_name == "Marek Kierownik"
    assert audited[0].details == {"value": "evdev:ffff:0035"}

    grabbed.push(input_events(CARD2, start=T0 + 5))
    qtbot.waitUntil(lambda: any(r.code == CARD2 for r in first.reads), timeout=WAIT)
    assert first.reads[-1].source == "evdev:ffff:0035"

    world.specs[SECOND] = Spec(vendor=0x08FF, product=0x0009)  # another reader, plugged later
    qtbot.wait(300)
    assert world.opens_of(SECOND, since=0) == 0, "a reader is set: nothing else is watched"
    first.shutdown()
    assert grabbed.closed

    again = till()  # the next start takes the saved reader: no search, no question
    assert again.terminal.card_readers.searching is False
    again.sign_in(CASHIER_PIN)
    qtbot.waitUntil(lambda: again.strip() == "Reader: connected", timeout=WAIT)
    assert world.latest(READER).grabbed


def test_not_now_leaves_that_device_alone_and_a_reader_plugged_in_later_is_asked_about(
    qtbot: QtBot, world: FakeInput, till: Callable[[], Till], ptys: Callable[[], PtyDevice]
) -> None:
    """A barcode scanner typing digits is found too: "Not now" and it is not asked about
    again. A serial RDM6300 plugged in later is; a manager signed in confirms by saying yes."""
    world.specs[READER] = Spec(name="Barcode Scanner", vendor=0x05E0, product=0x1200)
    one = till()
    one.sign_in(MANAGER_PIN)
    qtbot.waitUntil(lambda: one.strip() == "Reader: looking for one", timeout=WAIT)
    scanner = world.latest(READER)
    scanner.push(input_events("5901234123457"))
    qtbot.waitUntil(lambda: isinstance(one.window.dialog, ReaderFoundDialog), timeout=WAIT)
    question = one.window.dialog
    assert isinstance(question, ReaderFoundDialog)
    question.reject()  # "Not now"
    scanner.push(input_events("5901234123457", start=T0 + 5))
    qtbot.wait(300)
    assert not (one.window.dialog and one.window.dialog.isVisible()), "asked once"

    rdm = ptys()
    one.ports.append(SerialCandidate(rdm.path, "1a86:7523", "USB Serial"))
    qtbot.waitUntil(
        lambda: "1 USB serial port(s)" in one.window.reader_label.toolTip(), timeout=WAIT
    )
    rdm.write(rdm6300_frame("100086F444"))
    declined = question
    qtbot.waitUntil(lambda: one.window.dialog is not declined, timeout=WAIT)
    question = one.window.dialog
    assert isinstance(question, ReaderFoundDialog) and question.isVisible()
    assert question.found.name == f"USB Serial ({rdm.path})"
    click(question, "use-reader")  # a manager is signed in: no PIN asked
    setting = f"serial:{rdm.path}?framer=rdm6300"
    qtbot.waitUntil(lambda: one.settings_file().get("card_reader") == setting, timeout=WAIT)
    qtbot.waitUntil(lambda: one.strip() == "Reader: connected", timeout=WAIT)
    qtbot.wait(100)
    rdm.write(rdm6300_frame("010063E9AE"))
    qtbot.waitUntil(lambda: any(r.code == CARD for r in one.reads), timeout=WAIT)
    assert one.reads[-1].source == f"serial:{rdm.path}"
    assert scanner.closed and scanner.grab_calls == 0, "the scanner is left to the screen"


def test_settings_card_reader_says_how_to_grant_access_tests_a_tap_and_takes_a_find(
    qtbot: QtBot, world: FakeInput, till: Callable[[], Till], tmp_path: Path
) -> None:
    world.specs[READER] = Spec(denied=True)  # no udev rule yet: nothing may be opened
    one = till()
    one.sign_in(MANAGER_PIN)
    qtbot.waitUntil(lambda: one.strip() == "Reader: no permission", timeout=WAIT)
    assert "70-pos-card-reader.rules" in one.window.reader_label.toolTip()
    one.terminal.menu._chosen("settings")  # the Menu's "Settings (manager)", a manager in
    qtbot.waitUntil(lambda: isinstance(one.window.dialog, SettingsDialog), timeout=WAIT)
    click(one.window.dialog, "card-reader")
    qtbot.waitUntil(lambda: isinstance(one.window.dialog, CardReaderDialog), timeout=WAIT)
    dialog = one.window.dialog
    assert isinstance(dialog, CardReaderDialog)
    assert dialog.reader.text().startswith("No card reader is set up")
    assert dialog.state.text() == "State: no permission"
    assert dialog.access.isVisible()
    assert "udev rule 70-pos-card-reader.rules" in dialog.access.text()
    assert "through the keyboard" in dialog.access.text()
    assert dialog.test.text() == "Tap a card to test."
    dialog.grab().save(str(tmp_path / "card-reader-denied.png"))

    # Meanwhile the reader types as a keyboard: the Qt fallback reads the burst.
    close = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Close")
    dialog.activateWindow()
    close.setFocus()
    qtbot.waitUntil(close.hasFocus, timeout=WAIT)
    for char in CARD:
        QTest.keyClicks(close, char)
    QTest.keyClick(close, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.test.text() == f"Card {CARD} read.", timeout=WAIT)
    assert "typed as a keyboard" in dialog.tested.text()
    assert dialog.isVisible(), "a test tap is the dialog's, not a customer's"

    world.specs[READER].denied = False  # the rule installed, the reader plugged in again
    qtbot.waitUntil(lambda: dialog.state.text() == "State: looking for a reader", timeout=WAIT)
    assert not dialog.access.isVisible()
    world.latest(READER).push(input_events(CARD2, start=T0 + 9))
    qtbot.waitUntil(dialog.use.isVisible, timeout=WAIT)
    assert dialog.found_label.text() == f"Found: {Spec().name}, which read card {CARD2}."
    dialog.use.click()
    qtbot.waitUntil(lambda: dialog.state.text() == "State: connected", timeout=WAIT)
    assert dialog.reader.text() == f"Reader: {Spec().name}"
    assert not dialog.use.isVisible()
    assert one.settings_file()["card_reader"] == "evdev:ffff:0035"
    world.latest(READER).push(input_events(CARD, start=T0 + 20))
    qtbot.waitUntil(lambda: "from evdev:ffff:0035" in dialog.tested.text(), timeout=WAIT)
    assert dialog.test.text() == f"Card {CARD} read."


def test_the_settings_and_card_reader_dialogs_fit_the_till(qtbot: QtBot) -> None:
    settings = SettingsDialog("pl", DEFAULT_LIMITS)
    qtbot.addWidget(settings)
    reader = CardReaderDialog()
    qtbot.addWidget(reader)
    reader.show_reader(None, ReaderStatus("search", ReaderState.PERMISSION_DENIED, "x " * 200))
    reader.show_found(ReaderFound("evdev:ffff:0035", "A" * 120, CARD, datetime.now()))
    for dialog in (settings, reader):
        dialog.resize(DIALOG_WIDTH, DIALOG_HEIGHT)
        dialog.show()
        hint = dialog.layout().totalHeightForWidth(DIALOG_WIDTH)  # type: ignore[union-attr]
        assert hint <= DIALOG_HEIGHT, (type(dialog).__name__, hint)


def test_the_search_leaves_the_receipt_printers_serial_port_alone(
    qtbot: QtBot, tmp_path: Path, ptys: Callable[[], PtyDevice]
) -> None:
    """A USB-serial receipt printer is a USB serial port too: the search must not take it."""
    printer, reader = ptys(), ptys()
    link = tmp_path / "usb-printer-if00-port0"  # as /dev/serial/by-id names it
    link.symlink_to(printer.path)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    config = TerminalConfig(data_dir=tmp_path / "till", demo=False, printer=f"serial:{link}")
    terminal = Terminal(app, config)
    qtbot.addWidget(terminal.window)
    search = ReaderSearch(
        ignore=terminal.printer_ports,
        list_ports=lambda: [
            SerialCandidate(printer.path, "0416:5011", "POS58 Printer"),
            SerialCandidate(reader.path, "1a86:7523", "USB Serial"),
        ],
        open_device=FakeInput().open,
        list_devices=list,
        rescan=0.05,
        select_timeout=0.05,
    )
    statuses: list[str] = []
    search.start(lambda found: None, lambda status: statuses.append(status.detail))
    try:
        assert terminal.printer_ports() == {str(link), printer.path}
        qtbot.waitUntil(lambda: any("1 USB serial port(s)" in s for s in statuses), timeout=WAIT)
        serial.Serial(printer.path, 9600, exclusive=True).close()  # free: not taken
        with pytest.raises(serial.SerialException):
            serial.Serial(reader.path, 9600, exclusive=True)  # watched by the search
    finally:
        search.stop()
        terminal.shutdown()
    no_printer = Terminal(app, TerminalConfig(data_dir=tmp_path / "other", demo=False))
    qtbot.addWidget(no_printer.window)
    assert no_printer.printer_ports() == set()
    no_printer.shutdown()
