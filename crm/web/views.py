"""Values as the pages show them, through `loyalty.formatting` like the till's screens."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
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


# English pages write the month's name: "11.12" reads as 12 November to some readers.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def when(moment: datetime | None, language: str = "pl") -> str:
    """A moment in the shop's time (Poland): "30.11.2026 08:15", "30 Nov 2026, 08:15"."""
    if moment is None:
        return "—"
    if moment.tzinfo is None:  # SQLite gives back UTC without its offset
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(POLAND)
    if language == "en":
        return f"{day(local.date(), language)}, {local:%H:%M}"
    return local.strftime("%d.%m.%Y %H:%M")


def day(value: date | None, language: str = "pl") -> str:
    """ "30.11.2026", "30 Nov 2026" """
    if value is None:
        return "—"
    if language == "en":
        return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
    return value.strftime("%d.%m.%Y")


def signed_money(minor: int) -> str:
    """ "+50,00 zł", "−12,40 zł" """
    return formatting.money(Money(minor), sign=True)


def signed_count(number: int) -> str:
    text = formatting.count(abs(number))
    return f"+{text}" if number > 0 else f"{formatting.MINUS}{text}" if number < 0 else text


def percent(value: Decimal) -> str:
    """ "12,5 %" """
    return formatting.percent(value)


def percent_bp(hundredths: int) -> str:
    """A rate in hundredths of a percent (1250) as "12,5 %"."""
    return formatting.percent(Decimal(hundredths) / 100)


def changes(
    before: dict[str, Any] | None, after: dict[str, Any] | None, t: Callable[[str], str]
) -> list[str]:
    """An audit entry's fields as "field: before → after" (or the one side there is)."""
    old, new = before or {}, after or {}
    lines = []
    for key in sorted(set(old) | set(new)):
        if key in old and key in new:
            lines.append(f"{key}: {_shown(old[key], t)} → {_shown(new[key], t)}")
        else:
            lines.append(f"{key}: {_shown(new.get(key, old.get(key)), t)}")
    return lines


def _shown(value: Any, t: Callable[[str], str]) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return t("Yes") if value else t("No")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "—"
    return str(value)
