"""A customer's history: transactions, balance movements, discounts used, vouchers, audit.

Each section is its own newest-first keyset list (an opaque cursor per section), so a
customer with years of bills pages through them without OFFSET. Without a section the
first page of every section comes at once, read in one transaction. The audit log is also
listed on its own, by entity or customer (`audit`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, dataclass, fields, replace
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.services import bill_details
from crm.services.actor import Actor
from crm.services.bill_details import BillDetail
from crm.services.context import Context
from crm.services.errors import Invalid, NotFound
from crm.services.keyset import Page, check_limit, page_of
from crm.services.ledger_views import older_than
from crm.store.models import (
    AuditRow,
    BillRow,
    CustomerRow,
    DiscountUsageRow,
    LedgerEntryRow,
    VoucherRow,
)

T = TypeVar("T")
SECTIONS = ("transactions", "credits", "wallet", "points", "discounts", "vouchers", "audit")


@dataclass(frozen=True, slots=True)
class BillItem:
    bill_id: str
    terminal_id: str
    local_no: int
    business_date: date
    total_minor: int
    discount_minor: int
    status: str
    closed_at: datetime
    detail: BillDetail | None = None  # lines, discounts, payments; None if unreadable


@dataclass(frozen=True, slots=True)
class MovementItem:
    id: int
    account: str
    amount: int  # + in, − out (grosze, or points)
    balance_after: int
    kind: str  # add | reduce | set | earn | spend | exchange | import
    description: str
    operation_id: str | None
    period: int | None
    bill_id: str | None
    actor: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class DiscountItem:
    id: int
    bill_id: str
    business_date: date
    discount_id: str | None
    amount_minor: int
    over_limit: bool


@dataclass(frozen=True, slots=True)
class VoucherItem:
    code: str
    kind: str
    amount_minor: int | None
    percent_bp: int | None
    valid_from: date | None
    valid_to: date | None
    status: str
    single_use: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class AuditItem:
    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    customer_id: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class History:
    customer_id: str
    sections: dict[str, Page[Any]]  # by name in SECTIONS


def _copy(cls: type[T], row: object) -> T:
    """The item of a row: each field without a default is the row's attribute of that name
    (a field with one, a bill's detail, is its reader's to fill)."""
    taken = [f.name for f in fields(cls) if f.default is MISSING]  # type: ignore[arg-type]
    return cls(**{name: getattr(row, name) for name in taken})


def _by_id(rows: list[Any], limit: int) -> Page[Any]:
    return page_of(rows, limit, lambda item: (str(item.id), ""))


def _bills(session: Session, customer: str, cursor: str | None, limit: int) -> Page[Any]:
    rows = session.scalars(
        select(BillRow)
        .where(
            BillRow.customer_id == customer,
            *older_than(cursor, BillRow.closed_at, BillRow.bill_id, datetime.fromisoformat),
        )
        .order_by(BillRow.closed_at.desc(), BillRow.bill_id.desc())
        .limit(limit + 1)
    )
    bills = list(rows)
    found = bill_details.details(session, bills)
    items = [replace(_copy(BillItem, r), detail=found.get(r.bill_id)) for r in bills]
    return page_of(items, limit, lambda item: (item.closed_at.isoformat(), item.bill_id))


def _movements(account: str) -> Callable[[Session, str, str | None, int], Page[Any]]:
    def read(session: Session, customer: str, cursor: str | None, limit: int) -> Page[Any]:
        rows = session.scalars(
            select(LedgerEntryRow)
            .where(
                LedgerEntryRow.customer_id == customer,
                LedgerEntryRow.account == account,
                *older_than(cursor, LedgerEntryRow.id, None, int),
            )
            .order_by(LedgerEntryRow.id.desc())
            .limit(limit + 1)
        )
        items = [_copy(MovementItem, r) for r in rows]
        return _by_id(items, limit)

    return read


def _discounts(session: Session, customer: str, cursor: str | None, limit: int) -> Page[Any]:
    rows = session.scalars(
        select(DiscountUsageRow)
        .where(
            DiscountUsageRow.customer_id == customer,
            *older_than(cursor, DiscountUsageRow.id, None, int),
        )
        .order_by(DiscountUsageRow.id.desc())
        .limit(limit + 1)
    )
    items = [_copy(DiscountItem, r) for r in rows]
    return _by_id(items, limit)


def _vouchers(session: Session, customer: str, cursor: str | None, limit: int) -> Page[Any]:
    rows = session.scalars(
        select(VoucherRow)
        .where(
            VoucherRow.owner_id == customer,
            *older_than(cursor, VoucherRow.created_at, VoucherRow.code, datetime.fromisoformat),
        )
        .order_by(VoucherRow.created_at.desc(), VoucherRow.code.desc())
        .limit(limit + 1)
    )
    items = [_copy(VoucherItem, r) for r in rows]
    return page_of(items, limit, lambda item: (item.created_at.isoformat(), item.code))


def _audit_page(session: Session, where: list[Any], cursor: str | None, limit: int) -> Page[Any]:
    rows = session.scalars(
        select(AuditRow)
        .where(*where, *older_than(cursor, AuditRow.id, None, int))
        .order_by(AuditRow.id.desc())
        .limit(limit + 1)
    )
    items = [_copy(AuditItem, r) for r in rows]
    return _by_id(items, limit)


def _customer_audit(session: Session, customer: str, cursor: str | None, limit: int) -> Page[Any]:
    return _audit_page(session, [AuditRow.customer_id == customer], cursor, limit)


_READERS: dict[str, Callable[[Session, str, str | None, int], Page[Any]]] = {
    "transactions": _bills,
    "credits": _movements("credits"),
    "wallet": _movements("wallet"),
    "points": _movements("points"),
    "discounts": _discounts,
    "vouchers": _vouchers,
    "audit": _customer_audit,
}


class HistoryService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def history(
        self,
        actor: Actor,
        customer_id: str,
        *,
        kind: str | None = None,
        cursor: str | None = None,
        limit: int = 20,
    ) -> History:
        """One section (`kind`, paged by `cursor`), or the first page of every section."""
        del actor  # reads are allowed to every role
        check_limit(limit)
        if kind is not None and kind not in SECTIONS:
            raise Invalid.one("kind", f"one of {', '.join(SECTIONS)}")
        if cursor and kind is None:
            raise Invalid.one("cursor", "a cursor pages one section: give its kind too")
        wanted = (kind,) if kind else SECTIONS

        def work(session: Session) -> History:
            if session.get(CustomerRow, customer_id) is None:
                raise NotFound("customer", customer_id)
            pages = {name: _READERS[name](session, customer_id, cursor, limit) for name in wanted}
            return History(customer_id, pages)

        return self.ctx.db.read(work)

    def audit(
        self,
        actor: Actor,
        *,
        entity: str | None = None,
        entity_id: str | None = None,
        customer_id: str | None = None,
        cursor: str | None = None,
        limit: int = 50,
    ) -> Page[AuditItem]:
        """Audit entries newest first, narrowed by whichever of the keys are given."""
        del actor
        check_limit(limit)
        where: list[Any] = []
        if entity is not None:
            where.append(AuditRow.entity == entity)
        if entity_id is not None:
            where.append(AuditRow.entity_id == entity_id)
        if customer_id is not None:
            where.append(AuditRow.customer_id == customer_id)
        return self.ctx.db.read(lambda session: _audit_page(session, where, cursor, limit))
