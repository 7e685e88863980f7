"""Every table of the terminal's store, for Alembic and for code that needs them all."""

from __future__ import annotations

from pos_terminal.db.base import Base
from pos_terminal.db.models_fiscal import FiscalReceiptRow
from pos_terminal.db.models_reference import (
    BalanceSnapshotRow,
    CardRow,
    CashbackRuleRow,
    CategoryRow,
    CustomerGroupRow,
    CustomerRow,
    DiscountRow,
    LimitSnapshotRow,
    ProductRow,
    VoucherRow,
)
from pos_terminal.db.models_sales import (
    BillAdjustmentRow,
    BillLineRow,
    BillPaymentRow,
    BillRow,
    BillVatRow,
    CustomerEffectRow,
    CustomerSeenRow,
    ShiftRow,
)
from pos_terminal.db.models_staff import AuditLogRow, StaffRow
from pos_terminal.db.models_sync import (
    ClockStateRow,
    OfflinePolicyRow,
    OutboxRow,
    SyncStreamRow,
    TerminalIdentityRow,
)

__all__ = [
    "AuditLogRow",
    "BalanceSnapshotRow",
    "Base",
    "BillAdjustmentRow",
    "BillLineRow",
    "BillPaymentRow",
    "BillRow",
    "BillVatRow",
    "CardRow",
    "CashbackRuleRow",
    "CategoryRow",
    "ClockStateRow",
    "CustomerEffectRow",
    "CustomerGroupRow",
    "CustomerRow",
    "CustomerSeenRow",
    "DiscountRow",
    "FiscalReceiptRow",
    "LimitSnapshotRow",
    "OfflinePolicyRow",
    "OutboxRow",
    "ProductRow",
    "ShiftRow",
    "StaffRow",
    "SyncStreamRow",
    "TerminalIdentityRow",
    "VoucherRow",
]
