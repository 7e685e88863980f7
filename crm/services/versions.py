"""Two people editing one thing: the second save must not silently undo the first.

A form carries the version of what it showed; the service compares it with the stored
version under the row's lock and refuses a stale one, naming no field but `version`. The
page then keeps what was typed and takes the stored version, so sending it again is a
choice made knowingly. An API client that sends no version is not checked.
"""

from __future__ import annotations

from crm.services.errors import Conflict

FIELD = "version"
STALE = (
    "someone changed this after you opened the form; nothing was saved: send it again to "
    "save yours over it, or reload it to see the change"
)


def check(stored: int, expected: int | None) -> None:
    if expected is not None and expected != stored:
        raise Conflict(FIELD, STALE)


def of_form(text: str | None) -> int | None:
    """The version a form carried; None when it carried none (then nothing is checked)."""
    value = (text or "").strip()
    return int(value) if value.isdigit() and len(value) < 19 else None
