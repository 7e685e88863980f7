"""Settings, behind a manager's PIN: the language, the amount limits, the card-read beep, and
the card reader (its own dialog, ui/reader_setup.py).

Each change is written to the settings file (`settings_file.py`) and audited with the
manager who made it, off the GUI thread; the limits and the beep take effect at once,
the language at the next start.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

from pos_terminal.domain.amount_limits import AmountLimits
from pos_terminal.domain.staff import StaffMember
from pos_terminal.services.terminal import TerminalService
from pos_terminal.settings_file import CARD_BEEP, load_settings, save_setting
from pos_terminal.ui.main_window import MainWindow
from pos_terminal.ui.manager_dialogs import SettingsDialog
from pos_terminal.ui.sale_view import SaleView

Run = Callable[[Callable[[], Any], Callable[[Any], None]], None]


class SettingsFlow(QObject):
    def __init__(
        self, service: TerminalService, view: SaleView, window: MainWindow, data_dir: Path, run: Run
    ) -> None:
        super().__init__(view)
        self.service, self.view, self.window = service, view, window
        self.data_dir, self._run = data_dir, run
        self.printer: Callable[[StaffMember], None] | None = None  # the app's PrinterFlow
        self.card_reader: Callable[[StaffMember], None] | None = None  # the app's ReaderSetup

    def open(self, manager: StaffMember) -> None:
        # The settings file is read off the GUI thread, like every other I/O.
        self._run(lambda: load_settings(self.data_dir), lambda now: self._show(manager, now))

    def _save(self, manager: StaffMember, values: dict[str, object]) -> None:
        """On the database thread: audited, then written."""
        for key, value in values.items():
            self.service.record_setting(manager, key, value, now=datetime.now())
            save_setting(self.data_dir, key, value)

    def _show(self, manager: StaffMember, settings: dict[str, Any]) -> None:
        dialog = SettingsDialog(
            str(settings.get("language", "pl")),
            self.service.amount_limits,
            self.window,
            beep=bool(settings.get(CARD_BEEP, False)),
        )

        def limits_chosen(limits: AmountLimits) -> None:
            values: dict[str, object] = {
                "tender_limit_minor": limits.tender.minor,
                "float_limit_minor": limits.cash_float.minor,
            }

            def save() -> None:
                self._save(manager, values)
                self.service.amount_limits = limits  # at once, for every later tender and float

            self._run(save, lambda _: self.view.notice.say(self.tr("The limits are saved.")))

        def language_chosen(code: str) -> None:
            self._run(
                lambda: self._save(manager, {"language": code}),
                lambda _: self.view.notice.say(
                    self.tr("The language changes at the next start of the terminal.")
                ),
            )

        def beep_chosen(on: bool) -> None:
            self.view.card_beep = on  # the next card read already
            self._run(lambda: self._save(manager, {CARD_BEEP: on}), lambda _: None)

        dialog.limits_chosen.connect(limits_chosen)
        dialog.language_chosen.connect(language_chosen)
        dialog.beep_chosen.connect(beep_chosen)
        printer = self.printer
        if printer is None:
            dialog.printer.hide()
        else:

            def printer_requested() -> None:
                dialog.accept()
                printer(manager)

            dialog.printer_requested.connect(printer_requested)
        card_reader = self.card_reader
        if card_reader is None:
            dialog.card_reader.hide()
        else:

            def reader_requested() -> None:
                dialog.accept()
                card_reader(manager)

            dialog.reader_requested.connect(reader_requested)
        self.window.open_dialog(dialog)
