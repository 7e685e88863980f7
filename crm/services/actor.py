"""Who is acting: an admin user with a role, the command line, or the scheduler.

Roles (seed 003 leaves them open; DESIGN §3 asks for these three):
- `owner` — everything, including admin accounts and terminal enrolment;
- `manager` — everything about customers, groups, rules, balances, imports and exports;
- `read_only` — may look at everything and change nothing.
The check is made in the use-case, so the command line and the HTTP API obey the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from crm.services.errors import Forbidden


class Role(StrEnum):
    OWNER = "owner"
    MANAGER = "manager"
    READ_ONLY = "read_only"


_RANK = {Role.READ_ONLY: 0, Role.MANAGER: 1, Role.OWNER: 2}


@dataclass(frozen=True, slots=True)
class Actor:
    name: str  # what the audit log records: a username, "cli" or "scheduler"
    role: Role
    user_id: str | None = None

    def require(self, role: Role) -> None:
        if _RANK[self.role] < _RANK[role]:
            raise Forbidden(f"{self.name} ({self.role}) may not do this: it needs {role}")

    def may_write(self) -> None:
        self.require(Role.MANAGER)


CLI = Actor("cli", Role.OWNER)
SCHEDULER = Actor("scheduler", Role.OWNER)
