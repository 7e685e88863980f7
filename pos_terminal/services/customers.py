"""Adding a customer at the till: validated here, stored at once, proposed to the CRM.

The new customer can be found and used on this terminal immediately; the CRM decides later
whether it duplicates someone it knows (sync-protocol §5.4).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from loyalty import formatting
from loyalty.contacts import normalise_email, normalise_phone
from loyalty.customers import Card, Customer, normalise_nip
from loyalty.errors import DomainError
from loyalty.text_fields import NAME_MAX, TAG_MAX, TAGS_MAX, has_control_characters
from pos_terminal.db.uow import UnitOfWork
from pos_terminal.domain.staff import StaffMember, require_manager
from sync.wire.codec import utc
from sync.wire.ops import CardAssigned, CustomerProposed, ProposedCard

CUSTOMER_PROPOSED = CustomerProposed.KIND
GROUP_BY_MANAGER = "customer.group_by_manager"  # a group a cashier alone may not give (audit)


class CustomerFormError(DomainError):
    """Every field that is wrong, with a message per field, so the form can mark them all."""

    def __init__(self, problems: dict[str, DomainError]) -> None:
        super().__init__(
            "some details need correcting: {fields}",
            fields="; ".join(f"{name}: {problem}" for name, problem in problems.items()),
        )
        self.problems = problems  # each one an explained error, shown by its field


@dataclass(frozen=True, slots=True)
class NewCustomer:
    name: str
    phone: str = ""
    email: str = ""
    nip: str = ""
    group_id: str | None = None
    card_code: str = ""
    card_number: str = ""
    tags: frozenset[str] = field(default_factory=frozenset)


def _checked(
    tx: UnitOfWork, form: NewCustomer, manager: StaffMember | None
) -> tuple[dict[str, str | None], dict[str, DomainError]]:
    values: dict[str, str | None] = {"phone": None, "email": None, "nip": None}
    problems: dict[str, DomainError] = {}
    if not form.name.strip():
        problems["name"] = DomainError("a name is required")
    elif (name_problem := _text_problem(form.name, NAME_MAX)) is not None:
        problems["name"] = name_problem
    tag_problems = [p for tag in form.tags if (p := _text_problem(tag, TAG_MAX)) is not None]
    if len(form.tags) > TAGS_MAX:
        problems["tags"] = DomainError("at most {count} tags", count=TAGS_MAX)
    elif tag_problems:
        problems["tags"] = tag_problems[0]
    for key, normalise, text in (
        ("phone", normalise_phone, form.phone),
        ("email", normalise_email, form.email),
        ("nip", normalise_nip, form.nip),
    ):
        if text.strip():
            try:
                values[key] = normalise(text)
            except DomainError as error:
                problems[key] = error
    phone = values["phone"]
    if phone is not None and (owner := tx.customers.phone_taken(phone)) is not None:
        problems["phone"] = DomainError(
            "{phone} already belongs to {owner}", phone=formatting.phone(phone), owner=owner.name
        )
    problems.update(_group_problem(tx, form.group_id, manager))
    if form.card_code.strip():
        try:
            if tx.cards.find_by_read(form.card_code):
                problems["card"] = DomainError("this card already belongs to a customer")
        except ValueError as error:
            problems["card"] = DomainError("this card cannot be read: {reason}", reason=str(error))
    return values, problems


def _group_problem(
    tx: UnitOfWork, group_id: str | None, manager: StaffMember | None
) -> dict[str, DomainError]:
    """An unknown group; or one a cashier alone may not give, and no manager."""
    if group_id is None:
        return {}
    group = tx.rules.group(group_id)
    if group is None:
        return {"group": DomainError("this group is not known on the terminal")}
    if not group.assignable_at_till and manager is None:
        return {
            "manager_pin": DomainError(
                "a manager's PIN is needed to put a customer in {group}", group=group.name
            )
        }
    return {}


def _text_problem(text: str, longest: int) -> DomainError | None:
    """What is wrong with a field's text (loyalty.text_fields), or None."""
    if has_control_characters(text):
        return DomainError("no control characters (tabs, line breaks) in a field")
    if len(text.strip()) > longest:
        return DomainError("at most {count} characters", count=longest)
    return None


def quick_add_customer(
    tx: UnitOfWork, form: NewCustomer, *, now: datetime, manager: StaffMember | None = None
) -> Customer:
    """Validate every field, then store the customer (and card) and queue the proposal.
    A group not assignable at the till takes a `manager`, named in the audit log."""
    if manager is not None:
        require_manager(manager, "put a customer in this group")
    values, problems = _checked(tx, form, manager)
    if problems:
        raise CustomerFormError(problems)
    customer = Customer(
        id=f"local-{uuid.uuid4()}",
        name=" ".join(form.name.split()),
        group_id=form.group_id,
        nip=values["nip"],
        email=values["email"],
        phone=values["phone"],
        tags=form.tags,
    )
    tx.customers.add(customer, proposed_locally=True)
    card = None
    if form.card_code.strip():
        card = Card(
            code=form.card_code.strip(),
            number=form.card_number.strip() or form.card_code.strip(),
            customer_id=customer.id,
        )
        tx.cards.add(card)
    proposed = CustomerProposed(
        local_id=customer.id,
        name=customer.name,
        phone=customer.phone,
        email=customer.email,
        nip=customer.nip,
        group_id=customer.group_id,
        card=ProposedCard(card.code, card.number) if card else None,
        created_at=utc(now),
    )
    tx.outbox.append(proposed, aggregate_id=customer.id, now=now)
    group = tx.rules.group(customer.group_id) if customer.group_id is not None else None
    if group is not None and not group.assignable_at_till:
        details = {"group": group.id, "group_name": group.name, "name": customer.name}
        tx.audit.record(manager, GROUP_BY_MANAGER, customer.id, details, now=now)
    return customer


CARD_ASSIGNED = CardAssigned.KIND


def assign_card(tx: UnitOfWork, customer_id: str, code: str, *, now: datetime) -> Card:
    """Give an existing customer a card tapped at the till (seed 004), proposed to the CRM."""
    customer = tx.customers.by_id(customer_id)
    if customer is None:
        raise DomainError("this customer is not on this terminal")
    try:
        taken = tx.cards.find_by_read(code)
    except ValueError as error:
        raise DomainError("this card cannot be read: {reason}", reason=str(error)) from error
    if taken:
        raise DomainError("this card already belongs to a customer")
    card = Card(code=code.strip(), number=code.strip(), customer_id=customer.id)
    tx.cards.add(card)
    tx.outbox.append(
        CardAssigned(customer.id, card.code, utc(now)), aggregate_id=customer.id, now=now
    )
    return card
