"""Card reads in every reader format, typed numbers and search picks → the customer, with
what they have available now."""

from __future__ import annotations

from datetime import date

import pytest

from loyalty.card_codes import w26
from pos_terminal.db.store import Store
from pos_terminal.services.identify import (
    IdentifyStatus,
    identify_by_card,
    identify_by_id,
    identify_by_number,
)

from .conftest import JAN, OLD, STALY, TODAY, ZOLC, seed

JAN_CARD = 6547886  # enrolled as the 10-digit "0006547886"


@pytest.mark.parametrize(
    "read",
    [
        "0006547886",  # 10-digit decimal
        " 0006547886\r\n",  # with the terminator a wedge reader types
        "0063E9AE",  # hex, most significant byte first
        "0063e9ae",
        "AEE96300",  # hex, byte-reversed (a Mifare reader in the other mode)
        "010063E9AE",  # the RDM6300 serial payload with its version byte
        w26(JAN_CARD),  # "099,59822": W26 facility + card number
    ],
)
def test_a_card_is_found_in_every_reader_format(store: Store, read: str) -> None:
    seed(store)
    with store.unit_of_work(read_only=True) as tx:
        result = identify_by_card(tx, read, today=TODAY, business_date=TODAY)
    assert result.status is IdentifyStatus.FOUND, result
    assert result.state is not None and result.state.customer == JAN
    assert result.state.group == STALY


def test_found_customer_comes_with_what_is_available_now(store: Store) -> None:
    seed(store)
    with store.unit_of_work(read_only=True) as tx:
        state = identify_by_card(tx, "0006547886", today=TODAY, business_date=TODAY).state
    assert state is not None
    assert (state.credits.minor, state.wallet.minor, state.points) == (5000, 20000, 120)
    assert state.group_discount_used_today.minor == 0


def test_blocked_expired_unknown_and_unreadable_cards_are_told_apart(store: Store) -> None:
    seed(store)
    with store.unit_of_work(read_only=True) as tx:
        blocked = identify_by_card(tx, "0008844356", today=TODAY, business_date=TODAY)
        expired = identify_by_card(tx, "0000000777", today=TODAY, business_date=TODAY)
        still_valid = identify_by_card(
            tx, "0000000777", today=date(2026, 1, 31), business_date=TODAY
        )
        unknown = identify_by_card(tx, "0000123456", today=TODAY, business_date=TODAY)
        unreadable = identify_by_card(tx, "%%%", today=TODAY, business_date=TODAY)
        deactivated = identify_by_card(tx, "0013961168", today=TODAY, business_date=TODAY)
    assert blocked.status is IdentifyStatus.BLOCKED_CARD
    assert blocked.state is not None and blocked.state.customer == ZOLC  # shown, not attached
    assert expired.status is IdentifyStatus.EXPIRED_CARD
    assert still_valid.status is IdentifyStatus.FOUND
    assert unknown.status is IdentifyStatus.UNKNOWN_CARD and unknown.state is None
    assert unreadable.status is IdentifyStatus.UNREADABLE
    assert deactivated.status is IdentifyStatus.DEACTIVATED
    assert deactivated.state is not None and deactivated.state.customer == OLD


def test_typed_card_number_and_search_pick(store: Store) -> None:
    seed(store)
    with store.unit_of_work(read_only=True) as tx:
        by_number = identify_by_number(tx, " 1001 ", today=TODAY, business_date=TODAY)
        blocked = identify_by_number(tx, "1002", today=TODAY, business_date=TODAY)
        nothing = identify_by_number(tx, "9999", today=TODAY, business_date=TODAY)
        picked = identify_by_id(tx, ZOLC.id, business_date=TODAY)
        gone = identify_by_id(tx, "c-nobody", business_date=TODAY)
    assert by_number.status is IdentifyStatus.FOUND and by_number.state is not None
    assert by_number.state.customer == JAN
    assert blocked.status is IdentifyStatus.BLOCKED_CARD
    assert nothing.status is IdentifyStatus.UNKNOWN_CARD
    assert picked.found and picked.state is not None and picked.state.customer == ZOLC
    assert gone.status is IdentifyStatus.UNKNOWN_CUSTOMER
