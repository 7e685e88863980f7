"""Every failure as JSON a client can act on, never a traceback.

    {"error": "invalid", "message": "…", "problems": [{"field": "phone", "reason": "…"}],
     "request_id": "…"}

- A refused use-case (`ServiceError`) keeps its code: 401, 403, 404, 409, 422 or 429.
- Malformed JSON or a wrong type is 422 with the field's dotted path; so are a body that
  is not UTF-8 JSON at all ("body") and the NUL character anywhere (`text_guard`).
- A database that went away is 503 with `Retry-After`: the request changed nothing and can
  be sent again as it was.
- Anything else is 500 with the request id, which the log line carries with the traceback.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from crm.api.text_guard import NulInBody
from crm.services.errors import (
    Conflict,
    Forbidden,
    Invalid,
    NotFound,
    ServiceError,
    TooManyAttempts,
    Unauthorized,
    Unavailable,
)

log = logging.getLogger("crm.api")
REQUEST_ID = "X-Request-Id"
_STATUS: dict[type[ServiceError], int] = {
    Invalid: 422,
    NotFound: 404,
    Conflict: 409,
    Forbidden: 403,
    Unauthorized: 401,
    TooManyAttempts: 429,
}


class ProblemOut(BaseModel):
    field: str
    reason: str


class ErrorBody(BaseModel):
    error: str
    message: str
    problems: list[ProblemOut]
    request_id: str


def _documented(description: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": description}


# Every /v1 operation may answer these, in the body above; clients (and the fuzz test) read
# them from the OpenAPI document. 422 replaces FastAPI's own `HTTPValidationError` shape,
# which this API never sends.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: _documented("no bearer token, or an unknown or expired one"),
    403: _documented("the signed-in role may not do this"),
    404: _documented("no such thing"),
    409: _documented("clashes with stored data (a name or code already taken, a used code)"),
    422: _documented("invalid input: `problems` names every bad field"),
    429: _documented("too many attempts: wait `Retry-After` seconds"),
    503: _documented("the database is unavailable: nothing changed; send it again later"),
}


def request_id(request: Request) -> str:
    return str(getattr(request.state, "request_id", "") or "-")


def _body(request: Request, error: str, message: str, problems: list[dict[str, str]]) -> Any:
    return {
        "error": error,
        "message": message,
        "problems": problems,
        "request_id": request_id(request),
    }


def _field(location: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(part) for part in location]
    if parts and parts[0] in {"body", "query", "path", "header"}:
        parts = parts[1:]
    return ".".join(parts) or "body"


def install(app: FastAPI) -> None:
    @app.middleware("http")
    async def tag_request(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        given = request.headers.get(REQUEST_ID, "")
        request.state.request_id = given[:100] if given else uuid.uuid4().hex
        try:
            response = await call_next(request)
        except Exception as error:  # what no handler took is answered here
            # Not by Starlette's outermost handler: it re-raises after answering, and uvicorn
            # then drops the connection the client would send its next request on.
            response = _internal(request, error)
        response.headers[REQUEST_ID] = request.state.request_id
        return response

    @app.exception_handler(ServiceError)
    async def refused(request: Request, error: ServiceError) -> JSONResponse:
        status = next((code for kind, code in _STATUS.items() if isinstance(error, kind)), 400)
        problems = [{"field": p.field, "reason": p.reason} for p in error.problems]
        headers = {}
        if isinstance(error, TooManyAttempts):
            headers["Retry-After"] = str(error.retry_after_s)
        if isinstance(error, Unauthorized):
            headers["WWW-Authenticate"] = "Bearer"
        return JSONResponse(
            _body(request, error.code, error.message, problems), status, headers=headers
        )

    @app.exception_handler(RequestValidationError)
    async def malformed(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = [
            {"field": _field(item.get("loc", ())), "reason": str(item.get("msg", "invalid"))}
            for item in error.errors()
        ]
        message = "; ".join(f"{p['field']}: {p['reason']}" for p in problems)
        return JSONResponse(_body(request, "invalid", message, problems), 422)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> JSONResponse:
        # 400: FastAPI's "error parsing the body" (bytes, not JSON); 422: text_guard's NUL.
        if error.status_code in {400, 422}:
            fields = error.fields if isinstance(error, NulInBody) else ["body"]
            problems = [{"field": field, "reason": str(error.detail)} for field in fields]
            message = "; ".join(f"{p['field']}: {p['reason']}" for p in problems)
            return JSONResponse(_body(request, "invalid", message, problems), 422)
        code = {404: "not_found", 405: "method_not_allowed"}.get(error.status_code, "error")
        return JSONResponse(
            _body(request, code, str(error.detail), []),
            error.status_code,
            headers=getattr(error, "headers", None),
        )

    # Its own handler, not a branch of the one for `Exception` below: Starlette re-raises
    # what that one handles, and uvicorn then drops the client's keep-alive connection.
    @app.exception_handler(Unavailable)
    async def unavailable(request: Request, error: Unavailable) -> JSONResponse:
        log.warning("request %s: database unavailable: %s", request_id(request), error)
        return JSONResponse(
            _body(request, "unavailable", "the database is unavailable; try again", []),
            503,
            headers={"Retry-After": "5"},
        )

    @app.exception_handler(Exception)  # the last resort, should a middleware itself fail
    async def unexpected(request: Request, error: Exception) -> JSONResponse:
        return _internal(request, error)


def _internal(request: Request, error: Exception) -> JSONResponse:
    """500 with the request id; the log has the same id with the traceback."""
    rid = request_id(request)
    log.error("request %s failed", rid, exc_info=error)
    return JSONResponse(
        _body(request, "internal", f"unexpected error; quote request id {rid}", []),
        500,
        headers={REQUEST_ID: rid},
    )
