"""Every use-case of the CRM, built over one database and one clock.

The HTTP app and the command line each build one `CrmServices` and call nothing else.
"""

from __future__ import annotations

from crm.services.accounts import AccountService
from crm.services.context import Clock, Context, utc_now
from crm.services.customer_lookup import LookupService
from crm.services.customers import CustomerService
from crm.services.groups import GroupService
from crm.services.health import HealthService
from crm.services.history import HistoryService
from crm.services.holds import HoldService
from crm.services.ledger import LedgerService
from crm.services.review import ReviewService
from crm.services.rules import RuleService
from crm.services.scheduler import Scheduler
from crm.services.sync_feed import FeedService
from crm.services.sync_push import PushService
from crm.services.terminals import TerminalService
from crm.services.transfer import TransferService
from crm.services.vouchers import VoucherService
from crm.store.database import Database


class CrmServices:
    def __init__(self, db: Database, clock: Clock = utc_now) -> None:
        ctx = Context(db, clock)
        self.ctx = ctx
        self.accounts = AccountService(ctx)
        self.customers = CustomerService(ctx)
        self.groups = GroupService(ctx)
        self.rules = RuleService(ctx)
        self.vouchers = VoucherService(ctx)
        self.ledger = LedgerService(ctx)
        self.scheduler = Scheduler(ctx)
        self.transfer = TransferService(ctx)
        self.history = HistoryService(ctx)
        self.terminals = TerminalService(ctx)
        self.review = ReviewService(ctx)
        self.health = HealthService(ctx)
        self.feed = FeedService(ctx)
        self.sync = PushService(ctx, self.customers)
        self.holds = HoldService(ctx)
        self.lookup = LookupService(ctx)

    @classmethod
    def at(cls, url: str, clock: Clock = utc_now) -> CrmServices:
        return cls(Database.at(url), clock)

    def close(self) -> None:
        self.ctx.db.dispose()
