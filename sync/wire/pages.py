"""JSON for the bulk of the sync traffic: pull and snapshot pages, thousands of rows each.

A parser holds the interpreter lock until it is done: orjson took 10–13 ms over a page of
2,000 customers (the standard library takes several times longer), and a card tap that
came meanwhile waited that long. So a page travels as lines (`PAGE_LINES`, asked for in
`Accept`): the page's own fields on the first line, with the name and count of its list,
then one row per line. Each line is parsed on its own; between two, the interpreter can
switch to the cashier's thread. The count catches a page cut short. A CRM that answers
with plain JSON (an older one) is read whole, as before.

orjson has no `parse_float`, so it may hand back a float: that is safe for pages only, because every
value of a page goes through a decoder (`fields.py`, the terminal's `pulled.py`) that takes an
integer only as an `int` and a rate only as a decimal string. Everything else the terminal
and the CRM say to each other is read with `money.loads`. Without orjson, the standard
library does the same work, slower.
"""

from __future__ import annotations

import json
from typing import Any

from sync.wire.money import WireError

try:
    import orjson
except ImportError:  # pragma: no cover - a build without it still syncs
    orjson = None  # type: ignore[assignment]


def loads_page(payload: bytes) -> Any:
    try:
        if orjson is not None:
            return orjson.loads(payload)
        return json.loads(payload)
    except ValueError as error:  # orjson.JSONDecodeError is a ValueError too
        raise WireError(f"not JSON: {error}") from error


PAGE_LINES = "application/x-ndjson"


def loads_page_lines(payload: bytes) -> dict[str, Any]:
    """A page sent as lines (see above), as the one JSON object it stands for."""
    lines = payload.split(b"\n")
    if lines and not lines[-1]:
        lines.pop()
    if not lines:
        raise WireError("an empty page")
    head = loads_page(lines[0])
    if not isinstance(head, dict):
        raise WireError("a page's first line is not an object")
    listed = head.pop("lines", None)
    if not isinstance(listed, dict) or not isinstance(listed.get("key"), str):
        raise WireError("a page's first line does not say what its lines are")
    key, count = listed["key"], listed.get("count")
    if type(count) is not int or count != len(lines) - 1:
        raise WireError(f"a page of {count!r} {key} came with {len(lines) - 1} lines")
    head[key] = [loads_page(line) for line in lines[1:]]  # the lock is free between lines
    return head


def dumps_page_lines(head: dict[str, Any], key: str, items: list[Any]) -> bytes:
    """The page `{**head, key: items}` as lines."""
    first = dumps_page({**head, "lines": {"key": key, "count": len(items)}})
    return b"\n".join([first, *map(dumps_page, items), b""])


def dumps_page(document: Any) -> bytes:
    if orjson is not None:
        return orjson.dumps(document)
    text = json.dumps(document, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.encode()
