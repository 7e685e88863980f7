"""Receipt renderers: a `ReceiptDocument` to a PDF (`pdf.render_pdf`) or to ESC/POS bytes for a
thermal printer (`escpos.render_escpos`).

Both lay a line out the same way, with the helpers here and their own way of measuring
text (points of a font, or printer columns): the left text wraps at word boundaries, the
amount sits right-aligned on its last row, and an amount never breaks.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

Measure = Callable[[str], float]
Row = tuple[str, str]  # (left text, right-aligned text)

_NBSP = "\u00a0"


def clean(text: str) -> str:
    """One printable line: composed characters, any line break or tab as a space, control
    and format characters dropped (a product name must never smuggle in printer commands)."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char.isspace() and char != _NBSP:
            out.append(" ")
        elif unicodedata.category(char)[0] != "C":
            out.append(char)
    return "".join(out)


def _cut(word: str, width: float, measure: Measure) -> int:
    """How many characters of `word` fit in `width` (at least one, so wrapping moves on)."""
    fits = 1
    while fits < len(word) and measure(word[: fits + 1]) <= width:
        fits += 1
    return fits


def _words(text: str) -> list[str]:
    """Words split at plain spaces (never at a no-break space), a one-letter word kept with
    the next one: Polish typography leaves no "w", "z" or "i" at the end of a row."""
    words: list[str] = []
    glue = False
    for word in text.split(" "):
        if not word:
            continue
        if glue:
            words[-1] = f"{words[-1]} {word}"
        else:
            words.append(word)
        glue = len(word) == 1 and word.isalpha()
    return words


def wrap(text: str, width: float, measure: Measure) -> list[str]:
    """Words filled into rows no wider than `width`; a word wider than a row is broken where
    it must."""
    rows: list[str] = []
    current = ""
    for word in _words(text):
        candidate = f"{current} {word}" if current else word
        if measure(candidate) <= width:
            current = candidate
            continue
        if current:
            rows.append(current)
        rest = word
        while measure(rest) > width:
            cut = _cut(rest, width, measure)
            rows.append(rest[:cut])
            rest = rest[cut:]
        current = rest
    if current:
        rows.append(current)
    return rows or [""]


def fit(left: str, right: str, width: float, measure: Measure, *, gap: float) -> list[Row]:
    """Rows for one receipt line: `left` wrapped, `right` aligned on the last row.

    When the amount leaves at least half the width, the text wraps in the space beside it;
    otherwise the text takes the full width and the amount gets a row of its own.
    """
    if not right:
        return [(row, "") for row in wrap(left, width, measure)]
    right_width = measure(right)
    if right_width > width:  # only on absurdly narrow paper: the amount itself must wrap
        amount = [("", row) for row in wrap(right, width, measure)]
        return [(row, "") for row in wrap(left, width, measure) if row] + amount
    beside = width - gap - right_width
    if beside >= width / 2 or not left:
        rows = wrap(left, beside, measure) if left else [""]
        return [(row, "") for row in rows[:-1]] + [(rows[-1], right)]
    rows = wrap(left, width, measure)
    if measure(rows[-1]) <= beside:
        return [(row, "") for row in rows[:-1]] + [(rows[-1], right)]
    return [(row, "") for row in rows] + [("", right)]
