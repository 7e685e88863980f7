"""Connecting the terminal to its CRM at start-up: enrol once, sync first, then run.

Part of the composition root (it builds the sync engine over the store). Everything here
runs on the database thread while the window shows its start-up text, never on the GUI
thread. A terminal that cannot reach the CRM starts anyway and sells with what it has;
only a refused enrolment code stops the start, with the CRM's reason.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from loyalty.errors import ExplainedError
from pos_terminal import __version__
from pos_terminal.db.repositories.identity import TerminalIdentity
from pos_terminal.db.store import Store
from pos_terminal.db.store_checks import TOKEN_FILE
from pos_terminal.db.sync_store import TerminalSyncStore
from sync.address import CrmUrlError, parse_crm_url
from sync.authorizer import CrmAuthorizer
from sync.client import CrmClient, CrmRefusedError, CrmUnavailableError, SyncBlockedError
from sync.engine import SyncEngine
from sync.enrolment import TokenFile, enrol
from sync.link_state import CrmLink, LinkState
from sync.store_port import STREAMS

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CrmSetup:
    url: str | None  # --crm, or None: the address the terminal was enrolled with
    enrol_code: str | None
    device_name: str
    data_dir: Path


def enrolled_identity(store: Store) -> TerminalIdentity | None:
    with store.unit_of_work(read_only=True) as tx:
        return tx.identity.get()


@dataclass(frozen=True, slots=True)
class CrmConnection:
    engine: SyncEngine  # owns the sync thread
    authorizer: CrmAuthorizer  # online holds, asked on the database thread

    def stop(self) -> None:
        self.engine.stop()
        self.authorizer.close()


def connect(
    store: Store, setup: CrmSetup, on_status: Callable[[CrmLink], None]
) -> CrmConnection | None:
    """Sync for this store (enrolling it first if a code is given), after one first cycle
    when the store has never synced; None when there is nothing to sync with."""
    identity = enrolled_identity(store)
    tokens = TokenFile(setup.data_dir / TOKEN_FILE)
    if setup.enrol_code and setup.url:
        try:
            identity = _enrol(store, setup, tokens)
        except CrmUnavailableError as error:  # a refused code stops the start; this does not
            log.warning("not enrolled: the CRM cannot be reached (%s)", error)
    if identity is None:
        return None
    url, token = setup.url or identity.crm_url, tokens.read()
    client = CrmClient(url, app_version=__version__, token=token)
    sync_store = TerminalSyncStore(store)
    engine = SyncEngine(sync_store, client, on_status)
    authorizer = CrmAuthorizer(url, token=token, app_version=__version__)
    if sync_store.stream("reference").cursor is None:
        link, _ = engine.run_once()  # the first snapshot, before anyone signs in
        if link.state is not LinkState.ONLINE:
            log.warning(
                "first sync did not finish (%s); selling with what the store has", link.detail
            )
    return CrmConnection(engine, authorizer)


class EnrolmentFailedError(ExplainedError, RuntimeError):
    """Enrolling from the Menu did not work; the message says why, for the manager."""


def enrol_now(store: Store, setup: CrmSetup, on_status: Callable[[CrmLink], None]) -> CrmConnection:
    """A manager's enrolment from the Menu: enrol, first sync, the connection to run."""
    try:
        address = parse_crm_url(setup.url or "")
    except CrmUrlError as error:
        raise EnrolmentFailedError(
            "this is not a CRM address: {reason}", reason=str(error)
        ) from error
    if not (setup.enrol_code or "").strip():
        raise EnrolmentFailedError("type the enrolment code the CRM's owner gave you")
    ready = replace(setup, url=address)
    try:
        _enrol(store, ready, TokenFile(setup.data_dir / TOKEN_FILE))
    except CrmUnavailableError as error:
        raise EnrolmentFailedError(
            "the CRM cannot be reached: {reason}", reason=str(error)
        ) from error
    except (CrmRefusedError, SyncBlockedError) as error:  # 401: an unknown code
        raise EnrolmentFailedError(
            "the CRM refused the code: {reason}", reason=str(error)
        ) from error
    connection = connect(store, replace(ready, enrol_code=None), on_status)
    assert connection is not None, "enrolled just now"
    return connection


def _enrol(store: Store, setup: CrmSetup, tokens: TokenFile) -> TerminalIdentity:
    assert setup.url is not None and setup.enrol_code is not None
    with CrmClient(setup.url, app_version=__version__) as client:
        done = enrol(client, setup.enrol_code, setup.device_name)  # CrmRefusedError: bad code
    tokens.write(done.token)
    identity = TerminalIdentity(
        terminal_id=done.terminal_id,
        shop_id=done.shop_id,
        name=setup.device_name,
        crm_url=setup.url,
        token_ref=f"file:{TOKEN_FILE}",
        enrolled_at=datetime.now(),
    )
    with store.unit_of_work() as tx:
        tx.identity.save(identity)
        # What the store had of customers and rules (demo data, an earlier CRM) gives way
        # to this CRM's snapshot; bills, the outbox and local proposals stay.
        for stream in STREAMS:
            tx.pulled.reset(stream)
    log.info("enrolled with %s as terminal %s", setup.url, done.terminal_id)
    return identity
