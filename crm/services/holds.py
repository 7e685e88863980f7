"""Online holds on credits and wallet, and the offline policy terminals follow.

A till about to close a bill that spends credits or wallet asks for a hold first (within
1.5 s; if the CRM does not answer in time, the offline rules apply instead). The hold is
taken under the balance rows' locks, so however many tills and workers ask at once, the
holds never exceed what the customer has: available = balance − pending holds not expired.
The bill's `bill.closed` names the hold and posts it; a cancelled sale voids it; one never
posted just expires. Asking again with the same `op_id` returns the same hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm.services import audit
from crm.services.actor import Actor, Role
from crm.services.context import Context, new_id
from crm.services.errors import Conflict, Invalid, NotFound, Problem
from crm.services.postings import locked_balance
from crm.services.terminals import TerminalIdentity
from crm.store.models import HoldRow, HoldVoucherRow, OfflinePolicyRow, VoucherRow
from loyalty.errors import DomainError
from loyalty.offline import DEFAULT_POLICY, OfflinePolicy

HELD_ACCOUNTS = ("credits", "wallet")  # in this order: every hold locks them the same way


class InsufficientError(Conflict):
    code = "insufficient"

    def __init__(self, available: dict[str, int]) -> None:
        Conflict.__init__(self, "amount", "more than the customer has available")
        self.problems = tuple(Problem(a, f"available {n}") for a, n in available.items())
        self.available = available


class VoucherUnavailableError(Conflict):
    code = "voucher_unavailable"

    def __init__(self, code: str, reason: str) -> None:
        Conflict.__init__(self, "vouchers", f"{code}: {reason}")
        self.voucher, self.reason = code, reason


@dataclass(frozen=True, slots=True)
class Hold:
    id: str
    customer_id: str | None
    credits_minor: int
    wallet_minor: int
    status: str
    expires_at: datetime


def _hold(row: HoldRow) -> Hold:
    return Hold(row.id, row.customer_id, row.credits_minor, row.wallet_minor, row.status,
                row.expires_at)  # fmt: skip


def held(session: Session, customer_id: str, now: datetime) -> dict[str, int]:
    """What pending, unexpired holds keep of each account."""
    credits, wallet = session.execute(
        select(
            func.coalesce(func.sum(HoldRow.credits_minor), 0),
            func.coalesce(func.sum(HoldRow.wallet_minor), 0),
        ).where(
            HoldRow.customer_id == customer_id,
            HoldRow.status == "pending",
            HoldRow.expires_at > now,
        )
    ).one()
    return {"credits": int(credits), "wallet": int(wallet)}


def policy_in(session: Session) -> OfflinePolicy:
    row = session.get(OfflinePolicyRow, 1)
    if row is None:
        return DEFAULT_POLICY
    return OfflinePolicy(
        row.enabled,
        row.per_bill_minor,
        row.per_customer_terminal_minor,
        row.per_terminal_day_minor,
        row.hold_minutes,
    )


class HoldService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def authorize(
        self,
        terminal: TerminalIdentity,
        *,
        op_id: str,
        customer_id: str | None,
        bill_id: str,
        credits_minor: int,
        wallet_minor: int,
        vouchers: tuple[str, ...] = (),
    ) -> Hold:
        if min(credits_minor, wallet_minor) < 0 or (
            credits_minor + wallet_minor == 0 and not vouchers
        ):
            raise Invalid.one("amount", "hold some credits, wallet or vouchers, none below zero")

        def work(session: Session) -> Hold:
            known = session.scalar(select(HoldRow).where(HoldRow.op_id == op_id))
            if known is not None:
                return _hold(known)
            now = self.ctx.clock()
            if credits_minor or wallet_minor:
                if customer_id is None:
                    raise Invalid.one("customer_id", "credits and wallet are a customer's")
                _check_available(session, customer_id, credits_minor, wallet_minor, now)
            for code in sorted(set(vouchers)):  # in one order: two holds never deadlock
                _keep_voucher(session, code, now)
            row = HoldRow(
                id=new_id(),
                op_id=op_id,
                terminal_id=terminal.terminal_id,
                customer_id=customer_id,
                bill_id=bill_id,
                credits_minor=credits_minor,
                wallet_minor=wallet_minor,
                status="pending",
                expires_at=now + timedelta(minutes=policy_in(session).hold_minutes),
                created_at=now,
            )
            session.add(row)
            session.flush()
            session.add_all(HoldVoucherRow(hold_id=row.id, code=c) for c in sorted(set(vouchers)))
            return _hold(row)

        return self.ctx.db.write(work)

    def void_asked(self, terminal: TerminalIdentity, *, op_id: str, bill_id: str) -> Hold:
        """Release the hold a till asked for under `op_id` but never heard back about (its
        sale then went no further). If the ask has not arrived yet, a void hold is kept under
        that op id, so the late ask finds it void and reserves nothing."""

        def work(session: Session) -> Hold:
            row = session.scalar(select(HoldRow).where(HoldRow.op_id == op_id).with_for_update())
            if row is not None and row.terminal_id != terminal.terminal_id:
                raise NotFound("authorization", op_id)
            if row is None:
                now = self.ctx.clock()
                row = HoldRow(
                    id=new_id(),
                    op_id=op_id,
                    terminal_id=terminal.terminal_id,
                    customer_id=None,
                    bill_id=bill_id,
                    credits_minor=0,
                    wallet_minor=0,
                    status="voided",
                    expires_at=now,
                    created_at=now,
                )
                session.add(row)
            elif row.status == "pending":
                row.status = "voided"
            return _hold(row)

        return self.ctx.db.write(work)

    def void(self, terminal: TerminalIdentity, hold_id: str) -> Hold:
        """Release a hold (the sale was cancelled); voiding it again changes nothing."""

        def work(session: Session) -> Hold:
            row = session.get(HoldRow, hold_id, with_for_update=True)
            if row is None or row.terminal_id != terminal.terminal_id:
                raise NotFound("authorization", hold_id)
            if row.status == "pending":
                row.status = "voided"
            return _hold(row)

        return self.ctx.db.write(work)

    def policy(self) -> OfflinePolicy:
        return self.ctx.db.read(policy_in)

    def set_policy(self, actor: Actor, policy: dict[str, object]) -> OfflinePolicy:
        """Replace the offline allowances (an owner's decision: it bounds the chain's risk)."""
        actor.require(Role.OWNER)
        try:
            wanted = OfflinePolicy(**policy)  # type: ignore[arg-type]
        except (TypeError, DomainError) as error:
            raise Invalid.one("policy", str(error)) from error

        def work(session: Session) -> OfflinePolicy:
            before = policy_in(session)
            row = session.get(OfflinePolicyRow, 1) or OfflinePolicyRow(id=1)
            for name in ("enabled", "per_bill_minor", "per_customer_terminal_minor",
                         "per_terminal_day_minor", "hold_minutes"):  # fmt: skip
                setattr(row, name, getattr(wanted, name))
            row.updated_at, row.updated_by = self.ctx.clock(), actor.name
            session.add(row)
            audit.record(
                session,
                actor=actor,
                at=row.updated_at,
                action="offline_policy.changed",
                entity="offline_policy",
                entity_id="1",
                before=_document(before),
                after=_document(wanted),
            )
            return wanted

        return self.ctx.db.write(work)


def _check_available(
    session: Session, customer_id: str, credits_minor: int, wallet_minor: int, now: datetime
) -> None:
    balances = {a: locked_balance(session, customer_id, a).amount for a in HELD_ACCOUNTS}
    kept = held(session, customer_id, now)
    available = {a: balances[a] - kept[a] for a in HELD_ACCOUNTS}
    if credits_minor > available["credits"] or wallet_minor > available["wallet"]:
        raise InsufficientError({a: max(0, n) for a, n in available.items()})


def _keep_voucher(session: Session, code: str, now: datetime) -> None:
    """Refuse a voucher another bill has redeemed or holds; the row lock orders tills."""
    voucher = session.get(VoucherRow, code, with_for_update=True)
    if voucher is None:
        raise VoucherUnavailableError(code, "no such voucher")
    if voucher.status != "active":
        raise VoucherUnavailableError(code, f"it is {voucher.status}")
    if not voucher.single_use:
        return
    held = session.scalar(
        select(func.count())
        .select_from(HoldVoucherRow)
        .join(HoldRow, HoldRow.id == HoldVoucherRow.hold_id)
        .where(HoldVoucherRow.code == code, HoldRow.status == "pending", HoldRow.expires_at > now)
    )
    if held:
        raise VoucherUnavailableError(code, "another till is using it")


def _document(policy: OfflinePolicy) -> dict[str, object]:
    return {
        "enabled": policy.enabled,
        "per_bill_minor": policy.per_bill_minor,
        "per_customer_terminal_minor": policy.per_customer_terminal_minor,
        "per_terminal_day_minor": policy.per_terminal_day_minor,
        "hold_minutes": policy.hold_minutes,
    }


def post_hold(
    session: Session, hold_id: str | None, customer_id: str | None, *, op_id: str
) -> None:
    """The bill that took a hold closed: the hold is spent (the ledger has the amounts).

    A hold whose answer never reached the till (lost, or later than its budget) is asked
    under the bill's own op id: the bill names no hold then, but posts that one too, or it
    would keep the customer's money reserved until it expires."""
    if hold_id is None:
        row = session.scalar(select(HoldRow).where(HoldRow.op_id == op_id).with_for_update())
    else:
        row = session.get(HoldRow, hold_id, with_for_update=True)
    if row is not None and row.status == "pending" and row.customer_id == customer_id:
        row.status = "posted"
