"""Money on the wire: integer minor units, never a float; JSON read without floats.

Both the terminal and the CRM encode amounts as `{"amount_minor": 1250, "currency": "PLN"}`
and parse JSON with `parse_float=Decimal`, so a float in a payload is refused, not rounded.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any


class WireError(ValueError):
    """A payload that does not follow the wire format (the message says where)."""


def encode_amount(minor: int, currency: str) -> dict[str, Any]:
    if type(minor) is not int:
        raise TypeError(f"amount_minor must be int, not {type(minor).__name__}")
    return {"amount_minor": minor, "currency": currency}


def decode_amount(value: object, *, field: str) -> tuple[int, str]:
    """(minor units, currency) from a wire amount; a clear WireError for anything else."""
    if type(value) is not dict and not isinstance(value, Mapping):
        raise WireError(f"{field}: expected an amount object, got {type(value).__name__}")
    minor, currency = value.get("amount_minor"), value.get("currency")
    if type(minor) is not int:
        raise WireError(f"{field}.amount_minor: expected an integer, got {minor!r}")
    if not isinstance(currency, str) or len(currency) != 3 or not currency.isalpha():
        raise WireError(f"{field}.currency: expected a 3-letter code, got {currency!r}")
    return minor, currency.upper()


def loads(payload: bytes | str) -> Any:
    """Parse JSON, keeping any decimal number exact (Decimal), never a float."""
    try:
        return json.loads(payload, parse_float=Decimal)
    except (ValueError, UnicodeDecodeError) as error:
        raise WireError(f"not JSON: {error}") from error
