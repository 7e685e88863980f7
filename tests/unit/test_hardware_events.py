from __future__ import annotations

from datetime import datetime

import pytest

from hardware.events import CardRead, ReaderState, ReaderStatus


def test_a_card_read_needs_a_code() -> None:
    read = CardRead(source="wedge", code="0004567890", raw=b"0004567890\n", at=datetime(2026, 1, 1))
    assert read.code == "0004567890"
    with pytest.raises(ValueError, match="wedge: a card read needs a code"):
        CardRead(source="wedge", code="", raw=b"\n", at=datetime(2026, 1, 1))
    assert ReaderStatus("wedge", ReaderState.PERMISSION_DENIED).state == "permission_denied"
