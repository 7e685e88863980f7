"""Customers and their cards and tags: create, edit, deactivate, delete, list, bulk actions.

Every change checks the actor first, runs in one transaction with its audit entry, bumps the
customer's `version` (terminals pull changes by it) and keeps the search words in step with
the name, e-mail and phone. Fields are checked by `customer_input.check` (the same rules the
CSV import uses); what needs stored data — the group exists, nobody else has the phone — is
checked here, and reported together with the field problems.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from crm.services import (
    audit,
    customer_bulk_actions,
    customer_cards,
    customer_list,
    versions,
)
from crm.services.actor import Actor
from crm.services.context import Context, new_id
from crm.services.customer_cards import CardView, card_view
from crm.services.customer_filter import CustomerFilter
from crm.services.customer_input import CustomerInput, ValidCustomer, check
from crm.services.customer_list import CustomerPage
from crm.services.customer_words import customer_words, sort_name
from crm.services.errors import Conflict, Invalid, NotFound, Problem, Problems
from crm.services.postings import new_balances
from crm.store.models import (
    BalanceRow,
    BillRow,
    CardRow,
    CustomerGroupRow,
    CustomerRow,
    CustomerTagRow,
    CustomerWordRow,
)
from loyalty.card_codes import CardKeys, lookup_keys

_INPUT_FIELDS = frozenset(f.name for f in fields(CustomerInput))
_COLUMNS = tuple(f.name for f in fields(ValidCustomer) if f.name != "tags")
# What the search words hold: the words themselves, and copies of the name and group.
_SEARCHED = frozenset({"name", "email", "phone", "group_id"})
_SHARE = {"read": True}


@dataclass(frozen=True, slots=True)
class CustomerView(ValidCustomer):
    """A stored customer: its fields, state, stats, cards and balances."""

    id: str = ""
    active: bool = True
    transactions: int = 0
    last_activity_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int = 1
    cards: tuple[CardView, ...] = ()
    credits: int = 0  # grosze
    wallet: int = 0  # grosze
    points: int = 0


def _stored(row: CustomerRow, tags: tuple[str, ...]) -> ValidCustomer:
    return ValidCustomer(tags=tags, **{name: getattr(row, name) for name in _COLUMNS})


def _as_input(valid: ValidCustomer) -> CustomerInput:
    return CustomerInput(**asdict(valid))


def _document(valid: ValidCustomer) -> dict[str, Any]:
    """The audit log's form of the fields (JSON: tags as a list)."""
    document = asdict(valid)
    document["tags"] = list(valid.tags)
    return document


@contextmanager
def _phone_race(valid: ValidCustomer) -> Iterator[None]:
    """The unique index on phone caught what the check could not see: a concurrent save."""
    try:
        yield
    except IntegrityError as error:
        raise Conflict("phone", f"{valid.phone} was just given to another customer") from error


class CustomerService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # -- one customer -----------------------------------------------------------------------

    def create(self, actor: Actor, fields_in: CustomerInput) -> CustomerView:
        actor.may_write()
        return self.ctx.db.write(lambda session: self.create_in(session, actor, fields_in))

    def create_in(
        self, session: Session, actor: Actor, fields_in: CustomerInput, customer_id: str = ""
    ) -> CustomerView:
        """`create` in the caller's transaction; a terminal's proposal keeps its own id."""
        actor.may_write()
        valid = self._checked(session, fields_in, None)
        now = self.ctx.clock()
        row = CustomerRow(
            id=customer_id or new_id(),
            active=True,
            transactions=0,
            created_at=now,
            updated_at=now,
            version=1,
        )
        with _phone_race(valid):
            self._store(session, row, valid, None)
            session.add_all(new_balances(row.id))
        self._audit(session, actor, "customer.created", row.id, after=_document(valid))
        return self._view(session, row)

    def get(self, actor: Actor, customer_id: str) -> CustomerView:
        def work(session: Session) -> CustomerView:
            return self._view(session, self._row(session, customer_id))

        return self.ctx.db.read(work)

    def edit(
        self,
        actor: Actor,
        customer_id: str,
        changes: dict[str, Any],
        *,
        expected_version: int | None = None,
    ) -> CustomerView:
        """Change the given fields (None clears one); the rest stay as they are. A stale
        `expected_version` is refused (`crm.services.versions`)."""
        actor.may_write()
        unknown = sorted(set(changes) - _INPUT_FIELDS)
        if unknown:
            raise Invalid([Problem(name, "not a customer field") for name in unknown])

        def work(session: Session) -> CustomerView:
            row = self._row(session, customer_id, lock=True)
            versions.check(row.version, expected_version)
            old = _stored(row, self._tags(session, customer_id))
            valid = self._checked(session, replace(_as_input(old), **changes), customer_id)
            before, after = _document(old), _document(valid)
            changed = {key for key in after if after[key] != before[key]}
            if changed:
                row.version += 1
                row.updated_at = self.ctx.clock()
                with _phone_race(valid):
                    self._store(session, row, valid, old)
                self._audit(
                    session,
                    actor,
                    "customer.updated",
                    customer_id,
                    before={key: before[key] for key in sorted(changed)},
                    after={key: after[key] for key in sorted(changed)},
                )
            return self._view(session, row)

        return self.ctx.db.write(work)

    def deactivate(self, actor: Actor, customer_id: str) -> CustomerView:
        return self._set_active(actor, customer_id, False)

    def reactivate(self, actor: Actor, customer_id: str) -> CustomerView:
        return self._set_active(actor, customer_id, True)

    def delete(self, actor: Actor, customer_id: str) -> None:
        """Remove the customer for good; refused once they have bills (deactivate instead)."""
        actor.may_write()

        def work(session: Session) -> None:
            row = self._row(session, customer_id, lock=True)
            if session.scalar(select(exists().where(BillRow.customer_id == customer_id))):
                raise Conflict("customer_id", "the customer has bills; deactivate them instead")
            before = _document(_stored(row, self._tags(session, customer_id)))
            # Cards, tags, words, balances and ledger go with the row (ON DELETE CASCADE).
            session.execute(delete(CustomerRow).where(CustomerRow.id == customer_id))
            self._audit(session, actor, "customer.deleted", customer_id, before=before)

        self.ctx.db.write(work)

    # -- cards --------------------------------------------------------------------------------

    def add_card(
        self,
        actor: Actor,
        customer_id: str,
        code: str,
        number: str | None = None,
        expires_on: date | None = None,
    ) -> CardView:
        actor.may_write()
        keys, printed = customer_cards.checked_card(code, number)
        return self.ctx.db.write(
            lambda session: customer_cards.add_card(
                session,
                actor=actor,
                now=self.ctx.clock(),
                customer_id=customer_id,
                keys=keys,
                number=printed,
                expires_on=expires_on,
                new_id=new_id(),
            )
        )

    def block_card(self, actor: Actor, card_id: str, blocked: bool = True) -> CardView:
        actor.may_write()
        return self.ctx.db.write(
            lambda session: customer_cards.set_blocked(
                session, actor=actor, now=self.ctx.clock(), card_id=card_id, blocked=blocked
            )
        )

    def remove_card(self, actor: Actor, card_id: str) -> None:
        actor.may_write()
        self.ctx.db.write(
            lambda session: customer_cards.remove_card(
                session, actor=actor, now=self.ctx.clock(), card_id=card_id
            )
        )

    def card_owner(self, actor: Actor, typed: str) -> str | None:
        """The customer whose card this is, typed as its code in any reader form or as the
        number printed on it; None when the text is no card of anyone (the list's search
        shows that customer first)."""
        text = typed.strip()
        if not text or len(text) > customer_cards.NUMBER_MAX:
            return None
        try:
            keys: CardKeys | None = lookup_keys(text)
        except ValueError:
            keys = None

        def work(session: Session) -> str | None:
            owner = customer_cards.owner_of(session, keys) if keys is not None else None
            if owner is None:
                owner = session.scalar(select(CardRow.customer_id).where(CardRow.number == text))
            return owner

        return self.ctx.db.read(work)

    # -- many customers -----------------------------------------------------------------------

    def list(
        self,
        actor: Actor,
        where: CustomerFilter,
        sort: str = "name",
        limit: int = customer_list.DEFAULT_LIMIT,
        cursor: str | None = None,
    ) -> CustomerPage:
        request = customer_list.checked_request(where, sort, limit, cursor)
        return self.ctx.db.read(lambda session: customer_list.read_page(session, request))

    def bulk(self, actor: Actor, where: CustomerFilter, action: str, value: Any) -> int:
        """Apply `action` to every customer of the filter; the number of customers changed."""
        actor.may_write()
        checked = customer_bulk_actions.checked_bulk(where, action, value)
        return self.ctx.db.write(
            lambda session: customer_bulk_actions.apply_bulk(
                session, actor, self.ctx.clock(), checked
            )
        )

    # -- inside a transaction ---------------------------------------------------------------

    def _row(self, session: Session, customer_id: str, lock: bool = False) -> CustomerRow:
        row = session.get(CustomerRow, customer_id, with_for_update=lock)
        if row is None:
            raise NotFound("customer", customer_id)
        return row

    def _tags(self, session: Session, customer_id: str) -> tuple[str, ...]:
        query = select(CustomerTagRow.tag).where(CustomerTagRow.customer_id == customer_id)
        return tuple(sorted(session.scalars(query)))

    def _checked(
        self, session: Session, given: CustomerInput, customer_id: str | None
    ) -> ValidCustomer:
        """Every field's problem and every clash with stored data, in one answer."""
        problems = Problems()
        valid = check(given, problems)
        group_id = (given.group_id or "").strip()
        # FOR SHARE: a group being deleted meanwhile is either seen gone or waits for us.
        if group_id and session.get(CustomerGroupRow, group_id, with_for_update=_SHARE) is None:
            problems.add("group_id", f"no group {group_id!r}")
        problems.raise_if_any()
        assert valid is not None
        if valid.phone is not None:
            other = session.execute(
                select(CustomerRow.id, CustomerRow.name).where(
                    CustomerRow.phone == valid.phone, CustomerRow.id != (customer_id or "")
                )
            ).first()
            if other is not None:
                raise Conflict(
                    "phone", f"{valid.phone} is the phone of customer {other.name!r} ({other.id})"
                )
        return valid

    def _store(
        self, session: Session, row: CustomerRow, valid: ValidCustomer, old: ValidCustomer | None
    ) -> None:
        for name in _COLUMNS:
            setattr(row, name, getattr(valid, name))
        row.sort_name = sort_name(valid.name)
        if old is None:
            session.add(row)
        if old is None or old.tags != valid.tags:
            session.execute(delete(CustomerTagRow).where(CustomerTagRow.customer_id == row.id))
            session.add_all(CustomerTagRow(customer_id=row.id, tag=tag) for tag in valid.tags)
        if old is None or any(getattr(old, f) != getattr(valid, f) for f in _SEARCHED):
            session.execute(delete(CustomerWordRow).where(CustomerWordRow.customer_id == row.id))
            words = customer_words(valid.name, valid.email, valid.phone)
            session.add_all(
                CustomerWordRow(
                    word=word, customer_id=row.id, sort_name=row.sort_name, group_id=row.group_id
                )
                for word in words
            )
        session.flush()

    def _set_active(self, actor: Actor, customer_id: str, active: bool) -> CustomerView:
        actor.may_write()

        def work(session: Session) -> CustomerView:
            row = self._row(session, customer_id, lock=True)
            if row.active != active:
                row.active = active
                row.version += 1
                row.updated_at = self.ctx.clock()
                action = "customer.reactivated" if active else "customer.deactivated"
                self._audit(
                    session,
                    actor,
                    action,
                    customer_id,
                    before={"active": not active},
                    after={"active": active},
                )
            return self._view(session, row)

        return self.ctx.db.write(work)

    def _audit(
        self,
        session: Session,
        actor: Actor,
        action: str,
        customer_id: str,
        *,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        audit.record(
            session,
            actor=actor,
            at=self.ctx.clock(),
            action=action,
            entity="customer",
            entity_id=customer_id,
            before=before,
            after=after,
            customer_id=customer_id,
        )

    def _view(self, session: Session, row: CustomerRow) -> CustomerView:
        session.flush()
        cards = session.scalars(
            select(CardRow).where(CardRow.customer_id == row.id).order_by(CardRow.created_at)
        )
        balances = {
            account: amount
            for account, amount in session.execute(
                select(BalanceRow.account, BalanceRow.amount).where(
                    BalanceRow.customer_id == row.id
                )
            )
        }
        today = self.ctx.clock().date()
        return CustomerView(
            **asdict(_stored(row, self._tags(session, row.id))),
            id=row.id,
            active=row.active,
            transactions=row.transactions,
            last_activity_at=row.last_activity_at,
            created_at=row.created_at,
            updated_at=row.updated_at,
            version=row.version,
            cards=tuple(card_view(card, today) for card in cards),
            credits=balances.get("credits", 0),
            wallet=balances.get("wallet", 0),
            points=balances.get("points", 0),
        )
