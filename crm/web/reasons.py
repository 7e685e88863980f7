"""The services' reasons for refusing something, in the reader's language.

The services (and `loyalty` under them) explain a refusal in English, with the value that
was refused; the till shows those through its Qt catalogue. The pages read the same
reasons and give the Polish of each one, keeping the refused value. The tables, by area,
are in `reasons_people`, `reasons_rules` and `reasons_general`: each row is the English
reason as a pattern and its Polish, which uses every named group of the pattern. A group's
name says how its value is shown (`…_gr` grosze and `…_pln` "12,50 PLN" as "12,50 zł",
`…_role` and `…_what` in Polish, `…_reason` another reason, translated in its turn).

`tests/crm_web/test_reasons.py` finds every reason the services can give and checks that
each has its Polish here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from crm.web import reasons_general, reasons_people, reasons_rules
from loyalty import formatting
from loyalty.money import Money

# (the English reason as a pattern, its Polish with the pattern's groups); the first
# pattern that matches the whole reason wins, so the general rules come last.
TABLE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), polish)
    for pattern, polish in (
        *reasons_people.POLISH,
        *reasons_rules.POLISH,
        *reasons_general.POLISH,
    )
)

_ROLES = {"owner": "właściciel", "manager": "kierownik", "read_only": "tylko odczyt"}
_THINGS = {  # genitive: "Nie ma klienta 'cus_…'."
    "customer": "klienta",
    "card": "karty",
    "group": "grupy",
    "shop": "sklepu",
    "terminal": "kasy",
    "authorization": "autoryzacji",
    "balance operation": "operacji na saldzie",
    "item to review": "pozycji do przejrzenia",
    "discount": "zniżki",
    "voucher": "vouchera",
    "voucher template": "szablonu vouchera",
    "voucher_template": "szablonu vouchera",
    "cashback_rule": "reguły cashbacku",
    "admin user": "użytkownika",
}
# "Anna Nowak has 1200, Jan Kowalski has 0 and 1 more" (grosze or points)
_HAS = re.compile(r" has (-?\d+)")
_MORE = re.compile(r" and (\d+) more$")
# ServiceError.message of an Invalid or a Conflict: "phone: …; cards.0.code: …"
_FIELD_REASONS = re.compile(r"; (?=[a-z_][\w.]*: )")
_FIELD_REASON = re.compile(r"(?P<field>[a-z_][\w.]*): (?P<reason>.+)", re.DOTALL)


def _zloty(minor: str) -> str:
    return formatting.money(Money(int(minor)))


def _pln(text: str) -> str:
    """ "1234,50 PLN" (str of a Money) → "1 234,50 zł"."""
    amount, _, currency = text.rpartition(" ")
    if currency != "PLN" or not re.fullmatch(r"-?\d+,\d\d", amount):
        return text
    return _zloty(amount.replace(",", ""))


def _listed(text: str, show: Callable[[str], str]) -> str:
    text = _MORE.sub(lambda more: f" i {more[1]} innych", text)
    return _HAS.sub(lambda has: f": {show(has[1])}", text)


_SHOWN: dict[str, Callable[[str], str]] = {
    "gr": _zloty,
    "pln": _pln,
    "role": lambda role: _ROLES.get(role, role),
    "what": lambda thing: _THINGS.get(thing, thing),
    "grlist": lambda text: _listed(text, _zloty),
    "ptlist": lambda text: _listed(text, lambda points: f"{points} pkt"),
    "reason": lambda reason: translated(reason, "pl"),
}


def value_shown(name: str, value: str, language: str) -> str:
    """How the value of the pattern group `name` is shown in `language`."""
    if language != "pl" or "_" not in name:
        return value
    show = _SHOWN.get(name.rsplit("_", 1)[1])
    return show(value) if show is not None else value


def values_of(reason: str) -> list[tuple[str, str]]:
    """The named groups (name, value) of the pattern that matches `reason`; [] if none."""
    for pattern, _ in TABLE:
        found = pattern.fullmatch(reason)
        if found is not None:
            return [(name, value) for name, value in found.groupdict().items()]
    return []


def translated(reason: str, language: str) -> str:
    """`reason` in `language`: Polish from the tables, or as the service wrote it."""
    if language != "pl":
        return reason
    for pattern, polish in TABLE:
        found = pattern.fullmatch(reason)
        if found is not None:
            values = {
                name: value_shown(name, value, language)
                for name, value in found.groupdict().items()
            }
            return polish.format(**values)
    return _by_field(reason)


def _by_field(message: str) -> str:
    """A refused op's reason is the refusal's message: each "field: reason" translated."""
    parts = []
    for part in _FIELD_REASONS.split(message):
        found = _FIELD_REASON.fullmatch(part)
        if found is None:
            return message
        polish = translated(found["reason"], "pl")
        if polish == found["reason"]:
            return message
        parts.append(f"{found['field']}: {polish}")
    return "; ".join(parts)
