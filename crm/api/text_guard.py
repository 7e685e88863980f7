"""Refuse the NUL character in a request's path, query and body: 422, not a database error.

PostgreSQL text cannot hold NUL (psycopg raises DataError), so "a\\u0000b" in any field
would be a 500 on a read and a misleading 503 on a write, while SQLite stores it happily.
No field of this API has a use for NUL, so it is refused at the door, the same on both
databases, naming each field that holds one ("name", "cards.0.code", a query parameter).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl

from fastapi import HTTPException
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REASON = "text may not contain the NUL character (U+0000)"
# \u0000 after an even number of backslashes (after an odd one it is the text "\u0000").
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")


class NulInBody(HTTPException):
    """Raised while FastAPI reads the body; `errors` answers it as 422 naming `fields`."""

    def __init__(self, fields: list[str]) -> None:
        super().__init__(422, REASON)
        self.fields = fields


class RefuseNul:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        fields = _in_url(scope)
        if fields:
            problems = [{"field": field, "reason": REASON} for field in fields]
            body = {
                "error": "invalid",
                "message": "; ".join(f"{field}: {REASON}" for field in fields),
                "problems": problems,
                "request_id": str(scope.get("state", {}).get("request_id", "-")),
            }
            await JSONResponse(body, 422)(scope, receive, send)
            return
        await self.app(scope, _checked(receive), send)


def _in_url(scope: Scope) -> list[str]:
    fields = ["path"] if "\x00" in scope.get("path", "") else []
    query = scope.get("query_string", b"").decode("latin-1")
    if "%00" in query:
        pairs = parse_qsl(query, keep_blank_values=True)
        fields += [name or "query" for name, value in pairs if "\x00" in name + value]
    return fields


def _checked(receive: Receive) -> Receive:
    """`receive` that keeps the body, and at its end refuses one holding NUL.

    FastAPI holds the whole body before it parses it anyway, so keeping a copy costs one
    body's memory for as long as the request lasts.
    """
    chunks: list[bytes] = []

    async def checked() -> Message:
        message = await receive()
        if message["type"] == "http.request":
            chunks.append(bytes(message.get("body", b"")))
            if not message.get("more_body", False):
                body = b"".join(chunks)
                if b"\x00" in body or _JSON_NUL.search(body):
                    raise NulInBody(_nul_fields(body))
        return message

    return checked


def _nul_fields(body: bytes) -> list[str]:
    try:
        document = json.loads(body)
    except ValueError:  # raw NUL bytes, or not JSON at all (a CSV upload)
        return ["body"]
    return list(_paths(document, "")) or ["body"]


def _paths(value: Any, at: str) -> Iterator[str]:
    """Dotted paths of the strings (and keys) in a JSON document that hold NUL."""
    if isinstance(value, str):
        if "\x00" in value:
            yield at or "body"
    elif isinstance(value, dict):
        for key, item in value.items():
            path = f"{at}.{key}" if at else str(key)
            if "\x00" in key:
                yield path
            else:
                yield from _paths(item, path)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, f"{at}.{index}" if at else str(index))
