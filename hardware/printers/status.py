"""What a printer reports, as plain values the screen may show (no device code here).

`PrinterStatus` is the printer's state for the status strip; `JobOutcome` what became of
one job: printed, waiting for the printer (paper out, offline: it is retried), or given up.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

STATUS_TIMEOUT = 1.0  # s: a printer answers a status query in milliseconds


class PrinterState(StrEnum):
    NONE = "none"  # no printer is set: receipts are PDF files
    READY = "ready"
    PAPER_LOW = "paper_low"  # the near-end sensor: it still prints
    PAPER_OUT = "paper_out"
    OFFLINE = "offline"  # unplugged, switched off, unreachable, its cover open
    NO_PERMISSION = "no_permission"  # the device is there, this account may not open it

    @property
    def prints(self) -> bool:
        return self in (PrinterState.READY, PrinterState.PAPER_LOW)


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    setting: str  # the printer setting, "" when none is set
    state: PrinterState
    detail: str = ""  # for a technician (the tool tip, the log), never the cashier's words


NO_PRINTER = PrinterStatus("", PrinterState.NONE)


class JobKind(StrEnum):
    RECEIPT = "receipt"
    DUPLICATE = "duplicate"
    REPORT = "report"
    TEST = "test"
    DRAWER = "drawer"  # a kick of the cash drawer, through the printer


class JobPhase(StrEnum):
    PRINTED = "printed"  # the printer took every byte (for the drawer: the kick was sent)
    WAITING = "waiting"  # it cannot print now; retried until the job's patience runs out
    FAILED = "failed"  # given up: the cashier reprints it from the Menu


@dataclass(frozen=True, slots=True)
class JobOutcome:
    job: int
    kind: JobKind
    label: str  # what the job is, e.g. the receipt's number
    phase: JobPhase
    state: PrinterState  # the printer's state when this was decided
    detail: str = ""


@dataclass(frozen=True, slots=True)
class PrinterCandidate:
    """A printer the probe found: the setting that selects it, and what to call it."""

    setting: str
    name: str
