"""The CRM's Alembic chain builds exactly the models' schema, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.customer_filter import CustomerFilter
from crm.services.customer_input import CustomerInput
from crm.services.terminals import TerminalIdentity
from crm.store.database import Database
from crm.store.migrate import (
    SchemaTooNewError,
    alembic_config,
    current_revision,
    head_revision,
    upgrade_to_head,
)
from crm.store.models import Base
from tests.crm.sync_world import Till, customer, sale


def test_the_chain_is_linear() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1
    assert [r.down_revision for r in script.walk_revisions()][-1] is None


def test_a_fresh_database_is_at_head_and_matches_the_models(crm_url: str) -> None:
    database = Database.at(crm_url)
    try:
        assert current_revision(database.engine) == head_revision()
        with database.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        database.dispose()


def test_a_schema_newer_than_the_code_is_refused_and_left_alone(tmp_path: Path) -> None:
    database = Database.at(f"sqlite:///{tmp_path / 'crm.db'}")
    upgrade_to_head(database.engine)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(SchemaTooNewError, match="newer than this version"):
        upgrade_to_head(database.engine)
    assert current_revision(database.engine) == "9999"
    database.dispose()


def test_migrating_twice_does_nothing_the_second_time(tmp_path: Path) -> None:
    database = Database.at(f"sqlite:///{tmp_path / 'crm.db'}")
    first = upgrade_to_head(database.engine)
    second = upgrade_to_head(database.engine)
    assert first.from_revision is None
    assert second.from_revision == second.to_revision == head_revision()
    database.dispose()


def test_names_folded_by_an_earlier_version_are_folded_again(services: CrmServices) -> None:
    """Migration 0006: an earlier fold kept "ø", so "Ørsted" was stored as "ørsted" and
    typing "orsted" found nobody; upgrading folds such names again, words and all."""
    orsted = services.customers.create(CLI, CustomerInput(name="Ørsted Æble")).id
    kowalski = services.customers.create(CLI, CustomerInput(name="Jan Kowalski")).id
    engine = services.ctx.db.engine
    with engine.begin() as connection:  # the migrations after 0006 undone, to run them again
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
    with engine.begin() as connection:  # as the earlier fold left them
        connection.execute(
            text("UPDATE customer SET sort_name = 'ørsted æble' WHERE id = :id"), {"id": orsted}
        )
        connection.execute(
            text("DELETE FROM customer_word WHERE customer_id = :id"), {"id": orsted}
        )
        for word in ("ørsted", "æble"):
            connection.execute(
                text(
                    "INSERT INTO customer_word (customer_id, word, sort_name, group_id)"
                    " VALUES (:id, :word, 'ørsted æble', NULL)"
                ),
                {"id": orsted, "word": word},
            )
        connection.execute(text("UPDATE alembic_version SET version_num = '0005'"))

    def found(typed: str) -> list[str]:
        page = services.customers.list(CLI, CustomerFilter(text=typed))
        return [customer.id for customer in page.items]

    assert found("orsted") == []
    assert upgrade_to_head(engine).from_revision == "0005"
    assert found("orsted") == found("ØRSTED") == found("aeble") == [orsted]
    assert found("kowalski") == [kowalski]
    with engine.connect() as connection:
        words = connection.execute(
            text("SELECT word, sort_name FROM customer_word WHERE customer_id = :id"),
            {"id": orsted},
        ).all()
    assert {word for word, _ in words} == {"orsted", "aeble"}
    assert {copy for _, copy in words} == {"orsted aeble"}


def test_bills_flagged_and_ops_refused_before_0007_are_put_on_the_list(
    services: CrmServices,
) -> None:
    """Migration 0007: what the CRM flagged or refused before there was a list to review
    is on it, open, after the upgrade."""
    customer(services, "c-ala", wallet=1000)
    code = services.terminals.create_code_for_shop_named(CLI, "Bistro").code
    done = services.terminals.enrol(code, "Kasa 1")
    till = Till(httpx.Client(), done.terminal_id)
    identity = TerminalIdentity(done.terminal_id, done.shop_id, "active")
    spent = till.envelope(sale("b-over", 1, 2500, customer_id="c-ala", wallet=2500))
    broken = {**till.envelope(sale("b-broken", 2, 700)), "payload_sha256": "0" * 64}
    services.sync.push(identity, [spent, broken])
    engine = services.ctx.db.engine
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
    assert upgrade_to_head(engine).from_revision == "0006"
    items = sorted(services.review.open_items(CLI), key=lambda item: item.kind)
    assert [(item.kind, item.subject_id, item.reasons) for item in items] == [
        ("bill", "b-over", ("wallet_overdraft",)),
        ("op", broken["op_id"], ("the payload does not match its sha256",)),
    ]
    assert items[0].bill_no == 1 and items[0].total_minor == 2500
