"""A reader with no device: reads are pushed in by code (demo mode, tests, development)."""

from __future__ import annotations

import queue
import threading
from datetime import datetime

from hardware.base import OnRead, OnStatus, Reader
from hardware.events import CardRead, ReaderState, ReaderStatus
from loyalty.card_codes import normalise_code


class FakeReader(Reader):
    """Behaves like a real reader (own thread, callbacks on it) for codes given to `tap`."""

    def __init__(self, name: str = "demo") -> None:
        self._name = name
        self._taps: queue.Queue[str | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    @property
    def source(self) -> str:
        return f"fake:{self._name}"

    def tap(self, text: str) -> None:
        """Present a card, as if it were held to the reader."""
        self._taps.put(text)

    def start(self, on_read: OnRead, on_status: OnStatus) -> None:
        def run() -> None:
            on_status(ReaderStatus(self.source, ReaderState.CONNECTED))
            while (text := self._taps.get()) is not None:
                try:
                    code = normalise_code(text)
                except ValueError:
                    continue  # like a real reader: noise is dropped, not reported
                on_read(CardRead(self.source, code, text.encode(), datetime.now()))
            on_status(ReaderStatus(self.source, ReaderState.DISCONNECTED))

        self._thread = threading.Thread(target=run, name=self.source, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self._taps.put(None)
            self._thread.join(timeout=2)
            self._thread = None
