"""A loopback fault proxy between the terminal's HTTP client and the live CRM (sync-protocol
§3 E6, §8 B).

An asyncio server on 127.0.0.1, in a thread of its own, that reads each HTTP/1.1 request
the client sends, asks its `plan` what to do with it, and does exactly that:

- `PASS`: forward it, and the CRM's answer back;
- `RESET_BEFORE`: reset the connection (RST: SO_LINGER 0, then close) without forwarding —
  the request is lost on the way;
- `RESET_AFTER`: forward it, read the CRM's whole answer (so the CRM has committed), then
  reset the client without it — the answer is lost on the way back (Odoo #40567);
- `DELAY`: wait, then forward;
- `BLACKHOLE`: never answer, hold the connection until the client gives up;
- `RESPOND`: answer itself (503, 429, 500, with or without `Retry-After`), never forwarding.

It parses HTTP rather than copying bytes so that a fault hits one request, not a whole
keep-alive connection, and so that every request is in `exchanges()` with the fault that
was applied and the times it arrived and was answered: the tests count from that log, and
it must be exact. The decisions come from the plan (`RandomPlan`: a seeded generator and a
rule of which requests it may hit), called on the proxy's thread in arrival order.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import json
import random
import socket
import struct
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from tests.live_crm import free_port


class Fault(enum.Enum):
    PASS = "pass"
    RESET_BEFORE = "reset_before"
    RESET_AFTER = "reset_after"
    DELAY = "delay"
    BLACKHOLE = "blackhole"
    RESPOND = "respond"


@dataclass(frozen=True, slots=True)
class Action:
    fault: Fault
    delay: float = 0.0  # DELAY: seconds before forwarding
    status: int = 503  # RESPOND: the status the proxy answers with
    retry_after: int | None = None  # RESPOND: the Retry-After header, in seconds

    def __str__(self) -> str:
        if self.fault is Fault.RESPOND:
            return f"{self.status}" + (f"+ra{self.retry_after}" if self.retry_after else "")
        return str(self.fault.value)


PASS = Action(Fault.PASS)
RESET_BEFORE = Action(Fault.RESET_BEFORE)
RESET_AFTER = Action(Fault.RESET_AFTER)
BLACKHOLE = Action(Fault.BLACKHOLE)


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    path: str  # without the query
    target: str  # as sent: path and query


Plan = Callable[[Request], Action]


def always(action: Action) -> Plan:
    return lambda _request: action


def push_only(request: Request) -> bool:
    return request.method == "POST" and request.path == "/v1/sync/push"


def any_request(_request: Request) -> bool:
    return True


class RandomPlan:
    """For each request the rule accepts, one action drawn with the given weights from a
    generator seeded once; other requests pass. Decisions are made in arrival order on
    the proxy's thread, so a run with one client is repeatable."""

    def __init__(
        self,
        seed: int,
        choices: Sequence[tuple[Action, float]],
        rule: Callable[[Request], bool] = push_only,
    ) -> None:
        self._rng = random.Random(seed)
        self._actions = [action for action, _ in choices]
        self._weights = [weight for _, weight in choices]
        self._rule = rule

    def __call__(self, request: Request) -> Action:
        if not self._rule(request):
            return PASS
        return self._rng.choices(self._actions, self._weights)[0]


@dataclass(slots=True)
class Exchange:
    """One request as the proxy saw it, and what became of it."""

    number: int
    connection: int
    method: str
    path: str
    action: Action
    received: float  # time.monotonic() when the whole request had arrived
    request_body: bytes
    request_id: str  # the client's X-Request-Id, to match what the client saw
    # When the proxy began to answer or reset (None: never). Stamped before the bytes go,
    # so the client cannot have had them earlier; `received` is stamped after the request
    # came, so it cannot be earlier than the client sent it. `next.received - answered` is
    # therefore never less than the client really waited: a wait found too short was too
    # short (a busy machine only delays the stamps, which lengthens the gap).
    answered: float | None = None
    upstream_status: int | None = None  # the CRM's answer, when it was asked
    upstream_body: bytes | None = None
    # The status the proxy sent (None: reset, or nothing). Whether the client read it is
    # the client's to say (a client that gave up waiting did not): see reliability_world.
    client_status: int | None = None

    @property
    def fault(self) -> Fault:
        return self.action.fault

    def request_json(self) -> Any:
        return json.loads(self.request_body) if self.request_body else None

    def upstream_json(self) -> Any:
        return json.loads(self.upstream_body) if self.upstream_body else None


class _ResetError(Exception):
    """The client's connection was reset on purpose."""


@dataclass(eq=False)  # kept in a set, by identity
class _Connection:
    number: int
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    upstream: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
    tasks: list[asyncio.Task[Any]] = field(default_factory=list)


REASONS = {429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable"}


class FaultProxy:
    """`start()` listens on 127.0.0.1:`port` and forwards to `upstream_port`; `url` is
    what the terminal's client is given instead of the CRM's."""

    def __init__(self, upstream_port: int, plan: Plan | None = None) -> None:
        self.upstream_port = upstream_port
        self.port = free_port()
        self.plan = plan or always(PASS)  # tests replace it at any time (atomic)
        self._lock = threading.Lock()
        self._exchanges: list[Exchange] = []
        self._open = 0  # client connections open now
        self.connections = 0  # client connections accepted in all
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.Server | None = None
        self._live: set[_Connection] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- what tests read ------------------------------------------------------------------

    def exchanges(self) -> list[Exchange]:
        with self._lock:
            return [replace(e) for e in self._exchanges]

    def open_connections(self) -> int:
        with self._lock:
            return self._open

    # -- life -----------------------------------------------------------------------------

    def start(self) -> FaultProxy:
        loop = asyncio.new_event_loop()
        started = threading.Event()

        def run() -> None:
            asyncio.set_event_loop(loop)
            self._server = loop.run_until_complete(
                asyncio.start_server(self._serve, "127.0.0.1", self.port)
            )
            started.set()
            loop.run_forever()
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

        self._loop = loop
        self._thread = threading.Thread(target=run, name="fault proxy", daemon=True)
        self._thread.start()
        if not started.wait(10):
            raise RuntimeError("the fault proxy did not start")
        return self

    def stop(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        self._loop = self._thread = None

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        for connection in list(self._live):
            for task in connection.tasks:
                task.cancel()
        for connection in list(self._live):
            for task in connection.tasks:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task

    # -- one client connection ---------------------------------------------------------------

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with self._lock:
            self.connections += 1
            self._open += 1
            number = self.connections
        task = asyncio.current_task()
        connection = _Connection(number, reader, writer)
        if task is not None:
            connection.tasks.append(task)
        self._live.add(connection)
        try:
            while await self._one(connection):
                pass
        except (_ResetError, ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass
        finally:
            self._live.discard(connection)
            await self._close_upstream(connection)
            with contextlib.suppress(Exception):
                writer.close()
            with self._lock:
                self._open -= 1

    async def _one(self, connection: _Connection) -> bool:
        """One request on the connection; False when the connection is over."""
        try:
            head = await connection.reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError:
            return False  # the client closed its keep-alive connection
        request_line, headers = _parse_head(head)
        method, target, _version = request_line.split(" ", 2)
        length = int(headers.get("content-length", "0"))
        if headers.get("transfer-encoding", "").lower() == "chunked":
            raise ConnectionError("chunked request bodies are not expected from the terminal")
        body = await connection.reader.readexactly(length) if length else b""
        request = Request(method, target.split("?", 1)[0], target)
        action = self.plan(request)
        with self._lock:
            exchange = Exchange(
                number=len(self._exchanges) + 1,
                connection=connection.number,
                method=method,
                path=request.path,
                action=action,
                received=time.monotonic(),
                request_body=body,
                request_id=headers.get("x-request-id", ""),
            )
            self._exchanges.append(exchange)
        fault = action.fault
        if fault is Fault.RESET_BEFORE:
            self._reset(connection, exchange)
        if fault is Fault.BLACKHOLE:
            await connection.reader.read()  # until the client gives up and closes
            return False
        if fault is Fault.RESPOND:
            await self._respond(connection, exchange)
            return False
        if fault is Fault.DELAY:
            await asyncio.sleep(action.delay)
        status, answer_head, answer_body, keep = await self._forward(connection, head + body)
        with self._lock:
            exchange.upstream_status, exchange.upstream_body = status, answer_body
        if fault is Fault.RESET_AFTER:
            self._reset(connection, exchange)
        with self._lock:  # stamped before the write: see `Exchange.answered`
            exchange.answered, exchange.client_status = time.monotonic(), status
        connection.writer.write(answer_head + answer_body)
        await connection.writer.drain()
        return keep

    def _reset(self, connection: _Connection, exchange: Exchange) -> None:
        sock = connection.writer.get_extra_info("socket")
        # SO_LINGER on, 0 s: close() sends RST at once instead of FIN.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        with self._lock:
            exchange.answered = time.monotonic()
        connection.writer.transport.abort()
        raise _ResetError

    async def _respond(self, connection: _Connection, exchange: Exchange) -> None:
        action = exchange.action
        body = json.dumps(
            {"error": "unavailable", "message": f"{action.status} from the fault proxy"}
        ).encode()
        lines = [
            f"HTTP/1.1 {action.status} {REASONS.get(action.status, 'Error')}",
            "Content-Type: application/json",
            f"Content-Length: {len(body)}",
            "Connection: close",
        ]
        if action.retry_after is not None:
            lines.append(f"Retry-After: {action.retry_after}")
        with self._lock:
            exchange.answered, exchange.client_status = time.monotonic(), action.status
        connection.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await connection.writer.drain()

    async def _forward(
        self, connection: _Connection, request: bytes
    ) -> tuple[int, bytes, bytes, bool]:
        """Send the request to the CRM and read its whole answer: (status, head, body,
        whether the connection may carry another request)."""
        if connection.upstream is None:
            connection.upstream = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        reader, writer = connection.upstream
        writer.write(request)
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        status_line, headers = _parse_head(head)
        status = int(status_line.split(" ", 2)[1])
        close = headers.get("connection", "").lower() == "close"
        if "content-length" in headers:
            body = await reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = await _read_chunked(reader)
        else:  # framed by the end of the connection
            body, close = await reader.read(), True
        if close:
            await self._close_upstream(connection)
        return status, head, body, not close

    async def _close_upstream(self, connection: _Connection) -> None:
        upstream, connection.upstream = connection.upstream, None
        if upstream is not None:
            upstream[1].close()
            with contextlib.suppress(Exception):
                await upstream[1].wait_closed()


def _parse_head(head: bytes) -> tuple[str, dict[str, str]]:
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    return lines[0], headers


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    """A chunked body as it came (the head still says chunked, so it is forwarded raw)."""
    raw = b""
    while True:
        size_line = await reader.readuntil(b"\r\n")
        raw += size_line
        size = int(size_line.split(b";", 1)[0].strip(), 16)
        if size == 0:
            while (line := await reader.readuntil(b"\r\n")) != b"\r\n":
                raw += line
            return raw + b"\r\n"
        raw += await reader.readexactly(size + 2)
