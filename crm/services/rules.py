"""Discounts and cashback rules, each checked by the shared rules (`loyalty`)."""

from __future__ import annotations

from crm.services.context import Context


class RuleService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
