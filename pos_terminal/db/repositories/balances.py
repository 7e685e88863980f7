"""What a customer has available now: the CRM's last snapshot minus what this terminal did
since that the snapshot does not include yet (sync-protocol §4.3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import (
    ColumnElement,
    Subquery,
    bindparam,
    func,
    insert,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import InstrumentedAttribute, Session

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


def _not_in_snapshot(
    as_of: str,
    *columns: InstrumentedAttribute[int],
    where: tuple[ColumnElement[bool], ...] = (),
    seq: InstrumentedAttribute[int | None] = CustomerEffectRow.reflected_seq,
) -> Subquery:
    """The customer's effects that the snapshot at feed position `:as_of` does not include,
    as two range scans of ix_customer_effect_pending (customer_id, reflected_seq):
    `reflected_seq IS NULL` and `reflected_seq > :as_of` (for the allowance, of
    ix_customer_effect_allowance). Written as one OR, SQLite reads every effect the
    customer ever had (a regular has thousands) and filters them."""
    effect = CustomerEffectRow
    return union_all(
        *(
            select(*columns).where(effect.customer_id == bindparam("customer_id"), pending, *where)
            for pending in (seq.is_(None), seq > bindparam(as_of))
        )
    ).subquery()


# Built once, bound per call: a tap runs these four, and building the statements each time
# cost about as much as running them.
_SNAPSHOT = select(
    BalanceSnapshotRow.credits_minor,
    BalanceSnapshotRow.wallet_minor,
    BalanceSnapshotRow.points,
    BalanceSnapshotRow.as_of_seq,
).where(BalanceSnapshotRow.customer_id == bindparam("customer_id"))
_SINCE = _not_in_snapshot(
    "as_of",
    CustomerEffectRow.credits_used_minor,
    CustomerEffectRow.wallet_used_minor,
    CustomerEffectRow.points_earned,
)
_LOCAL = select(
    func.coalesce(func.sum(_SINCE.c.credits_used_minor), 0),
    func.coalesce(func.sum(_SINCE.c.wallet_used_minor), 0),
    func.coalesce(func.sum(_SINCE.c.points_earned), 0),
)
_LIMIT = select(LimitSnapshotRow.used_minor, LimitSnapshotRow.as_of_seq).where(
    LimitSnapshotRow.customer_id == bindparam("customer_id"),
    LimitSnapshotRow.business_date == bindparam("business_date"),
)
# The day is checked row by row in the customer's pending ranges, unless the planner
# finds an index on the day narrower (tests/db/test_balance_index.py allows either).
_ON_DAY = _not_in_snapshot(
    "limit_as_of",
    CustomerEffectRow.group_discount_minor,
    where=(CustomerEffectRow.business_date == bindparam("business_date"),),
)
_USED_LOCALLY = select(func.coalesce(func.sum(_ON_DAY.c.group_discount_minor), 0))
_PULLED_TO = select(SyncStreamRow.position).where(SyncStreamRow.stream == "balances")
_NOT_IN_ALLOWANCE = _not_in_snapshot(
    "reference_to", CustomerEffectRow.group_discount_minor, seq=CustomerEffectRow.allowance_seq
)
_ALLOWANCE_USED_HERE = select(func.coalesce(func.sum(_NOT_IN_ALLOWANCE.c.group_discount_minor), 0))
_REFERENCE_TO = select(SyncStreamRow.position).where(SyncStreamRow.stream == "reference")


class BalanceRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def available(self, customer_id: str, business_date: date) -> Balances:
        run = self._session.execute
        # Everything the CRM did up to the balances feed position pulled is in the snapshot
        # rows, whichever position each row itself was last changed at: an op's effects on
        # two entities (the wallet, the day's limit) carry one position, the later one.
        pulled_to = run(_PULLED_TO).scalar() or 0
        snapshot = run(_SNAPSHOT, {"customer_id": customer_id}).first()
        credits, wallet, points, as_of = snapshot if snapshot is not None else (0, 0, 0, 0)
        local = run(_LOCAL, {"customer_id": customer_id, "as_of": max(as_of, pulled_to)}).one()
        day = {"customer_id": customer_id, "business_date": business_date}
        limit = run(_LIMIT, day).first()
        used, limit_as_of = limit if limit is not None else (0, 0)
        since = {**day, "limit_as_of": max(limit_as_of, pulled_to)}
        used_locally = run(_USED_LOCALLY, since).scalar_one()
        return Balances(
            credits=Money(credits - local[0]),
            wallet=Money(wallet - local[1]),
            points=points + local[2],
            group_discount_used_today=Money(used + used_locally),
        )

    def allowance_used_here(self, customer_id: str) -> Money:
        """Group discount this till's bills gave the customer that the CRM's figure of their
        remaining allowance (the cached customer row) does not include yet; a void's
        negative effect gives it back."""
        reference_to = self._session.execute(_REFERENCE_TO).scalar() or 0
        used = self._session.execute(
            _ALLOWANCE_USED_HERE, {"customer_id": customer_id, "reference_to": reference_to}
        ).scalar_one()
        return Money(int(used))

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
