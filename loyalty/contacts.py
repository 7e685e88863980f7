"""Phone numbers and e-mail addresses as the CRM stores them, and the forms search uses."""

from __future__ import annotations

import re
import unicodedata

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from loyalty.errors import DomainError

DEFAULT_COUNTRY_CODE = "48"
# Digits, spaces and the usual punctuation; no letters (phonenumbers reads "vanity" letters
# as digits: 0800-FLOWERS), no control characters.
_PHONE_TEXT = re.compile(r"[+0-9 \-()./]+")


def normalise_phone(text: str, country_code: str = DEFAULT_COUNTRY_CODE) -> str:
    """E.164 ("+48601234567") from "601 234 567", "+48 601-234-567", "0048601234567"…

    The numbering plans are Google's (phonenumbers): a number with a prefix no operator
    uses, or of the wrong length for its country, is refused; any Unicode digits are read
    as ASCII ones; "+44 (0)20 …" drops the (0) as a UK number is dialled."""
    plain = unicodedata.normalize("NFKC", text)  # full-width and other digits as ASCII
    if not _PHONE_TEXT.fullmatch(plain.strip()):
        raise DomainError(
            "phone {text!r} may only hold digits, spaces, dashes and a leading +", text=text
        )
    region = phonenumbers.region_code_for_country_code(int(country_code))
    try:
        number = phonenumbers.parse(plain, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise DomainError("phone {text!r} is not a number in use", text=text)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def national_digits(e164: str) -> str:
    """The digits a cashier types for a stored number: "+48601234567" → "601234567"."""
    digits = e164.lstrip("+")
    return digits[2:] if digits.startswith(DEFAULT_COUNTRY_CODE) and len(digits) == 11 else digits


def normalise_email(text: str) -> str:
    """An address as email-validator reads it (RFC 5321/5322 syntax, no look-up on the
    network): its domain in the normalised Unicode form, then lower case throughout, as
    search and matching compare addresses."""
    try:
        found = validate_email(text.strip(), check_deliverability=False)
    except EmailNotValidError:
        raise DomainError(
            "e-mail {text!r} is not an address like name@example.pl", text=text
        ) from None
    return found.normalized.lower()
