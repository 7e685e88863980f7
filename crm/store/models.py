"""Every CRM table, for Alembic and for code that needs the whole metadata."""

from __future__ import annotations

from crm.store.base import Base
from crm.store.models_accounts import (
    AdminSessionRow,
    AdminUserRow,
    AuditRow,
    EnrolCodeRow,
    ShopRow,
    TerminalRow,
)
from crm.store.models_customers import (
    CardRow,
    CustomerGroupRow,
    CustomerRow,
    CustomerTagRow,
    CustomerWordRow,
    GroupDiscountRow,
)
from crm.store.models_feed import ChangeLogRow, SyncCounterRow
from crm.store.models_ledger import (
    ACCOUNTS,
    BalanceRow,
    BillRow,
    CreditOperationRow,
    DiscountUsageRow,
    LedgerEntryRow,
    OperationRunRow,
)
from crm.store.models_ops import (
    CustomerAliasRow,
    HoldRow,
    HoldVoucherRow,
    OfflinePolicyRow,
    OpQuarantineRow,
    ProcessedOpRow,
    ReviewItemRow,
    TerminalShiftRow,
    VoucherRedemptionRow,
)
from crm.store.models_rules import CashbackRuleRow, DiscountRow, VoucherRow, VoucherTemplateRow

__all__ = [
    "ACCOUNTS",
    "AdminSessionRow",
    "AdminUserRow",
    "AuditRow",
    "BalanceRow",
    "Base",
    "BillRow",
    "CardRow",
    "CashbackRuleRow",
    "ChangeLogRow",
    "CreditOperationRow",
    "CustomerAliasRow",
    "CustomerGroupRow",
    "CustomerRow",
    "CustomerTagRow",
    "CustomerWordRow",
    "DiscountRow",
    "DiscountUsageRow",
    "EnrolCodeRow",
    "GroupDiscountRow",
    "HoldRow",
    "HoldVoucherRow",
    "LedgerEntryRow",
    "OfflinePolicyRow",
    "OpQuarantineRow",
    "OperationRunRow",
    "ProcessedOpRow",
    "ReviewItemRow",
    "ShopRow",
    "SyncCounterRow",
    "TerminalRow",
    "TerminalShiftRow",
    "VoucherRedemptionRow",
    "VoucherRow",
    "VoucherTemplateRow",
]
