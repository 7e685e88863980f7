"""The fiscal printer's own thread: every exchange with the device happens here.

One thread owns the device (as the print queue owns the receipt printer, and a reader its
port): a sale, the start-up reconciliation, a daily report and the status checks are jobs
taken in order, so two exchanges never interleave on the line and a sale never overtakes
the settling of the one before it. `submit` answers at once with a Future. With nothing to
do the thread asks the device's state every `poll` seconds, and after every job, and calls
`on_state` when it changed (the status strip). Nothing here imports Qt.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from hardware.fiscal.port import DeviceState, FiscalDevice

log = logging.getLogger(__name__)
T = TypeVar("T")
Job = Callable[[FiscalDevice], Any]


class FiscalStation:
    def __init__(
        self,
        open_device: Callable[[], FiscalDevice],
        on_state: Callable[[DeviceState], None] = lambda state: None,
        *,
        poll: float = 10.0,
    ) -> None:
        self._open_device, self._on_state, self._poll = open_device, on_state, poll
        self._jobs: queue.Queue[tuple[Job, Future[Any]] | None] = queue.Queue()
        self._device: FiscalDevice | None = None
        self._thread: threading.Thread | None = None
        self.state: DeviceState | None = None  # None: not asked yet

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="fiscal printer", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._jobs.put(None)
        if self._thread is not None:
            self._thread.join(timeout)

    def submit(self, job: Callable[[FiscalDevice], T]) -> Future[T]:
        """Run `job(device)` on the device's thread, after every job submitted before it."""
        future: Future[T] = Future()
        self._jobs.put((job, future))
        return future

    # The device's thread ---------------------------------------------------------------

    def _device_now(self) -> FiscalDevice:
        if self._device is None:
            self._device = self._open_device()
        return self._device

    def _run(self) -> None:
        while True:
            try:
                item = self._jobs.get(timeout=self._poll)
            except queue.Empty:
                self._check()
                continue
            if item is None:
                break
            job, future = item
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(job(self._device_now()))
                except BaseException as error:  # the caller gets it; the thread goes on
                    future.set_exception(error)
            if self._jobs.empty():
                self._check()  # paper out or a report due shows before the next sale
        if self._device is not None:
            self._device.close()

    def _check(self) -> None:
        try:
            state = self._device_now().status()
        except Exception:  # a bug must not end fiscal printing for the day
            log.exception("the fiscal printer's status could not be read")
            state = DeviceState.OFFLINE
        if state != self.state:
            self.state = state
            log.info("fiscal printer: %s", state)
            try:
                self._on_state(state)
            except Exception:
                log.exception("the fiscal status callback failed")
