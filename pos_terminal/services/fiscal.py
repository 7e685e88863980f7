"""Paying with a fiscal printer: each sale registered exactly once, never closed without
its receipt (issue 15, docs/fiscal.md).

Everything here runs on the fiscal printer's thread (`hardware/fiscal/station.py`), which
opens short units of work of its own, as the sync engine does. A sale:

1. the bill priced, its receipt built and checked (`domain/fiscal_mapping.py`) — a refusal
   here sends nothing;
2. the printer's receipt counter read, and the intention committed with it and a token range;
3. the receipt sent (`FiscalDevice.register`);
4. `registered` with the printer's anchor and the bill closed as paid, in one transaction.

A clean refusal (paper, a rate, a report due) abandons the intention: nothing registered,
the bill stays open. An unknown outcome or a silent printer keeps it: the next sale, a
retry or the next start-up settles it by the counter first (`settle_pending`), and never
sends blindly. At most one intention is ever in flight: a sale starts only when none is.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from hardware.fiscal.errors import DeviceUnreachable, FiscalError, OutcomeUnknown
from hardware.fiscal.port import (
    DeviceInfo,
    FiscalAnchor,
    FiscalDevice,
    OpenTransaction,
    PendingFiscal,
    Printed,
    ReportAnchor,
)
from loyalty.errors import DomainError
from loyalty.tenders import Tender
from pos_terminal.db.repositories.fiscal_journal import Anchor
from pos_terminal.db.store import Store
from pos_terminal.domain.bill import Bill
from pos_terminal.domain.fiscal_journal import FiscalIntention, tokens_for
from pos_terminal.domain.fiscal_mapping import fiscal_receipt, points_footer
from pos_terminal.domain.fiscal_receipt import FiscalPolicy, FiscalReceipt
from pos_terminal.domain.staff import StaffMember
from pos_terminal.services.bills import OFFLINE, ClosedBill, StoredValueDecision, price_open_bill
from pos_terminal.services.shifts import close_in_shift
from pos_terminal.services.stored_value import ask_for_hold, check_offline, hold_request
from sync.wire.holds import Authorizer

log = logging.getLogger(__name__)
# The printer may or may not hold the receipt: keep the intention, the counter decides later.
UNSETTLED = (OutcomeUnknown, DeviceUnreachable)
DAILY_REPORT = "fiscal.daily_report"  # the audit log's action


def unsettled(error: BaseException) -> bool:
    """Whether the printer may hold the receipt after `error` (its intention is kept)."""
    return isinstance(error, UNSETTLED) or (
        isinstance(error, FiscalError) and error.reason == "counter_jumped"
    )


@dataclass(frozen=True, slots=True)
class FiscalSale:
    closed: ClosedBill
    anchor: FiscalAnchor


@dataclass(frozen=True, slots=True)
class Settled:
    """An intention settled at start-up or before a sale: its bill, how, and the sale."""

    bill_id: str
    how: str  # "printed" (registered after all), "sent" (sent again), "open" (cancelled, sent)
    sale: FiscalSale


@dataclass(frozen=True, slots=True)
class FiscalLink:
    """What the screens get of the fiscal printer: the use-cases, the way to run one on the
    printer's own thread (`FiscalStation.submit`), and whether the non-fiscal printout is
    made as well."""

    service: FiscalService
    submit: Callable[[Callable[[FiscalDevice], Any]], Future[Any]]
    printout: bool = False


class FiscalService:
    def __init__(
        self,
        store: Store,
        *,
        policy: FiscalPolicy | None = None,
        authorizer: Callable[[], Authorizer | None] = lambda: None,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self._store, self._policy = store, policy or FiscalPolicy()
        self._authorizer, self._clock = authorizer, clock
        self._info: DeviceInfo | None = None

    def info(self, device: FiscalDevice) -> DeviceInfo:
        """Who the printer is and its rate table, asked once per run."""
        if self._info is None:
            self._info = device.identify()
        return self._info

    # A sale ------------------------------------------------------------------------------

    def pay(
        self,
        device: FiscalDevice,
        bill: Bill,
        tenders: Sequence[Tender],
        *,
        name: str,
        at: datetime,
        business_date: date,
        cashier: StaffMember | None = None,
    ) -> FiscalSale:
        """Register the bill's receipt, then close it as paid. Raises FiscalRefusal or
        DomainError (nothing sent), FiscalError (see the module: the bill stays open).
        A Retry of a bill whose outcome was unknown ends here too: settled by the counter,
        its sale is the answer (the receipt printed then, or sent again now)."""
        for settled in self.settle_pending(device):
            if settled.bill_id == bill.id:
                return settled.sale
        with self._store.unit_of_work() as tx:
            if tx.fiscal.is_registered(bill.id):
                raise DomainError("this bill's fiscal receipt is registered already")
        receipt, priced_at, hold, op_id = self._prepare(device, bill, tenders, at, business_date)
        baseline = device.counters()
        with self._store.unit_of_work() as tx:
            token_base = tx.fiscal.next_token_base()
            intention = FiscalIntention(
                bill.id, name, baseline.receipts, token_base, tokens_for(receipt), receipt,
                tuple(tenders), priced_at, business_date, cashier.id if cashier else None,
            )  # fmt: skip
            tx.fiscal.intend(intention, now=self._clock())
        try:
            anchor = device.register(receipt, token_base, baseline=baseline)
        except FiscalError as error:
            self._release(hold)
            if not unsettled(error):
                with self._store.unit_of_work() as tx:
                    tx.fiscal.abandoned(bill.id, error.reason, now=self._clock())
            raise
        closed = self._close(intention, anchor, bill=bill, op_id=op_id, hold=hold)
        return FiscalSale(closed, anchor)

    def _prepare(
        self,
        device: FiscalDevice,
        bill: Bill,
        tenders: Sequence[Tender],
        at: datetime,
        business_date: date,
    ) -> tuple[FiscalReceipt, datetime, StoredValueDecision, str]:
        """The receipt to send, checked; and, with a CRM, its stored value held first (a
        receipt printed must never meet a refusal afterwards)."""
        vat_table = self.info(device).vat_table
        with self._store.unit_of_work(read_only=True) as tx:
            priced = price_open_bill(tx, bill, at=at, business_date=business_date, tenders=tenders)
            settlement = priced.settlement
            if not priced.total.is_zero and (settlement is None or not settlement.settled):
                left = settlement.remaining if settlement is not None else priced.total
                raise DomainError("{left} is still to pay", left=left)
            customer = tx.customers.by_id(bill.customer_id) if bill.customer_id else None
            # A company customer's NIP goes on the receipt: an invoice for the sale needs
            # it there (VAT Act art. 106b(5)), and it must be sent before the close.
            nip = customer.nip if customer is not None else None
            receipt = fiscal_receipt(
                priced, tenders, vat_table=vat_table, policy=self._policy, buyer_nip=nip,
                footer=points_footer(priced),
            )  # fmt: skip
            authorizer = self._authorizer()
            if authorizer is not None:
                check_offline(tx, priced, business_date)  # refused now, not after printing
        op_id, hold = str(uuid.uuid4()), OFFLINE
        if authorizer is not None and (bill.customer_id is not None or bill.voucher_codes):
            request = hold_request(priced, op_id=op_id)
            if request is not None:
                hold = ask_for_hold(authorizer, request) or OFFLINE
        return receipt, at, hold, op_id

    def _release(self, hold: StoredValueDecision) -> None:
        authorizer = self._authorizer()
        if hold.authorization_id is not None and authorizer is not None:
            authorizer.release(hold.authorization_id)

    def _close(
        self,
        intention: FiscalIntention,
        anchor: FiscalAnchor,
        *,
        bill: Bill | None = None,
        op_id: str | None = None,
        hold: StoredValueDecision = OFFLINE,
    ) -> ClosedBill:
        """`registered` and the bill closed as paid, in one transaction: priced as it was
        when its receipt was made, with the tenders taken then."""
        with self._store.unit_of_work() as tx:
            stamp = Anchor(
                anchor.unique_no, anchor.receipt_counter, anchor.receipt_no, anchor.daily_report_no
            )
            tx.fiscal.registered(intention.bill_id, stamp, now=self._clock())
            draft = tx.bills.draft(intention.bill_id)
            if bill is None and draft is None:
                raise DomainError("bill {bill} is not open", bill=intention.bill_id)
            cashier = tx.staff.by_id(intention.cashier_id) if intention.cashier_id else None
            closed = close_in_shift(
                tx, bill or draft.bill, intention.tenders, name=intention.bill_name,  # type: ignore[union-attr]
                at=intention.priced_at, business_date=intention.business_date,
                cashier=cashier, op_id=op_id, hold=hold,
            )  # fmt: skip
        if closed.priced.total.minor != intention.total:
            log.error(
                "bill %s closed at %s but its fiscal receipt says %s",
                intention.bill_id, closed.priced.total.minor, intention.total,
            )  # fmt: skip
        return closed

    # Settling what a crash or a lost answer left ----------------------------------------

    def pending(self) -> list[FiscalIntention]:
        with self._store.unit_of_work(read_only=True) as tx:
            return tx.fiscal.pending()

    def settle_pending(self, device: FiscalDevice) -> list[Settled]:
        """Every intention still in flight, settled by the printer's counter (start-up, and
        before each sale): printed → registered and its bill closed; a receipt left open →
        cancelled and sent again; nothing printed → the same receipt sent again."""
        return [self._settle(device, intention) for intention in self.pending()]

    def _settle(self, device: FiscalDevice, intention: FiscalIntention) -> Settled:
        pending = PendingFiscal(
            intention.bill_id, intention.baseline, intention.token_base, intention.total
        )
        outcome = device.reconcile(pending)
        if isinstance(outcome, Printed):
            closed = self._close(intention, outcome.anchor)
            return Settled(intention.bill_id, "printed", FiscalSale(closed, outcome.anchor))
        how = "sent"
        if isinstance(outcome, OpenTransaction):
            device.cancel()
            how = "open"
        baseline = device.counters()
        with self._store.unit_of_work() as tx:
            token_base = tx.fiscal.next_token_base()
            tx.fiscal.rebase(intention.bill_id, baseline.receipts, token_base, now=self._clock())
        try:
            anchor = device.register(intention.receipt, token_base, baseline=baseline)
        except FiscalError as error:
            if not unsettled(error):
                # Refused cleanly: the bill stays open for the cashier to pay again.
                with self._store.unit_of_work() as tx:
                    tx.fiscal.abandoned(intention.bill_id, error.reason, now=self._clock())
            raise
        closed = self._close(intention, anchor)
        return Settled(intention.bill_id, how, FiscalSale(closed, anchor))

    # The day's end -----------------------------------------------------------------------

    def daily_report(self, device: FiscalDevice, day: date, actor: StaffMember) -> ReportAnchor:
        """The printer's daily report (raport dobowy) for `day`, the printer's own date;
        the audit log says who had it printed, and its number."""
        anchor = device.daily_report(day)
        with self._store.unit_of_work() as tx:
            details = {"day": anchor.day.isoformat(), "report_no": anchor.report_no}
            tx.audit.record(actor, DAILY_REPORT, None, details, now=self._clock())
        return anchor
