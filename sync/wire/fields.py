"""Reading one JSON object of a pulled row, field by field, each check naming its field.

A pulled row comes from another program (the CRM, a proxy, a disk): every value is checked
for its exact JSON type — a bool is not an int, a float is never money, a percent is a
decimal string — and anything else is a `WireError` that says which field of which row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from loyalty.money import Money
from sync.wire.money import WireError, decode_amount, encode_amount

E = TypeVar("E")


def amount(money: Money | None) -> dict[str, Any] | None:
    return None if money is None else encode_amount(money.minor, money.currency)


def iso(value: date | time | None) -> str | None:
    return None if value is None else value.isoformat()


def percent(value: Decimal | None) -> str | None:
    """A rate as a decimal string ("12.5"), never a float; no exponent ("1E+1")."""
    return None if value is None else format(value, "f")


class Fields:
    """The fields of one object; `where` is its path in the page, for the messages."""

    # A first sync reads a few million rows: the common case (a dict, the field there) is
    # kept to one lookup, and the abc check of Mapping is skipped for a plain dict.
    def __init__(self, document: object, where: str) -> None:
        if type(document) is not dict and not isinstance(document, Mapping):
            raise WireError(f"{where}: expected an object, got {type(document).__name__}")
        self._document = document
        self.where = where

    def _get(self, name: str) -> Any:
        try:
            return self._document[name]
        except KeyError:
            raise WireError(f"{self.where}.{name}: missing") from None

    def _fail(self, name: str, expected: str, got: object) -> WireError:
        return WireError(f"{self.where}.{name}: expected {expected}, got {got!r}")

    def text(self, name: str) -> str:
        try:
            value = self._document[name]
        except KeyError:
            raise WireError(f"{self.where}.{name}: missing") from None
        if type(value) is not str:
            raise self._fail(name, "text", value)
        return value

    def opt_text(self, name: str) -> str | None:
        return None if self._get(name) is None else self.text(name)

    def flag(self, name: str) -> bool:
        value = self._get(name)
        if type(value) is not bool:
            raise self._fail(name, "true or false", value)
        return value

    def flag_or(self, name: str, absent: bool) -> bool:
        """A flag a sender of an earlier version leaves out: `absent` then."""
        return absent if name not in self._document else self.flag(name)

    def whole(self, name: str) -> int:
        value = self._get(name)
        if type(value) is not int:
            raise self._fail(name, "an integer", value)
        return value

    def opt_whole(self, name: str) -> int | None:
        return None if self._get(name) is None else self.whole(name)

    def money(self, name: str) -> Money:
        minor, currency = decode_amount(self._get(name), field=f"{self.where}.{name}")
        try:
            return Money(minor, currency)
        except ValueError as error:
            raise WireError(f"{self.where}.{name}: {error}") from error

    def opt_money(self, name: str) -> Money | None:
        return None if self._get(name) is None else self.money(name)

    def opt_percent(self, name: str) -> Decimal | None:
        value = self._get(name)
        if value is None:
            return None
        if type(value) is not str:
            raise self._fail(name, 'a decimal string such as "12.5"', value)
        try:
            rate = Decimal(value)
        except InvalidOperation:
            raise self._fail(name, 'a decimal string such as "12.5"', value) from None
        if not rate.is_finite():
            raise self._fail(name, "a finite decimal", value)
        return rate

    def opt_day(self, name: str) -> date | None:
        return self._iso(name, date.fromisoformat, "a date YYYY-MM-DD")

    def day(self, name: str) -> date:
        found = self.opt_day(name)
        if found is None:
            raise self._fail(name, "a date YYYY-MM-DD", None)
        return found

    def opt_clock(self, name: str) -> time | None:
        return self._iso(name, time.fromisoformat, "a time HH:MM[:SS]")

    def _iso(self, name: str, parse: Callable[[str], E], expected: str) -> E | None:
        value = self._get(name)
        if value is None:
            return None
        if type(value) is not str:
            raise self._fail(name, expected, value)
        try:
            return parse(value)
        except ValueError:
            raise self._fail(name, expected, value) from None

    def texts(self, name: str) -> tuple[str, ...]:
        value = self._get(name)
        if type(value) is not list or any(type(item) is not str for item in value):
            raise self._fail(name, "a list of texts", value)
        return tuple(value)

    def wholes(self, name: str) -> tuple[int, ...]:
        value = self._get(name)
        if type(value) is not list or any(type(item) is not int for item in value):
            raise self._fail(name, "a list of integers", value)
        return tuple(value)

    def choice(self, name: str, kind: Callable[[str], E]) -> E:
        value = self.text(name)
        try:
            return kind(value)
        except ValueError:
            raise self._fail(name, f"one of the known {name} values", value) from None

    def choices(self, name: str, kind: Callable[[str], E]) -> frozenset[E]:
        found = set()
        for value in self.texts(name):
            try:
                found.add(kind(value))
            except ValueError:
                raise self._fail(name, f"known {name} values", value) from None
        return frozenset(found)

    def nested(self, name: str) -> Fields:
        return Fields(self._get(name), f"{self.where}.{name}")
