"""What every card reader is: something that owns one thread and calls back.

`start(on_read, on_status)` starts the reader's own thread; the callbacks run on that thread
(the Qt side re-emits them as signals). `stop()` ends the thread and releases the device.
A reader reports its status — connected, disconnected, permission denied, library
missing — as well as its reads, and never raises into its caller's thread.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable

from hardware.events import CardRead, ReaderStatus

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
