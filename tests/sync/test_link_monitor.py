"""The terminal sees the CRM come and go, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import http.server
import queue
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from sync.address import CrmUrlError, parse_crm_url
from sync.link import LinkMonitor
from sync.link_state import CrmLink, LinkState
from tests.live_crm import LiveCrm, free_port

FAST = {"online_interval": 0.2, "first_retry": 0.05, "max_retry": 0.2}


class Reports:
    """What the monitor reported, in order, as its callback received it."""

    def __init__(self) -> None:
        self.links: queue.Queue[CrmLink] = queue.Queue()

    def __call__(self, link: CrmLink) -> None:
        self.links.put(link)

    def next(self, timeout: float = 10.0) -> CrmLink:
        return self.links.get(timeout=timeout)

    def until(self, state: LinkState, timeout: float = 10.0) -> CrmLink:
        deadline = time.monotonic() + timeout
        while True:
            link = self.next(max(0.01, deadline - time.monotonic()))
            if link.state is state:
                return link


@pytest.fixture
def crm(tmp_path: Path) -> Iterator[LiveCrm]:
    live = LiveCrm.on_sqlite(tmp_path).start()
    yield live
    live.close()


def monitor_for(url: str, reports: Reports, **options: object) -> LinkMonitor:
    settings = {**FAST, **options}
    monitor = LinkMonitor(url, reports, app_version="test", **settings)  # type: ignore[arg-type]
    monitor.start()
    return monitor


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765"),
        (" https://crm.example.pl/ ", "https://crm.example.pl"),
        ("http://crm.local:8765/chain-a/", "http://crm.local:8765/chain-a"),
    ],
)
def test_a_crm_address_is_tidied(text: str, url: str) -> None:
    assert parse_crm_url(text) == url


@pytest.mark.parametrize(
    "text",
    [
        "",
        "crm.local:8765",
        "ftp://crm.local",
        "http://",
        "http://crm:port",
        "http://a:0",
        "http://a/?x=1",
    ],
)
def test_an_address_that_is_not_a_crm_address_is_refused_with_a_reason(text: str) -> None:
    with pytest.raises(CrmUrlError, match="CRM address"):
        parse_crm_url(text)


def test_the_link_goes_online_offline_and_online_again_as_the_crm_stops_and_starts(
    crm: LiveCrm,
) -> None:
    reports = Reports()
    monitor = monitor_for(crm.url, reports)
    try:
        assert reports.next().state is LinkState.CHECKING
        online = reports.next()
        assert online.state is LinkState.ONLINE
        assert online.clock_offset_ms is not None and abs(online.clock_offset_ms) < 1000
        assert not online.clock_skewed

        crm.stop()
        offline = reports.until(LinkState.OFFLINE)
        assert "cannot connect" in offline.detail
        assert offline.since is not None

        crm.start()  # the same port, as after the admin restarts it
        assert reports.until(LinkState.ONLINE).since is not None
    finally:
        monitor.stop()


def test_while_nothing_changes_nothing_is_reported(crm: LiveCrm) -> None:
    reports = Reports()
    monitor = monitor_for(crm.url, reports)
    try:
        assert reports.next().state is LinkState.CHECKING
        assert reports.next().state is LinkState.ONLINE
        time.sleep(1.0)  # about five more answers from the CRM, all the same
        assert reports.links.empty()
    finally:
        monitor.stop()


def test_a_crm_that_cannot_reach_its_database_counts_as_offline(tmp_path: Path) -> None:
    live = LiveCrm(f"sqlite:///{tmp_path / 'missing' / 'crm.db'}").start()
    reports = Reports()
    monitor = monitor_for(live.url, reports)
    try:
        offline = reports.until(LinkState.OFFLINE)
        assert offline.detail.startswith("the CRM answered 503: database: unable to open")
    finally:
        monitor.stop()
        live.close()


def test_a_server_that_is_not_a_crm_counts_as_offline() -> None:
    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b"<html>router login</html>"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    reports = Reports()
    monitor = monitor_for(f"http://127.0.0.1:{server.server_address[1]}", reports)
    try:
        assert reports.until(LinkState.OFFLINE).detail.startswith("not a CRM answer")
    finally:
        monitor.stop()
        server.shutdown()
        server.server_close()


def test_a_terminal_clock_ten_minutes_slow_is_measured_and_flagged(crm: LiveCrm) -> None:
    reports = Reports()
    monitor = monitor_for(crm.url, reports, wall_clock=lambda: time.time() - 600)
    try:
        online = reports.until(LinkState.ONLINE)
        assert online.clock_offset_ms is not None
        assert abs(online.clock_offset_ms - 600_000) < 1000
        assert online.clock_skewed
    finally:
        monitor.stop()


class CountingTransport(httpx.HTTPTransport):
    def __init__(self) -> None:
        super().__init__()
        self.requests = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        return super().handle_request(request)


def test_an_absent_crm_is_asked_less_and_less_often() -> None:
    transport = CountingTransport()
    reports = Reports()
    monitor = monitor_for(
        f"http://127.0.0.1:{free_port()}",
        reports,
        transport=transport,
        first_retry=0.05,
        max_retry=0.4,
    )
    try:
        assert reports.until(LinkState.OFFLINE).state is LinkState.OFFLINE
        time.sleep(1.5)
    finally:
        monitor.stop()
    # Waits of 0.05, 0.1, 0.2, 0.4, 0.4 … s: about 7 questions in 1.5 s, never a busy loop.
    assert 4 <= transport.requests <= 9


def test_check_now_asks_at_once_and_stop_ends_the_thread_promptly(crm: LiveCrm) -> None:
    reports = Reports()
    monitor = monitor_for(crm.url, reports, online_interval=60.0)
    try:
        reports.until(LinkState.ONLINE)
        crm.stop()
        monitor.check_now()  # without it, the next question is a minute away
        assert reports.until(LinkState.OFFLINE, timeout=5).state is LinkState.OFFLINE
    finally:
        started = time.monotonic()
        monitor.stop()
        assert time.monotonic() - started < 1.0
