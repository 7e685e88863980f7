"""Alembic environment of the CRM: runs on the connection `crm.store.migrate` hands over."""

from __future__ import annotations

from alembic import context

from crm.store.models import Base

config = context.config


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite alters tables by copy-and-move
        compare_type=True,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":  # type: ignore[attr-defined]
            # Replicas started together: one migrates, the others wait and then find head.
            context.execute("SELECT pg_advisory_xact_lock(7243170001)")
        context.run_migrations()


_run(config.attributes["connection"])
