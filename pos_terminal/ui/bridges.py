"""Callbacks from readers and the CRM link monitor (each on its own thread) as Qt signals
(on the GUI thread)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from hardware.base import Reader
from hardware.events import CardRead, ReaderStatus
from sync.link_state import CrmLink


class ReaderBridge(QObject):
    card_read = Signal(object)  # CardRead
    status_changed = Signal(object)  # ReaderStatus

    def attach(self, reader: Reader) -> None:
        # Emitting from another thread queues the call to this object's (the GUI) thread.
        reader.start(self._on_read, self._on_status)

    def _on_read(self, read: CardRead) -> None:
        self.card_read.emit(read)

    def _on_status(self, status: ReaderStatus) -> None:
        self.status_changed.emit(status)


class LinkBridge(QObject):
    """The CRM link monitor's reports (on its thread) as a signal on the GUI thread."""

    changed = Signal(object)  # CrmLink

    def report(self, link: CrmLink) -> None:
        self.changed.emit(link)
