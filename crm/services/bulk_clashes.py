"""What of a batch of new customers clashes with stored ones: phones, and cards in any form.

A card clashes with another when they are the same physical card as `loyalty.card_codes`
sees it: the same normalised code, the same 32-bit number, or the same 24-bit W26 number
when one of the two was enrolled from a W26 form (which knows no more than 24 bits).
Lookups go in slices of `LOOKUP` values per IN (…), each an index scan; owners' names are
fetched by primary key afterwards, so no join depends on fresh table statistics (right
after a big import PostgreSQL may not have them yet).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.services.customer_bulk import NewCard
from crm.store.models import CardRow, CustomerRow

LOOKUP = 500
Owner = TypeVar("Owner")


class CardIndex(Generic[Owner]):
    """Cards by every key that makes two enrolments the same physical card."""

    def __init__(self) -> None:
        self._code: dict[str, Owner] = {}
        self._key32: dict[int, Owner] = {}
        self._key24: dict[int, Owner] = {}
        self._w26: dict[int, Owner] = {}  # key24 of cards enrolled without a key32

    def add(self, card: NewCard, owner: Owner) -> None:
        self._code.setdefault(card.code, owner)
        if card.key32 is not None:
            self._key32.setdefault(card.key32, owner)
        if card.key24 is not None:
            self._key24.setdefault(card.key24, owner)
            if card.key32 is None:
                self._w26.setdefault(card.key24, owner)

    def clash(self, card: NewCard) -> Owner | None:
        """Who already has this card, if anyone."""
        if card.code in self._code:
            return self._code[card.code]
        if card.key32 is not None and card.key32 in self._key32:
            return self._key32[card.key32]
        if card.key24 is not None:
            if card.key32 is None and card.key24 in self._key24:
                return self._key24[card.key24]
            if card.key24 in self._w26:
                return self._w26[card.key24]
        return None


@dataclass(frozen=True, slots=True)
class Taken:
    """What of a batch of new customers is already someone's: key → "name (id)"."""

    phones: dict[str, str]
    numbers: dict[str, str]
    cards: CardIndex[str]


def _slices(values: Iterable[Any]) -> Iterator[list[Any]]:
    ordered = sorted(set(values))
    for start in range(0, len(ordered), LOOKUP):
        yield ordered[start : start + LOOKUP]


def taken(session: Session, phones: Iterable[str], cards: Sequence[NewCard]) -> Taken:
    """The phones and cards (in any equivalent form) that stored customers already have."""
    found = Taken({}, {}, CardIndex())
    for chunk in _slices(phones):
        phone_owners = session.execute(
            select(CustomerRow.phone, CustomerRow.name, CustomerRow.id).where(
                CustomerRow.phone.in_(chunk)
            )
        )
        found.phones.update((phone or "", f"{name} ({id_})") for phone, name, id_ in phone_owners)
    owners: dict[str, list[CardRow]] = {}
    for column, values in (
        (CardRow.code, [card.code for card in cards]),
        (CardRow.number, [card.number for card in cards]),
        (CardRow.key32, [card.key32 for card in cards if card.key32 is not None]),
        (CardRow.key24, [card.key24 for card in cards if card.key24 is not None]),
    ):
        for chunk in _slices(values):
            for card in session.scalars(select(CardRow).where(column.in_(chunk))):
                owners.setdefault(card.customer_id, []).append(card)
    for chunk in _slices(owners):
        names = session.execute(
            select(CustomerRow.id, CustomerRow.name).where(CustomerRow.id.in_(chunk))
        )
        for customer_id, name in names:
            who = f"{name} ({customer_id})"
            for card in owners[customer_id]:
                found.numbers.setdefault(card.number, who)
                found.cards.add(NewCard(card.code, card.number, card.key32, card.key24), who)
    return found
