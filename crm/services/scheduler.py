"""Recurring credit operations: each period applied once, whatever runs it and when."""

from __future__ import annotations

from crm.services.context import Context


class Scheduler:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
