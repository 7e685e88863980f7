"""The manager's staff list: who may sign in on this terminal, added and deactivated on
screen. Each call is its own unit of work, run on the database thread."""

from __future__ import annotations

from datetime import datetime

from pos_terminal.db.store import Store
from pos_terminal.domain.staff import Role, StaffMember
from pos_terminal.services import staff


class StaffAdmin:
    def __init__(self, store: Store) -> None:
        self._store = store

    def members(self) -> list[StaffMember]:
        """The active staff, by name."""
        with self._store.unit_of_work(read_only=True) as tx:
            return tx.staff.list()

    def add(
        self, actor: StaffMember, name: str, role: Role, pin: str, *, now: datetime
    ) -> list[StaffMember]:
        """Add a member (a manager only); the staff list as it is now."""
        refusal = staff.refusal_audited(self._store, actor, "add staff", None, now)
        with refusal, self._store.unit_of_work() as tx:
            staff.add_staff(tx, name, role, pin, now=now, by=actor)
            return tx.staff.list()

    def deactivate(self, actor: StaffMember, staff_id: str, *, now: datetime) -> list[StaffMember]:
        """Deactivate a member (see `staff.deactivate_staff`); the staff list as it is now."""
        refusal = staff.refusal_audited(self._store, actor, "deactivate staff", staff_id, now)
        with refusal, self._store.unit_of_work() as tx:
            staff.deactivate_staff(tx, actor, staff_id, now=now)
            return tx.staff.list()
