"""One thread that owns a CRM client, woken early on request and stopped in order: what
the link monitor and the sync engine share (Electrum's one thread per device)."""

from __future__ import annotations

import threading

from sync.client import CrmClient
from sync.priority import give_way


class Worker:
    """Subclasses implement `_run`, waiting on `_wake` between rounds and ending when
    `_stopping` is set; the client is theirs alone and closed on `stop`."""

    STOP_JOIN_SECONDS = 15.0
    THREAD_NAME = "crm"

    def __init__(self, client: CrmClient) -> None:
        self._client = client
        self._wake, self._stopping = threading.Event(), threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError(f"{self.THREAD_NAME} is already started")
        self._thread = threading.Thread(
            target=self._run_given_way, name=self.THREAD_NAME, daemon=True
        )
        self._thread.start()

    def wake(self) -> None:
        """Run the next round now instead of after the wait."""
        self._wake.set()

    def stop(self) -> None:
        thread, self._thread = self._thread, None
        self._stopping.set()
        self._wake.set()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=self.STOP_JOIN_SECONDS)
        self._client.close()

    def _sleep(self, seconds: float) -> None:
        """Wait until the next round: `seconds`, or less if woken or stopped."""
        self._wake.wait(seconds)
        self._wake.clear()

    def _run_given_way(self) -> None:
        give_way()  # the cashier's threads first (sync/priority.py)
        self._run()

    def _run(self) -> None:
        raise NotImplementedError
