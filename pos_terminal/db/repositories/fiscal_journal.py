"""The fiscal journal's rows (models_fiscal.py) as the services use them: record an
intention, settle it (registered with its anchor, or abandoned with the reason), list what
is still in flight, and hand out token ranges that do not overlap the last ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from pos_terminal.db.models_fiscal import FiscalReceiptRow
from pos_terminal.domain.fiscal_journal import (
    FiscalIntention,
    receipt_from_json,
    receipt_json,
    tenders_from_json,
    tenders_json,
)

TOKEN_SPACE = 9000  # a receipt's tokens are 0000–8999 (the driver keeps 9000– for reads)


@dataclass(frozen=True, slots=True)
class Anchor:
    """What the printer said of a registered receipt (hardware.fiscal.port.FiscalAnchor)."""

    unique_no: str
    receipt_counter: int
    receipt_no: int
    daily_report_no: int


class FiscalJournal:
    def __init__(self, session: Session) -> None:
        self.session = session

    def next_token_base(self) -> int:
        """Just past the last reservation, so a replay (`rpt`) never finds an older
        receipt's answer under a token this one uses."""
        last = self.session.execute(
            select(FiscalReceiptRow.token_base, FiscalReceiptRow.tokens)
            .order_by(FiscalReceiptRow.id.desc())
            .limit(1)
        ).first()
        return 0 if last is None else (last.token_base + last.tokens) % TOKEN_SPACE

    def intend(self, intention: FiscalIntention, *, now: datetime) -> None:
        self.session.add(
            FiscalReceiptRow(
                bill_id=intention.bill_id,
                state="intended",
                baseline=intention.baseline,
                token_base=intention.token_base,
                tokens=intention.tokens,
                total_minor=intention.total,
                receipt=receipt_json(intention.receipt),
                tenders=tenders_json(intention.tenders),
                bill_name=intention.bill_name,
                priced_at=intention.priced_at,
                business_date=intention.business_date,
                cashier_id=intention.cashier_id,
                created_at=now,
                updated_at=now,
            )
        )
        self.session.flush()  # the unique index refuses a second live intention here

    def _live(self, bill_id: str, state: str) -> FiscalReceiptRow | None:
        return self.session.scalars(
            select(FiscalReceiptRow).where(
                FiscalReceiptRow.bill_id == bill_id, FiscalReceiptRow.state == state
            )
        ).first()

    def registered(self, bill_id: str, anchor: Anchor, *, now: datetime) -> None:
        row = self._live(bill_id, "intended")
        if row is None:
            raise LookupError(f"bill {bill_id} has no fiscal intention to settle")
        row.state, row.updated_at = "registered", now
        row.unique_no, row.receipt_counter = anchor.unique_no, anchor.receipt_counter
        row.receipt_no, row.daily_report_no = anchor.receipt_no, anchor.daily_report_no

    def abandoned(self, bill_id: str, reason: str, *, now: datetime) -> None:
        self.session.execute(
            update(FiscalReceiptRow)
            .where(FiscalReceiptRow.bill_id == bill_id, FiscalReceiptRow.state == "intended")
            .values(state="abandoned", reason=reason[:40], updated_at=now)
        )

    def rebase(self, bill_id: str, baseline: int, token_base: int, *, now: datetime) -> None:
        """Sending the same receipt again: a new baseline and fresh tokens, still intended."""
        self.session.execute(
            update(FiscalReceiptRow)
            .where(FiscalReceiptRow.bill_id == bill_id, FiscalReceiptRow.state == "intended")
            .values(baseline=baseline, token_base=token_base, updated_at=now)
        )

    def pending(self) -> list[FiscalIntention]:
        rows = self.session.scalars(
            select(FiscalReceiptRow)
            .where(FiscalReceiptRow.state == "intended")
            .order_by(FiscalReceiptRow.id)
        )
        return [_intention(row) for row in rows]

    def intention(self, bill_id: str) -> FiscalIntention | None:
        row = self._live(bill_id, "intended")
        return _intention(row) if row is not None else None

    def is_registered(self, bill_id: str) -> bool:
        return self._live(bill_id, "registered") is not None

    def counts(self) -> dict[str, int]:
        rows = self.session.execute(
            select(FiscalReceiptRow.state, func.count()).group_by(FiscalReceiptRow.state)
        )
        return {str(state): int(count) for state, count in rows}


def _intention(row: FiscalReceiptRow) -> FiscalIntention:
    return FiscalIntention(
        bill_id=row.bill_id,
        bill_name=row.bill_name,
        baseline=row.baseline,
        token_base=row.token_base,
        tokens=row.tokens,
        receipt=receipt_from_json(row.receipt),
        tenders=tenders_from_json(row.tenders),
        priced_at=row.priced_at,
        business_date=row.business_date,
        cashier_id=row.cashier_id,
    )
