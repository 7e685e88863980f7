"""The text a customer's fields may hold, wherever they are typed: at the till, in the CRM,
in an imported file.

One line each, no control characters (NUL, tab, line breaks, escape and the like: a
receipt, a CSV export or a search would carry them on), and a length that fits a receipt
line and a database column.
"""

from __future__ import annotations

import unicodedata

NAME_MAX = 300
CITY_MAX = 200
STREET_MAX = 200
BUILDING_MAX = 20
TAG_MAX = 100
TAGS_MAX = 50  # per customer: tags are filters, not notes

NO_CONTROL_CHARACTERS = "no control characters (tabs, line breaks, NUL)"

# Unicode's control characters, and its line and paragraph separators.
_REFUSED_CATEGORIES = frozenset({"Cc", "Zl", "Zp"})


def has_control_characters(text: str) -> bool:
    return any(unicodedata.category(char) in _REFUSED_CATEGORIES for char in text)
