"""Credits and wallet on a bill: a hold at the CRM when it answers, offline rules when not.

A terminal enrolled with a CRM asks it to hold what the bill spends of the customer's
credits and wallet before closing (sync-protocol §5.1): then no two tills can spend the
same złoty. If the CRM does not answer within its budget, the bill may still spend them,
within the offline allowances the CRM set (`loyalty.offline`): what a customer can
overdraw while the tills are cut off stays bounded. If the CRM answers that the customer
has less than this till thought (another till spent it), the cashier is told how much is
left, and the bill is not closed.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime

from loyalty.errors import DomainError
from loyalty.money import Money
from loyalty.offline import check_offline_spend
from loyalty.tenders import Tender
from pos_terminal.db.store import Store
from pos_terminal.db.uow import UnitOfWork
from pos_terminal.domain.bill import Bill
from pos_terminal.domain.priced import PricedBill
from pos_terminal.domain.staff import StaffMember
from pos_terminal.services.bills import OFFLINE, ClosedBill, StoredValueDecision, price_open_bill
from pos_terminal.services.shifts import close_in_shift
from sync.wire.holds import Authorizer, HoldRefusedError, HoldRequest, VoucherRefusedError


class NotEnoughAtCrmError(DomainError):
    """The CRM holds less for the customer than this till showed."""


class VoucherNotAvailableError(DomainError):
    """A voucher the CRM says is redeemed or in use at another till, or one that may not
    be used while the CRM cannot be asked."""


def vouchers_of(priced: PricedBill) -> tuple[str, ...]:
    """The vouchers the bill uses (each took something off)."""
    return tuple(
        sorted(
            {
                a.rule_id
                for a in priced.adjustments
                if a.source.value == "voucher" and a.status.value == "applied" and a.amount.minor
            }
        )
    )


def spend_of(priced: PricedBill) -> tuple[Money, Money]:
    """(credits, wallet) the bill takes from its customer."""
    settlement = priced.settlement
    wallet = settlement.wallet_used if settlement is not None else Money.zero(priced.bill.currency)
    return priced.credits_used, wallet


def check_offline(tx: UnitOfWork, priced: PricedBill, business_date: date) -> None:
    """Refuse (OfflineSpendError) what the offline allowances do not cover."""
    for code, voucher in tx.rules.vouchers(vouchers_of(priced)).items():
        if not voucher.offline_redeemable:
            raise VoucherNotAvailableError(
                "voucher {code} can be used only while the CRM answers", code=code
            )
    customer_id = priced.bill.customer_id
    credits, wallet = spend_of(priced)
    if customer_id is None or (credits + wallet).is_zero:
        return
    customer_used, terminal_today = tx.balances.offline_usage(customer_id, business_date)
    check_offline_spend(
        tx.identity.policy(),
        credits + wallet,
        customer_used=customer_used,
        terminal_used_today=terminal_today,
    )


def hold_request(priced: PricedBill, *, op_id: str) -> HoldRequest | None:
    """What to hold for the bill's stored value; None when it spends none."""
    credits, wallet = spend_of(priced)
    customer_id, vouchers = priced.bill.customer_id, vouchers_of(priced)
    if (customer_id is None or (credits + wallet).is_zero) and not vouchers:
        return None
    return HoldRequest(op_id, customer_id, priced.bill.id, credits, wallet, vouchers)


def ask_for_hold(authorizer: Authorizer, request: HoldRequest) -> StoredValueDecision | None:
    """The hold for the bill's stored value; None when the CRM did not answer in time (the
    caller applies the offline rules)."""
    try:
        granted = authorizer.authorize(request)
    except VoucherRefusedError as refused:
        raise VoucherNotAvailableError(
            "voucher {code} cannot be used: {reason}", code=refused.code, reason=refused.reason
        ) from None
    except HoldRefusedError as refused:
        raise NotEnoughAtCrmError(
            "the CRM has only {credits} of credits and {wallet} in the wallet for this "
            "customer now (spent at another till?)",
            credits=refused.credits,
            wallet=refused.wallet,
        ) from None
    if granted is None:
        return None
    return StoredValueDecision(granted.authorization_id, decided_offline=False)


def close(
    store: Store,
    authorizer: Authorizer | None,
    bill: Bill,
    tenders: Sequence[Tender],
    *,
    name: str,
    at: datetime,
    business_date: date,
    cashier: StaffMember | None,
) -> ClosedBill:
    """Close the bill: with a CRM (`authorizer`), a hold first — asked with no transaction
    open, so the till's database is never locked while the network is used — and if the
    CRM does not answer, the offline allowances checked in the closing transaction."""
    op_id, hold = str(uuid.uuid4()), OFFLINE
    unanswered: HoldRequest | None = None  # asked, no answer in time
    if authorizer is not None and (bill.customer_id is not None or bill.voucher_codes):
        with store.unit_of_work(read_only=True) as tx:
            priced = price_open_bill(tx, bill, at=at, business_date=business_date, tenders=tenders)
        request = hold_request(priced, op_id=op_id)
        if request is not None:
            answer = ask_for_hold(authorizer, request)
            hold, unanswered = answer or OFFLINE, None if answer else request
    try:
        with store.unit_of_work() as tx:
            if authorizer is not None and hold.decided_offline:
                priced = price_open_bill(
                    tx, bill, at=at, business_date=business_date, tenders=tenders
                )
                check_offline(tx, priced, business_date)
            return close_in_shift(
                tx, bill, tenders, name=name, at=at, business_date=business_date,
                cashier=cashier, op_id=op_id, hold=hold,
            )  # fmt: skip
    except BaseException:
        # The sale goes no further: what the CRM holds for it is given back (else it
        # expires there), also a hold whose answer did not come in time.
        if hold.authorization_id is not None and authorizer is not None:
            authorizer.release(hold.authorization_id)
        elif unanswered is not None and authorizer is not None:
            authorizer.release_asked(unanswered)
        raise
