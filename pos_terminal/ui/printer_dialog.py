"""The receipt printer on screen: its state's words, the print queue's reports as signals,
and the Printer page (Settings → Printer, a manager's): where the printer is, the paper's
width, the cash drawer, a test page.

The page sees the printer through `PrinterSetup` (the app passes `pos_terminal.printing.
ThermalPrinter`); the probe's look at /dev and every change run on the database thread,
never here.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hardware.printers.status import (
    JobOutcome,
    JobPhase,
    PrinterCandidate,
    PrinterState,
    PrinterStatus,
)
from pos_terminal.domain.staff import StaffMember
from pos_terminal.services.receipts import Printout
from pos_terminal.services.terminal import TerminalService
from pos_terminal.settings_file import CASH_DRAWER, PAPER_MM, PRINTER, save_setting
from pos_terminal.ui.keypad import Keyboard

Run = Callable[[Callable[[], Any], Callable[[Any], None]], object]


def state_words(state: PrinterState) -> str:
    """The printer's state as the cashier reads it ("paper out")."""
    words = {
        PrinterState.NONE: QCoreApplication.translate("Printer", "none (PDF)"),  # short: the strip
        PrinterState.READY: QCoreApplication.translate("Printer", "ready"),
        PrinterState.PAPER_LOW: QCoreApplication.translate("Printer", "paper low"),
        PrinterState.PAPER_OUT: QCoreApplication.translate("Printer", "paper out"),
        PrinterState.OFFLINE: QCoreApplication.translate("Printer", "offline"),
        PrinterState.NO_PERMISSION: QCoreApplication.translate("Printer", "no permission"),
    }
    return words[state]


def strip_text(status: PrinterStatus) -> str:
    return QCoreApplication.translate("Printer", "Printer: {state}").format(
        state=state_words(status.state)
    )


def needs_attention(status: PrinterStatus) -> bool:
    return status.state in (
        PrinterState.PAPER_OUT, PrinterState.OFFLINE, PrinterState.NO_PERMISSION,
    )  # fmt: skip


class PrinterBridge(QObject):
    """The print queue's callbacks (on its thread) as signals on the GUI thread."""

    status_changed = Signal(object)  # PrinterStatus
    job_done = Signal(object)  # JobOutcome

    def on_status(self, status: PrinterStatus) -> None:
        self.status_changed.emit(status)

    def on_job(self, outcome: JobOutcome) -> None:
        self.job_done.emit(outcome)


class PrintJobs(QObject):
    """The print queue's answers on the GUI thread, for whoever waits for one job.

    `follow(job, callback)` calls back with each answer about that job (WAITING, then
    PRINTED or FAILED) — also those that came before the database thread handed the job's
    number back, which a quick printer does; `outcome` carries every answer."""

    outcome = Signal(object)  # JobOutcome
    KEPT = 64  # answers kept for jobs nobody follows yet

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._early: OrderedDict[int, list[JobOutcome]] = OrderedDict()
        self._followers: dict[int, Callable[[JobOutcome], None]] = {}

    def take(self, outcome: JobOutcome) -> None:
        self.outcome.emit(outcome)
        follower = self._followers.get(outcome.job)
        if follower is None:
            self._early.setdefault(outcome.job, []).append(outcome)
            while len(self._early) > self.KEPT:
                self._early.popitem(last=False)
            return
        if outcome.phase is not JobPhase.WAITING:
            del self._followers[outcome.job]
        follower(outcome)

    def follow(self, job: int, callback: Callable[[JobOutcome], None]) -> None:
        self._followers[job] = callback
        for outcome in self._early.pop(job, []):
            if job in self._followers:
                if outcome.phase is not JobPhase.WAITING:
                    del self._followers[job]
                callback(outcome)


class PrinterSetup(Protocol):
    """What the Printer page needs of the till's printer (`pos_terminal.printing`)."""

    @property
    def status(self) -> PrinterStatus: ...

    def current(self) -> tuple[str, int, bool]: ...

    def change(self, setting: str, paper_mm: int, drawer: bool) -> None: ...

    def candidates(self) -> list[PrinterCandidate]: ...

    def print_test_page(self, when: datetime) -> Printout | None: ...


class PrinterDialog(QDialog):
    save_requested = Signal(str, int, bool)  # setting, paper width, cash drawer
    test_requested = Signal()

    def __init__(
        self,
        current: tuple[str, int, bool],
        found: list[PrinterCandidate],
        status: PrinterStatus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Printer"))
        setting, paper_mm, drawer = current
        layout = QVBoxLayout(self)
        # The form beside its keyboard, the answers under both: it fits a 1024×768 till.
        top = QHBoxLayout()
        form = QVBoxLayout()
        top.addLayout(form, 1)
        layout.addLayout(top, 1)
        self.state = QLabel()
        self.state.setObjectName("printer-state")
        self.state.setWordWrap(True)
        self.show_status(status)
        form.addWidget(self.state)
        self._found_list(form, found)
        hint = QLabel(
            self.tr(
                "A network printer: tcp: and its address (port 9100 unless :PORT follows)."
                " No printer: PDF receipts."
            )
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        form.addWidget(hint)
        self.setting = QLineEdit(setting)
        self.setting.setObjectName("printer-setting")
        self.setting.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setting.setPlaceholderText(
            "usb:/dev/usb/lp0 · tcp:192.168.1.50:9100 · serial:/dev/ttyUSB0"
        )
        form.addWidget(self.setting)
        form.addLayout(self._setting_row())
        form.addLayout(self._options(paper_mm, drawer))
        form.addStretch(1)
        top.addWidget(Keyboard(self.setting))
        self.message = QLabel()
        self.message.setObjectName("printer-message")
        self.message.setWordWrap(True)
        self.message.setProperty("role", "warning")
        form.addWidget(self.message)
        buttons = QHBoxLayout()
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        self.test_button = test = QPushButton(self.tr("Print a test page"))
        test.setObjectName("printer-test")
        test.clicked.connect(self.test_requested.emit)
        self.save_button = save = QPushButton(self.tr("Save"))
        save.setObjectName("printer-save")
        save.setProperty("role", "primary")
        save.clicked.connect(self._save)
        for button in (close, test, save):
            buttons.addWidget(button)
        layout.addLayout(buttons)

    def _found_list(self, form: QVBoxLayout, found: list[PrinterCandidate]) -> None:
        heading = QLabel(self.tr("Found on this computer (tap to choose):"))
        heading.setWordWrap(True)
        form.addWidget(heading)
        self.found = QListWidget()
        self.found.setObjectName("printers-found")
        # Ignored: a long device name is cut in the list, never widens the dialog off screen.
        self.found.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        for candidate in found:
            item = QListWidgetItem(f"{candidate.name}   {candidate.setting}")
            item.setData(Qt.ItemDataRole.UserRole, candidate.setting)
            self.found.addItem(item)
        if not found:
            self.found.addItem(self.tr("No USB or serial printer found."))
        self.found.setMaximumHeight(104)
        self.found.itemClicked.connect(self._pick)
        form.addWidget(self.found)

    def _options(self, paper_mm: int, drawer: bool) -> QGridLayout:
        options = QGridLayout()
        self.paper: dict[int, QPushButton] = {}
        for column, width in enumerate((80, 58)):
            button = QPushButton(self.tr("{width} mm paper").format(width=width))
            button.setObjectName(f"paper-{width}")
            button.setCheckable(True)
            button.setChecked(width == paper_mm)
            button.clicked.connect(lambda _=False, w=width: self._choose_paper(w))
            options.addWidget(button, 0, column)
            self.paper[width] = button
        self.drawer = QPushButton(self.tr("Cash drawer on the printer"))
        self.drawer.setObjectName("cash-drawer")
        self.drawer.setCheckable(True)
        self.drawer.setChecked(drawer)
        options.addWidget(self.drawer, 1, 0, 1, 2)
        return options

    def _setting_row(self) -> QHBoxLayout:
        row = QHBoxLayout()  # the keyboard has no ":": the network printer's prefix is a tap
        network = QPushButton(self.tr("Network printer"))
        network.setObjectName("printer-network")
        network.clicked.connect(lambda: self.setting.setText("tcp:"))
        none = QPushButton(self.tr("No printer"))
        none.setObjectName("printer-none")
        none.clicked.connect(self.setting.clear)
        row.addWidget(network)
        row.addWidget(none)
        return row

    def show_status(self, status: PrinterStatus) -> None:
        text = strip_text(status)
        if status.setting:
            text += f"  ({status.setting})"
        self.state.setText(text)
        self.state.setToolTip(status.detail)

    def _pick(self, item: QListWidgetItem) -> None:
        setting = item.data(Qt.ItemDataRole.UserRole)
        if setting:
            self.setting.setText(str(setting))

    def _choose_paper(self, width: int) -> None:
        for each, button in self.paper.items():
            button.setChecked(each == width)

    def paper_mm(self) -> int:
        return next((w for w, button in self.paper.items() if button.isChecked()), 80)

    def _save(self) -> None:
        self.save_requested.emit(
            self.setting.text().strip(), self.paper_mm(), self.drawer.isChecked()
        )


class PrinterFlow(QObject):
    """Opens the Printer page for a manager; saving changes the running printer at once,
    writes settings.json and audits each value (all on the database thread)."""

    def __init__(
        self,
        setup: PrinterSetup,
        service: TerminalService,
        data_dir: Path,
        *,
        run: Run,
        open_dialog: Callable[[QDialog], None],
        status_changed: SignalInstance | None = None,
    ) -> None:
        super().__init__()
        self.setup, self.service, self.data_dir = setup, service, data_dir
        self._run, self._open_dialog = run, open_dialog
        self.status_changed = status_changed

    def open(self, manager: StaffMember, parent: QWidget) -> None:
        self._run(self.setup.candidates, lambda found: self._show(manager, found, parent))

    def _show(self, manager: StaffMember, found: list[PrinterCandidate], parent: QWidget) -> None:
        dialog = PrinterDialog(self.setup.current(), found, self.setup.status, parent)
        if self.status_changed is not None:
            self.status_changed.connect(dialog.show_status)

        def save(setting: str, paper_mm: int, drawer: bool) -> None:
            def work() -> str | None:
                try:
                    self.setup.change(setting, paper_mm, drawer)
                except ValueError as error:
                    return str(error)
                values = {PRINTER: setting, PAPER_MM: paper_mm, CASH_DRAWER: drawer}
                for key, value in values.items():
                    self.service.record_setting(manager, key, value, now=datetime.now())
                    save_setting(self.data_dir, key, value)
                return None

            def done(problem: str | None) -> None:
                if problem is None:
                    dialog.message.setText(self.tr("Saved: the printer is used from now on."))
                else:
                    dialog.message.setText(
                        self.tr("That printer setting is not valid: {reason}").format(
                            reason=problem
                        )
                    )

            self._run(work, done)

        def test() -> None:
            def done(printout: Printout | None) -> None:
                dialog.message.setText(
                    self.tr("No printer is set: save one first.")
                    if printout is None
                    else self.tr("A test page was sent to the printer.")
                )

            self._run(lambda: self.setup.print_test_page(datetime.now()), done)

        dialog.save_requested.connect(save)
        dialog.test_requested.connect(test)
        self._open_dialog(dialog)
