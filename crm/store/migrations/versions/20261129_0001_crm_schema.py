"""The CRM schema: customers, cards, groups, rules, vouchers, ledgers, accounts, audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-29 17:26:47.386659
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# Byte order on PostgreSQL, as SQLite's BINARY: word prefixes are index ranges.
ORDERED_TEXT = sa.String(length=320).with_variant(
    sa.String(length=320, collation="C"), "postgresql"
)

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "admin_user",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("password_hash", sa.String(length=300), nullable=False),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_user")),
        sa.UniqueConstraint("username", name=op.f("uq_admin_user_username")),
    )
    op.create_table(
        "audit_log",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=200), nullable=False),
        sa.Column("customer_id", sa.String(length=64), nullable=True),
        sa.Column(
            "before",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "after",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_customer", ["customer_id", "id"], unique=False)
        batch_op.create_index("ix_audit_log_entity", ["entity", "entity_id", "id"], unique=False)

    op.create_table(
        "cashback_rule",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("resource", sa.String(length=10), nullable=False),
        sa.Column("percent_bp", sa.Integer(), nullable=True),
        sa.Column("fixed", sa.BigInteger(), nullable=False),
        sa.Column("maximum", sa.BigInteger(), nullable=True),
        sa.Column("date_from", sa.Date(), nullable=True),
        sa.Column("date_to", sa.Date(), nullable=True),
        sa.Column(
            "weekdays",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("hours_from", sa.Time(), nullable=True),
        sa.Column("hours_to", sa.Time(), nullable=True),
        sa.Column("min_bill_minor", sa.BigInteger(), nullable=True),
        sa.Column(
            "payment_methods",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "customer_types",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "group_ids",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cashback_rule")),
    )
    op.create_table(
        "customer_group",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("daily_discount_limit_minor", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_group")),
        sa.UniqueConstraint("reference", name=op.f("uq_customer_group_reference")),
    )
    op.create_table(
        "discount",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("percent_bp", sa.Integer(), nullable=True),
        sa.Column("amount_minor", sa.BigInteger(), nullable=True),
        sa.Column("scope_kind", sa.String(length=12), nullable=False),
        sa.Column(
            "scope_ids",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("visible_on_terminal", sa.Boolean(), nullable=False),
        sa.Column("min_bill_minor", sa.BigInteger(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_discount")),
    )
    op.create_table(
        "shop",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shop")),
        sa.UniqueConstraint("name", name=op.f("uq_shop_name")),
    )
    op.create_table(
        "voucher_template",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=True),
        sa.Column("percent_bp", sa.Integer(), nullable=True),
        sa.Column("valid_days", sa.Integer(), nullable=True),
        sa.Column("points_price", sa.BigInteger(), nullable=False),
        sa.Column("offline_redeemable", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_voucher_template")),
    )
    op.create_table(
        "admin_session",
        sa.Column("token_sha256", sa.LargeBinary(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["admin_user.id"],
            name=op.f("fk_admin_session_user_id_admin_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_sha256", name=op.f("pk_admin_session")),
    )
    with op.batch_alter_table("admin_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_admin_session_user_id"), ["user_id"], unique=False)

    op.create_table(
        "customer",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("sort_name", ORDERED_TEXT, nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("nip", sa.String(length=10), nullable=True),
        sa.Column("group_id", sa.String(length=64), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("city", sa.String(length=200), nullable=False),
        sa.Column("street", sa.String(length=200), nullable=False),
        sa.Column("building", sa.String(length=20), nullable=False),
        sa.Column("flat", sa.String(length=20), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("phone", sa.String(length=16), nullable=True),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("discount_limit_disabled", sa.Boolean(), nullable=False),
        sa.Column("discount_allowance_minor", sa.BigInteger(), nullable=True),
        sa.Column("transactions", sa.Integer(), nullable=False),
        sa.Column("last_activity_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["customer_group.id"],
            name=op.f("fk_customer_group_id_customer_group"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer")),
        sa.UniqueConstraint("phone", name=op.f("uq_customer_phone")),
    )
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.create_index("ix_customer_created", ["created_at", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_customer_email"), ["email"], unique=False)
        batch_op.create_index(
            "ix_customer_group_sort", ["group_id", "sort_name", "id"], unique=False
        )
        batch_op.create_index("ix_customer_sort_name", ["sort_name", "id"], unique=False)

    op.create_table(
        "enrol_code",
        sa.Column("code_sha256", sa.LargeBinary(length=32), nullable=False),
        sa.Column("shop_id", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("terminal_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["shop_id"], ["shop.id"], name=op.f("fk_enrol_code_shop_id_shop"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("code_sha256", name=op.f("pk_enrol_code")),
    )
    op.create_table(
        "group_discount",
        sa.Column("group_id", sa.String(length=64), nullable=False),
        sa.Column("discount_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["discount_id"],
            ["discount.id"],
            name=op.f("fk_group_discount_discount_id_discount"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["customer_group.id"],
            name=op.f("fk_group_discount_group_id_customer_group"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("group_id", "discount_id", name=op.f("pk_group_discount")),
    )
    with op.batch_alter_table("group_discount", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_group_discount_discount_id"), ["discount_id"], unique=False
        )

    op.create_table(
        "terminal",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("shop_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("token_sha256", sa.LargeBinary(length=32), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("hwm_seq", sa.BigInteger(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("app_version", sa.String(length=40), nullable=True),
        sa.Column("clock_offset_ms", sa.BigInteger(), nullable=True),
        sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["shop_id"], ["shop.id"], name=op.f("fk_terminal_shop_id_shop"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_terminal")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_terminal_token_sha256")),
    )
    op.create_table(
        "balance",
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("account", sa.String(length=10), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_balance_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("customer_id", "account", name=op.f("pk_balance")),
    )
    op.create_table(
        "bill",
        sa.Column("bill_id", sa.String(length=64), nullable=False),
        sa.Column("op_id", sa.String(length=64), nullable=False),
        sa.Column("terminal_id", sa.String(length=64), nullable=False),
        sa.Column("local_no", sa.BigInteger(), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("customer_id", sa.String(length=64), nullable=True),
        sa.Column("total_minor", sa.BigInteger(), nullable=False),
        sa.Column("discount_minor", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "payload",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customer.id"], name=op.f("fk_bill_customer_id_customer")
        ),
        sa.PrimaryKeyConstraint("bill_id", name=op.f("pk_bill")),
        sa.UniqueConstraint("op_id", name=op.f("uq_bill_op_id")),
        sa.UniqueConstraint("terminal_id", "local_no", name=op.f("uq_bill_terminal_id_local_no")),
    )
    with op.batch_alter_table("bill", schema=None) as batch_op:
        batch_op.create_index("ix_bill_customer", ["customer_id", "closed_at"], unique=False)

    op.create_table(
        "card",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("key32", sa.BigInteger(), nullable=True),
        sa.Column("key24", sa.Integer(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("blocked", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_card_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card")),
        sa.UniqueConstraint("code", name=op.f("uq_card_code")),
        sa.UniqueConstraint("key32", name=op.f("uq_card_key32")),
        sa.UniqueConstraint("number", name=op.f("uq_card_number")),
    )
    with op.batch_alter_table("card", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_card_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index("ix_card_key24", ["key24"], unique=False)

    op.create_table(
        "credit_operation",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("account", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("customer_id", sa.String(length=64), nullable=True),
        sa.Column(
            "filter",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("every_months", sa.Integer(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_credit_operation_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credit_operation")),
    )
    op.create_table(
        "customer_tag",
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("tag", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_customer_tag_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("customer_id", "tag", name=op.f("pk_customer_tag")),
    )
    with op.batch_alter_table("customer_tag", schema=None) as batch_op:
        batch_op.create_index("ix_customer_tag_tag", ["tag", "customer_id"], unique=False)

    op.create_table(
        "customer_word",
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("word", ORDERED_TEXT, nullable=False),
        sa.Column("sort_name", ORDERED_TEXT, nullable=False),
        sa.Column("group_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_customer_word_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("customer_id", "word", name=op.f("pk_customer_word")),
    )
    with op.batch_alter_table("customer_word", schema=None) as batch_op:
        batch_op.create_index(
            "ix_customer_word_page",
            ["word", "group_id", "sort_name", "customer_id"],
            unique=False,
        )

    op.create_table(
        "voucher",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=True),
        sa.Column("percent_bp", sa.Integer(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("owner_id", sa.String(length=64), nullable=True),
        sa.Column("single_use", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("offline_redeemable", sa.Boolean(), nullable=False),
        sa.Column("template_id", sa.String(length=64), nullable=True),
        sa.Column("points_paid", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["customer.id"],
            name=op.f("fk_voucher_owner_id_customer"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["voucher_template.id"],
            name=op.f("fk_voucher_template_id_voucher_template"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_voucher")),
    )
    with op.batch_alter_table("voucher", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_voucher_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "discount_usage",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("bill_id", sa.String(length=64), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("discount_id", sa.String(length=64), nullable=True),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("over_limit", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["bill_id"],
            ["bill.bill_id"],
            name=op.f("fk_discount_usage_bill_id_bill"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_discount_usage_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_discount_usage")),
    )
    with op.batch_alter_table("discount_usage", schema=None) as batch_op:
        batch_op.create_index(
            "ix_discount_usage_customer", ["customer_id", "business_date"], unique=False
        )

    op.create_table(
        "ledger_entry",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("account", sa.String(length=10), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("balance_after", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("operation_id", sa.String(length=64), nullable=True),
        sa.Column("period", sa.Integer(), nullable=True),
        sa.Column("bill_id", sa.String(length=64), nullable=True),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_ledger_entry_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["operation_id"],
            ["credit_operation.id"],
            name=op.f("fk_ledger_entry_operation_id_credit_operation"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_entry")),
        sa.UniqueConstraint(
            "operation_id",
            "period",
            "customer_id",
            "account",
            name=op.f("uq_ledger_entry_operation_id_period_customer_id_account"),
        ),
    )
    with op.batch_alter_table("ledger_entry", schema=None) as batch_op:
        batch_op.create_index(
            "ix_ledger_entry_customer", ["customer_id", "account", "id"], unique=False
        )

    op.create_table(
        "operation_run",
        sa.Column("operation_id", sa.String(length=64), nullable=False),
        sa.Column("period", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("customers", sa.Integer(), nullable=False),
        sa.Column("ran_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["operation_id"],
            ["credit_operation.id"],
            name=op.f("fk_operation_run_operation_id_credit_operation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("operation_id", "period", name=op.f("pk_operation_run")),
    )


def downgrade() -> None:
    op.drop_table("operation_run")
    with op.batch_alter_table("ledger_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_ledger_entry_customer")

    op.drop_table("ledger_entry")
    with op.batch_alter_table("discount_usage", schema=None) as batch_op:
        batch_op.drop_index("ix_discount_usage_customer")

    op.drop_table("discount_usage")
    with op.batch_alter_table("voucher", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_voucher_owner_id"))

    op.drop_table("voucher")
    with op.batch_alter_table("customer_word", schema=None) as batch_op:
        batch_op.drop_index("ix_customer_word_page")

    op.drop_table("customer_word")
    with op.batch_alter_table("customer_tag", schema=None) as batch_op:
        batch_op.drop_index("ix_customer_tag_tag")

    op.drop_table("customer_tag")
    op.drop_table("credit_operation")
    with op.batch_alter_table("card", schema=None) as batch_op:
        batch_op.drop_index("ix_card_key24")
        batch_op.drop_index(batch_op.f("ix_card_customer_id"))

    op.drop_table("card")
    with op.batch_alter_table("bill", schema=None) as batch_op:
        batch_op.drop_index("ix_bill_customer")

    op.drop_table("bill")
    op.drop_table("balance")
    op.drop_table("terminal")
    with op.batch_alter_table("group_discount", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_discount_discount_id"))

    op.drop_table("group_discount")
    op.drop_table("enrol_code")
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.drop_index("ix_customer_sort_name")
        batch_op.drop_index("ix_customer_group_sort")
        batch_op.drop_index(batch_op.f("ix_customer_email"))
        batch_op.drop_index("ix_customer_created")

    op.drop_table("customer")
    with op.batch_alter_table("admin_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_admin_session_user_id"))

    op.drop_table("admin_session")
    op.drop_table("voucher_template")
    op.drop_table("shop")
    op.drop_table("discount")
    op.drop_table("customer_group")
    op.drop_table("cashback_rule")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_entity")
        batch_op.drop_index("ix_audit_log_customer")

    op.drop_table("audit_log")
    op.drop_table("admin_user")
