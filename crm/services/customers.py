"""Customers and their cards and tags: create, edit, deactivate, delete, list, bulk actions."""

from __future__ import annotations

from crm.services.context import Context


class CustomerService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
