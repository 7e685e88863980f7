"""The audit log as a hash chain: each entry carries the hash of itself and the entry before.

Changing, removing or slipping in an entry afterwards breaks every hash from there on, and
one SQL UPDATE cannot mend them without recomputing the rest of the chain; so the chain's
head — the last entry's number and hash — is printed on every Z report, and a chain that
no longer reaches a printed head has been rewritten since. `python -m pos_terminal
--verify-audit` walks it (docs/store.md, "The audit log is a hash chain").

Entries written by a version that did not chain them (before the store's migration 0007)
come first with no hash; the chain starts after them from `GENESIS`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class ChainedEntry:
    """What an entry's hash covers: everything in it, its details as the JSON text stored."""

    id: int
    at: datetime
    actor_id: str | None
    actor_name: str | None
    action: str
    target: str | None
    details: str


@dataclass(frozen=True, slots=True)
class ChainHead:
    """The last entry of the chain: what a Z report prints."""

    entry_id: int
    entry_hash: str

    @property
    def printed(self) -> str:
        """`#1234 3f2a 9c1b …`: the whole hash in groups of four, as the Z report prints it."""
        return f"#{self.entry_id} {' '.join(self.hash_lines())}"

    def hash_lines(self) -> tuple[str, str]:
        """The hash in two lines of eight groups of four, to fit 80 mm paper."""
        groups = [self.entry_hash[i : i + 4] for i in range(0, len(self.entry_hash), 4)]
        return " ".join(groups[:8]), " ".join(groups[8:])


def entry_hash(previous: str, entry: ChainedEntry) -> str:
    canonical = json.dumps(
        [
            entry.id,
            entry.at.isoformat(),
            entry.actor_id,
            entry.actor_name,
            entry.action,
            entry.target,
            entry.details,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(f"{previous}\n{canonical}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class ChainCheck:
    chained: int  # entries whose hash was checked
    unchained: int  # the leading entries written before the chain began
    head: ChainHead | None
    broken_at: int | None = None  # the first entry whose hash does not follow
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def check_chain(entries: Iterable[tuple[ChainedEntry, str | None]]) -> ChainCheck:
    """Entries in id order with their stored hash: where the chain first breaks, if it does."""
    previous, chained, unchained = GENESIS, 0, 0
    head: ChainHead | None = None
    last_id: int | None = None
    for entry, stored in entries:
        if last_id is not None and entry.id != last_id + 1:
            reason = f"entries #{last_id + 1}–#{entry.id - 1} are missing"
            return ChainCheck(chained, unchained, head, entry.id, reason)
        last_id = entry.id
        if stored is None:
            if head is not None:
                reason = "its hash was removed"
                return ChainCheck(chained, unchained, head, entry.id, reason)
            unchained += 1
            continue
        if entry_hash(previous, entry) != stored:
            reason = "it was changed, or an entry before it was"
            return ChainCheck(chained, unchained, head, entry.id, reason)
        previous, chained = stored, chained + 1
        head = ChainHead(entry.id, stored)
    return ChainCheck(chained, unchained, head)
