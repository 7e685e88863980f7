"""Callbacks from readers, the search for a reader and the CRM link monitor (each on its own
thread) as Qt signals (on the GUI thread)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from hardware.base import Reader
from hardware.events import CardRead, ReaderFound, ReaderStatus
from sync.link_state import CrmLink


class ReaderBridge(QObject):
    card_read = Signal(object)  # CardRead
    status_changed = Signal(object)  # ReaderStatus, of a reader or of the search
    found = Signal(object)  # ReaderFound: the search saw a card on a device not yet set up

    def attach(self, reader: Reader) -> None:
        # Emitting from another thread queues the call to this object's (the GUI) thread.
        reader.start(self._on_read, self.report_status)

    def _on_read(self, read: CardRead) -> None:
        self.card_read.emit(read)

    def report_status(self, status: ReaderStatus) -> None:
        self.status_changed.emit(status)

    def report_found(self, found: ReaderFound) -> None:
        self.found.emit(found)


class LinkBridge(QObject):
    """The CRM link monitor's reports (on its thread) as a signal on the GUI thread."""

    changed = Signal(object)  # CrmLink

    def report(self, link: CrmLink) -> None:
        self.changed.emit(link)
