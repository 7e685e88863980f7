"""The terminal's HTTP client for the CRM: one `httpx.Client`, the protocol's timeouts and
headers, and every failure turned into one exception with a readable reason."""

from __future__ import annotations

import contextlib
import itertools
import uuid
from dataclasses import dataclass
from datetime import datetime

import httpx

from sync.address import parse_crm_url
from sync.wire import WireError, loads

PROTOCOL = "1"
# sync-protocol §4.7: connect 3 s, read 10 s.
TIMEOUT = httpx.Timeout(10.0, connect=3.0)


class CrmUnavailableError(Exception):
    """The CRM did not answer, or answered that it cannot serve; `str()` says which."""


@dataclass(frozen=True, slots=True)
class Readiness:
    server_time: datetime  # the CRM's clock, timezone-aware


class CrmClient:
    """Owned by one thread; not shared."""

    def __init__(
        self,
        base_url: str,
        *,
        app_version: str,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._boot = uuid.uuid4().hex[:8]
        self._numbers = itertools.count(1)
        self._http = httpx.Client(
            base_url=parse_crm_url(base_url),
            timeout=TIMEOUT,
            transport=transport,
            headers={"X-Protocol": PROTOCOL, "X-App-Version": app_version},
        )

    def __enter__(self) -> CrmClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def readiness(self) -> Readiness:
        answer = self._get("/readyz")
        try:
            body = loads(answer.content)
            server_time = datetime.fromisoformat(body["server_time"])
        except (WireError, KeyError, TypeError, ValueError) as error:
            raise CrmUnavailableError(f"not a CRM answer from {answer.url}: {error}") from error
        if server_time.tzinfo is None:
            raise CrmUnavailableError(f"the CRM's clock has no time zone: {server_time}")
        return Readiness(server_time)

    def _get(self, path: str) -> httpx.Response:
        # Request ids name this process's boot and a counter, for matching logs on both sides.
        request_id = f"{self._boot}-{next(self._numbers)}"
        try:
            answer = self._http.get(path, headers={"X-Request-Id": request_id})
        except httpx.HTTPError as error:
            raise CrmUnavailableError(_describe(error)) from error
        if answer.status_code != 200:
            detail = ""
            with contextlib.suppress(WireError, AttributeError):
                detail = str(loads(answer.content).get("detail", ""))
            raise CrmUnavailableError(
                f"the CRM answered {answer.status_code}" + (f": {detail}" if detail else "")
            )
        return answer


def _describe(error: httpx.HTTPError) -> str:
    if isinstance(error, httpx.ConnectTimeout):
        return "no answer within 3 s (network down or address wrong?)"
    if isinstance(error, httpx.TimeoutException):
        return "the CRM stopped answering (timeout)"
    if isinstance(error, httpx.ConnectError):
        return f"cannot connect: {error}"
    return f"{type(error).__name__}: {error}"
