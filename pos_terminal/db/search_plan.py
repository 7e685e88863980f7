"""What a query typed into the customer search asks for, and how well a customer fits it.

The query decides the fields:
- digits (with spaces, +, dashes): the phone, in any format, from MIN_PHONE_DIGITS digits;
- anything with '@': the e-mail;
- otherwise the name, with or without Polish letters, by words ("jan kow" finds "Jan
  Kowalski", so does "kowalski jan"); a single word ("jan.kow", "kowal") is also looked for
  in the e-mail.

How well a match fits, best first (`MatchKind`): the whole field equals the query (a name's
words in any order), the field starts with it, every word typed is a word of the name,
every word typed starts one, the phone or e-mail contains it (the e-mail from
MIN_EMAIL_FRAGMENT characters: its trigram index cannot look for fewer).

Each tier is one indexed query (`Tier.sql`); `search_fit.py` grades one customer's row by
the same rules, for the customers this till has seen (search.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from itertools import permutations
from typing import Any

from loyalty.contacts import DEFAULT_COUNTRY_CODE
from loyalty.customers import fold_diacritics
from pos_terminal.db.search_schema import EMAIL_FTS, NAME_FTS, PHONE_FTS

MIN_PHONE_DIGITS = 3
MIN_EMAIL_FRAGMENT = 3
FRAGMENT_TRIGRAMS = 5  # the most an e-mail fragment asks its index for (_email_fragment)
_PHONE_QUERY = re.compile(r"[\d\s+()\-./]+")
_WORD = re.compile(r"[a-z0-9]+")  # what the name index's tokenizer keeps of a folded name
_PAST_ANY_TEXT = "\uffff"  # sorts after every character stored, closing a prefix range
_MOST_WORDS_IN_ANY_ORDER = 3  # 6 orders to look up; a longer name is typed in its order


class MatchKind(IntEnum):
    EXACT = 0  # the whole field
    PREFIX = 1  # the field starts with the query
    WORD = 2  # every word typed is a whole word of the name
    WORD_PREFIX = 3  # every word typed starts a word of the name
    FRAGMENT = 4  # the phone or the e-mail contains the query


@dataclass(frozen=True, slots=True)
class Tier:
    match: MatchKind
    field: str  # "name" | "phone" | "email"
    sql: str  # selects the rowids of the customers matching, in its index's order
    params: dict[str, Any]


def _range(column: str, value: str) -> tuple[str, dict[str, Any]]:
    sql = f"SELECT rowid FROM customer WHERE {column} >= :v AND {column} < :end"
    return sql, {"v": value, "end": value + _PAST_ANY_TEXT}


def _fts(table: str, query: str) -> tuple[str, dict[str, Any]]:
    return f"SELECT rowid FROM {table} WHERE {table} MATCH :q", {"q": query}


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _email_fragment(fragment: str) -> tuple[str, dict[str, Any]]:
    """Addresses containing `fragment`. The trigram index is asked for trigrams starting at
    every other character (the last one ending the fragment), at most FRAGMENT_TRIGRAMS of
    them spread over it: "kowalska" needs "kow", "wal", "lsk", "ska" — and each row it gives
    is checked for the whole fragment. A phrase of every trigram is checked by the index
    itself, but it reads every trigram's list: for names' common parts ("jankowska.m…")
    10-15 ms; these few lists, 5 ms at worst over `bench store`'s e-mail keystrokes (fewer,
    and too many rows are left to check)."""
    starts = list(range(0, len(fragment) - 2, 2))
    if starts[-1] != len(fragment) - 3:
        starts.append(len(fragment) - 3)
    if len(starts) > FRAGMENT_TRIGRAMS:
        last = len(starts) - 1
        picks = {round(i * last / (FRAGMENT_TRIGRAMS - 1)) for i in range(FRAGMENT_TRIGRAMS)}
        starts = [starts[i] for i in sorted(picks)]
    trigrams = sorted({_phrase(fragment[i : i + 3]) for i in starts})
    sql = (
        f"SELECT f.rowid FROM {EMAIL_FTS} AS f JOIN customer AS c ON c.rowid = f.rowid"
        f" WHERE {EMAIL_FTS} MATCH :q AND instr(c.search_email, :v) > 0"
    )
    return sql, {"q": " AND ".join(trigrams), "v": fragment}


def _phone_digits(query: str) -> str:
    digits = re.sub(r"\D", "", query)
    for prefix in ("00" + DEFAULT_COUNTRY_CODE, DEFAULT_COUNTRY_CODE):
        if query.lstrip().startswith(("+", "00")) and digits.startswith(prefix):
            return digits[len(prefix) :]
    return digits


@dataclass(frozen=True, slots=True)
class Plan:
    tiers: tuple[Tier, ...]
    digits: str = ""  # a phone query's national digits
    email: str = ""  # the query as an e-mail (or a fragment of one), lower case
    words: tuple[str, ...] = ()  # a name query's folded words
    names: tuple[str, ...] = ()  # the whole names it equals (its words' orders)


def _email_tiers(email: str) -> list[Tier]:
    tiers = [
        Tier(MatchKind.EXACT, "email", "SELECT rowid FROM customer WHERE search_email = :v",
             {"v": email}),
        Tier(MatchKind.PREFIX, "email", *_range("search_email", email)),
    ]  # fmt: skip
    if len(email) >= MIN_EMAIL_FRAGMENT:
        tiers.append(Tier(MatchKind.FRAGMENT, "email", *_email_fragment(email)))
    return tiers


def plan_search(query: str) -> Plan:
    query = query.strip()
    if not query:
        return Plan(())
    if _PHONE_QUERY.fullmatch(query):
        digits = _phone_digits(query)
        if len(digits) < MIN_PHONE_DIGITS:
            return Plan(())
        by_phone = (
            Tier(MatchKind.EXACT, "phone", "SELECT rowid FROM customer WHERE search_phone = :v",
                 {"v": digits}),
            Tier(MatchKind.PREFIX, "phone", *_range("search_phone", digits)),
            Tier(MatchKind.FRAGMENT, "phone", *_fts(PHONE_FTS, _phrase(digits))),
        )  # fmt: skip
        return Plan(by_phone, digits=digits)
    email = query.lower()
    if "@" in query:
        return Plan(tuple(_email_tiers(email)), email=email)
    words = tuple(_WORD.findall(fold_diacritics(query).lower()))
    single = len(query.split()) == 1
    if not words:
        return Plan(tuple(_email_tiers(email)), email=email) if single else Plan(())
    orders = permutations(words) if len(words) <= _MOST_WORDS_IN_ANY_ORDER else [words]
    names = tuple(sorted({" ".join(order) for order in orders}))
    marks = ", ".join(f":n{i}" for i in range(len(names)))
    by_name = [
        Tier(MatchKind.EXACT, "name", f"SELECT rowid FROM customer WHERE search_name IN ({marks})",
             {f"n{i}": name for i, name in enumerate(names)}),
        Tier(MatchKind.PREFIX, "name", *_range("search_name", " ".join(words))),
        Tier(MatchKind.WORD, "name", *_fts(NAME_FTS, " ".join(f'"{w}"' for w in words))),
        Tier(MatchKind.WORD_PREFIX, "name", *_fts(NAME_FTS, " ".join(f'"{w}"*' for w in words))),
    ]  # fmt: skip
    by_email = _email_tiers(email) if single else []
    best_first = sorted(by_name + by_email, key=lambda tier: tier.match)  # stable: names first
    return Plan(tuple(best_first), email=email if single else "", words=words, names=names)
