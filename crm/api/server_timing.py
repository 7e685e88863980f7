"""`Server-Timing: app;dur=12.3` on every response: the milliseconds the CRM spent on the
request, from its arrival to the response's headers, without the network or the client.

A page's HTML is rendered whole before its headers go out, so this is the time to produce
it; a browser's developer tools show it beside the request, and `python -m bench crm`
reads it to measure the customer list page over real HTTP.
"""

from __future__ import annotations

import time

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADER = "Server-Timing"


class ServerTiming:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def timed(message: Message) -> None:
            if message["type"] == "http.response.start":
                elapsed_ms = (time.perf_counter() - started) * 1000
                MutableHeaders(scope=message).append(HEADER, f"app;dur={elapsed_ms:.1f}")
            await send(message)

        await self.app(scope, receive, timed)
