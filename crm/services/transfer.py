"""CSV import (with a dry run) and CSV / PDF export of customer lists."""

from __future__ import annotations

from crm.services.context import Context


class TransferService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
