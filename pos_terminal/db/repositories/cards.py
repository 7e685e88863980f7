"""Loyalty cards: found by whatever a reader typed, or by the number printed on them.

A reader may send the same card as a 10-digit decimal, hex, byte-reversed hex or W26
facility+number (`loyalty.card_codes`). Each stored card keeps its number in 32-bit and
24-bit form, indexed, so every form is one indexed lookup.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, insert, or_, select
from sqlalchemy.orm import Session

from loyalty.card_codes import enrolment_keys, lookup_keys
from loyalty.customers import Card
from pos_terminal.db import mapping
from pos_terminal.db.models import CardRow, CustomerRow

_COLUMNS = (CardRow.code, CardRow.number, CardRow.customer_id, CardRow.expires_on, CardRow.blocked)
# A tap's first look-up, built once (see balances.py on why a tap's statements are).
_BY_CODE = select(*_COLUMNS).where(CardRow.code == bindparam("code"))


def card_row(card: Card) -> dict[str, object]:
    keys = enrolment_keys(card.code)
    return {
        "code": keys.code,
        "number": card.number,
        "customer_id": card.customer_id,
        "expires_on": card.expires_on,
        "blocked": card.blocked,
        "key32": min(keys.key32) if keys.key32 else None,
        "key24": min(keys.key24) if keys.key24 else None,
    }


class CardRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def find_by_read(self, text: str) -> list[Card]:
        """Cards this read may denote, most precise match first: the exact code, then the
        32-bit number in any form, then the 24-bit W26 number (which can be ambiguous).

        Raises ValueError for a read that cannot be a card code at all.
        """
        keys = lookup_keys(text)
        exact = self._session.connection().execute(_BY_CODE, {"code": keys.code}).all()
        if exact:
            return [mapping.card(row) for row in exact]
        for column, values in ((CardRow.key32, keys.key32), (CardRow.key24, keys.key24)):
            if values:
                rows = self._session.execute(
                    select(*_COLUMNS).where(column.in_(sorted(values))).order_by(CardRow.code)
                ).all()
                if rows:
                    return [mapping.card(row) for row in rows]
        return []

    def find_by_number(self, number: str) -> Card | None:
        row = self._session.execute(
            select(*_COLUMNS).where(CardRow.number == number.strip())
        ).first()
        return mapping.card(row) if row is not None else None

    def for_customer(self, customer_id: str) -> list[Card]:
        rows = self._session.execute(
            select(*_COLUMNS).where(CardRow.customer_id == customer_id).order_by(CardRow.number)
        )
        return [mapping.card(row) for row in rows]

    def usable_codes(self, *, on: date, limit: int) -> list[str]:
        """Codes of cards that identify an active customer on `on` (for the demo tap)."""
        rows = self._session.execute(
            select(CardRow.code)
            .join(CustomerRow, CustomerRow.id == CardRow.customer_id)
            .where(
                CardRow.blocked.is_(False),
                CustomerRow.active.is_(True),
                or_(CardRow.expires_on.is_(None), CardRow.expires_on >= on),
            )
            .order_by(CardRow.number)
            .limit(limit)
        )
        return list(rows.scalars())

    def add(self, card: Card) -> None:
        self._session.execute(insert(CardRow).values(**card_row(card)))
