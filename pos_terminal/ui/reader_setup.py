"""The card reader sets itself up: from the search's first find to the reader in use.

With no reader set, the app runs the search for one (hardware/search.py) and this flow
hears what it finds. The first card a new device reads, on the sale screen with nothing
else open, asks "Card reader found: NAME — use it?"; "Use it" asks for a manager (the one
signed in, or a PIN), and the manager's choice is audited and saved as `card_reader` in
settings.json (on the database thread, like every file), then the app's `ReaderControl`
stops the search and starts that reader, which grabs the device from then on. "Not now"
leaves that device alone until the next start; Settings → Card reader still offers it.

The flow also chooses which reader status the status strip shows (the reader in use or
the search, before the demo's button) and keeps Settings → Card reader current.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject

from hardware.events import CardRead, ReaderFound, ReaderStatus
from pos_terminal.domain.staff import StaffMember
from pos_terminal.services.terminal import TerminalService
from pos_terminal.settings_file import CARD_READER, save_setting
from pos_terminal.ui.i18n import user_message
from pos_terminal.ui.main_window import MainWindow
from pos_terminal.ui.reader_dialogs import CardReaderDialog, ReaderFoundDialog
from pos_terminal.ui.sale_view import SaleView
from pos_terminal.ui.tasks import TaskRunner

SEARCH_SOURCE = "search"  # hardware.search.SOURCE (the UI may not import the search)
AsManager = Callable[[str, Callable[[StaffMember], None]], None]


class ReaderControl(Protocol):
    """The app's readers, as the UI sees them (pos_terminal/readers.py `CardReaders`)."""

    @property
    def setting(self) -> str | None:
        """The reader in use; None while the terminal looks for one."""

    @property
    def searching(self) -> bool: ...

    def use(self, setting: str) -> None:
        """Stop the search and read cards from this reader alone (it grabs the device)."""


class ReaderSetup(QObject):
    def __init__(
        self,
        window: MainWindow,
        view: SaleView,
        readers: ReaderControl,
        *,
        service: TerminalService,
        runner: TaskRunner,
        data_dir: Path,
        as_manager: AsManager,
    ) -> None:
        super().__init__(view)
        self.window, self.view, self.readers = window, view, readers
        self.service, self.runner, self.data_dir = service, runner, data_dir
        self.as_manager = as_manager
        self.statuses: dict[str, ReaderStatus] = {}  # by source, the latest told last
        self.declined: set[str] = set()  # settings a cashier said "Not now" to, this run
        self.asking: ReaderFoundDialog | None = None
        self.dialog: CardReaderDialog | None = None
        self.name: str | None = None  # the found reader's name, once one is taken

    # --- what the readers and the search tell (on the GUI thread, through the bridge) ---

    def on_status(self, status: ReaderStatus) -> None:
        self.statuses.pop(status.source, None)
        self.statuses[status.source] = status
        shown = self.shown_status()
        if shown is not None:
            self.window.show_reader_status(shown)
        self._refresh()

    def shown_status(self) -> ReaderStatus | None:
        """The search's while it runs; else the reader's that spoke last; the demo's last."""
        if self.readers.searching:
            return self.statuses.get(SEARCH_SOURCE)
        ordered = [s for s in reversed(self.statuses.values()) if s.source != SEARCH_SOURCE]
        real = [s for s in ordered if not s.source.startswith("fake:")]
        shown = real or ordered
        return shown[0] if shown else None

    def on_read(self, read: CardRead) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.show_read(read)

    def on_found(self, found: ReaderFound) -> None:
        if not self.readers.searching:
            return  # told just before the search stopped
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.show_found(found)  # a manager is in Settings already
            return
        window = self.window
        if (
            found.setting in self.declined
            or self.asking is not None
            or window.sale is None
            or window.pages.currentWidget() is not window.sale
            or (window.dialog is not None and window.dialog.isVisible())
        ):
            return  # not now: the device's next card asks again
        self._ask(found)

    # --- asking, and taking the reader ---------------------------------------------------

    def _ask(self, found: ReaderFound) -> None:
        dialog = ReaderFoundDialog(found, self.window)
        self.asking = dialog
        dialog.accepted.connect(
            lambda: self.as_manager(
                self.tr("use this card reader"), lambda manager: self.take(manager, found)
            )
        )
        dialog.rejected.connect(lambda: self.declined.add(found.setting))
        dialog.finished.connect(lambda _result: setattr(self, "asking", None))
        self.window.open_dialog(dialog)

    def take(self, manager: StaffMember, found: ReaderFound) -> None:
        """The manager's choice: audited and saved, then the reader replaces the search."""

        def save() -> None:
            self.service.record_setting(manager, CARD_READER, found.setting, now=datetime.now())
            save_setting(self.data_dir, CARD_READER, found.setting)

        def saved(_: object) -> None:
            self.readers.use(found.setting)
            self.name = found.name
            self._refresh()
            self.view.notice.say(
                self.tr("Card reader set up: {name}. Tap a card to check it.").format(
                    name=found.name
                )
            )

        self.runner.run_db(
            save, saved, lambda error: self.view.notice.say(user_message(error), stays=True)
        )

    # --- Settings → Card reader -----------------------------------------------------------

    def open(self, manager: StaffMember) -> None:
        dialog = CardReaderDialog(self.window)
        self.dialog = dialog
        dialog.use_requested.connect(lambda found: self.take(manager, found))
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self._refresh()
        self.window.open_dialog(dialog)

    def _refresh(self) -> None:
        if self.dialog is None:
            return
        name = None if self.readers.searching else (self.name or self.readers.setting)
        self.dialog.show_reader(name, self.shown_status())
