"""A unit of work: one session, one transaction, on the thread that opened it.

    with store.unit_of_work() as tx:
        card = tx.cards.find(code)
        ...
    # committed here; an exception rolls everything back

Repositories hang off the unit of work and return frozen domain values only.
"""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.orm import Session, sessionmaker

from pos_terminal.db.repositories.audit import AuditRepository
from pos_terminal.db.repositories.balances import BalanceRepository
from pos_terminal.db.repositories.bills import BillRepository
from pos_terminal.db.repositories.cards import CardRepository
from pos_terminal.db.repositories.catalog import CatalogRepository
from pos_terminal.db.repositories.customers import CustomerRepository
from pos_terminal.db.repositories.fiscal_journal import FiscalJournal
from pos_terminal.db.repositories.identity import IdentityRepository
from pos_terminal.db.repositories.outbox import OutboxRepository
from pos_terminal.db.repositories.pulled import PulledChanges
from pos_terminal.db.repositories.rules import RulesRepository
from pos_terminal.db.repositories.shifts import ShiftRepository
from pos_terminal.db.repositories.staff import StaffRepository
from pos_terminal.db.repositories.sync_queue import SyncQueue
from pos_terminal.db.rules_cache import RulesCache


class UnitOfWork:
    def __init__(
        self, sessions: sessionmaker[Session], pepper: bytes, rules_cache: RulesCache
    ) -> None:
        self._sessions, self._pepper, self._rules_cache = sessions, pepper, rules_cache
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("a unit of work is used inside its `with` block only")
        return self._session

    def __enter__(self) -> UnitOfWork:
        self._session = self._sessions()
        self._session.begin()
        session = self._session
        self.audit = AuditRepository(session)
        self.balances = BalanceRepository(session)
        self.bills = BillRepository(session)
        self.cards = CardRepository(session)
        self.catalog = CatalogRepository(session)
        self.customers = CustomerRepository(session)
        self.fiscal = FiscalJournal(session)
        self.identity = IdentityRepository(session)
        self.outbox = OutboxRepository(session)
        self.pulled = PulledChanges(session)
        self.rules = RulesRepository(session, self._rules_cache)
        self.shifts = ShiftRepository(session)
        self.staff = StaffRepository(session, self._pepper)
        self.sync_queue = SyncQueue(session)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            if kind is None:
                session.commit()
            else:
                session.rollback()
        finally:
            session.close()
            self._session = None
