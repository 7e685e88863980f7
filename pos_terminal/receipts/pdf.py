"""A receipt as a PDF: one long page the width of a thermal roll, DejaVu Sans embedded.

The standard PDF fonts have no Polish letters (Helvetica prints boxes for "ąęł"), so the
receipt embeds DejaVu Sans, shipped in resources/fonts. The page is as tall as its content.
The PDF is a non-fiscal printout: for e-mail, saving, or a printer driven through CUPS.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from pos_terminal.domain.receipt import ReceiptDocument
from pos_terminal.paths import resource_path
from pos_terminal.receipts import Measure, clean, fit, wrap

REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"
_FONT_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
_MARGIN_TOP, _MARGIN_BOTTOM = 4 * mm, 8 * mm
_LEADING = 1.3  # row height in font sizes
_INDENT = 1.5  # in font sizes

_lock = threading.Lock()
# reportlab keeps each embedded font's subset state on the shared TTFont object, and two
# documents saved at once can corrupt it (an IndexError in addSubsetObjects): one at a time.
_render_lock = threading.Lock()
_glyphs: dict[str, frozenset[int]] = {}  # registered font → the code points it can draw


@dataclass(frozen=True, slots=True)
class Paper:
    width_mm: float
    printable_mm: float
    font_size: float  # points


PAPERS = {80: Paper(80, 72, 8.0), 58: Paper(58, 48, 7.0)}


@dataclass(frozen=True, slots=True)
class _Row:
    left: str = ""
    right: str = ""
    font: str = REGULAR
    size: float = 8.0
    indent: float = 0.0
    centred: bool = False
    rule: bool = False  # a dashed separator instead of text

    @property
    def height(self) -> float:
        return self.size * (0.9 if self.rule else _LEADING)


def register_fonts() -> None:
    """Register DejaVu Sans (regular and bold) with reportlab once, from any thread."""
    if len(_glyphs) == len(_FONT_FILES):
        return
    with _lock:
        for name, file in _FONT_FILES.items():
            if name not in _glyphs:
                font = TTFont(name, str(resource_path("fonts", file)))
                pdfmetrics.registerFont(font)
                _glyphs[name] = frozenset(font.face.charToGlyph)


def _drawable(text: str, font: str) -> str:
    """Printable text, with "?" for any character the font has no glyph for."""
    glyphs = _glyphs[font]
    return "".join(char if ord(char) in glyphs else "?" for char in clean(text))


def _measure(font: str, size: float) -> Measure:
    def width(text: str) -> float:
        return float(pdfmetrics.stringWidth(text, font, size))

    return width


def _layout(doc: ReceiptDocument, paper: Paper) -> list[_Row]:
    size, width = paper.font_size, paper.printable_mm * mm
    rows: list[_Row] = []

    def centred(text: str, *, font: str = REGULAR, scale: float = 1.0) -> None:
        rows.extend(
            _Row(row, font=font, size=size * scale, centred=True)
            for row in wrap(_drawable(text, font), width, _measure(font, size * scale))
        )

    shop, *address = doc.header.lines
    centred(shop, font=BOLD, scale=1.4)
    for text in address:
        centred(text)
    for title in doc.titles:
        centred(title, font=BOLD, scale=1.2)
    for section in doc.sections:
        rows.append(_Row(size=size, rule=True))
        for line in section:
            font = BOLD if line.emphasis else REGULAR
            indent = _INDENT * size if line.indent else 0.0
            left, right = _drawable(line.left, font), _drawable(line.right, font)
            for text, amount in fit(left, right, width - indent, _measure(font, size), gap=size):
                rows.append(_Row(text, amount, font=font, size=size, indent=indent))
    rows.append(_Row(size=size, rule=True))
    for text in doc.footer:
        centred(text, scale=0.9)
    return rows


def render_pdf(doc: ReceiptDocument, *, paper_mm: int = 80) -> bytes:
    """The receipt on 80 mm (72 mm printable) or 58 mm (48 mm printable) paper."""
    paper = PAPERS.get(paper_mm)
    if paper is None:
        raise ValueError(f"paper of {paper_mm} mm is not supported: use one of {sorted(PAPERS)}")
    register_fonts()
    rows = _layout(doc, paper)
    height = _MARGIN_TOP + sum(row.height for row in rows) + _MARGIN_BOTTOM
    with _render_lock:
        return _draw(rows, paper, height, doc.header.shop_name)


def _draw(rows: list[_Row], paper: Paper, height: float, title: str) -> bytes:
    page_width = paper.width_mm * mm
    left_x = (paper.width_mm - paper.printable_mm) / 2 * mm
    right_x = page_width - left_x
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(page_width, height),
        invariant=True,
        pageCompression=1,
        initialFontName=REGULAR,  # else Helvetica, which has no Polish letters, is listed too
    )
    canvas.setTitle(title)
    canvas.setCreator("pos-terminal")
    canvas.setLineWidth(0.5)
    canvas.setDash(1.5, 1.5)
    y = height - _MARGIN_TOP
    for row in rows:
        y -= row.height
        if row.rule:
            canvas.line(left_x, y + row.height / 2, right_x, y + row.height / 2)
            continue
        baseline = y + 0.3 * row.size
        canvas.setFont(row.font, row.size)
        if row.centred:
            canvas.drawCentredString(page_width / 2, baseline, row.left)
            continue
        canvas.drawString(left_x + row.indent, baseline, row.left)
        if row.right:
            canvas.drawRightString(right_x, baseline, row.right)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
