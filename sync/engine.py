"""The sync engine: one thread, one HTTP client, one cycle at a time (sync-protocol §4.7).

A cycle: `hello` (clock offset, the CRM's high-water mark and epochs) → push every pending
op in `terminal_seq` order, 100 at a time, storing each answer → once nothing is pending,
pull each stream (a snapshot first if the stream has none, resumable page by page) → mark
what the pull reflected, prune what is old. Cycles run every `interval` seconds and at
once on `sync_now()`; after a failure the wait doubles from 1 s up to `max_backoff`, and is
never shorter than the CRM's `Retry-After`.

Balances are pulled only when the outbox is empty (PowerSync's rule): a page read while an
op is in flight could already include its effects, which the till would then subtract a
second time.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any

from loyalty.offline import OfflinePolicy
from sync.client import (
    CrmClient,
    CrmRefusedError,
    CrmUnavailableError,
    ResetRequiredError,
    SyncBlockedError,
    server_time,
)
from sync.link_state import CrmLink, LinkState, SnapshotProgress
from sync.priority import collector_paused
from sync.store_port import STREAMS, SyncStore
from sync.wire import codec
from sync.wire.envelope import RETRY_LATER, OpResult
from sync.wire.money import WireError
from sync.worker import Worker

log = logging.getLogger(__name__)
OnStatus = Callable[[CrmLink], None]
PUSH_BATCH = 100
PULL_LIMIT = 500
SNAPSHOT_LIMIT = 2000


class SyncEngine(Worker):
    THREAD_NAME = "crm sync"

    def __init__(
        self,
        store: SyncStore,
        client: CrmClient,
        on_status: OnStatus,
        *,
        interval: float = 30.0,
        max_backoff: float = 300.0,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(client)
        self._store, self._on_status = store, on_status
        self._interval, self._max_backoff = interval, max_backoff
        self._wall_clock = wall_clock
        self._offline_since: datetime | None = None
        self._offset_ms: int | None = None
        self.cycles = 0

    # -- the thread ---------------------------------------------------------------------

    def sync_now(self) -> None:
        self.wake()

    def _run(self) -> None:
        backoff = 1.0
        while not self._stopping.is_set():
            link, retry_after = self.run_once()
            if link.state in (LinkState.ONLINE, LinkState.BLOCKED):
                wait, backoff = self._interval, 1.0
            else:  # jitter spreads a chain's terminals coming back after an outage
                wait = min(backoff * random.uniform(0.8, 1.2), self._max_backoff)
                backoff = min(backoff * 2, self._max_backoff)
            if retry_after is not None:  # asked by the CRM: never earlier, whatever wakes us
                self._stopping.wait(retry_after)
                wait = max(0.0, wait - retry_after)
            self._sleep(wait)

    # -- one cycle ----------------------------------------------------------------------

    def run_once(self) -> tuple[CrmLink, float | None]:
        """One full cycle on the calling thread: (the link as it ended, Retry-After)."""
        self.cycles += 1
        try:
            hwm, epochs = self._hello()
            if hwm < self._store.highest_acked():
                reopened = self._store.reopen_after(hwm)
                log.warning("the CRM lost %d acknowledged ops (restored?); sending again", reopened)
            self._push_all()
            if self._store.backlog().pending == 0:
                with collector_paused():
                    for stream in STREAMS:
                        self._pull(stream, epochs.get(stream))
                self._store.settle(hwm)
        except CrmUnavailableError as error:
            return self._report(LinkState.OFFLINE, str(error)), error.retry_after
        except SyncBlockedError as error:
            return self._report(LinkState.BLOCKED, str(error)), None
        except (CrmRefusedError, WireError) as error:  # a CRM we cannot follow: retry later
            log.error("sync stopped: %s", error)
            return self._report(LinkState.OFFLINE, str(error)), None
        except Exception as error:  # a bug must not end the thread; the till sells on
            log.exception("sync failed unexpectedly")
            return self._report(LinkState.OFFLINE, repr(error)), None
        return self._report(LinkState.ONLINE, ""), None

    def _hello(self) -> tuple[int, dict[str, str]]:
        sent_wall, sent = self._wall_clock(), time.monotonic()
        # What the till has not sent yet, for the CRM's terminals page.
        headers = {"X-Queued-Ops": str(self._store.backlog().pending)}
        if self._offset_ms is not None:
            headers["X-Clock-Offset-Ms"] = str(self._offset_ms)
        body = self._client.call("GET", "/v1/sync/hello", headers=headers)
        rtt = time.monotonic() - sent
        # The CRM read its clock about half-way through the round trip.
        offset = round((server_time(body).timestamp() - (sent_wall + rtt / 2)) * 1000)
        self._offset_ms = offset
        self._store.save_clock(offset, round(rtt * 1000))
        try:
            hwm, epochs = int(body["terminal"]["hwm_seq"]), dict(body["epochs"])
        except (KeyError, TypeError, ValueError) as error:
            raise WireError(f"hello: not a CRM answer: {error}") from None
        if "offline_policy" in body:
            self._store.save_policy(codec.decode(OfflinePolicy, body["offline_policy"]))
        return hwm, {str(k): str(v) for k, v in epochs.items()}

    def _push_all(self) -> None:
        while batch := self._store.pending(PUSH_BATCH):
            self._report(LinkState.SYNCING, "")
            left = self._store.backlog().pending - len(batch)  # if this batch is taken
            body = self._client.call(
                "POST",
                "/v1/sync/push",
                json={"ops": [op.to_json() for op in batch]},
                headers={"X-Queued-Ops": str(max(left, 0))},
            )
            try:
                results = [OpResult.from_json(item) for item in body["results"]]
            except (KeyError, TypeError) as error:
                raise WireError(f"push: not a CRM answer: {error}") from None
            sent = {op.op_id for op in batch}
            if not results or any(r.op_id not in sent for r in results):
                raise WireError("push: the answer does not match the ops sent")
            self._store.record(results)
            stopped = next((r for r in results if r.status == RETRY_LATER), None)
            if stopped is not None or len(results) < len(batch):
                raise CrmUnavailableError(f"the CRM will take the rest later: {stopped}")

    def _pull(self, stream: str, epoch: str | None) -> None:
        state = self._store.stream(stream)
        if state.epoch is not None and epoch is not None and state.epoch != epoch:
            log.warning("stream %s: the CRM's epoch changed; taking a new snapshot", stream)
            self._store.reset_stream(stream)
            state = self._store.stream(stream)
        try:
            if state.cursor is None:
                self._snapshot(stream, state.snapshot_after)
            self._follow(stream)
        except ResetRequiredError as error:
            log.warning("stream %s: %s", stream, error)
            self._store.reset_stream(stream)
            self._snapshot(stream, None)
            self._follow(stream)

    def _snapshot(self, stream: str, after: str | None) -> None:
        """Page by page, each page and its cursor in one local transaction; the next page is
        fetched while this one is applied, so the CRM's work and the till's overlap."""
        started, rows, total = time.monotonic(), 0, None
        with ThreadPoolExecutor(1, thread_name_prefix="crm snapshot") as fetcher:
            coming = fetcher.submit(self._snapshot_page, stream, after)
            while True:
                page = coming.result()
                more = bool(page.get("has_more"))
                if more:
                    coming = fetcher.submit(self._snapshot_page, stream, page.get("next_after"))
                rows += self._store.apply_snapshot_page(stream, page)
                total = page.get("total", total)
                left = None
                if isinstance(total, int) and rows:
                    left = (time.monotonic() - started) / rows * max(0, total - rows)
                self._report(
                    LinkState.SYNCING,
                    "",
                    SnapshotProgress(stream, rows, total if isinstance(total, int) else None, left),
                )
                if not more:
                    self._store.finish_snapshot(stream)
                    return

    def _snapshot_page(self, stream: str, after: str | None) -> Any:
        params: dict[str, Any] = {"stream": stream, "limit": SNAPSHOT_LIMIT}
        if after is not None:
            params["after"] = after
        return self._client.call("GET", "/v1/sync/snapshot", params=params, page=True)

    def _follow(self, stream: str) -> None:
        while True:
            cursor = self._store.stream(stream).cursor
            params: dict[str, Any] = {"stream": stream, "limit": PULL_LIMIT}
            if cursor is not None:
                params["cursor"] = cursor
            page = self._client.call("GET", "/v1/sync/pull", params=params, page=True)
            self._store.apply_pull_page(stream, page)
            if not page.get("has_more"):
                return

    # -- what the strip shows -------------------------------------------------------------

    def _report(
        self, state: LinkState, detail: str, snapshot: SnapshotProgress | None = None
    ) -> CrmLink:
        now = datetime.fromtimestamp(self._wall_clock())
        if state is LinkState.OFFLINE:
            self._offline_since = self._offline_since or now
        else:
            self._offline_since = None
        backlog = self._store.backlog()
        link = CrmLink(
            state,
            since=self._offline_since or now,
            detail=detail,
            clock_offset_ms=self._offset_ms,
            pending=backlog.pending,
            rejected=backlog.rejected,
            snapshot=snapshot,
            enrolled=True,
        )
        try:
            self._on_status(link)
        except Exception:
            log.exception("the sync status callback failed")
        return link
