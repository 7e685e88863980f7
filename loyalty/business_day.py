"""The business day: a night that runs past midnight belongs to the day it started."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

DEFAULT_DAY_START = time(4, 0)


def business_date(at: datetime, day_starts_at: time = DEFAULT_DAY_START) -> date:
    """The business date of a moment (local wall-clock time): 02:30 belongs to yesterday."""
    if at.time() < day_starts_at:
        return at.date() - timedelta(days=1)
    return at.date()
