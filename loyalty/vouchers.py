"""Vouchers: an amount or a percentage off, valid for some dates, usually used once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from loyalty.errors import DomainError
from loyalty.money import Money


class VoucherKind(StrEnum):
    AMOUNT = "amount"
    PERCENT = "percent"


class VoucherStatus(StrEnum):
    ACTIVE = "active"
    REDEEMED = "redeemed"
    CANCELLED = "cancelled"


class VoucherRefusal(StrEnum):
    """Why a scanned voucher gives nothing; the bill shows the reason instead of an amount."""

    UNKNOWN = "unknown"
    REDEEMED = "redeemed"
    CANCELLED = "cancelled"
    NOT_YET_VALID = "not_yet_valid"
    EXPIRED = "expired"
    OTHER_OWNER = "other_owner"
    ALREADY_ON_BILL = "already_on_bill"


def normalise_voucher_code(text: str) -> str:
    code = "".join(text.split()).upper()
    if not code:
        raise DomainError("a voucher code cannot be empty")
    return code


@dataclass(frozen=True, slots=True)
class Voucher:
    code: str
    kind: VoucherKind
    amount: Money | None = None
    percent: Decimal | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    owner_id: str | None = None
    single_use: bool = True
    status: VoucherStatus = VoucherStatus.ACTIVE
    offline_redeemable: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "code", normalise_voucher_code(self.code))
        if self.kind is VoucherKind.AMOUNT:
            if self.amount is None or self.percent is not None or self.amount.minor <= 0:
                raise DomainError("voucher {code}: needs an amount above zero", code=self.code)
        elif (
            self.percent is None or self.amount is not None or not Decimal(0) < self.percent <= 100
        ):
            raise DomainError(
                "voucher {code}: needs a percentage between 0 and 100", code=self.code
            )

    def refusal(self, *, on: date, customer_id: str | None) -> VoucherRefusal | None:
        """Why this voucher cannot be used on `on` by that customer, or None if it can."""
        if self.status is VoucherStatus.REDEEMED:
            return VoucherRefusal.REDEEMED
        if self.status is VoucherStatus.CANCELLED:
            return VoucherRefusal.CANCELLED
        if self.valid_from is not None and on < self.valid_from:
            return VoucherRefusal.NOT_YET_VALID
        if self.valid_to is not None and on > self.valid_to:
            return VoucherRefusal.EXPIRED
        if self.owner_id is not None and self.owner_id != customer_id:
            return VoucherRefusal.OTHER_OWNER
        return None
