"""`python -m pos_terminal --verify-audit [HEAD]`: is the audit log as it was written?

Walks the hash chain (`domain/audit_chain.py`) from the first entry to the last and says
where it first breaks. With HEAD — the chain head a Z report printed, `#1234 3f2a 9c1b …`
(the spaces in the hash optional; its first 16 hex digits are enough) — it also says
whether that entry is still in the chain with that hash: the entries after a head can be
cut off and the chain still holds, but not past a head on paper. Reads the file without
writing to it, so it runs beside a running terminal or on a copy. Exit 0 when all holds,
1 otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from pos_terminal.db.repositories.audit import AuditRepository
from pos_terminal.domain.audit_chain import ChainCheck, ChainedEntry, check_chain

Say = Callable[[str], None]
_PRINTED = re.compile(r"#?(\d+)\s+([0-9a-f ]+)")
MIN_HEX = 16  # of 64: a rewritten log matching 16 hex digits by chance is 1 in 2**64


def _walk(database: Path, head_id: int | None) -> tuple[ChainCheck, str | None]:
    """The chain's check, and the stored hash of entry `head_id` if it was read."""
    engine = create_engine(f"sqlite:///file:{database}?mode=ro&uri=true")
    try:
        with Session(engine) as session:
            seen: dict[int, str | None] = {}

            def watched() -> Iterator[tuple[ChainedEntry, str | None]]:
                for entry, stored in AuditRepository(session).chain():
                    if entry.id == head_id:
                        seen[entry.id] = stored
                    yield entry, stored

            found = check_chain(watched())
            return found, seen.get(head_id) if head_id is not None else None
    finally:
        engine.dispose()


class _CannotVerifyError(ValueError):
    pass


def _printed_head(printed: str) -> tuple[int, str]:
    """(entry id, hex digits) of a head as the Z report prints it."""
    match = _PRINTED.fullmatch(printed.strip().lower())
    digits = match.group(2).replace(" ", "") if match else ""
    if match is None or len(digits) < MIN_HEX:
        raise _CannotVerifyError(
            f"Not a chain head: {printed!r}; write it as the Z report prints it, with at"
            f" least {MIN_HEX} hex digits, e.g. '#1234 3f2a 9c1b 07de 55a0'."
        )
    return int(match.group(1)), digits


def _head_verdict(entry_id: int, digits: str, stored: str | None) -> tuple[bool, str]:
    if stored is None:
        return False, f"Entry #{entry_id} of the printed head is not in the chain: removed."
    if not stored.startswith(digits):
        return False, f"Entry #{entry_id} no longer has the printed hash: the log was rewritten."
    return True, f"The printed head #{entry_id} is in the chain."


def verify(database: Path, printed: str | None, say: Say) -> int:
    try:
        if not database.exists():
            raise _CannotVerifyError(f"No database at {database}.")
        wanted = _printed_head(printed) if printed else None
        found, stored = _walk(database, wanted[0] if wanted else None)
    except _CannotVerifyError as error:
        say(str(error))
        return 1
    except DatabaseError as error:
        say(f"The audit log of {database} cannot be read: {error.orig}")
        return 1
    if found.unchained:
        say(
            f"{found.unchained} entries written before the chain began (by an older version)"
            " are not covered by it."
        )
    if not found.intact:
        say(f"The audit log is NOT intact: entry #{found.broken_at}: {found.reason}.")
        return 1
    if found.head is None:
        say("The audit log has no chained entries yet.")
    else:
        say(f"The audit log is intact: {found.chained} entries; head {found.head.printed}")
    if wanted is None:
        return 0
    holds, verdict = _head_verdict(*wanted, stored)
    say(verdict)
    return 0 if holds else 1
