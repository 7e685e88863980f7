"""What a customer has available now: the CRM's last snapshot minus what this terminal did
since that the snapshot does not include yet (sync-protocol §4.3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, insert, literal_column, or_, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from loyalty.money import Money
from pos_terminal.db.models import (
    BalanceSnapshotRow,
    CustomerEffectRow,
    LimitSnapshotRow,
    SyncStreamRow,
)


@dataclass(frozen=True, slots=True)
class Balances:
    credits: Money
    wallet: Money
    points: int
    group_discount_used_today: Money
    # Group discount this till's bills gave the customer that the CRM's figure of their
    # remaining allowance (the cached customer row) does not include yet; a void's negative
    # effect gives it back.
    allowance_used_here: Money


@dataclass(frozen=True, slots=True)
class BillEffect:
    """What closing one bill did to its customer's balances and daily limit."""

    op_id: str
    customer_id: str
    bill_id: str
    business_date: date
    credits_used: int = 0
    wallet_used: int = 0
    group_discount: int = 0
    points_earned: int = 0
    credits_earned: int = 0
    decided_offline: bool = True  # spent without a hold at the CRM


# Everything a tap needs to know of the customer's balances, in one statement: a tap runs
# while a snapshot may be applying on the sync thread, and each statement's return waits for
# the interpreter lock (up to the switch interval) — one statement, one wait.
#
# The snapshot rows include everything the CRM did up to the balances feed position pulled,
# whichever position each row itself was last changed at: an op's effects on two entities
# (the wallet, the day's limit) carry one position, the later one. So the effects still
# pending are those with no reflected_seq or one after max(row's, stream's position). Each
# such set is read as two ranges of ix_customer_effect_pending (customer_id, reflected_seq),
# IS NULL and > bound: written as one OR, SQLite reads every effect the customer ever had (a
# regular has thousands). The day's limit may also be read through the day's index
# (tests/db/test_balance_index.py allows either). The allowance's pending effects are those
# the reference stream (the customer row, with its remaining allowance) has not reflected.
_AVAILABLE = """
    WITH
    pulled(balances_to, reference_to) AS (
        SELECT coalesce((SELECT position FROM sync_stream WHERE stream = 'balances'), 0),
               coalesce((SELECT position FROM sync_stream WHERE stream = 'reference'), 0)
    ),
    snapshot(credits, wallet, points, as_of) AS (
        SELECT coalesce(max(credits_minor), 0), coalesce(max(wallet_minor), 0),
               coalesce(max(points), 0), coalesce(max(as_of_seq), 0)
        FROM balance_snapshot WHERE customer_id = ?1
    ),
    day_limit(used, as_of) AS (
        SELECT coalesce(max(used_minor), 0), coalesce(max(as_of_seq), 0)
        FROM limit_snapshot WHERE customer_id = ?1 AND business_date = ?2
    ),
    bound(as_of, limit_as_of, reference_to) AS (
        SELECT max(snapshot.as_of, balances_to), max(day_limit.as_of, balances_to), reference_to
        FROM pulled, snapshot, day_limit
    ),
    pending(credits, wallet, points) AS (
        SELECT credits_used_minor, wallet_used_minor, points_earned FROM customer_effect
        WHERE customer_id = ?1 AND reflected_seq IS NULL
        UNION ALL
        SELECT credits_used_minor, wallet_used_minor, points_earned FROM customer_effect
        WHERE customer_id = ?1 AND reflected_seq > (SELECT as_of FROM bound)
    ),
    day_pending(discount) AS (
        SELECT group_discount_minor FROM customer_effect
        WHERE customer_id = ?1 AND reflected_seq IS NULL
          AND business_date = ?2
        UNION ALL
        SELECT group_discount_minor FROM customer_effect
        WHERE customer_id = ?1 AND reflected_seq > (SELECT limit_as_of FROM bound)
          AND business_date = ?2
    ),
    allowance_pending(discount) AS (
        SELECT group_discount_minor FROM customer_effect
        WHERE customer_id = ?1 AND allowance_seq IS NULL
        UNION ALL
        SELECT group_discount_minor FROM customer_effect
        WHERE customer_id = ?1 AND allowance_seq > (SELECT reference_to FROM bound)
    ),
    here(credits, wallet, points) AS (
        SELECT coalesce(sum(credits), 0), coalesce(sum(wallet), 0), coalesce(sum(points), 0)
        FROM pending
    )
    SELECT snapshot.credits - here.credits, snapshot.wallet - here.wallet,
           snapshot.points + here.points,
           day_limit.used + (SELECT coalesce(sum(discount), 0) FROM day_pending),
           (SELECT coalesce(sum(discount), 0) FROM allowance_pending)
    FROM snapshot, day_limit, here
"""
_PULLED_TO = select(SyncStreamRow.position).where(SyncStreamRow.stream == "balances")


class BalanceRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def available(self, customer_id: str, business_date: date) -> Balances:
        # Plain SQL on the connection (dates as SQLite keeps them, ISO text): a tap waits
        # for it, and a compiled statement's binding and result handling cost 25 µs more.
        params = (customer_id, business_date.isoformat())  # ?1, ?2
        found = self._session.connection().exec_driver_sql(_AVAILABLE, params).one()
        credits, wallet, points, used, allowance = found
        return Balances(
            credits=Money(credits),
            wallet=Money(wallet),
            points=points,
            group_discount_used_today=Money(used),
            allowance_used_here=Money(allowance),
        )

    def offline_usage(self, customer_id: str, business_date: date) -> tuple[Money, Money]:
        """Credits and wallet spent without a hold: by this customer since the CRM last
        showed it (the allowance refills once it has), and by this till on the day."""
        spent = CustomerEffectRow.credits_used_minor + CustomerEffectRow.wallet_used_minor
        pulled_to = self._session.execute(_PULLED_TO).scalar() or 0
        effect = CustomerEffectRow
        customer = self._session.execute(
            select(func.coalesce(func.sum(spent), 0)).where(
                effect.customer_id == customer_id,
                effect.decided_offline.is_(True),
                or_(effect.reflected_seq.is_(None), effect.reflected_seq > pulled_to),
            )
        ).scalar_one()
        today = self._session.execute(
            select(func.coalesce(func.sum(spent), 0)).where(
                effect.business_date == business_date, effect.decided_offline.is_(True)
            )
        ).scalar_one()
        return Money(int(customer)), Money(int(today))

    def set_snapshot(
        self, customer_id: str, *, credits: int, wallet: int, points: int, as_of_seq: int
    ) -> None:
        values = {
            "customer_id": customer_id,
            "credits_minor": credits,
            "wallet_minor": wallet,
            "points": points,
            "as_of_seq": as_of_seq,
        }
        statement = sqlite_insert(BalanceSnapshotRow).values(**values)
        self._session.execute(
            statement.on_conflict_do_update(index_elements=["customer_id"], set_=values)
        )

    def set_limit_used(
        self, customer_id: str, business_date: date, *, used: int, as_of_seq: int
    ) -> None:
        values = {
            "customer_id": customer_id,
            "business_date": business_date,
            "used_minor": used,
            "as_of_seq": as_of_seq,
        }
        statement = sqlite_insert(LimitSnapshotRow).values(**values)
        self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["customer_id", "business_date"], set_=values
            )
        )

    def record(self, effect: BillEffect) -> None:
        self._session.execute(
            insert(CustomerEffectRow).values(
                op_id=effect.op_id,
                customer_id=effect.customer_id,
                bill_id=effect.bill_id,
                business_date=effect.business_date,
                credits_used_minor=effect.credits_used,
                wallet_used_minor=effect.wallet_used,
                group_discount_minor=effect.group_discount,
                points_earned=effect.points_earned,
                credits_earned_minor=effect.credits_earned,
                reflected_seq=None,
                decided_offline=effect.decided_offline,
            )
        )

    def effect_of_bill(self, bill_id: str) -> BillEffect | None:
        """What closing the bill did to its customer (its first effect; a void adds a second,
        negative one)."""
        row = self._session.execute(
            select(*CustomerEffectRow.__table__.c)
            .where(CustomerEffectRow.bill_id == bill_id)
            .order_by(literal_column("customer_effect.rowid"))  # the order of insertion
            .limit(1)
        ).first()
        if row is None:
            return None
        return BillEffect(
            op_id=row.op_id,
            customer_id=row.customer_id,
            bill_id=row.bill_id,
            business_date=row.business_date,
            credits_used=row.credits_used_minor,
            wallet_used=row.wallet_used_minor,
            group_discount=row.group_discount_minor,
            points_earned=row.points_earned,
            credits_earned=row.credits_earned_minor,
            decided_offline=bool(row.decided_offline),
        )
