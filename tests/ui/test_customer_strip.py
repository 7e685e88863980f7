"""The customer strip: what the cashier reads of the customer on the bill."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot

from loyalty.customers import CustomerState
from loyalty.money import Money
from pos_terminal.ui.customer_strip import CustomerStrip
from tests.db.conftest import JAN, STALY


def _shown(qtbot: QtBot, state: CustomerState) -> str:
    strip = CustomerStrip()
    qtbot.addWidget(strip)
    strip.show_state(state, None)
    return f"{strip.text.text()} / {strip.balances.text()}"


def test_the_strip_shows_the_allowance_left_after_this_tills_bills(qtbot: QtBot) -> None:
    jan = replace(JAN, discount_allowance=Money(1000))
    state = CustomerState(jan, STALY, allowance_used_here=Money(350))
    assert "allowance left 6,50" in _shown(qtbot, state)


def test_no_allowance_or_the_limits_off_show_none(qtbot: QtBot) -> None:
    assert "allowance" not in _shown(qtbot, CustomerState(JAN, STALY))
    off = replace(JAN, discount_allowance=Money(1000), discount_limit_disabled=True)
    assert "allowance" not in _shown(qtbot, CustomerState(off, STALY))
