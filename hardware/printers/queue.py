"""The print queue: jobs go to the printer on a thread of its own, so closing a bill never
waits for paper, a cable or the network.

`submit` returns at once with the job's number. The thread takes the jobs in order — a
drawer kick first, the cashier is holding the change — and for each asks the printer how it
is (DLE EOT): ready, it sends the bytes and reports the job PRINTED; paper out, offline or
unreachable, it reports the job WAITING once and tries again after 0.5 s, 1 s, 2 s … (at
most `retry_max`), until the job's patience runs out, and then reports it FAILED (the bill
is stored: the cashier reprints it from the Menu). With nothing to print it asks the
printer every `poll` seconds, so the status strip shows paper out or a pulled cable before
the next bill. A job that failed part way is sent again whole: a receipt cut short by an
empty roll prints again once the roll is changed.

Callbacks run on the queue's thread (`on_status` only when the state changes); the Qt side
re-emits them as signals. Nothing here imports Qt.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hardware.printers.spec import PrinterSpec, parse_printer_spec
from hardware.printers.status import (
    NO_PRINTER,
    STATUS_TIMEOUT,
    JobKind,
    JobOutcome,
    JobPhase,
    PrinterState,
    PrinterStatus,
)

if TYPE_CHECKING:
    from hardware.printers.connection import PrinterConnection

log = logging.getLogger(__name__)

OnStatus = Callable[[PrinterStatus], None]
OnJob = Callable[[JobOutcome], None]

# How long a job may wait for the printer (s). A receipt is worth printing while the
# customer is still at the counter; a drawer that sprang open minutes later, unattended,
# would be worse than one that did not open.
PATIENCE = {
    JobKind.RECEIPT: 120.0,
    JobKind.DUPLICATE: 120.0,
    JobKind.REPORT: 300.0,
    JobKind.TEST: 30.0,
    JobKind.DRAWER: 15.0,
}


@dataclass(eq=False, slots=True)
class _Job:
    id: int
    kind: JobKind
    label: str
    payload: bytes
    expires: float
    told: bool = False  # WAITING was reported


class PrintQueue:
    def __init__(
        self,
        on_status: OnStatus,
        on_job: OnJob,
        *,
        poll: float = 5.0,
        retry_min: float = 0.5,
        retry_max: float = 4.0,
        timeout: float = STATUS_TIMEOUT,
        drawer_pin: int = 2,
        profile: str | None = None,
        patience: dict[JobKind, float] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._on_status, self._on_job = on_status, on_job
        self._poll, self._retry_min, self._retry_max = poll, retry_min, retry_max
        self._timeout, self._profile = timeout, profile
        self.drawer_pin = drawer_pin
        self._patience = {**PATIENCE, **(patience or {})}
        self._clock = clock
        self._jobs: deque[_Job] = deque()
        self._ids = itertools.count(1)
        self._wake = threading.Condition()
        self._spec: PrinterSpec | None = None
        self._changed = False  # a new setting waits for the thread
        self._stopping = False
        self._connection: PrinterConnection | None = None
        self._status = NO_PRINTER
        self._thread: threading.Thread | None = None

    # Any thread -------------------------------------------------------------------------

    @property
    def status(self) -> PrinterStatus:
        return self._status

    @property
    def configured(self) -> bool:
        return self._spec is not None

    def configure(self, setting: str | None) -> None:
        """Use this printer from the next job on (None or "": no printer). A bad setting
        raises ValueError and changes nothing."""
        spec = parse_printer_spec(setting) if setting else None
        with self._wake:
            self._spec, self._changed = spec, True
            self._wake.notify()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="print queue", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        with self._wake:
            self._stopping = True
            self._wake.notify()
        if self._thread is not None:
            self._thread.join(timeout)
        if self._jobs:
            log.warning(
                "%d print jobs were not printed before the terminal stopped", len(self._jobs)
            )

    def submit(self, kind: JobKind, label: str, payload: bytes = b"") -> int:
        """Queue a job (a drawer kick carries no payload); its number, for its outcome."""
        with self._wake:
            job = _Job(next(self._ids), kind, label, payload, self._clock() + self._patience[kind])
            if kind is JobKind.DRAWER:
                self._jobs.appendleft(job)  # the cashier is waiting to give change
            else:
                self._jobs.append(job)
            self._wake.notify()
        return job.id

    # The queue's thread -----------------------------------------------------------------

    def _sleep(self, seconds: float | None) -> None:
        with self._wake:
            if not self._stopping and not self._changed:
                self._wake.wait(seconds)

    def _run(self) -> None:
        backoff = self._retry_min
        while True:
            with self._wake:
                if self._stopping:
                    break
                if self._changed:
                    self._changed = False
                    self._close()
                    self._connection = None
                    spec = self._spec
                    if spec is None:
                        self._report_status(NO_PRINTER)
                    backoff = self._retry_min
                job = self._jobs[0] if self._jobs else None
                spec = self._spec
            try:
                if spec is None:
                    if job is not None:
                        self._finish(job, JobPhase.FAILED, "no printer is set")
                    else:
                        self._sleep(None)
                    continue
                if job is None:
                    self._check(spec)
                    self._sleep(self._poll)
                    continue
                if self._clock() >= job.expires:
                    self._finish(job, JobPhase.FAILED, self._status.detail or "not printed in time")
                    continue
                if self._check(spec).prints and self._deliver(job):
                    backoff = self._retry_min
                    continue
                self._hold_all()  # every job waiting, not only the first, is told
                with self._wake:
                    soonest = min((each.expires for each in self._jobs), default=0.0)
                self._sleep(min(backoff, max(0.0, soonest - self._clock())))
                backoff = min(backoff * 2, self._retry_max)
            except Exception:  # a bug must not end printing for the rest of the day
                log.exception("the print queue failed; it goes on")
                self._close()
                self._sleep(self._retry_max)
        self._close()

    def _hold_all(self) -> None:
        """The printer cannot print: each job is told it waits, or given up once its
        patience ran out."""
        with self._wake:
            jobs = list(self._jobs)
        now = self._clock()
        for job in jobs:
            if now >= job.expires:
                self._finish(job, JobPhase.FAILED, self._status.detail or "not printed in time")
            elif not job.told:
                job.told = True
                self._report_job(job, JobPhase.WAITING)

    def _check(self, spec: PrinterSpec) -> PrinterState:
        # python-escpos takes a fifth of a second to import: here, on this thread, once a
        # printer is set, never on the way to the sign-in screen.
        from hardware.printers.connection import (  # noqa: PLC0415
            PrinterConnection,
            PrinterUnavailable,
        )

        try:
            if self._connection is None:
                connection = PrinterConnection(spec, timeout=self._timeout, profile=self._profile)
                connection.open()
                self._connection = connection
            state, detail = self._connection.status()
        except PrinterUnavailable as gone:
            self._close()
            state, detail = gone.state, gone.detail
        self._report_status(PrinterStatus(spec.setting, state, detail))
        return state

    def _deliver(self, job: _Job) -> bool:
        from hardware.printers.connection import PrinterUnavailable  # noqa: PLC0415

        assert self._connection is not None
        try:
            if job.kind is JobKind.DRAWER:
                self._connection.kick_drawer(self.drawer_pin)
            else:
                self._connection.send(job.payload)
        except PrinterUnavailable as gone:
            self._close()
            self._report_status(PrinterStatus(self._connection_setting(), gone.state, gone.detail))
            return False
        self._finish(job, JobPhase.PRINTED, "")
        return True

    def _connection_setting(self) -> str:
        spec = self._spec
        return spec.setting if spec is not None else ""

    def _finish(self, job: _Job, phase: JobPhase, detail: str) -> None:
        with self._wake:
            self._jobs.remove(job)
        if phase is JobPhase.FAILED:
            log.warning("print job %d (%s %s) given up: %s", job.id, job.kind, job.label, detail)
        self._report_job(job, phase, detail)

    def _close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()

    def _report_job(self, job: _Job, phase: JobPhase, detail: str = "") -> None:
        status = self._status
        outcome = JobOutcome(
            job.id, job.kind, job.label, phase, status.state, detail or status.detail
        )
        try:
            self._on_job(outcome)
        except Exception:
            log.exception("the print job's callback failed")

    def _report_status(self, status: PrinterStatus) -> None:
        if status == self._status:
            return
        self._status = status
        log.info("printer %s: %s %s", status.setting or "none", status.state, status.detail)
        try:
            self._on_status(status)
        except Exception:
            log.exception("the printer status callback failed")
