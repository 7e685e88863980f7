"""A customer's fields as typed (API body, CSV row), checked and normalised in one pass.

`validate` is pure (no database): the API, the CSV import and the command line run the same
rules and name every bad field at once. What needs stored data — the group exists, the
phone is not someone else's — is the caller's check (`CustomerService`).

`None` (or an empty string) means "not given": a default on create, "cleared" on edit, where
the service overlays the changes on the stored customer and validates the whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from crm.services.errors import Problem, Problems
from loyalty.contacts import normalise_email, normalise_phone
from loyalty.customers import Address, Customer, CustomerType, normalise_nip
from loyalty.errors import DomainError
from loyalty.money import Money
from loyalty.text_fields import (
    BUILDING_MAX,
    CITY_MAX,
    NAME_MAX,
    NO_CONTROL_CHARACTERS,
    STREET_MAX,
    TAG_MAX,
    TAGS_MAX,
    has_control_characters,
)

# Column widths of `customer` (crm/store/models_customers.py).
_COUNTRY = re.compile(r"[A-Z]{2}")
_TYPES = frozenset(t.value for t in CustomerType)


@dataclass(frozen=True, slots=True)
class CustomerInput:
    """Raw field values; every one optional (None = not given / cleared)."""

    name: str | None = None
    type: str | None = None  # lead | client | registered; default client
    nip: str | None = None
    group_id: str | None = None
    country: str | None = None  # ISO 3166 alpha-2; default PL
    city: str | None = None
    street: str | None = None
    building: str | None = None
    flat: str | None = None
    email: str | None = None
    phone: str | None = None
    tags: tuple[str, ...] | None = None
    verified: bool | None = None
    discount_limit_disabled: bool | None = None
    discount_allowance_minor: int | None = None


@dataclass(frozen=True, slots=True)
class ValidCustomer:
    """Normalised values, ready to store: E.164 phone, lower-case e-mail, 10-digit NIP."""

    name: str
    type: str
    nip: str | None
    group_id: str | None
    country: str
    city: str
    street: str
    building: str
    flat: str
    email: str | None
    phone: str | None
    tags: tuple[str, ...]  # trimmed, unique, sorted
    verified: bool
    discount_limit_disabled: bool
    discount_allowance_minor: int | None


def _given(text: str | None) -> str | None:
    """A text with its outer spaces removed, or None when nothing is left."""
    if text is None:
        return None
    stripped = text.strip()
    return stripped or None


def _text(problems: Problems, field: str, value: str | None, longest: int) -> str:
    text = _given(value) or ""
    if len(text) > longest:
        problems.add(field, f"at most {longest} characters")
    if has_control_characters(text):
        problems.add(field, NO_CONTROL_CHARACTERS)
    return text


def _tags(problems: Problems, tags: Iterable[str] | None) -> tuple[str, ...]:
    kept: set[str] = set()
    for index, tag in enumerate(tags or ()):
        trimmed = tag.strip() if isinstance(tag, str) else ""
        if not 1 <= len(trimmed) <= TAG_MAX:
            problems.add(f"tags.{index}", f"a tag has 1 to {TAG_MAX} characters")
        elif has_control_characters(trimmed):
            problems.add(f"tags.{index}", NO_CONTROL_CHARACTERS)
        else:
            kept.add(trimmed)
    if len(kept) > TAGS_MAX:
        problems.add("tags", f"at most {TAGS_MAX} tags")
    return tuple(sorted(kept))


def check(fields: CustomerInput, problems: Problems) -> ValidCustomer | None:
    """The normalised customer, or None with every problem added to `problems`."""
    before = len(problems.found)
    name = _text(problems, "name", fields.name, NAME_MAX)
    kind = _given(fields.type) or CustomerType.CLIENT.value
    if kind not in _TYPES:
        problems.add("type", "one of lead, client, registered")
    nip = email = phone = None
    if (raw_nip := _given(fields.nip)) is not None:
        with problems.field("nip"):
            nip = normalise_nip(raw_nip)
    if (raw_email := _given(fields.email)) is not None:
        with problems.field("email"):
            email = normalise_email(raw_email)
        if email is not None and len(email) > 320:
            problems.add("email", "at most 320 characters")
    if (raw_phone := _given(fields.phone)) is not None:
        with problems.field("phone"):
            phone = normalise_phone(raw_phone)
    country = (_given(fields.country) or "PL").upper()
    if not _COUNTRY.fullmatch(country):
        problems.add("country", "a two-letter country code such as PL")
    address = Address(
        country=country,
        city=_text(problems, "city", fields.city, CITY_MAX),
        street=_text(problems, "street", fields.street, STREET_MAX),
        building=_text(problems, "building", fields.building, BUILDING_MAX),
        flat=_text(problems, "flat", fields.flat, BUILDING_MAX),
    )
    tags = _tags(problems, fields.tags)
    allowance = fields.discount_allowance_minor
    if allowance is not None and (type(allowance) is not int or allowance < 0):
        problems.add("discount_allowance_minor", "a whole number of grosze, 0 or more, or null")
    group_id = _given(fields.group_id)
    customer = None
    try:
        # The terminal's own rules (a name, a valid NIP) apply to what the CRM stores; built
        # even when other fields are bad (those left out), so a blank name is named too.
        customer = Customer(
            id="-",
            name=name,
            type=CustomerType(kind) if kind in _TYPES else CustomerType.CLIENT,
            group_id=group_id,
            nip=nip,
            email=email,
            phone=phone,
            address=address,
            tags=frozenset(tags),
            verified=bool(fields.verified),
            discount_limit_disabled=bool(fields.discount_limit_disabled),
            discount_allowance=Money(allowance) if type(allowance) is int else None,
        )
    except DomainError as error:
        problems.add("nip" if "NIP" in error.template else "name", str(error))
    if customer is None or len(problems.found) > before:
        return None
    return ValidCustomer(
        name=customer.name.strip(),
        type=customer.type.value,
        nip=customer.nip,
        group_id=customer.group_id,
        country=address.country,
        city=address.city,
        street=address.street,
        building=address.building,
        flat=address.flat,
        email=customer.email,
        phone=customer.phone,
        tags=tags,
        verified=customer.verified,
        discount_limit_disabled=customer.discount_limit_disabled,
        discount_allowance_minor=allowance,
    )


def validate(fields: CustomerInput) -> ValidCustomer:
    """The normalised customer; `Invalid` naming every bad field otherwise."""
    problems = Problems()
    valid = check(fields, problems)
    problems.raise_if_any()
    assert valid is not None  # no problems means a customer was built
    return valid


__all__ = ["CustomerInput", "Problem", "ValidCustomer", "check", "validate"]
