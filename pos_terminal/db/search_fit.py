"""How well one customer fits a query, said in SQL over its row (`customer AS c`): the grade
the tiers' indexed queries of `search_plan.py` would give it. search.py reads the customers
this terminal has seen lately with it — a few hundred rows, one statement, the rules run
by SQLite, not by Python per row.

A grade is kind * 2 + side: 0 for the name (or the phone), 1 for the e-mail, so that a name
comes before an e-mail of the same kind, as the tiers are read; NOT_FOUND when neither fits.

The name's rules read its folded form (`search_name`, plain ASCII) as the FTS index's
tokenizer does: a word is a run of [a-z0-9], so "w" is a whole word where it stands between
two other characters in " name ", and starts one after any other character in " name".
"""

from __future__ import annotations

from typing import Any

from pos_terminal.db.search_plan import MIN_EMAIL_FRAGMENT, MatchKind, Plan

NOT_FOUND = 99
_OTHER = "[^a-z0-9]"  # a GLOB class: any character that is not part of a word


def grade(plan: Plan) -> tuple[str, str, dict[str, Any]]:
    """An SQL expression of `c`'s grade; a cheaper condition every customer that fits
    meets (the query's words, or its digits or e-mail, are in the row: most rows go no
    further); their parameters."""
    params: dict[str, Any] = {}
    grades, contains = [], []
    if plan.digits:
        grades.append(_contained("c.search_phone", plan.digits, "d", params, fragment=True))
        contains.append("instr(c.search_phone, :d) > 0")
    if plan.words:
        grades.append(_name(plan, params))
        contains.append(
            " AND ".join(f"instr(c.search_name, :fi{i}) > 0" for i in range(len(plan.words)))
        )
        params.update({f"fi{i}": word for i, word in enumerate(plan.words)})
    if plan.email:
        fragment = len(plan.email) >= MIN_EMAIL_FRAGMENT
        email = _contained("c.search_email", plan.email, "e", params, fragment=fragment)
        grades.append(f"({email}) + 1")
        contains.append("instr(c.search_email, :e) > 0")
    either = ", ".join(f"coalesce({g}, {NOT_FOUND})" for g in grades)
    could = " OR ".join(f"({condition})" for condition in contains)
    return f"min({either}, {NOT_FOUND})", could, params


def side_of(plan: Plan, grade: int) -> tuple[MatchKind, str]:
    field = "email" if grade % 2 else ("phone" if plan.digits else "name")
    return MatchKind(grade // 2), field


def _contained(column: str, value: str, key: str, params: dict[str, Any], *, fragment: bool) -> str:
    params[key] = value
    length = len(value)
    contains = f"WHEN instr({column}, :{key}) > 0 THEN {MatchKind.FRAGMENT * 2}" if fragment else ""
    return (
        f"CASE WHEN {column} = :{key} THEN {MatchKind.EXACT * 2}"
        f" WHEN substr({column}, 1, {length}) = :{key} THEN {MatchKind.PREFIX * 2} {contains} END"
    )


def _name(plan: Plan, params: dict[str, Any]) -> str:
    names = ", ".join(f":fn{i}" for i in range(len(plan.names)))
    params.update({f"fn{i}": name for i, name in enumerate(plan.names)})
    params["fj"] = joined = " ".join(plan.words)
    whole, start = [], []
    for i, word in enumerate(plan.words):
        params[f"fw{i}"] = f"*{_OTHER}{word}{_OTHER}*"
        params[f"fs{i}"] = f"*{_OTHER}{word}*"
        whole.append(f"(' ' || c.search_name || ' ') GLOB :fw{i}")
        start.append(f"(' ' || c.search_name) GLOB :fs{i}")
    return (
        f"CASE WHEN c.search_name IN ({names}) THEN {MatchKind.EXACT * 2}"
        f" WHEN substr(c.search_name, 1, {len(joined)}) = :fj THEN {MatchKind.PREFIX * 2}"
        f" WHEN {' AND '.join(whole)} THEN {MatchKind.WORD * 2}"
        f" WHEN {' AND '.join(start)} THEN {MatchKind.WORD_PREFIX * 2} END"
    )
