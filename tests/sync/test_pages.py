"""Pull and snapshot pages are parsed by the fast parser, which may give floats: every value
of a page is still refused unless it has exactly the type the wire gives it."""

from __future__ import annotations

import pytest

from pos_terminal.db.repositories.pulled import decoded
from sync.wire import reference
from sync.wire.money import WireError
from sync.wire.pages import dumps_page, loads_page
from sync.wire.reference import BalanceFigures


def _row(**data: object) -> dict[str, object]:
    balance = reference.encode(BalanceFigures("c-ala", 1250, 0, 40))
    return {"entity": "balance", "id": "c-ala", "version": 7, "data": {**balance, **data}}


def test_a_page_goes_through_and_back_unchanged() -> None:
    page = {"rows": [_row()], "has_more": False, "next_after": None, "total": 1}
    assert loads_page(dumps_page(page)) == page
    [row] = decoded("balances", loads_page(dumps_page(page))["rows"], snapshot=True)
    assert row.value == BalanceFigures("c-ala", 1250, 0, 40)


@pytest.mark.parametrize(
    "text",
    [
        b'{"entity":"balance","id":"c-ala","version":7.0,"data":null}',
        b'{"entity":"balance","id":"c-ala","version":7,"data":{"customer_id":"c-ala",'
        b'"credits":{"amount_minor":1250.0,"currency":"PLN"},'
        b'"wallet":{"amount_minor":0,"currency":"PLN"},"points":40}}',
        b'{"entity":"balance","id":"c-ala","version":7,"data":{"customer_id":"c-ala",'
        b'"credits":{"amount_minor":1250,"currency":"PLN"},'
        b'"wallet":{"amount_minor":0,"currency":"PLN"},"points":4e1}}',
    ],
)
def test_a_float_anywhere_in_a_row_is_refused_not_rounded(text: bytes) -> None:
    row = loads_page(text)
    with pytest.raises(WireError):
        decoded("balances", [row], snapshot=True)


def test_what_is_not_json_is_a_wire_error() -> None:
    with pytest.raises(WireError, match="not JSON"):
        loads_page(b'{"rows": [')
