from __future__ import annotations

from decimal import Decimal

import pytest

from sync.wire import WireError, decode_amount, encode_amount, loads


def test_amounts_round_trip_as_integers() -> None:
    wire = encode_amount(1250, "PLN")
    assert loads(str(wire).replace("'", '"')) == {"amount_minor": 1250, "currency": "PLN"}
    assert decode_amount(wire, field="total") == (1250, "PLN")
    with pytest.raises(TypeError):
        encode_amount(12.5, "PLN")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ('{"amount_minor": 12.5, "currency": "PLN"}', "expected an integer"),
        ('{"amount_minor": true, "currency": "PLN"}', "expected an integer"),
        ('{"amount_minor": 1, "currency": "zloty"}', "3-letter code"),
        ("[1250]", "expected an amount object"),
    ],
)
def test_bad_amounts_are_refused_with_the_field_named(payload: str, message: str) -> None:
    with pytest.raises(WireError, match=f"total.*{message}"):
        decode_amount(loads(payload), field="total")


def test_decimals_stay_exact_and_garbage_is_refused() -> None:
    assert loads('{"rate": 0.1}') == {"rate": Decimal("0.1")}
    with pytest.raises(WireError, match="not JSON"):
        loads(b"\xff{")
