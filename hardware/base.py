"""What every card reader is: something that owns one thread and calls back.

`start(on_read, on_status)` starts the reader's own thread; the callbacks run on that thread
(the Qt side re-emits them as signals). `stop()` ends the thread and releases the device.
A reader reports its status — connected, disconnected, permission denied, library
missing — as well as its reads, and never raises into its caller's thread.
"""

from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable

from hardware.events import CardRead, ReaderStatus

log = logging.getLogger(__name__)

OnRead = Callable[[CardRead], None]
OnStatus = Callable[[ReaderStatus], None]


class Reader(ABC):
    """A card reader. Subclasses own exactly one thread between `start` and `stop`."""

    @property
    @abstractmethod
    def source(self) -> str:
        """A short name for logs and the status strip (e.g. "serial:/dev/ttyUSB0")."""

    @abstractmethod
    def start(self, on_read: OnRead, on_status: OnStatus) -> None: ...

    @abstractmethod
    def stop(self) -> None: ...


class ThreadedReader(Reader):
    """A reader whose work runs in one daemon thread, named "reader <source>", from `start`
    to `stop`. Subclasses write `_run`, which must return soon after `stopping` is set."""

    STOP_JOIN_SECONDS = 2.0

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()

    def start(self, on_read: OnRead, on_status: OnStatus) -> None:
        if self._thread is not None:
            raise RuntimeError(f"{self.source} is already started")
        self._stopping = threading.Event()
        self._before_start()
        self._thread = threading.Thread(
            target=self._run,
            args=(on_read, on_status, self._stopping),
            name=f"reader {self.source}",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stopping.set()
        self._wake()
        if thread is threading.current_thread():
            return  # stop() from a callback: the loop ends when the callback returns
        thread.join(timeout=self.STOP_JOIN_SECONDS)
        if thread.is_alive():
            log.warning("%s: the reader thread did not end (a callback is blocked?)", self.source)

    def _before_start(self) -> None:
        """Reset per-run state before the thread starts."""

    def _wake(self) -> None:
        """Interrupt a blocking wait so the thread sees `stopping` at once."""

    @abstractmethod
    def _run(self, on_read: OnRead, on_status: OnStatus, stopping: threading.Event) -> None: ...
