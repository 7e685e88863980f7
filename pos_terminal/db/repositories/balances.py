"""What a customer has available now: the CRM's last snapshot minus what this terminal did
since that the snapshot does not include yet (sync-protocol §4.3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, func, insert, literal_column, or_, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from loyalty.money import Money
from pos_terminal.db.models import BalanceSnapshotRow, CustomerEffectRow, LimitSnapshotRow


@dataclass(frozen=True, slots=True)
class Balances:
    credits: Money
    wallet: Money
    points: int
    group_discount_used_today: Money


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


def _not_in_snapshot(as_of_seq: int) -> ColumnElement[bool]:
    return or_(
        CustomerEffectRow.reflected_seq.is_(None), CustomerEffectRow.reflected_seq > as_of_seq
    )


class BalanceRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def available(self, customer_id: str, business_date: date) -> Balances:
        snapshot = self._session.execute(
            select(
                BalanceSnapshotRow.credits_minor,
                BalanceSnapshotRow.wallet_minor,
                BalanceSnapshotRow.points,
                BalanceSnapshotRow.as_of_seq,
            ).where(BalanceSnapshotRow.customer_id == customer_id)
        ).first()
        credits, wallet, points, as_of = snapshot if snapshot is not None else (0, 0, 0, 0)
        local = self._session.execute(
            select(
                func.coalesce(func.sum(CustomerEffectRow.credits_used_minor), 0),
                func.coalesce(func.sum(CustomerEffectRow.wallet_used_minor), 0),
                func.coalesce(func.sum(CustomerEffectRow.points_earned), 0),
            ).where(CustomerEffectRow.customer_id == customer_id, _not_in_snapshot(as_of))
        ).one()
        limit = self._session.execute(
            select(LimitSnapshotRow.used_minor, LimitSnapshotRow.as_of_seq).where(
                LimitSnapshotRow.customer_id == customer_id,
                LimitSnapshotRow.business_date == business_date,
            )
        ).first()
        used, limit_as_of = limit if limit is not None else (0, 0)
        used_locally = self._session.execute(
            select(func.coalesce(func.sum(CustomerEffectRow.group_discount_minor), 0)).where(
                CustomerEffectRow.customer_id == customer_id,
                CustomerEffectRow.business_date == business_date,
                _not_in_snapshot(limit_as_of),
            )
        ).scalar_one()
        return Balances(
            credits=Money(credits - local[0]),
            wallet=Money(wallet - local[1]),
            points=points + local[2],
            group_discount_used_today=Money(used + used_locally),
        )

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
        )
