"""A customer's history: transactions, balance movements, discounts used, vouchers, audit."""

from __future__ import annotations

from crm.services.context import Context


class HistoryService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
