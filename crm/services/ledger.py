"""Promotional credits, the prepaid wallet and points: add, reduce, set; one customer or a filter.

Every operation is stored (`credit_operation`, a one-off with `every_months` None) and each
period applied is one `operation_run` row; every ledger entry names its operation and
period. An operation due today runs its period 0 in the transaction that stores it; later
periods (and a one-off that starts later) are run by `crm.services.scheduler`.

Decisions where the seed is silent:
- A one-off reduce never takes a balance below zero: for one customer it is refused with what
  the customer has; for a filter the whole operation is refused (nothing changes) if any
  customer would go below zero, naming how many and the first few.
- A RECURRING reduce takes, each period, at most what each customer has: a monthly reduction
  must not get stuck (refusing the whole period every month because one customer is short)
  nor take anyone below zero. A customer with nothing to take gets no entry.
- A set posts the difference; none when the balance is already equal.
- A start date may not be in the past (periods would be back-filled without anyone seeing
  them); `end_date` only for a recurring operation. "Today" is the date in Poland.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from crm.services import audit
from crm.services.actor import Actor
from crm.services.context import Context, new_id
from crm.services.customer_filter import CustomerFilter
from crm.services.errors import Invalid, NotFound, Problems
from crm.services.keyset import Page, check_limit
from crm.services.ledger_apply import run_period
from crm.services.ledger_views import (
    Balances,
    Operation,
    balances_of,
    operation_of,
    operations_page,
)
from crm.services.periods import BUSINESS_ZONE, LONGEST_EVERY_MONTHS, Period
from crm.services.postings import locked_balance
from crm.store.models import ACCOUNTS, CreditOperationRow, CustomerGroupRow, CustomerRow
from loyalty.customers import CustomerType
from loyalty.text_fields import NO_CONTROL_CHARACTERS, has_control_characters

KINDS = ("add", "reduce", "set")
MAX_AMOUNT = 100_000_000_000  # a billion złoty in grosze: beyond it is a typing mistake
MAX_DESCRIPTION = 500


@dataclass(frozen=True, slots=True)
class OperationRequest:
    account: str
    kind: str
    amount: int
    description: str = ""
    every_months: int | None = None
    start_date: date | None = None
    end_date: date | None = None


@dataclass(frozen=True, slots=True)
class SingleResult:
    operation: Operation
    change: int  # what period 0 posted (0 if nothing, or not due yet)
    balance: int  # the customer's balance of the account afterwards


class LedgerService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def today(self) -> date:
        return self.ctx.clock().astimezone(BUSINESS_ZONE).date()

    def operate(self, actor: Actor, customer_id: str, request: OperationRequest) -> SingleResult:
        """An add / reduce / set on one customer's account (once, or every N months)."""
        actor.may_write()
        today = self.today()
        _check(request, today, Problems()).raise_if_any()

        def work(session: Session) -> SingleResult:
            if session.get(CustomerRow, customer_id) is None:
                raise NotFound("customer", customer_id)
            before = self._balance(session, customer_id, request.account)
            row = self._store(session, actor, request, today, customer_id=customer_id)
            self._run_now(session, actor, row, today)
            after = self._balance(session, customer_id, request.account)
            self._audit(session, actor, row, {request.account: before}, {request.account: after})
            return SingleResult(operation_of(session, row), after - before, after)

        return self.ctx.db.write(work)

    def operate_bulk(
        self, actor: Actor, request: OperationRequest, where: CustomerFilter
    ) -> Operation:
        """The same operation for every customer of the filter, in set-based SQL."""
        actor.may_write()
        today = self.today()
        problems = _check(request, today, Problems())
        if where.type is not None and where.type not in CustomerType.__members__.values():
            problems.add("filter.type", "one of lead, client, registered")
        problems.raise_if_any()

        def work(session: Session) -> Operation:
            if where.group_id is not None and session.get(CustomerGroupRow, where.group_id) is None:
                raise Invalid.one("filter.group_id", "no such group")
            row = self._store(session, actor, request, today, where=where)
            customers = self._run_now(session, actor, row, today)
            self._audit(session, actor, row, None, {"customers": customers})
            return operation_of(session, row)

        return self.ctx.db.write(work)

    def balances(self, actor: Actor, customer_id: str) -> Balances:
        del actor  # reads are allowed to every role
        return self.ctx.db.read(lambda session: balances_of(session, customer_id))

    def operations(
        self,
        actor: Actor,
        *,
        recurring: bool | None = None,
        active: bool | None = None,
        customer_id: str | None = None,
        cursor: str | None = None,
        limit: int = 50,
    ) -> Page[Operation]:
        """Operations newest first; `recurring=True` lists the recurring ones."""
        del actor
        check_limit(limit)
        return self.ctx.db.read(
            lambda session: operations_page(
                session,
                recurring=recurring,
                active=active,
                customer_id=customer_id,
                cursor=cursor,
                limit=limit,
            )
        )

    def operation(self, actor: Actor, operation_id: str) -> Operation:
        del actor

        def work(session: Session) -> Operation:
            row = session.get(CreditOperationRow, operation_id)
            if row is None:
                raise NotFound("balance operation", operation_id)
            return operation_of(session, row)

        return self.ctx.db.read(work)

    def stop(self, actor: Actor, operation_id: str) -> Operation:
        """No further period runs; periods already run stay (stopping twice is harmless)."""
        actor.may_write()

        def work(session: Session) -> Operation:
            row = session.get(CreditOperationRow, operation_id, with_for_update=True)
            if row is None:
                raise NotFound("balance operation", operation_id)
            if row.active:
                row.active = False
                audit.record(
                    session,
                    actor=actor,
                    at=self.ctx.clock(),
                    action="balance_operation.stopped",
                    entity="balance_operation",
                    entity_id=row.id,
                    before={"active": True},
                    after={"active": False},
                    customer_id=row.customer_id,
                )
            return operation_of(session, row)

        return self.ctx.db.write(work)

    def _balance(self, session: Session, customer_id: str, account: str) -> int:
        return locked_balance(session, customer_id, account).amount

    def _store(
        self,
        session: Session,
        actor: Actor,
        request: OperationRequest,
        today: date,
        *,
        customer_id: str | None = None,
        where: CustomerFilter | None = None,
    ) -> CreditOperationRow:
        row = CreditOperationRow(
            id=new_id(),
            account=request.account,
            kind=request.kind,
            amount=request.amount,
            description=request.description.strip(),
            customer_id=customer_id,
            filter=None if where is None else where.as_document(),
            every_months=request.every_months,
            start_date=request.start_date or today,
            end_date=request.end_date,
            active=True,
            created_by=actor.name,
            created_at=self.ctx.clock(),
        )
        session.add(row)
        session.flush()
        return row

    def _run_now(self, session: Session, actor: Actor, row: CreditOperationRow, today: date) -> int:
        """Period 0 in this transaction when it is due today; else the scheduler runs it."""
        if row.start_date > today:
            return 0
        changed = run_period(session, row, Period(0, row.start_date), actor, self.ctx.clock())
        return changed or 0

    def _audit(
        self,
        session: Session,
        actor: Actor,
        row: CreditOperationRow,
        before: dict[str, Any] | None,
        outcome: dict[str, Any],
    ) -> None:
        after = {
            "account": row.account,
            "kind": row.kind,
            "amount": row.amount,
            "description": row.description,
            "filter": row.filter,
            "every_months": row.every_months,
            "start_date": row.start_date.isoformat(),
            "end_date": row.end_date.isoformat() if row.end_date else None,
            **outcome,
        }
        audit.record(
            session,
            actor=actor,
            at=self.ctx.clock(),
            action="balance_operation.created",
            entity="balance_operation",
            entity_id=row.id,
            before=before,
            after={key: value for key, value in after.items() if value is not None},
            customer_id=row.customer_id,
        )


def _check(request: OperationRequest, today: date, problems: Problems) -> Problems:
    """Every bad field of the request, named at once."""
    if request.account not in ACCOUNTS:
        problems.add("account", f"one of {', '.join(ACCOUNTS)}")
    if request.kind not in KINDS:
        problems.add("kind", f"one of {', '.join(KINDS)}")
    least = 0 if request.kind == "set" else 1
    if isinstance(request.amount, bool) or not least <= request.amount <= MAX_AMOUNT:
        unit = "points" if request.account == "points" else "grosze"
        problems.add("amount", f"a whole number of {unit} from {least} to {MAX_AMOUNT}")
    if len(request.description) > MAX_DESCRIPTION:
        problems.add("description", f"at most {MAX_DESCRIPTION} characters")
    elif has_control_characters(request.description):
        problems.add("description", NO_CONTROL_CHARACTERS)
    every = request.every_months
    if every is not None and not 1 <= every <= LONGEST_EVERY_MONTHS:
        problems.add("every_months", f"1 to {LONGEST_EVERY_MONTHS} months, or none for once")
    if request.start_date is not None and request.start_date < today:
        problems.add("start_date", f"today ({today.isoformat()}) or later")
    if request.end_date is not None:
        if every is None:
            problems.add("end_date", "only a recurring operation (every_months) has an end")
        elif request.end_date < (request.start_date or today):
            problems.add("end_date", "on or after the start date")
    return problems
