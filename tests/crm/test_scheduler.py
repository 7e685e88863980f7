"""The scheduler of recurring credit operations: each period once, however and whenever run."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from crm.cli import main as crm_main
from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.customer_filter import CustomerFilter
from crm.services.ledger import OperationRequest
from crm.services.periods import BUSINESS_ZONE, add_months
from crm.services.scheduler import RunReport
from crm.store.database import Database
from crm.store.models import LedgerEntryRow
from tests.crm.ledger_world import FakeClock, add_customers, add_group, balance, ledgers_agree

# 31 January 2027, 11:00 in Warsaw: the next months are shorter, so clamping shows.
START = datetime(2027, 1, 31, 10, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def timed(crm_url: str, clock: FakeClock) -> Iterator[CrmServices]:
    """Services whose clock the test moves."""
    built = CrmServices(Database.at(crm_url), clock=clock)
    yield built
    built.close()


def _monthly(
    services: CrmServices, group_id: str, amount: int = 1000, end_date: date | None = None
) -> str:
    request = OperationRequest(
        "credits", "add", amount, "co miesiąc", every_months=1, end_date=end_date
    )
    return services.ledger.operate_bulk(CLI, request, CustomerFilter(group_id=group_id)).id


def _runs(services: CrmServices, operation_id: str) -> list[tuple[int, date]]:
    return [(run.period, run.due_on) for run in services.ledger.operation(CLI, operation_id).runs]


def _at_warsaw(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BUSINESS_ZONE).astimezone(UTC)


def test_running_twice_applies_a_period_once(timed: CrmServices, clock: FakeClock) -> None:
    group = add_group(timed)
    customers = add_customers(timed, 3, group_id=group)
    operation = _monthly(timed, group)
    assert timed.scheduler.run_due().ran == ()  # period 0 ran when the operation was made

    clock.now = _at_warsaw(2027, 2, 28)
    first = timed.scheduler.run_due()
    assert [(run.period, run.customers) for run in first.ran] == [(1, 3)]
    second = timed.scheduler.run_due()
    assert (second.ran, second.taken, second.failed) == ((), 0, ())
    assert [balance(timed, c) for c in customers] == [2000] * 3
    assert _runs(timed, operation) == [(0, date(2027, 1, 31)), (1, date(2027, 2, 28))]
    assert ledgers_agree(timed)


def test_two_workers_at_the_same_moment_apply_each_period_once(
    crm_url: str, timed: CrmServices, clock: FakeClock
) -> None:
    group = add_group(timed)
    customers = add_customers(timed, 20, group_id=group)
    operations = [_monthly(timed, group, amount) for amount in (100, 1000)]
    clock.now = _at_warsaw(2027, 4, 30)  # periods 1, 2 and 3 of both are due
    workers = [CrmServices(Database.at(crm_url), clock=clock) for _ in range(2)]
    start = threading.Barrier(len(workers))
    reports: list[RunReport] = []
    errors: list[BaseException] = []

    def work(services: CrmServices) -> None:
        start.wait()
        try:
            reports.append(services.scheduler.run_due())
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(worker,)) for worker in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for worker in workers:
        worker.close()

    assert errors == []
    ran = sorted((run.operation_id, run.period) for r in reports for run in r.ran)
    assert ran == sorted((op, period) for op in operations for period in (1, 2, 3))
    assert sum(r.taken for r in reports) + len(ran) >= 6
    assert [balance(timed, c) for c in customers] == [4 * 1100] * 20
    entries = timed.ctx.db.read(
        lambda session: session.scalar(select(func.count()).select_from(LedgerEntryRow))
    )
    assert entries == 20 * 2 * 4
    assert ledgers_agree(timed)


def test_after_downtime_each_missed_period_runs_once(timed: CrmServices, clock: FakeClock) -> None:
    group = add_group(timed)
    [anna] = add_customers(timed, group_id=group)
    operation = _monthly(timed, group, 2500)
    clock.now = add_months_utc(START, 3)  # three months away: 30 April

    report = timed.scheduler.run_due()
    assert [run.period for run in report.ran] == [1, 2, 3]
    assert _runs(timed, operation) == [
        (0, date(2027, 1, 31)),
        (1, date(2027, 2, 28)),
        (2, date(2027, 3, 31)),
        (3, date(2027, 4, 30)),
    ]
    assert balance(timed, anna) == 4 * 2500
    assert timed.scheduler.run_due().ran == ()
    clock.move(days=7)
    assert timed.scheduler.run_due().ran == ()
    assert balance(timed, anna) == 4 * 2500
    assert timed.ledger.operation(CLI, operation).next_due_on == date(2027, 5, 31)


def add_months_utc(moment: datetime, months: int) -> datetime:
    local = moment.astimezone(BUSINESS_ZONE)
    day = add_months(local.date(), months)
    return _at_warsaw(day.year, day.month, day.day, local.hour, local.minute)


def test_the_end_date_is_respected(timed: CrmServices, clock: FakeClock) -> None:
    group = add_group(timed)
    [anna] = add_customers(timed, group_id=group)
    operation = _monthly(timed, group, end_date=date(2027, 3, 30))
    clock.now = _at_warsaw(2027, 8, 1)
    assert [run.period for run in timed.scheduler.run_due().ran] == [1]
    assert balance(timed, anna) == 2000
    assert timed.ledger.operation(CLI, operation).next_due_on is None


def test_the_day_is_the_day_in_poland(timed: CrmServices, clock: FakeClock) -> None:
    group = add_group(timed)
    [anna] = add_customers(timed, group_id=group)
    _monthly(timed, group)
    clock.now = _at_warsaw(2027, 2, 27, 23, 59)
    assert timed.scheduler.run_due().ran == ()
    clock.now = _at_warsaw(2027, 2, 28, 0, 1)  # still 27 February in UTC
    assert clock.now.date() == date(2027, 2, 27)
    assert [run.period for run in timed.scheduler.run_due().ran] == [1]
    assert balance(timed, anna) == 2000


def test_a_one_off_that_starts_later_runs_when_due(timed: CrmServices, clock: FakeClock) -> None:
    [anna] = add_customers(timed)
    request = OperationRequest("wallet", "add", 4000, "later", start_date=date(2027, 2, 5))
    done = timed.ledger.operate(CLI, anna, request)
    assert (done.change, done.operation.runs, done.operation.next_due_on) == (
        0,
        (),
        date(2027, 2, 5),
    )
    assert timed.scheduler.run_due().ran == ()
    clock.now = _at_warsaw(2027, 2, 5, 0, 30)
    assert [run.period for run in timed.scheduler.run_due().ran] == [0]
    assert balance(timed, anna, "wallet") == 4000
    clock.move(days=40)
    assert timed.scheduler.run_due().ran == ()
    assert balance(timed, anna, "wallet") == 4000


def test_a_stopped_operation_runs_no_more(timed: CrmServices, clock: FakeClock) -> None:
    group = add_group(timed)
    [anna] = add_customers(timed, group_id=group)
    operation = _monthly(timed, group)
    timed.ledger.stop(CLI, operation)
    clock.now = _at_warsaw(2027, 6, 1)
    assert timed.scheduler.run_due().ran == ()
    assert balance(timed, anna) == 1000


def test_each_period_reads_the_filter_again(timed: CrmServices, clock: FakeClock) -> None:
    group = add_group(timed)
    [early] = add_customers(timed, group_id=group)
    _monthly(timed, group)
    [late] = add_customers(timed, group_id=group, name="Nowy")
    clock.now = _at_warsaw(2027, 2, 28)
    timed.scheduler.run_due()
    assert (balance(timed, early), balance(timed, late)) == (2000, 1000)


def test_a_recurring_reduce_and_set_for_one_customer(timed: CrmServices, clock: FakeClock) -> None:
    [anna] = add_customers(timed)
    timed.ledger.operate(CLI, anna, OperationRequest("points", "add", 250, "start"))
    monthly = OperationRequest("points", "reduce", 100, "wygasanie", every_months=1)
    assert timed.ledger.operate(CLI, anna, monthly).balance == 150
    topped = OperationRequest("credits", "set", 5000, "portfel", every_months=1)
    timed.ledger.operate(CLI, anna, topped)
    timed.ledger.operate(CLI, anna, OperationRequest("credits", "reduce", 1000, "zakup"))
    clock.now = add_months_utc(START, 3)
    report = timed.scheduler.run_due()
    assert len(report.ran) == 6
    # 150 → 50 → 0 → 0: a monthly reduction takes what there is and never gets stuck.
    assert balance(timed, anna, "points") == 0
    assert balance(timed, anna, "credits") == 5000
    assert ledgers_agree(timed)


def test_the_command_runs_what_is_due_and_says_so(
    crm_url: str, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    today = datetime.now(UTC).astimezone(BUSINESS_ZONE).date()
    month_ago = add_months(today, -1)
    clock.now = _at_warsaw(month_ago.year, month_ago.month, month_ago.day)
    past = CrmServices(Database.at(crm_url), clock=clock)
    group = add_group(past)
    [anna] = add_customers(past, group_id=group)
    operation = _monthly(past, group, 700)

    assert crm_main(["--database", crm_url, "run-scheduler", "--once"]) == 0
    printed = capsys.readouterr().out
    assert f"ran {operation} period 1" in printed
    assert "1 period(s) run" in printed
    assert crm_main(["--database", crm_url, "run-scheduler", "--once"]) == 0
    assert "0 period(s) run" in capsys.readouterr().out
    assert balance(past, anna) == 1400
    past.close()
