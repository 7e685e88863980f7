"""Phone numbers and e-mail addresses as the CRM stores them, and the forms search uses."""

from __future__ import annotations

import re

from loyalty.errors import DomainError

DEFAULT_COUNTRY_CODE = "48"
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]{2,}")
_PHONE_PUNCTUATION = re.compile(r"[\s\-().\u00a0/]")


def normalise_phone(text: str, country_code: str = DEFAULT_COUNTRY_CODE) -> str:
    """E.164 ("+48601234567") from "601 234 567", "+48 601-234-567", "0048601234567"…"""
    compact = _PHONE_PUNCTUATION.sub("", text)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if compact.startswith("+"):
        digits = compact[1:]
    elif country_code == "48" and len(compact) == 9:
        digits = country_code + compact
    else:
        digits = country_code + compact.lstrip("0")
    if not digits.isdigit():
        raise DomainError(
            "phone {text!r} may only hold digits, spaces, dashes and a leading +", text=text
        )
    if digits.startswith("48") and len(digits) != 11:
        raise DomainError("phone {text!r}: a Polish number has 9 digits", text=text)
    if not 8 <= len(digits) <= 15:
        raise DomainError("phone {text!r} is too short or too long", text=text)
    return "+" + digits


def national_digits(e164: str) -> str:
    """The digits a cashier types for a stored number: "+48601234567" → "601234567"."""
    digits = e164.lstrip("+")
    return digits[2:] if digits.startswith(DEFAULT_COUNTRY_CODE) and len(digits) == 11 else digits


def normalise_email(text: str) -> str:
    email = text.strip().lower()
    if not _EMAIL.fullmatch(email):
        raise DomainError("e-mail {text!r} is not an address like name@example.pl", text=text)
    return email
