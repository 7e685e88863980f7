"""Promotional credits, the prepaid wallet and points: add, reduce, set; one or a filter."""

from __future__ import annotations

from crm.services.context import Context


class LedgerService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
