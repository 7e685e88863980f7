"""Frozen dataclasses to JSON and back, by their type hints, refusing anything else.

Ops and their parts are plain frozen dataclasses whose fields are `str`, `int`, `bool`,
`Money`, timezone-aware `datetime`, `date`, string enums, other such dataclasses, tuples of
them, or `X | None`. Encoding follows the annotations, so a class is its own schema; decoding
checks every value against them and names the field that is wrong. On the wire, money is
`{"amount_minor": int, "currency": "PLN"}` and times are ISO 8601 in UTC.

Canonical JSON (sorted keys, no spaces, UTF-8) is what is stored, hashed and sent: the
same op always has the same bytes and the same sha256.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from loyalty.money import Money
from sync.wire.money import WireError, decode_amount, encode_amount

T = TypeVar("T")


def canonical_json(document: Any) -> str:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def utc(moment: datetime) -> datetime:
    """A terminal time as UTC; a time without a zone is this machine's local time."""
    return moment.astimezone(UTC)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _encode_time(value: datetime) -> str:
    if value.tzinfo is None:
        raise TypeError("a time on the wire must carry its zone")
    return value.astimezone(UTC).isoformat()


def _decode_time(value: Any, field: str) -> datetime:
    moment = _parsed(value, field, datetime.fromisoformat)
    if moment.tzinfo is None:
        raise WireError(f"{field}: a time must carry its zone, got {value!r}")
    return moment.astimezone(UTC)


def _decode_money(value: Any, field: str) -> Money:
    minor, currency = decode_amount(value, field=field)
    return Money(minor, currency)


# Values with a wire form of their own: (encode, decode). datetime before date: a subclass.
_SCALARS: dict[type, tuple[Callable[[Any], Any], Callable[[Any, str], Any]]] = {
    Money: (lambda m: encode_amount(m.minor, m.currency), _decode_money),
    datetime: (_encode_time, _decode_time),
    date: (date.isoformat, lambda v, field: _parsed(v, field, date.fromisoformat)),
}


def encode(value: Any) -> Any:
    """The JSON form of a wire dataclass (or any value one may hold)."""
    if value is None or type(value) in (str, int, bool):
        return value
    if type(value) in _SCALARS:
        return _SCALARS[type(value)][0](value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [encode(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    raise TypeError(f"no wire form for {type(value).__name__}")


def decode(cls: type[T], document: Any, *, field: str = "payload") -> T:
    """An instance of `cls` (a wire dataclass, or a value type such as `datetime`) from its
    JSON form; WireError names what is wrong, as `field` and the path inside it."""
    return typing.cast(T, _value(cls, document, field))


def _value(hint: Any, value: Any, field: str) -> Any:
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return None if value is None else _value(options[0], value, field)
    if origin is tuple:
        if not isinstance(value, list):
            raise WireError(f"{field}: expected a list, got {type(value).__name__}")
        (item,) = [arg for arg in typing.get_args(hint) if arg is not Ellipsis]
        return tuple(_value(item, v, f"{field}[{i}]") for i, v in enumerate(value))
    return _leaf(hint, value, field)


def _leaf(hint: Any, value: Any, field: str) -> Any:
    if hint in _SCALARS:
        return _SCALARS[hint][1](value, field)
    if hint in (str, int, bool):
        if type(value) is not hint:
            raise WireError(f"{field}: expected {hint.__name__}, got {value!r}")
        return value
    if isinstance(hint, type) and issubclass(hint, Enum):
        try:
            return hint(value)
        except ValueError:
            choices = [member.value for member in hint]
            raise WireError(f"{field}: {value!r} is not one of {choices}") from None
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass(hint, value, field)
    raise TypeError(f"{field}: no wire form for {hint!r}")


def _parsed(value: Any, field: str, parse: Callable[[str], T]) -> T:
    if not isinstance(value, str):
        raise WireError(f"{field}: expected ISO text, got {value!r}")
    try:
        return parse(value)
    except ValueError:
        raise WireError(f"{field}: not an ISO date or time: {value!r}") from None


def _dataclass(cls: type, value: Any, field: str) -> Any:
    if not isinstance(value, dict):
        raise WireError(f"{field}: expected an object, got {type(value).__name__}")
    hints = _hints(cls)
    known = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(value) - set(known))
    if unknown:
        raise WireError(f"{field}: unknown field {unknown[0]!r}")
    given: dict[str, Any] = {}
    for name, spec in known.items():
        if name in value:
            given[name] = _value(hints[name], value[name], f"{field}.{name}")
        elif spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
            raise WireError(f"{field}.{name}: missing")
    try:
        return cls(**given)
    except (ValueError, TypeError) as error:  # the class's own checks (DomainError too)
        raise WireError(f"{field}: {error}") from error
