"""Alembic environment: runs on the connection `migrate.upgrade_to_head` hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from pos_terminal.db.models import Base
from pos_terminal.db.search_schema import is_search_table

config = context.config


def _include(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    # The full-text tables are created by raw SQL in the migrations; models do not describe them.
    return not (type_ == "table" and name is not None and is_search_table(name))


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite alters tables by copy-and-move
        include_object=_include,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # the developer's `alembic` command line, with sqlalchemy.url from alembic.ini
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as cli_connection:
        _run(cli_connection)
