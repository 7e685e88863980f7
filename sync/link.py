"""Watches whether the CRM can be reached, on a thread of its own, and reports each change.

The cashier's status strip shows the result; nothing a cashier does waits for it. Until the
sync engine runs, this asks the CRM's `/readyz`; the engine's handshake will report through
the same callback.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime

import httpx

from sync.client import CrmClient, CrmUnavailableError
from sync.link_state import CrmLink, LinkState
from sync.worker import Worker

log = logging.getLogger(__name__)

OnLinkChange = Callable[[CrmLink], None]


class LinkMonitor(Worker):
    """Owns one thread between `start` and `stop`; `on_change` runs on that thread.

    Online, the CRM is asked every `online_interval` seconds. Offline, it is asked again
    after 1 s, then 2, 4 … up to `max_retry`, so a CRM that comes back is seen soon and a
    CRM that stays away is not hammered. `check_now()` asks at once.
    """

    STOP_JOIN_SECONDS = 5.0
    THREAD_NAME = "crm link"

    def __init__(
        self,
        url: str,
        on_change: OnLinkChange,
        *,
        app_version: str,
        online_interval: float = 30.0,
        first_retry: float = 1.0,
        max_retry: float = 30.0,
        wall_clock: Callable[[], float] = time.time,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__(CrmClient(url, app_version=app_version, transport=transport))
        self.url = url
        self._on_change = on_change
        self._online_interval = online_interval
        self._first_retry, self._max_retry = first_retry, max_retry
        self._wall_clock = wall_clock
        self._last: CrmLink | None = None

    def check_now(self) -> None:
        self.wake()

    def _run(self) -> None:
        self._report(CrmLink(LinkState.CHECKING, since=self._now()))
        retry = self._first_retry
        while not self._stopping.is_set():
            link = self.probe()
            self._report(link)
            if link.state is LinkState.ONLINE:
                retry, wait = self._first_retry, self._online_interval
            else:
                wait, retry = retry, min(retry * 2, self._max_retry)
            self._sleep(wait)

    def probe(self) -> CrmLink:
        """Ask the CRM once; the link as the answer (or its absence) shows it."""
        sent_wall, sent = self._wall_clock(), time.monotonic()
        try:
            readiness = self._client.readiness()
        except CrmUnavailableError as error:
            return CrmLink(LinkState.OFFLINE, since=self._now(), detail=str(error))
        except Exception as error:  # a bug here must show as offline, not end the thread
            log.exception("asking the CRM failed unexpectedly")
            return CrmLink(LinkState.OFFLINE, since=self._now(), detail=repr(error))
        # The CRM read its clock about half-way through the round trip.
        halfway = sent_wall + (time.monotonic() - sent) / 2
        offset_ms = round((readiness.server_time.timestamp() - halfway) * 1000)
        return CrmLink(LinkState.ONLINE, since=self._now(), clock_offset_ms=offset_ms)

    def _report(self, link: CrmLink) -> None:
        last = self._last
        if last is not None and last.state is link.state:
            if last.detail == link.detail and last.clock_skewed == link.clock_skewed:
                return  # nothing the cashier would see has changed
            link = CrmLink(link.state, last.since, link.detail, link.clock_offset_ms)
        if link.state is LinkState.OFFLINE and (last is None or last.state is not link.state):
            log.warning("CRM %s offline: %s", self.url, link.detail)
        elif link.state is LinkState.ONLINE and (last is None or last.state is not link.state):
            log.info("CRM %s online (clock offset %s ms)", self.url, link.clock_offset_ms)
        self._last = link
        try:
            self._on_change(link)
        except Exception:
            log.exception("the CRM link callback failed")

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self._wall_clock())  # the terminal's local time
