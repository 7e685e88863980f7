"""Vouchers and voucher templates; exchanging points for a voucher."""

from __future__ import annotations

from crm.services.context import Context


class VoucherService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
