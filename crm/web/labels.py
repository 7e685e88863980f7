"""Words for the codes that bills and ops carry, in English (the key of `crm.web.i18n`).

The till and the CRM write codes (`wallet_overdraft`, `daily_limit`); a page says what
they mean. Every page may use them: they are the templates' globals.
"""

from __future__ import annotations

# What the CRM found on a bill (`crm.services.bill_facts`, `voucher_redemptions`), said so
# that a manager knows what to check.
FLAGS = {
    "wallet_overdraft": "The wallet went below zero",
    "credits_overdraft": "The credits went below zero",
    "over_limit": "Over the group's daily discount limit",
    "over_allowance": "Over the customer's discount allowance",
    "unknown_customer": "A customer the CRM does not have",
    "void_of_unknown_bill": "A void of a bill the CRM never got",
    "voucher_double_redeemed": "A voucher used twice (two tills offline)",
    "unknown_voucher": "A voucher the CRM does not know",
}

# Where an amount off a bill came from (`pos_terminal.domain.explanation.Source`).
ADJUSTMENTS = {
    "group": "Group discount",
    "manual": "Discount",
    "voucher": "Voucher",
    "credits": "Promotional credits",
}

# What cut an amount (`pos_terminal.domain.explanation.CapReason`).
CAPS = {
    "daily_limit": "cut to the daily limit",
    "allowance": "cut to the discount allowance",
    "remaining_total": "cut to the amount due",
    "eligible_total": "cut to the items it covers",
}

# What a till's op was (`sync.wire.ops`): a refused one is named so on the list to review.
OP_KINDS = {
    "bill.closed": "A closed bill",
    "bill.voided": "A voided bill",
    "shift.opened": "A shift opened",
    "shift.closed": "A shift closed",
    "customer.proposed": "A new customer",
    "card.assigned": "A card given",
}
