"""The cashier's customer search: one box, typed into a keystroke at a time.

The query decides what is searched:
- digits (with spaces, +, dashes): the phone, in any format; exact number, then numbers
  starting with it, then numbers containing it anywhere (at least 3 digits);
- anything with '@': the e-mail, exact then prefix;
- otherwise the name, with or without Polish letters: whole words, then word prefixes
  ("jan kow" finds "Jan Kowalski"), and a single word also as an e-mail prefix.

Exact matches come first, then prefixes, then fragments; deactivated customers last,
marked. Each tier is an indexed query cut at the limit, so a keystroke never scans the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from loyalty.contacts import DEFAULT_COUNTRY_CODE
from loyalty.customers import Customer, fold_diacritics
from pos_terminal.db import mapping
from pos_terminal.db.models import CustomerRow
from pos_terminal.db.search_schema import NAME_FTS, PHONE_FTS

MAX_RESULTS = 50
MIN_PHONE_DIGITS = 3
_PHONE_QUERY = re.compile(r"[\d\s+()\-./]+")
_WORD = re.compile(r"[a-z0-9]+")
_PAST_ANY_TEXT = "\uffff"  # sorts after every character stored, closing a prefix range


class MatchKind(IntEnum):
    EXACT = 0
    PREFIX = 1
    FRAGMENT = 2


@dataclass(frozen=True, slots=True)
class CustomerHit:
    customer: Customer
    match: MatchKind
    field: str  # "name" | "phone" | "email"

    @property
    def deactivated(self) -> bool:
        return not self.customer.active


def _phone_digits(query: str) -> str:
    digits = re.sub(r"\D", "", query)
    for prefix in ("00" + DEFAULT_COUNTRY_CODE, DEFAULT_COUNTRY_CODE):
        if query.lstrip().startswith(("+", "00")) and digits.startswith(prefix):
            return digits[len(prefix) :]
    return digits


@dataclass(frozen=True, slots=True)
class _Tier:
    match: MatchKind
    field: str
    sql: str  # selects rowids of matching customers
    params: dict[str, Any]


def _tier(match: MatchKind, field: str, sql: str, **params: Any) -> _Tier:
    return _Tier(match, field, sql, params)


def _tiers(query: str) -> list[_Tier]:
    if _PHONE_QUERY.fullmatch(query):
        digits = _phone_digits(query)
        if len(digits) < MIN_PHONE_DIGITS:
            return []
        return [
            _tier(
                MatchKind.EXACT,
                "phone",
                "SELECT rowid FROM customer WHERE search_phone = :d",
                d=digits,
            ),
            _tier(
                MatchKind.PREFIX,
                "phone",
                "SELECT rowid FROM customer WHERE search_phone >= :d AND search_phone < :end",
                d=digits,
                end=digits + _PAST_ANY_TEXT,
            ),
            _tier(
                MatchKind.FRAGMENT,
                "phone",
                f"SELECT rowid FROM {PHONE_FTS} WHERE {PHONE_FTS} MATCH :q",
                q=f'"{digits}"',
            ),
        ]
    email = query.lower()
    email_prefix = _tier(
        MatchKind.PREFIX,
        "email",
        "SELECT rowid FROM customer WHERE search_email >= :e AND search_email < :end",
        e=email,
        end=email + _PAST_ANY_TEXT,
    )
    if "@" in query:
        exact = _tier(
            MatchKind.EXACT, "email", "SELECT rowid FROM customer WHERE search_email = :e", e=email
        )
        return [exact, email_prefix]
    words = _WORD.findall(fold_diacritics(query).lower())
    if not words:
        return []
    whole = " ".join(f'"{word}"' for word in words)
    prefixes = " ".join(f'"{word}"*' for word in words)
    name_sql = f"SELECT rowid FROM {NAME_FTS} WHERE {NAME_FTS} MATCH :q"
    tiers = [
        _tier(MatchKind.EXACT, "name", name_sql, q=whole),
        _tier(MatchKind.PREFIX, "name", name_sql, q=prefixes),
    ]
    if len(query.split()) == 1:
        tiers.append(email_prefix)
    return tiers


def search_customers(
    session: Session, query: str, *, limit: int = MAX_RESULTS
) -> list[CustomerHit]:
    query = query.strip()
    found: dict[int, tuple[MatchKind, str]] = {}
    for tier in _tiers(query) if query else []:
        if len(found) >= limit:
            break
        # Earlier tiers' rows come back again in later tiers; fetch enough to fill up.
        statement = text(tier.sql + " LIMIT :limit")
        params = {**tier.params, "limit": limit + len(found)}
        for (rowid,) in session.execute(statement, params):
            found.setdefault(rowid, (tier.match, tier.field))
            if len(found) >= limit:
                break
    if not found:
        return []
    rows = session.execute(select(*CustomerRow.__table__.c).where(CustomerRow.rowid.in_(found)))
    hits = [CustomerHit(mapping.customer(row), *found[row.rowid]) for row in rows]
    hits.sort(key=lambda h: (h.deactivated, h.match, fold_diacritics(h.customer.name).lower()))
    return hits
