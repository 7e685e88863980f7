"""A voucher's fields: checked by the shared rule (`loyalty.vouchers`), shown as a frozen view.

A code is what a cashier scans or types, normalised the one shared way. A code the CRM
makes itself leaves out the characters people confuse (0/O, 1/I/L), and is long enough
that guessing one is hopeless (31^10 ≈ 8·10^14 codes).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from crm.services.definitions import MAX_MINOR, check_count, looks_like_id, read_rate, value_field
from crm.services.errors import NotFound, Problems
from crm.services.rates import bp_to_percent
from crm.store.models import CustomerRow, VoucherRow
from loyalty.errors import DomainError
from loyalty.money import Money
from loyalty.vouchers import Voucher, VoucherKind, VoucherStatus, normalise_voucher_code

ENTITY = "voucher"
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
# Codes travel in URLs, barcodes and receipts: plain ASCII letters, digits, '-' and '_'.
_CODE = re.compile(r"[A-Z0-9][A-Z0-9_-]{0,63}")


@dataclass(frozen=True, slots=True)
class VoucherSpec:
    """A voucher as a manager issues it; no `code` → the CRM makes one."""

    kind: str  # amount | percent
    code: str | None = None
    amount_minor: int | None = None
    percent: object = None  # text such as "10"; never a float
    valid_from: date | None = None
    valid_to: date | None = None
    owner_id: str | None = None
    single_use: bool = True
    offline_redeemable: bool = False


@dataclass(frozen=True, slots=True)
class VoucherView:
    code: str
    kind: str
    amount_minor: int | None
    percent: Decimal | None
    valid_from: date | None
    valid_to: date | None
    owner_id: str | None
    single_use: bool
    status: str
    offline_redeemable: bool
    template_id: str | None
    points_paid: int | None
    version: int
    created_at: datetime
    updated_at: datetime

    def rule(self) -> Voucher:
        """The shared rule's voucher, as the terminal checks and applies it."""
        return Voucher(
            code=self.code,
            kind=VoucherKind(self.kind),
            amount=None if self.amount_minor is None else Money(self.amount_minor),
            percent=self.percent,
            valid_from=self.valid_from,
            valid_to=self.valid_to,
            owner_id=self.owner_id,
            single_use=self.single_use,
            status=VoucherStatus(self.status),
            offline_redeemable=self.offline_redeemable,
        )


def view(row: VoucherRow) -> VoucherView:
    return VoucherView(
        code=row.code,
        kind=row.kind,
        amount_minor=row.amount_minor,
        percent=None if row.percent_bp is None else bp_to_percent(row.percent_bp),
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        owner_id=row.owner_id,
        single_use=row.single_use,
        status=row.status,
        offline_redeemable=row.offline_redeemable,
        template_id=row.template_id,
        points_paid=row.points_paid,
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def found(session: Session, code: str, *, lock: bool = False) -> VoucherRow:
    """The voucher with that code however it was typed (spaces, lower case), or NotFound."""
    try:
        key = normalise_voucher_code(code)
    except DomainError:
        key = ""
    row = session.get(VoucherRow, key, with_for_update=lock) if _CODE.fullmatch(key) else None
    if row is None:
        raise NotFound(ENTITY, code)
    return row


def new_code(session: Session) -> str:
    """A random code no voucher has yet."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if session.get(VoucherRow, code) is None:
            return code


def _code(problems: Problems, given: str | None) -> str | None:
    if given is None:
        return None
    with problems.field("code"):
        code = normalise_voucher_code(given)
        if not _CODE.fullmatch(code):
            problems.add("code", "at most 64 letters A–Z, digits, '-' and '_'")
        return code
    return None


def checked(session: Session, spec: VoucherSpec) -> dict[str, Any]:
    """The columns of a valid voucher (code None if the CRM is to make one), or Invalid."""
    problems = Problems()
    code = _code(problems, spec.code)
    percent, percent_bp = read_rate(problems, "percent", spec.percent)
    check_count(problems, "amount_minor", spec.amount_minor, least=-MAX_MINOR)
    if spec.valid_from and spec.valid_to and spec.valid_to < spec.valid_from:
        problems.add("valid_to", "cannot be before valid_from")
    if spec.owner_id is not None and (
        not looks_like_id(spec.owner_id) or session.get(CustomerRow, spec.owner_id) is None
    ):
        problems.add("owner_id", f"no customer {spec.owner_id!r}")
    kind: VoucherKind | None = None
    try:
        kind = VoucherKind(spec.kind)
    except ValueError:
        problems.add("kind", "amount or percent")
    values_ok = not {p.field for p in problems.found} & {"percent", "amount_minor"}
    if kind is not None and values_ok:
        percent_kind = kind is VoucherKind.PERCENT
        with problems.field(
            value_field(percent_kind=percent_kind, percent=spec.percent, amount=spec.amount_minor)
        ):
            Voucher(
                code=code or "NEW",
                kind=kind,
                amount=None if spec.amount_minor is None else Money(spec.amount_minor),
                percent=percent,
                valid_from=spec.valid_from,
                valid_to=spec.valid_to,
                owner_id=spec.owner_id,
                single_use=spec.single_use,
                offline_redeemable=spec.offline_redeemable,
            )
    problems.raise_if_any()
    return {
        "code": code,
        "kind": spec.kind,
        "amount_minor": spec.amount_minor,
        "percent_bp": percent_bp,
        "valid_from": spec.valid_from,
        "valid_to": spec.valid_to,
        "owner_id": spec.owner_id,
        "single_use": bool(spec.single_use),
        "offline_redeemable": bool(spec.offline_redeemable),
    }
