"""Customers in the local cache: by id, by the cashier's search, and added on this terminal."""

from __future__ import annotations

import json
from dataclasses import asdict
from functools import lru_cache

from sqlalchemy import Connection, bindparam, insert, select
from sqlalchemy.orm import Session

from loyalty.contacts import national_digits
from loyalty.customers import Address, Customer, fold_diacritics
from pos_terminal.db import mapping
from pos_terminal.db.models import CustomerRow
from pos_terminal.db.search import MAX_RESULTS, CustomerSearch, search_customers

_NO_ADDRESS = Address()
_NO_ADDRESS_DETAILS = json.dumps({"address": asdict(_NO_ADDRESS)}, sort_keys=True)
CUSTOMER_COLUMNS = tuple(
    column for column in CustomerRow.__table__.c if not column.name.startswith("search_")
)
# Every card tap reads one, so the statement is built once (see balances.py).
_BY_ID = select(*CUSTOMER_COLUMNS).where(CustomerRow.id == bindparam("customer_id"))


@lru_cache(maxsize=1 << 16)
def _folded_word(word: str) -> str:
    return fold_diacritics(word).lower()


def search_name(name: str) -> str:
    """The indexed form of a name: "Łucja  Żółć" → "lucja zolc" (words repeat a lot, so
    folding is cached per word)."""
    return " ".join(_folded_word(word) for word in name.split())


def refold_names(connection: Connection) -> int:
    """Fold again every name that is not plain ASCII, and store those that fold otherwise
    now (an earlier fold kept letters such as "ø"): how many changed. Plain ASCII folds to
    itself, so only those names are read; the search index follows by its triggers."""
    rows = connection.exec_driver_sql(
        "SELECT id, name, search_name FROM customer WHERE name GLOB '*[^ -~]*'"
    ).all()
    changed = [
        (search_name(name), id_) for id_, name, stored in rows if search_name(name) != stored
    ]
    if changed:
        connection.exec_driver_sql("UPDATE customer SET search_name = ? WHERE id = ?", changed)
    return len(changed)


def _details(address: Address) -> str:
    if address == _NO_ADDRESS:
        return _NO_ADDRESS_DETAILS  # most customers; json.dumps per row slows bulk loads
    return json.dumps({"address": asdict(address)}, sort_keys=True, ensure_ascii=False)


def customer_row(customer: Customer, *, proposed_locally: bool = False) -> dict[str, object]:
    """The stored form of a customer, with the folded forms the search indexes."""
    return {
        "id": customer.id,
        "name": customer.name,
        "type": customer.type.value,
        "group_id": customer.group_id,
        "nip": customer.nip,
        "email": customer.email,
        "phone": customer.phone,
        "active": customer.active,
        "verified": customer.verified,
        "discount_limit_disabled": customer.discount_limit_disabled,
        "discount_allowance_minor": (
            customer.discount_allowance.minor if customer.discount_allowance is not None else None
        ),
        "tags": mapping.join_ids(sorted(customer.tags)),
        "details": _details(customer.address),
        "proposed_locally": proposed_locally,
        "search_name": search_name(customer.name),
        "search_phone": national_digits(customer.phone) if customer.phone else None,
        "search_email": customer.email.lower() if customer.email else None,
    }


class CustomerRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def by_id(self, customer_id: str) -> Customer | None:
        row = self._session.connection().execute(_BY_ID, {"customer_id": customer_id}).first()
        return mapping.customer(row) if row is not None else None

    def search(self, query: str, *, limit: int = MAX_RESULTS) -> CustomerSearch:
        """The best matches first, with what a row of the results shows (db/search.py)."""
        return search_customers(self._session.connection(), query, limit=limit)

    def add(self, customer: Customer, *, proposed_locally: bool = False) -> None:
        self._session.execute(
            insert(CustomerRow).values(**customer_row(customer, proposed_locally=proposed_locally))
        )

    def phone_taken(self, e164: str) -> Customer | None:
        row = self._session.execute(
            select(*CUSTOMER_COLUMNS).where(CustomerRow.phone == e164).limit(1)
        ).first()
        return mapping.customer(row) if row is not None else None
