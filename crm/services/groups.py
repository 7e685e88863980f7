"""Customer groups: the reference slug, description, daily discount limit, assigned discounts."""

from __future__ import annotations

from crm.services.context import Context


class GroupService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
