"""Running store work off the GUI thread, and getting the answer back on it.

Anki's pattern: one database thread runs every use-case (each in its own unit of work), so
SQL never blocks the screen and writes never contend; results and errors come back to the
GUI thread through a queued signal. `wait_idle()` lets tests and the self-test wait.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal, Slot

T = TypeVar("T")
log = logging.getLogger(__name__)


class TaskRunner(QObject):
    _finished = Signal(object)  # (callback, value) pairs, delivered on the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db")
        self._pending = 0
        self._lock = threading.Lock()
        self._idle = threading.Event()
        self._idle.set()
        self._closed = False
        self._finished.connect(self._deliver)

    def run_db(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Future[T]:
        """Run `work` on the database thread; call back on the GUI thread."""
        return self.follow(self._db.submit(work), on_done, on_error)

    def follow(
        self,
        future: Future[T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Future[T]:
        """Call back on the GUI thread when `future` (work on another thread that owns its
        device, e.g. the fiscal printer's) is done; counted as busy until then."""
        with self._lock:
            self._pending += 1
            self._idle.clear()

        def finished(done: Future[T]) -> None:
            error = done.exception()
            if error is not None:
                if on_error is None:
                    log.error("background task failed", exc_info=error)
                callback: Callable[[Any], None] | None = on_error
                value: Any = error
            else:
                callback, value = on_done, done.result()
            self._finished.emit((callback, value))

        future.add_done_callback(finished)
        return future

    @Slot(object)
    def _deliver(self, item: tuple[Callable[[Any], None] | None, Any]) -> None:
        callback, value = item
        try:
            # After shutdown the screens these callbacks update may be gone.
            if callback is not None and not self._closed:
                callback(value)
        finally:
            with self._lock:
                self._pending -= 1
                if self._pending == 0:
                    self._idle.set()

    @property
    def busy(self) -> bool:
        return not self._idle.is_set()

    def shutdown(self) -> None:
        self._db.shutdown(wait=True)
        self._closed = True
