"""Opening the store: durable settings, one process per file, migrations that are safe."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from pos_terminal.db.engine import create_store_engine
from pos_terminal.db.lock import StoreInUseError
from pos_terminal.db.migrate import (
    SchemaTooNewError,
    alembic_config,
    current_revision,
    head_revision,
)
from pos_terminal.db.models import Base
from pos_terminal.db.search_schema import is_search_table
from pos_terminal.db.store import Store, open_store

from .conftest import NOW, seed


def test_every_connection_is_durable(store: Store) -> None:
    with store.engine.connect() as connection:
        pragma = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    assert pragma == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 5000,
    }


def _synchronous(store: Store, **kind: bool) -> int:
    with store.unit_of_work(**kind) as tx:
        return int(tx.session.execute(text("PRAGMA synchronous")).scalar_one())


def test_only_pages_the_crm_can_send_again_commit_without_waiting_for_the_disk(
    store: Store,
) -> None:
    # In turns, so a pooled connection that last wrote a pulled page then writes a sale.
    for _ in range(3):
        assert _synchronous(store, refetchable=True) == 1  # NORMAL
        assert _synchronous(store) == 2  # FULL: a sale survives a power cut


def test_an_idle_checkpoint_folds_the_wal_into_the_file(store: Store, tmp_path: Path) -> None:
    seed(store)  # written to the WAL
    store.checkpoint()  # it ran inside the engine's BEGIN IMMEDIATE and always failed
    alone = tmp_path / "alone.db"
    alone.write_bytes(store.path.read_bytes())  # the file without its -wal
    with sqlite3.connect(alone) as copy:
        assert copy.execute("SELECT count(*) FROM product").fetchone()[0] > 0
    copy.close()


def test_write_units_take_the_write_lock_up_front(store: Store) -> None:
    other = sqlite3.connect(store.path, timeout=0, isolation_level=None)
    try:
        with store.unit_of_work() as tx:
            tx.session.execute(text("SELECT 1"))
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        # A read-only unit of work leaves the write lock free.
        with store.unit_of_work(read_only=True) as tx:
            tx.session.execute(text("SELECT count(*) FROM customer"))
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_second_process_on_the_same_file_gets_a_clear_message(store: Store) -> None:
    script = (
        "import sys, datetime, pathlib\n"
        "from pos_terminal.db.store import open_store\n"
        "from pos_terminal.db.lock import StoreInUseError\n"
        "try:\n"
        "    open_store(pathlib.Path(sys.argv[1]), now=datetime.datetime.now())\n"
        "except StoreInUseError as error:\n"
        "    print(error); sys.exit(3)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(store.path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 3, result.stderr
    assert "already open in another terminal process" in result.stdout
    assert str(store.path) in result.stdout
    with pytest.raises(StoreInUseError):
        open_store(store.path, now=NOW)


def test_the_lock_goes_with_the_process(db_path: Path) -> None:
    first = open_store(db_path, now=NOW)
    first.close()
    open_store(db_path, now=NOW).close()


def test_migration_chain_is_linear_with_one_head() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    revisions = list(script.walk_revisions())
    assert len(script.get_heads()) == 1 and len(script.get_bases()) == 1
    for revision in revisions:
        assert not revision.is_merge_point
        assert len(revision.nextrev) <= 1, f"{revision.revision} branches"


def test_an_empty_file_is_upgraded_to_head_and_matches_the_models(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    store = open_store(path, now=NOW)
    try:
        assert store.migration.from_revision is None and store.migration.backup is None
        assert current_revision(store.engine) == head_revision()
        with store.engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "compare_type": True,
                    "include_object": lambda obj, name, kind, reflected, other: (
                        not (kind == "table" and name is not None and is_search_table(name))
                    ),
                },
            )
            assert compare_metadata(context, Base.metadata) == []
    finally:
        store.close()


def test_a_database_from_a_newer_version_is_refused(db_path: Path) -> None:
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'from_the_future'")
    connection.close()
    with pytest.raises(SchemaTooNewError, match="newer version of the terminal"):
        open_store(db_path, now=NOW)
    # Refusing released the lock, so the right version can still open it.
    with sqlite3.connect(db_path) as connection:
        connection.execute(f"UPDATE alembic_version SET version_num = '{head_revision()}'")
    connection.close()
    open_store(db_path, now=NOW).close()


def test_an_older_database_is_backed_up_then_upgraded_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    config = alembic_config()
    with create_store_engine(path).connect() as alembic_connection:
        config.attributes["connection"] = alembic_connection
        command.upgrade(config, "0001")  # a terminal that has not had customer search yet
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO customer (id, name, type, active, verified, discount_limit_disabled,"
            " tags, details, proposed_locally, search_name, search_phone) VALUES"
            " ('c1', 'Łucja Żółć', 'client', 1, 0, 0, '', '{}', 0, 'lucja zolc', '501999888')"
        )
    connection.close()

    store = open_store(path, now=NOW)
    try:
        assert store.migration.from_revision == "0001"
        assert store.migration.to_revision == head_revision()
        backup = store.migration.backup
        assert backup is not None and backup.name.startswith("old.db.before-")
        with sqlite3.connect(backup) as old:
            assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
            assert old.execute("SELECT name FROM customer").fetchone() == ("Łucja Żółć",)
        old.close()
        with store.unit_of_work(read_only=True) as tx:  # the upgrade indexed the old rows
            assert [hit.customer.id for hit in tx.customers.search("zolc").hits] == ["c1"]
            assert [hit.customer.id for hit in tx.customers.search("999 888").hits] == ["c1"]
    finally:
        store.close()
