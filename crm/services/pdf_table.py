"""A table as a PDF: landscape A4, DejaVu Sans embedded, the header row on every page.

The standard PDF fonts have no Polish letters, so the table embeds DejaVu Sans from the
repository's resources/fonts, which an installed package puts in
`<prefix>/share/pos-terminal/fonts` (the terminal does the same for receipts; the CRM finds
the folder itself, as it never imports the terminal). Rows are one line each, a text too wide
for its column cut with "…", so the page count is known up front ("Strona 2 z 7").
Column widths follow the content: each column gets what its longest text needs, and when
the page is too narrow for all of them the widest are trimmed first.
"""

from __future__ import annotations

import io
import sys
import sysconfig
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import Color  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4, landscape  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

REGULAR, BOLD = "CrmDejaVuSans", "CrmDejaVuSans-Bold"
_FONT_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 12 * mm
PADDING = 4.0  # points of space either side of a cell's text
SHADE = Color(0.93, 0.93, 0.93)
RULE = Color(0.6, 0.6, 0.6)

_lock = threading.Lock()
# reportlab keeps an embedded font's subset state on the shared TTFont: one render at a time.
_render_lock = threading.Lock()
_glyphs: dict[str, frozenset[int]] = {}


def resource_path(*parts: str) -> Path:
    """A file under the repository's resources/ (or a PyInstaller bundle's), or where an
    installed package put it: `<prefix>/share/pos-terminal/` (pyproject's data-files)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle).joinpath("resources", *parts)
    checkout = Path(__file__).resolve().parents[2].joinpath("resources", *parts)
    if checkout.exists():
        return checkout
    schemes = (sysconfig.get_default_scheme(), sysconfig.get_preferred_scheme("user"))
    installed = [
        Path(sysconfig.get_path("data", scheme)).joinpath("share", "pos-terminal", *parts)
        for scheme in schemes
    ]
    return next((path for path in installed if path.exists()), checkout)


def register_fonts() -> None:
    if len(_glyphs) == len(_FONT_FILES):
        return
    with _lock:
        for name, file in _FONT_FILES.items():
            if name not in _glyphs:
                font = TTFont(name, str(resource_path("fonts", file)))
                pdfmetrics.registerFont(font)
                _glyphs[name] = frozenset(font.face.charToGlyph)


def _drawable(text: str, font: str) -> str:
    """One printable line: breaks and tabs as spaces, controls dropped, "?" for no glyph."""
    glyphs = _glyphs[font]
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char.isspace():
            out.append(" ")
        elif unicodedata.category(char)[0] != "C":
            out.append(char if ord(char) in glyphs else "?")
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    subtitle: str  # the filter and the date
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    right_aligned: frozenset[int] = frozenset()  # column indexes of numbers
    footer: str = ""


@dataclass(frozen=True, slots=True)
class _Style:
    size: float
    row: float  # row height

    @property
    def header(self) -> float:
        return 2 * self.row + 2


def _width(text: str, font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, font, size))


def _fit(text: str, width: float, font: str, size: float) -> str:
    """`text`, cut with "…" where it must to fit `width`."""
    if _width(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        middle = (low + high + 1) // 2
        if _width(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…" if low else ""


def _header_lines(text: str, width: float, size: float) -> list[str]:
    """A header label in at most two lines, broken at a space if it must be."""
    if _width(text, BOLD, size) <= width or " " not in text:
        return [_fit(text, width, BOLD, size)]
    words = text.split(" ")
    for cut in range(len(words) - 1, 0, -1):
        first = " ".join(words[:cut])
        if _width(first, BOLD, size) <= width:
            return [first, _fit(" ".join(words[cut:]), width, BOLD, size)]
    return [_fit(words[0], width, BOLD, size), _fit(" ".join(words[1:]), width, BOLD, size)]


def _column_widths(table: Table, size: float, available: float) -> list[float]:
    """Widths that sum to `available`: natural widths, the widest trimmed to a common cap
    when they do not fit, spare room shared out in proportion."""
    natural = []
    for index, header in enumerate(table.headers):
        longest_word = max(_width(word, BOLD, size) for word in header.split(" "))
        content = max((_width(row[index], REGULAR, size) for row in table.rows), default=0.0)
        natural.append(max(longest_word, content, 12.0) + 2 * PADDING)
    total = sum(natural)
    if total <= available:
        return [width + (available - total) * width / total for width in natural]
    low, high = 0.0, max(natural)
    for _ in range(40):  # the cap c with Σ min(natural, c) = available
        cap = (low + high) / 2
        low, high = (cap, high) if sum(min(w, cap) for w in natural) < available else (low, cap)
    widths = [min(width, low) for width in natural]
    spare = available - sum(widths)
    return [width + spare / len(widths) for width in widths]


def render(table: Table) -> bytes:
    register_fonts()
    headers = [_drawable(text, BOLD) for text in table.headers]
    rows = [[_drawable(text, REGULAR) for text in row] for row in table.rows]
    clean = Table(table.title, table.subtitle, headers, rows, table.right_aligned, table.footer)
    style = _Style(7.5, 11.0) if len(headers) <= 12 else _Style(6.5, 9.5)
    with _render_lock:
        return _draw(clean, style)


def _draw(table: Table, style: _Style) -> bytes:
    available = PAGE_WIDTH - 2 * MARGIN
    widths = _column_widths(table, style.size, available)
    lefts = [MARGIN + sum(widths[:index]) for index in range(len(widths))]
    top = PAGE_HEIGHT - MARGIN - 30  # below the title and the subtitle
    per_page = max(1, int((top - style.header - MARGIN - 14) // style.row))
    pages = max(1, -(-len(table.rows) // per_page))
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        invariant=True,
        pageCompression=1,
        initialFontName=REGULAR,
    )
    canvas.setTitle(table.title)
    canvas.setCreator("pos-crm")
    for page in range(pages):
        _page_frame(canvas, table, page, pages)
        _header_row(canvas, table=table, style=style, widths=widths, lefts=lefts, top=top)
        y = top - style.header
        for number, row in enumerate(table.rows[page * per_page : (page + 1) * per_page]):
            if number % 2:
                canvas.setFillColor(SHADE)
                canvas.rect(MARGIN, y - style.row, available, style.row, stroke=0, fill=1)
                canvas.setFillColor(Color(0, 0, 0))
            canvas.setFont(REGULAR, style.size)
            baseline = y - style.row + 0.3 * style.row
            for index, text in enumerate(row):
                shown = _fit(text, widths[index] - 2 * PADDING, REGULAR, style.size)
                if index in table.right_aligned:
                    right = lefts[index] + widths[index] - PADDING
                    canvas.drawRightString(right, baseline, shown)
                else:
                    canvas.drawString(lefts[index] + PADDING, baseline, shown)
            y -= style.row
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, y, MARGIN + available, y)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _page_frame(canvas: Canvas, table: Table, page: int, pages: int) -> None:
    canvas.setFillColor(Color(0, 0, 0))
    canvas.setFont(BOLD, 13)
    canvas.drawString(MARGIN, PAGE_HEIGHT - MARGIN - 10, _drawable(table.title, BOLD))
    canvas.setFont(REGULAR, 8.5)
    subtitle = _fit(_drawable(table.subtitle, REGULAR), PAGE_WIDTH - 2 * MARGIN, REGULAR, 8.5)
    canvas.drawString(MARGIN, PAGE_HEIGHT - MARGIN - 23, subtitle)
    canvas.setFont(REGULAR, 7.5)
    canvas.drawString(MARGIN, MARGIN - 12, _drawable(table.footer, REGULAR))
    canvas.drawRightString(PAGE_WIDTH - MARGIN, MARGIN - 12, f"Strona {page + 1} z {pages}")


def _header_row(
    canvas: Canvas,
    *,
    table: Table,
    style: _Style,
    widths: list[float],
    lefts: list[float],
    top: float,
) -> None:
    available = sum(widths)
    canvas.setFillColor(SHADE)
    canvas.rect(MARGIN, top - style.header, available, style.header, stroke=0, fill=1)
    canvas.setFillColor(Color(0, 0, 0))
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, top - style.header, MARGIN + available, top - style.header)
    canvas.setFont(BOLD, style.size)
    for index, header in enumerate(table.headers):
        lines = _header_lines(header, widths[index] - 2 * PADDING, style.size)
        for number, text in enumerate(lines):
            baseline = top - style.row * (number + 1) + 0.3 * style.row
            if index in table.right_aligned:
                canvas.drawRightString(lefts[index] + widths[index] - PADDING, baseline, text)
            else:
                canvas.drawString(lefts[index] + PADDING, baseline, text)
