"""Recurring credit operations: each period applied once, whatever runs it and when.

`run_due()` is called every minute by every worker (`crm.cli.serve`) and by
`python -m crm run-scheduler`. For each active operation it runs every period due up to
today (the date in Poland by the injected clock) that has no `operation_run` yet, oldest
first: after a week or months of downtime each missed period runs once, then nothing more.

One transaction per (operation, period): claim the period (insert its `operation_run` row,
doing nothing if it exists) and apply it. Two workers racing for a period both insert; the
primary key lets one win and the other's insert does nothing (PostgreSQL makes it wait for
the winner's commit first; SQLite has one writer), so a top-up is never doubled. A period
that fails rolls back with its claim, is reported, and is tried again on the next run; the
operation's later periods wait for it, so periods always apply in order.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from functools import partial

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from crm.services.actor import SCHEDULER
from crm.services.context import Context
from crm.services.errors import ServiceError
from crm.services.ledger_apply import run_period
from crm.services.periods import BUSINESS_ZONE, Period, due_periods
from crm.store.models import CreditOperationRow, OperationRunRow

log = logging.getLogger("crm.scheduler")
STOPPED = -1  # the operation was stopped (or deleted) after the due list was read


@dataclass(frozen=True, slots=True)
class PeriodRun:
    operation_id: str
    period: int
    due_on: date
    customers: int  # whose balance changed


@dataclass(frozen=True, slots=True)
class PeriodFailure:
    operation_id: str
    period: int
    due_on: date
    reason: str


@dataclass(frozen=True, slots=True)
class RunReport:
    today: date
    ran: tuple[PeriodRun, ...]  # applied by this call
    taken: int  # periods another worker claimed first
    failed: tuple[PeriodFailure, ...]

    def lines(self) -> list[str]:
        """What an operator reads: one line per period run or failed, then a summary."""
        shown = [
            f"ran {run.operation_id} period {run.period} (due {run.due_on}): "
            f"{run.customers} customer(s)"
            for run in self.ran
        ]
        shown += [
            f"FAILED {fail.operation_id} period {fail.period} (due {fail.due_on}): {fail.reason}"
            for fail in self.failed
        ]
        shown.append(
            f"{self.today}: {len(self.ran)} period(s) run, {self.taken} already taken, "
            f"{len(self.failed)} failed"
        )
        return shown


@dataclass(frozen=True, slots=True)
class _Due:
    operation_id: str
    periods: tuple[Period, ...]


class Scheduler:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def today(self) -> date:
        return self.ctx.clock().astimezone(BUSINESS_ZONE).date()

    def run_due(self) -> RunReport:
        today = self.today()
        ran: list[PeriodRun] = []
        failed: list[PeriodFailure] = []
        taken = 0
        for due in self.ctx.db.read(lambda session: _due(session, today)):
            for period in due.periods:
                try:
                    changed = self.ctx.db.write(partial(self._run, due.operation_id, period))
                except ServiceError as error:
                    log.warning("operation %s period %s: %s", due.operation_id, period, error)
                    failed.append(
                        PeriodFailure(due.operation_id, period.number, period.due_on, str(error))
                    )
                    break  # later periods of this operation wait for this one
                if changed == STOPPED:
                    break
                if changed is None:
                    taken += 1
                else:
                    ran.append(PeriodRun(due.operation_id, period.number, period.due_on, changed))
        return RunReport(today, tuple(ran), taken, tuple(failed))

    def _run(self, operation_id: str, period: Period, session: Session) -> int | None:
        # Read again in this transaction: the operation may have been stopped meanwhile.
        operation = session.get(CreditOperationRow, operation_id)
        if operation is None or not operation.active:
            return STOPPED
        return run_period(session, operation, period, SCHEDULER, self.ctx.clock())


def _due(session: Session, today: date) -> list[_Due]:
    """Active operations with periods due and not yet run. One-offs already run are skipped
    in SQL: they pile up (one per single-customer change) and have nothing left to do."""
    once_done = exists().where(
        OperationRunRow.operation_id == CreditOperationRow.id, OperationRunRow.period == 0
    )
    operations = session.scalars(
        select(CreditOperationRow)
        .where(
            CreditOperationRow.active.is_(True),
            CreditOperationRow.start_date <= today,
            or_(CreditOperationRow.every_months.is_not(None), ~once_done),
        )
        .order_by(CreditOperationRow.created_at, CreditOperationRow.id)
    ).all()
    done: dict[str, set[int]] = {row.id: set() for row in operations}
    if done:
        for operation_id, number in session.execute(
            select(OperationRunRow.operation_id, OperationRunRow.period).where(
                OperationRunRow.operation_id.in_(list(done))
            )
        ):
            done[operation_id].add(number)
    found = []
    for row in operations:
        periods = due_periods(row.start_date, row.every_months, row.end_date, today)
        missing = tuple(period for period in periods if period.number not in done[row.id])
        if missing:
            found.append(_Due(row.id, missing))
    return found
