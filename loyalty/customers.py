"""Customers, their cards and groups, as the CRM defines them (seeds 000, 003, 004)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from anyascii import anyascii

from loyalty.errors import DomainError
from loyalty.money import Money

_NOTHING = Money.zero()
_NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)


class CustomerType(StrEnum):
    LEAD = "lead"
    CLIENT = "client"
    REGISTERED = "registered"


class CardStatus(StrEnum):
    ACTIVE = "active"
    BLOCKED = "blocked"
    EXPIRED = "expired"


def fold_diacritics(text: str) -> str:
    """ "Żółć" → "Zolc", "Øre Æble" → "Ore AEble", "Þór" → "Thor": how a cashier types a name
    on a keyboard without those letters. anyascii's tables cover every letter a hand-kept
    table missed (ASCII text is returned as it is)."""
    return text if text.isascii() else anyascii(text)


def group_reference(name: str) -> str:
    """The slug that links a group across systems: "Stały klient −5%" → "staly-klient-5"."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold_diacritics(name).lower()).strip("-")
    if not slug:
        raise DomainError("group name {name!r} has no letters or digits for a reference", name=name)
    return slug


def normalise_nip(text: str, *, strict: bool = True) -> str:
    """Ten digits of a valid Polish NIP, from "PL 123-456-32-18" and similar; else DomainError.

    Spaces and any dash (hyphen, en dash, minus sign, as pasted from documents) separate;
    digits are ASCII only; ten equal digits pass the checksum but are never issued.
    `strict=False` is for NIPs already stored: it keeps what earlier versions accepted (any
    script's digits, equal digits), so a customer saved then still loads and syncs."""
    digits = re.sub(r"[\s\-\u2010-\u2015\u2212]", "", text)
    if digits[:2].upper() == "PL":
        digits = digits[2:]
    if not re.fullmatch(r"[0-9]{10}" if strict else r"\d{10}", digits):
        raise DomainError("NIP {text!r} must have 10 digits", text=text)
    checksum = sum(w * int(d) for w, d in zip(_NIP_WEIGHTS, digits, strict=False)) % 11
    if checksum == 10 or checksum != int(digits[9]):
        raise DomainError("NIP {text!r} has a wrong check digit", text=text)
    if strict and len(set(digits)) == 1:
        raise DomainError("NIP {text!r} is not a real NIP (all digits the same)", text=text)
    return digits


def is_valid_nip(text: str) -> bool:
    try:
        normalise_nip(text)
    except DomainError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class Address:
    country: str = "PL"
    city: str = ""
    street: str = ""
    building: str = ""
    flat: str = ""


@dataclass(frozen=True, slots=True)
class Customer:
    """A customer as the terminal knows them; balances travel separately (`CustomerState`)."""

    id: str
    name: str
    type: CustomerType = CustomerType.CLIENT
    group_id: str | None = None
    nip: str | None = None
    email: str | None = None
    phone: str | None = None  # E.164, e.g. "+48601234567"
    address: Address = field(default_factory=Address)
    tags: frozenset[str] = frozenset()
    active: bool = True
    verified: bool = False
    discount_limit_disabled: bool = False
    # Group discount the customer may still use, whatever the day; None = no allowance set.
    discount_allowance: Money | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise DomainError("a customer needs a name")
        if self.nip is not None:
            # Input is checked strictly where it is typed or imported; a value may also be a
            # customer stored by an earlier version, which must still load.
            object.__setattr__(self, "nip", normalise_nip(self.nip, strict=False))


@dataclass(frozen=True, slots=True)
class Card:
    """A loyalty card: `code` is what the reader emits (normalised), `number` is printed."""

    code: str
    number: str
    customer_id: str
    expires_on: date | None = None
    blocked: bool = False

    def status_on(self, day: date) -> CardStatus:
        if self.blocked:
            return CardStatus.BLOCKED
        if self.expires_on is not None and day > self.expires_on:
            return CardStatus.EXPIRED
        return CardStatus.ACTIVE


@dataclass(frozen=True, slots=True)
class CustomerGroup:
    id: str
    name: str
    reference: str
    description: str = ""
    daily_discount_limit: Money | None = None
    discount_ids: tuple[str, ...] = ()
    # A cashier may put a new customer in it; any other group takes a manager's PIN at the
    # till (a staff or VIP group gives a large discount at once).
    assignable_at_till: bool = False

    def __post_init__(self) -> None:
        if self.reference != group_reference(self.reference):
            raise DomainError(
                "group reference {reference!r} is not a slug", reference=self.reference
            )
        if self.daily_discount_limit is not None and self.daily_discount_limit.is_negative:
            raise DomainError("group {name}: the daily limit cannot be negative", name=self.name)


@dataclass(frozen=True, slots=True)
class CustomerState:
    """A customer with what is available to them now, for pricing one bill.

    The figures are "last server snapshot minus local operations the snapshot does not
    include"; `group_discount_used_today` is for the bill's business day, on every terminal
    as far as this one knows; `allowance_used_here` is group discount this terminal gave
    that the customer's `discount_allowance` (the CRM's remaining figure) does not show yet.
    """

    customer: Customer
    group: CustomerGroup | None = None
    credits: Money = _NOTHING
    wallet: Money = _NOTHING
    points: int = 0
    group_discount_used_today: Money = _NOTHING
    allowance_used_here: Money = _NOTHING

    @property
    def has_credits(self) -> bool:
        """Promotional credits to use (or to take off a bill)."""
        return self.credits.minor > 0

    @property
    def allowance_left(self) -> Money | None:
        """The group discount the customer may still use (None: no allowance is set)."""
        allowance = self.customer.discount_allowance
        if allowance is None:
            return None
        return Money(max(allowance.minor - self.allowance_used_here.minor, 0), allowance.currency)
