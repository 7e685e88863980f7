"""The terminal's HTTP client for the CRM: one `httpx.Client`, the protocol's timeouts and
headers, and every failure turned into one of four exceptions that say what to do next:

- `CrmUnavailableError` — try again later (network, 5xx, 429/503 with `retry_after`);
- `SyncBlockedError` — the CRM refuses this terminal's token: enrol it again;
- `ResetRequiredError` — a pull stream must start again from a snapshot;
- `CrmRefusedError` — the CRM refused the request itself (a bug, or a bad enrolment code).
"""

from __future__ import annotations

import contextlib
import itertools
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

from sync.address import parse_crm_url
from sync.wire.money import WireError, loads
from sync.wire.pages import PAGE_LINES, loads_page, loads_page_lines

PROTOCOL = "1"
# sync-protocol §4.7: connect 3 s, read 10 s.
TIMEOUT = httpx.Timeout(10.0, connect=3.0)


class CrmUnavailableError(Exception):
    """The CRM did not answer, or answered that it cannot serve now; `str()` says which."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after  # seconds the CRM asked us to wait, if it did


class SyncBlockedError(Exception):
    """The CRM does not accept this terminal's token (revoked, or never enrolled)."""


class ResetRequiredError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(f"the CRM asks for a new snapshot: {reason}")
        self.reason = reason


class CrmRefusedError(Exception):
    def __init__(self, status: int, message: str, body: dict[str, Any] | None = None) -> None:
        super().__init__(f"the CRM refused the request ({status}): {message}")
        self.status = status
        self.body = body or {}  # the CRM's error body: error, message, problems


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
        token: str | None = None,
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout = TIMEOUT,
    ) -> None:
        self._boot = uuid.uuid4().hex[:8]
        self._numbers = itertools.count(1)
        self._token = token
        self._http = httpx.Client(
            base_url=parse_crm_url(base_url),
            timeout=timeout,
            transport=transport,
            headers={"X-Protocol": PROTOCOL, "X-App-Version": app_version},
        )

    def __enter__(self) -> CrmClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def use_token(self, token: str) -> None:
        self._token = token

    def readiness(self) -> Readiness:
        body = self.call("GET", "/readyz", authorised=False)
        return Readiness(server_time(body))

    def call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
        authorised: bool = True,
        page: bool = False,
    ) -> Any:
        """The parsed JSON answer of a 2xx; one of this module's exceptions otherwise.
        `page`: a pull or snapshot page, asked for as lines and parsed fast
        (`sync/wire/pages.py` says why, and why that is safe for pages only)."""
        # Request ids name this process's boot and a counter, for matching logs on both sides.
        sent = {"X-Request-Id": f"{self._boot}-{next(self._numbers)}", **(headers or {})}
        if authorised:
            if self._token is None:
                raise SyncBlockedError("this terminal is not enrolled with the CRM")
            sent["Authorization"] = f"Bearer {self._token}"
        if page:
            sent["Accept"] = f"{PAGE_LINES}, application/json;q=0.5"
        try:
            answer = self._http.request(method, path, params=params, json=json, headers=sent)
        except httpx.HTTPError as error:
            raise CrmUnavailableError(_describe(error)) from error
        if answer.is_success:
            try:
                return _parsed(answer, page=page)
            except WireError as error:
                raise CrmUnavailableError(f"not a CRM answer from {answer.url}: {error}") from None
        raise _failure(answer)


def _parsed(answer: httpx.Response, *, page: bool) -> Any:
    if not page:
        return loads(answer.content)
    if answer.headers.get("content-type", "").startswith(PAGE_LINES):
        return loads_page_lines(answer.content)
    return loads_page(answer.content)  # a CRM that sends pages whole


def server_time(body: Any) -> datetime:
    try:
        moment = datetime.fromisoformat(body["server_time"])
    except (KeyError, TypeError, ValueError) as error:
        raise CrmUnavailableError(f"the CRM's answer has no server_time: {error}") from None
    if moment.tzinfo is None:
        raise CrmUnavailableError(f"the CRM's clock has no time zone: {moment}")
    return moment


def _failure(answer: httpx.Response) -> Exception:
    body: Any = {}
    with contextlib.suppress(WireError):
        body = loads(answer.content)
    body = body if isinstance(body, dict) else {}
    message = str(body.get("message") or body.get("detail") or answer.reason_phrase)
    status = answer.status_code
    if status == 401:
        return SyncBlockedError(message)
    if status == 409 and body.get("error") == "reset_required":
        return ResetRequiredError(str(body.get("reason") or message))
    if status in (429, 503) or status >= 500:
        return CrmUnavailableError(
            f"the CRM answered {status}: {message}", _retry_after(answer.headers)
        )
    return CrmRefusedError(status, message, body)


def _retry_after(headers: httpx.Headers) -> float | None:
    text = headers.get("Retry-After")
    if text is None:
        return None
    try:
        return max(0.0, float(text))
    except ValueError:  # an HTTP date: rare from our CRM; wait the usual back-off instead
        return None


def _describe(error: httpx.HTTPError) -> str:
    if isinstance(error, httpx.ConnectTimeout):
        return "no answer within 3 s (network down or address wrong?)"
    if isinstance(error, httpx.TimeoutException):
        return "the CRM stopped answering (timeout)"
    if isinstance(error, httpx.ConnectError):
        return f"cannot connect: {error}"
    return f"{type(error).__name__}: {error}"
