"""When each period of a credit operation falls due: pure date arithmetic, no database.

Period 0 falls on the start date; period n on the start date moved n × `every_months`
months, clamped to the end of a shorter month. Each date is counted from the start, not
from the previous period, so a top-up that starts on 31 January falls on 28 (29) February
and then on 31 March again, never drifting to the 28th for good. A one-off operation
(`every_months` None) has period 0 only. No period falls after `end_date`.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

# The chain's calendar: "today" for a period is the date in Poland, whatever the server's zone.
BUSINESS_ZONE = ZoneInfo("Europe/Warsaw")
LONGEST_EVERY_MONTHS = 120


@dataclass(frozen=True, slots=True)
class Period:
    number: int  # 0 = the start date
    due_on: date


def add_months(start: date, months: int) -> date:
    """`start` moved `months` calendar months, clamped to the last day of the month."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day))


def due_on(start: date, every_months: int | None, number: int) -> date:
    if number < 0 or (every_months is None and number != 0):
        raise ValueError(f"no period {number} of an operation every {every_months} months")
    return start if number == 0 else add_months(start, number * (every_months or 0))


def due_periods(
    start: date, every_months: int | None, end: date | None, today: date
) -> list[Period]:
    """Every period due on or before `today` (and not after `end`), oldest first."""
    found: list[Period] = []
    number = 0
    while True:
        when = due_on(start, every_months, number)
        if when > today or (end is not None and when > end):
            return found
        found.append(Period(number, when))
        if every_months is None:
            return found
        number += 1


def next_period(
    start: date, every_months: int | None, end: date | None, after: int | None
) -> Period | None:
    """The period after number `after` (None: the first), or None when there is none."""
    number = 0 if after is None else after + 1
    if every_months is None and number > 0:
        return None
    when = due_on(start, every_months, number)
    if end is not None and when > end:
        return None
    return Period(number, when)
