"""The CRM's Alembic chain builds exactly the models' schema, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from crm.store.database import Database
from crm.store.migrate import (
    SchemaTooNewError,
    alembic_config,
    current_revision,
    head_revision,
    upgrade_to_head,
)
from crm.store.models import Base


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
