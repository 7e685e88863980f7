"""When the periods of a recurring credit operation fall due: month ends, ends, one-offs."""

from __future__ import annotations

from datetime import date

import pytest

from crm.services.periods import Period, add_months, due_on, due_periods, next_period


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2027, 1, 31), 2, date(2027, 3, 31)),
        (date(2027, 1, 31), 3, date(2027, 4, 30)),
        (date(2027, 3, 31), -1, date(2027, 2, 28)),
        (date(2027, 12, 15), 1, date(2028, 1, 15)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2027, 5, 10), 0, date(2027, 5, 10)),
        (date(2027, 5, 10), 24, date(2029, 5, 10)),
    ],
)
def test_add_months_clamps_to_the_end_of_a_shorter_month(
    start: date, months: int, expected: date
) -> None:
    assert add_months(start, months) == expected


def test_each_period_counts_from_the_start_so_the_day_does_not_drift() -> None:
    start = date(2027, 1, 31)
    assert [due_on(start, 1, n) for n in range(5)] == [
        date(2027, 1, 31),
        date(2027, 2, 28),
        date(2027, 3, 31),
        date(2027, 4, 30),
        date(2027, 5, 31),
    ]


def test_every_three_months_from_a_month_end() -> None:
    start = date(2027, 11, 30)
    assert [due_on(start, 3, n) for n in range(4)] == [
        date(2027, 11, 30),
        date(2028, 2, 29),
        date(2028, 5, 30),
        date(2028, 8, 30),
    ]


def test_due_periods_are_those_up_to_today_oldest_first() -> None:
    start = date(2027, 1, 31)
    assert due_periods(start, 1, None, date(2027, 4, 29)) == [
        Period(0, date(2027, 1, 31)),
        Period(1, date(2027, 2, 28)),
        Period(2, date(2027, 3, 31)),
    ]
    assert due_periods(start, 1, None, date(2027, 4, 30))[-1] == Period(3, date(2027, 4, 30))


def test_nothing_is_due_before_the_start() -> None:
    assert due_periods(date(2027, 6, 1), 1, None, date(2027, 5, 31)) == []


def test_no_period_falls_after_the_end_date() -> None:
    periods = due_periods(date(2027, 1, 10), 1, date(2027, 3, 9), date(2030, 1, 1))
    assert periods == [Period(0, date(2027, 1, 10)), Period(1, date(2027, 2, 10))]
    # The end date itself still counts.
    assert len(due_periods(date(2027, 1, 10), 1, date(2027, 3, 10), date(2030, 1, 1))) == 3


def test_a_one_off_has_period_zero_only() -> None:
    assert due_periods(date(2027, 1, 10), None, None, date(2030, 1, 1)) == [
        Period(0, date(2027, 1, 10))
    ]
    assert next_period(date(2027, 1, 10), None, None, None) == Period(0, date(2027, 1, 10))
    assert next_period(date(2027, 1, 10), None, None, 0) is None
    with pytest.raises(ValueError, match="no period 1"):
        due_on(date(2027, 1, 10), None, 1)


def test_next_period_follows_the_last_run_and_stops_at_the_end() -> None:
    start = date(2027, 1, 31)
    assert next_period(start, 1, None, 0) == Period(1, date(2027, 2, 28))
    assert next_period(start, 1, date(2027, 3, 30), 1) is None
    assert next_period(start, 1, date(2027, 3, 31), 1) == Period(2, date(2027, 3, 31))


def test_years_of_catch_up_are_counted_once_each() -> None:
    periods = due_periods(date(2020, 2, 29), 1, None, date(2027, 2, 28))
    assert len(periods) == 7 * 12 + 1
    assert len({p.number for p in periods}) == len(periods)
    assert periods[12] == Period(12, date(2021, 2, 28))
    assert periods[48] == Period(48, date(2024, 2, 29))
