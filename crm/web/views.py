"""Values as the pages show them, through `loyalty.formatting` like the till's screens."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from loyalty import formatting
from loyalty.money import Money

POLAND = ZoneInfo("Europe/Warsaw")


def money(minor: int) -> str:
    """ "1 234,50 zł" """
    return formatting.money(Money(minor))


def phone(e164: str | None) -> str:
    return formatting.phone(e164) if e164 else ""


def count(number: int) -> str:
    return formatting.count(number)


def when(moment: datetime | None) -> str:
    """A moment in Polish time: "30.11.2026 08:15"."""
    if moment is None:
        return "—"
    if moment.tzinfo is None:  # SQLite gives back UTC without its offset
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(POLAND).strftime("%d.%m.%Y %H:%M")


def day(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value is not None else "—"
