"""Getting the store ready at start-up: open (lock, migrate), and demo data on first run."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pos_terminal.db.bulk import Progress
from pos_terminal.db.store import Store, open_store
from pos_terminal.services.demo import install_demo_data, install_demo_staff


def prepare_store(
    path: Path,
    *,
    now: datetime,
    demo_customers: int | None,
    progress: Progress | None = None,
    crm_owns_loyalty: bool = False,
) -> Store:
    """Open the terminal's database; fill an empty one with demo data if asked to (and give
    an older demo database its demo staff). A terminal enrolled with a CRM (or about to be:
    `crm_owns_loyalty`) gets only the demo menu and staff: customers and rules come from
    the CRM."""
    store = open_store(path, now=now)
    try:
        if demo_customers is not None:
            with store.unit_of_work(read_only=True) as tx:
                empty = not tx.catalog.categories()
                enrolled = tx.identity.get() is not None
            if empty:
                install_demo_data(
                    store,
                    customers=demo_customers,
                    progress=progress,
                    loyalty=not (crm_owns_loyalty or enrolled),
                )
            else:  # a demo database from before sign-in existed
                install_demo_staff(store)
    except BaseException:
        store.close()
        raise
    return store
