"""Pulled rows on the wire: the CRM encodes the shared domain values, the terminal decodes.

Each entity of a pull stream has one JSON form. Money is `{"amount_minor", "currency"}`,
dates ISO `YYYY-MM-DD`, percents decimal strings. Decoding checks every field's type and
then builds the `loyalty` value, whose own checks (a NIP's digit, a percent in 0–100, a group
reference that is a slug) run as on the CRM; anything refused is a `WireError` naming the
field, so a bad row never reaches the cache.

`STREAMS` gives each stream's entities in snapshot order: what others refer to comes first
(groups and discounts before customers, customers before their cards).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from loyalty.cashback import CashbackRule
from loyalty.customers import Address, Card, Customer, CustomerGroup, CustomerType
from loyalty.discounts import Discount
from loyalty.money import Money
from loyalty.vouchers import Voucher
from sync.wire import reference_rules as rules
from sync.wire.fields import Fields, amount, iso
from sync.wire.money import WireError


@dataclass(frozen=True, slots=True)
class BalanceFigures:
    """A customer's three balances on the CRM (grosze, grosze, whole points)."""

    customer_id: str
    credits_minor: int
    wallet_minor: int
    points: int


@dataclass(frozen=True, slots=True)
class LimitUsage:
    """Group discount a customer used on one business day, on every terminal."""

    customer_id: str
    business_date: date
    used_minor: int

    @property
    def key(self) -> str:
        return limit_key(self.customer_id, self.business_date)


Entity = Customer | Card | CustomerGroup | Discount | CashbackRule | Voucher
Value = Entity | BalanceFigures | LimitUsage

STREAMS: dict[str, tuple[str, ...]] = {
    "reference": ("group", "discount", "cashback_rule", "customer", "card"),
    "balances": ("balance", "limit"),
    "vouchers": ("voucher",),
}


def limit_key(customer_id: str, business_date: date) -> str:
    """A limit entity's id: `<customer_id>/<YYYY-MM-DD>`."""
    return f"{customer_id}/{business_date.isoformat()}"


def _customer(c: Customer) -> dict[str, Any]:
    a = c.address
    return {
        "id": c.id,
        "name": c.name,
        "type": c.type.value,
        "group_id": c.group_id,
        "nip": c.nip,
        "email": c.email,
        "phone": c.phone,
        "address": {
            "country": a.country,
            "city": a.city,
            "street": a.street,
            "building": a.building,
            "flat": a.flat,
        },
        "tags": sorted(c.tags),
        "active": c.active,
        "verified": c.verified,
        "discount_limit_disabled": c.discount_limit_disabled,
        "discount_allowance": amount(c.discount_allowance),
    }


def _read_customer(f: Fields) -> Customer:
    a = f.nested("address")
    return Customer(
        id=f.text("id"),
        name=f.text("name"),
        type=f.choice("type", CustomerType),
        group_id=f.opt_text("group_id"),
        nip=f.opt_text("nip"),
        email=f.opt_text("email"),
        phone=f.opt_text("phone"),
        address=Address(*(a.text(n) for n in ("country", "city", "street", "building", "flat"))),
        tags=frozenset(f.texts("tags")),
        active=f.flag("active"),
        verified=f.flag("verified"),
        discount_limit_disabled=f.flag("discount_limit_disabled"),
        discount_allowance=f.opt_money("discount_allowance"),
    )


def _card(c: Card) -> dict[str, Any]:
    return {
        "code": c.code,
        "number": c.number,
        "customer_id": c.customer_id,
        "expires_on": iso(c.expires_on),
        "blocked": c.blocked,
    }


def _read_card(f: Fields) -> Card:
    return Card(
        code=f.text("code"),
        number=f.text("number"),
        customer_id=f.text("customer_id"),
        expires_on=f.opt_day("expires_on"),
        blocked=f.flag("blocked"),
    )


def _group(g: CustomerGroup) -> dict[str, Any]:
    return {
        "id": g.id,
        "name": g.name,
        "reference": g.reference,
        "description": g.description,
        "daily_discount_limit": amount(g.daily_discount_limit),
        "discount_ids": list(g.discount_ids),
        "assignable_at_till": g.assignable_at_till,
    }


def _read_group(f: Fields) -> CustomerGroup:
    return CustomerGroup(
        id=f.text("id"),
        name=f.text("name"),
        reference=f.text("reference"),
        description=f.text("description"),
        daily_discount_limit=f.opt_money("daily_discount_limit"),
        discount_ids=f.texts("discount_ids"),
        # A CRM from before the flag: no group is assignable by a cashier alone.
        assignable_at_till=f.flag_or("assignable_at_till", False),
    )


def _balance(b: BalanceFigures) -> dict[str, Any]:
    return {
        "customer_id": b.customer_id,
        "credits": amount(Money(b.credits_minor)),
        "wallet": amount(Money(b.wallet_minor)),
        "points": b.points,
    }


def _read_balance(f: Fields) -> BalanceFigures:
    return BalanceFigures(
        f.text("customer_id"), f.money("credits").minor, f.money("wallet").minor, f.whole("points")
    )


def _limit(u: LimitUsage) -> dict[str, Any]:
    return {
        "customer_id": u.customer_id,
        "business_date": u.business_date.isoformat(),
        "used": amount(Money(u.used_minor)),
    }


def _read_limit(f: Fields) -> LimitUsage:
    return LimitUsage(f.text("customer_id"), f.day("business_date"), f.money("used").minor)


# entity → (its type, its JSON form, its reader)
_FORMS: dict[str, tuple[type, Callable[[Any], dict[str, Any]], Callable[[Fields], Any]]] = {
    "customer": (Customer, _customer, _read_customer),
    "card": (Card, _card, _read_card),
    "group": (CustomerGroup, _group, _read_group),
    "discount": (Discount, rules.discount_form, rules.read_discount),
    "cashback_rule": (CashbackRule, rules.cashback_rule_form, rules.read_cashback_rule),
    "voucher": (Voucher, rules.voucher_form, rules.read_voucher),
    "balance": (BalanceFigures, _balance, _read_balance),
    "limit": (LimitUsage, _limit, _read_limit),
}
_ENTITY_OF_TYPE = {form[0]: entity for entity, form in _FORMS.items()}


def entity_of(value: Value) -> str:
    return _ENTITY_OF_TYPE[type(value)]


def id_of(value: Value) -> str:
    """The id the change feed names the value by (a card and a voucher by their code)."""
    if isinstance(value, Card | Voucher):
        return value.code
    if isinstance(value, BalanceFigures):
        return value.customer_id
    if isinstance(value, LimitUsage):
        return value.key
    return value.id


def encode(value: Value) -> dict[str, Any]:
    return _FORMS[entity_of(value)][1](value)


def decode(entity: str, data: object, *, where: str = "data") -> Value:
    """The value an entity's JSON form stands for; WireError for anything malformed."""
    form = _FORMS.get(entity)
    if form is None:
        raise WireError(f"{where}: unknown entity {entity!r}")
    try:
        value: Value = form[2](Fields(data, where))
    except WireError:
        raise
    except (ValueError, TypeError) as error:  # the shared rules' own checks (DomainError)
        raise WireError(f"{where}: {error}") from error
    return value
