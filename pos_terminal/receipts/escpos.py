"""A receipt as ESC/POS bytes for a thermal printer: text mode, code page CP852 (Polish).

Pure bytes, no printer library (the print queue, hardware/printers, sends them). The
number that selects CP852 (ESC t n) is 18 on Epson and most compatibles, another on some
clones (their profile in python-escpos's printer database says which: `pos_terminal.printing`
looks it up), and a printer without a cutter gets no cut.
The layout counts printer columns — 48 for 80 mm paper (72 mm printable, Font A), 32 for
58 mm (48 mm printable). Characters CP852 lacks are replaced before the layout is counted,
so every printed line fits the width.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from pos_terminal.domain.receipt import ReceiptDocument
from pos_terminal.receipts import clean, fit, wrap

ESC, GS = b"\x1b", b"\x1d"
INIT = ESC + b"@"
CODE_PAGE_CP852 = ESC + b"t\x12"  # code page 18 on Epson-compatible printers
BOLD_ON, BOLD_OFF = ESC + b"E\x01", ESC + b"E\x00"
DOUBLE_HEIGHT, NORMAL_SIZE = GS + b"!\x01", GS + b"!\x00"  # double height keeps the columns
FEED = ESC + b"d\x04"  # print and feed four lines, so the cut clears the text
PARTIAL_CUT = GS + b"V\x42\x00"  # feed to the cutter, then a partial cut
ENCODING = "cp852"
INDENT = 2
NBSP = "\u00a0"  # kept through the layout so "5 %" and "1 234,50 zł" never break
MIN_COLUMNS = 16

# Typography CP852 has no byte for, in plain characters a cashier would write.
_REPLACEMENTS = str.maketrans(
    {
        "−": "-",  # the typographic minus of formatting.discount
        "\u202f": NBSP,
        "–": "-",
        "—": "-",
        "„": '"',
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "…": "...",
        "€": "EUR",
    }
)


@lru_cache(maxsize=4096)
def _encodable(char: str) -> bool:
    try:
        char.encode(ENCODING)
    except UnicodeEncodeError:
        return False
    return True


def _fallback(char: str) -> str:
    """A letter CP852 lacks as its base letter ("ő" is there, "ŷ" → "y"), else "?"."""
    if unicodedata.combining(char):
        return ""
    base = "".join(
        c
        for c in unicodedata.normalize("NFKD", char)
        if not unicodedata.combining(c) and _encodable(c) and unicodedata.category(c)[0] != "C"
    )
    return base or "?"


def printable(text: str) -> str:
    """`text` as the printer can print it: every character exists in CP852, one column each."""
    text = clean(text).translate(_REPLACEMENTS)
    return "".join(char if _encodable(char) else _fallback(char) for char in text)


def _line(text: str, *, bold: bool = False) -> bytes:
    body = text.replace(NBSP, " ").encode(ENCODING)
    return (BOLD_ON + body + BOLD_OFF if bold else body) + b"\n"


def _centred(text: str, columns: int, *, bold: bool = False) -> bytes:
    return b"".join(
        _line(row.center(columns).rstrip(), bold=bold)
        for row in wrap(printable(text), columns, len)
    )


def render_escpos(
    doc: ReceiptDocument, *, columns: int = 48, code_page: int = 18, cut: bool = True
) -> bytes:
    """The receipt as bytes: init, CP852 (ESC t `code_page`), the text in `columns` columns,
    feed, partial cut."""
    if columns < MIN_COLUMNS:
        raise ValueError(f"a receipt needs at least {MIN_COLUMNS} columns, not {columns}")
    if not 0 <= code_page <= 255:
        raise ValueError(f"ESC t takes a code page from 0 to 255, not {code_page}")
    out = bytearray(INIT + ESC + b"t" + bytes([code_page]))
    shop, *rest = doc.header.lines
    out += DOUBLE_HEIGHT + _centred(shop, columns, bold=True) + NORMAL_SIZE
    for text in rest:
        out += _centred(text, columns)
    for title in doc.titles:
        out += _centred(title, columns, bold=True)
    rule = _line("-" * columns)
    for section in doc.sections:
        out += rule
        for line in section:
            indent = INDENT if line.indent else 0
            width = columns - indent
            rows = fit(printable(line.left), printable(line.right), width, len, gap=1)
            for left, right in rows:
                text = " " * indent + left + " " * (width - len(left) - len(right)) + right
                out += _line(text.rstrip(), bold=line.emphasis)
    out += rule
    for text in doc.footer:
        out += _centred(text, columns)
    return bytes(out + FEED + (PARTIAL_CUT if cut else b""))
