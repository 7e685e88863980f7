"""What a row of the search's results shows beside the customer: a card, and the credits
the customer can spend now — read for the shown rows only, in one statement, so the
per-keystroke budget holds (bench/store.py measures it with the search).

Credits follow the rule of `balances.py` (`BalanceRepository.available`): the CRM's last
snapshot less this terminal's effects the snapshot does not include yet, read as the two
ranges of `ix_customer_effect_pending` it reads; tests/db/test_search_ranking.py holds the
two to the same figure.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Connection, text

from loyalty.money import Money

NO_CREDITS = Money(0)


@dataclass(frozen=True, slots=True)
class RowExtras:
    card_number: str | None = None  # the printed number of a card not blocked
    credits: Money = NO_CREDITS


_EXTRAS = text(
    """
    WITH
    shown(customer_id) AS (SELECT value FROM json_each(:ids)),
    pulled(balances_to) AS (
        SELECT coalesce((SELECT position FROM sync_stream WHERE stream = 'balances'), 0)
    )
    SELECT
        shown.customer_id,
        -- a card that never expires, else the one that expires last
        (SELECT number FROM card
         WHERE card.customer_id = shown.customer_id AND card.blocked = 0
         ORDER BY card.expires_on IS NOT NULL, card.expires_on DESC LIMIT 1),
        coalesce(snapshot.credits_minor, 0)
        - (SELECT coalesce(sum(credits_used_minor), 0) FROM customer_effect
           WHERE customer_id = shown.customer_id AND reflected_seq IS NULL)
        - (SELECT coalesce(sum(credits_used_minor), 0) FROM customer_effect
           WHERE customer_id = shown.customer_id
             AND reflected_seq > max(coalesce(snapshot.as_of_seq, 0), pulled.balances_to))
    FROM shown CROSS JOIN pulled
    LEFT JOIN balance_snapshot AS snapshot ON snapshot.customer_id = shown.customer_id
    """
)


def row_extras(connection: Connection, customer_ids: list[str]) -> dict[str, RowExtras]:
    if not customer_ids:
        return {}
    rows = connection.execute(_EXTRAS, {"ids": json.dumps(customer_ids)})
    return {customer_id: RowExtras(card, Money(credits)) for customer_id, card, credits in rows}
