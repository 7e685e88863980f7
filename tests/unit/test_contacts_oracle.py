"""Phones and e-mails checked against the libraries as oracles, over thousands of inputs.

Issue 11 found the hand-written rules disagreeing with the numbering plans and the RFCs on
hundreds of inputs. The rules are now those libraries (`loyalty/contacts.py`); what these
tests hold is that what the project adds around them — reading any digits, the
characters it lets through, the form it stores — never lets a number or an address in
that the library itself would refuse, and that a stored form reads back as itself.
"""

from __future__ import annotations

import unicodedata

import phonenumbers
import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loyalty.contacts import national_digits, normalise_email, normalise_phone
from loyalty.errors import DomainError

_TYPES = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE)
_FORMATS = (
    phonenumbers.PhoneNumberFormat.INTERNATIONAL,
    phonenumbers.PhoneNumberFormat.E164,
    phonenumbers.PhoneNumberFormat.RFC3966,
)


def _examples() -> list[tuple[str, str]]:
    """Every region's example mobile and fixed-line number: (E.164, region)."""
    found = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in _TYPES:
            number = phonenumbers.example_number_for_type(region, kind)
            if number is not None and phonenumbers.is_valid_number(number):
                e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
                found.append((e164, region))
    return found


EXAMPLES = _examples()


def test_every_regions_example_numbers_are_stored_as_the_numbering_plan_writes_them() -> None:
    assert len(EXAMPLES) > 400  # two kinds for most of ~245 regions
    wrong = []
    for e164, _region in EXAMPLES:
        number = phonenumbers.parse(e164)
        for form in _FORMATS:
            written = phonenumbers.format_number(number, form).removeprefix("tel:")
            for typed in (written, written.replace(" ", "-"), written.replace("+", "00", 1)):
                try:
                    stored = normalise_phone(typed)
                except DomainError as error:
                    wrong.append((typed, str(error)))
                    continue
                if stored != e164:
                    wrong.append((typed, stored))
    assert wrong == []


def test_polish_numbers_typed_without_the_country_are_polish() -> None:
    polish = [e164 for e164, region in EXAMPLES if region == "PL"]
    for e164 in polish:
        national = phonenumbers.format_number(
            phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.NATIONAL
        )
        assert normalise_phone(national) == e164
        assert national_digits(e164) == e164.removeprefix("+48")


_PHONE_CHARACTERS = st.sampled_from(list("0123456789") * 4 + list(" -()+./") + ["０", "٣", "\t"])


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(_PHONE_CHARACTERS, min_size=1, max_size=20))
def test_no_typed_phone_is_stored_unless_the_numbering_plan_takes_it(typed: str) -> None:
    try:
        stored = normalise_phone(typed)
    except DomainError:
        return
    assert stored.startswith("+") and stored[1:].isascii() and stored[1:].isdigit()
    assert phonenumbers.is_valid_number(phonenumbers.parse(stored))
    assert normalise_phone(stored) == stored  # what is stored reads back as itself
    # Any digits typed are the ASCII digits they stand for: the same number either way.
    ascii_typed = "".join(
        str(unicodedata.digit(ch)) if ch.isdigit() else ch
        for ch in unicodedata.normalize("NFKC", typed)
    )
    assert normalise_phone(ascii_typed) == stored


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.emails())
def test_every_address_the_rfc_allows_is_stored_once_in_one_form(address: str) -> None:
    try:
        oracle = validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        with pytest.raises(DomainError):
            normalise_email(address)
        return
    stored = normalise_email(address)
    assert stored == oracle.normalized.lower()
    assert normalise_email(stored) == stored
    assert stored.isprintable() and " " not in stored


_DAMAGE = st.sampled_from(["\x00", "\n", "\t", "\x7f", " ", "..", "@", "\u200b"])


@settings(max_examples=2000, deadline=None)
@given(st.emails(), _DAMAGE, st.integers(min_value=0, max_value=400))
def test_an_address_with_a_control_character_or_space_is_never_stored(
    address: str, damage: str, at: int
) -> None:
    place = at % (len(address) + 1)
    damaged = address[:place] + damage + address[place:]
    try:
        stored = normalise_email(damaged)
    except DomainError:
        return
    # What gets through is an address the RFC allows, printable and without spaces.
    validate_email(stored, check_deliverability=False)
    assert stored.isprintable() and " " not in stored and "\u200b" not in stored
