"""Shops, one-time enrolment codes, and terminals that exchanged one for a token."""

from __future__ import annotations

from crm.services.context import Context


class TerminalService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
