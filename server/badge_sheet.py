"""The sheet of badge cards a prep center prints for its operators: A4, 2 x 5 cards a page, each
with the operator's name, the prep center and the Code 128 barcode PDB-<badge> a table's scanner
signs the operator in with.

Names are written in any script, from the fonts the labels use (`printing.fonts`: DejaVu for
Latin, Greek and Cyrillic, Droid for Chinese, Japanese and Korean, Noto for Hebrew, Arabic,
Devanagari and Thai), each run of a name in the font that draws it, as real text. A name whose
letters join or run right to left (Arabic, Hebrew, Devanagari, Thai) is shaped as a label's line
is (`printing.shaping`: FriBiDi, then HarfBuzz) and drawn as that picture at 600 dpi, with the
name as invisible text over it, so the PDF can still be searched and read back. A name too wide
for its card is set smaller, down to a floor, then cut with "…".
"""

from __future__ import annotations

import functools
import io
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.i18n import tr

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

_DPI = 600  # a shaped line's picture
_INVISIBLE = 3  # PDF text render modes: neither filled nor stroked (searchable, not seen),
_FILL_AND_OUTLINE = 2  # filled and outlined
_WHITE_IS_CLEAR = [255, 255, 255, 255, 255, 255]


@functools.cache
def _font(path: Path) -> str:
    """The bundled font file registered with reportlab, by the name it is set with."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = f"PrepdeskBadge-{path.stem}"
    pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


class _Line:
    """One line of text in any script, measured and drawn at a size in points."""

    def __init__(self, text: str, bold: bool) -> None:
        from printing import fonts, shaping

        self.text = fonts.drawable(fonts.clean(text))
        self.bold = bold
        self.shaped = shaping.needs_shaping(self.text) and shaping.available()

    def runs(self) -> list[tuple[Path, str]]:
        """(font file, text) as set from left to right: a shaped line's runs in visual order, a
        right-to-left run's letters reversed, as PDF text is stored and read back."""
        from printing import fonts, shaping

        if not self.shaped:
            return list(fonts.runs(self.text, self.bold))
        placed = shaping.visual_order(list(fonts.shaped_runs(self.text, self.bold)))
        return [(run.font, run.text[::-1] if run.level % 2 else run.text) for run in placed]

    @property
    def right_to_left(self) -> bool:
        """Whether the line reads from the right (its first strong letter is Hebrew or Arabic)."""
        for char in self.text:
            direction = unicodedata.bidirectional(char)
            if direction in ("L", "R", "AL"):
                return direction != "L"
        return False

    def width(self, size: float) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        from printing import fonts

        if self.shaped:
            return fonts.outline_width(self.text, round(size * _DPI / 72), self.bold) * 72 / _DPI
        return sum(stringWidth(part, _font(path), size) for path, part in self.runs())

    def fitted(self, size: float, floor: float, room: float) -> tuple[_Line, float]:
        """This line at the largest size from `size` down to `floor` that fits `room` points,
        else at `floor` cut short with "…"."""
        while size > floor and self.width(size) > room:
            size = max(floor, size - 0.5)
        line = self
        while line.width(size) > room and len(line.text) > 1:
            line = _Line(line.text[: len(line.text) - 2].rstrip() + "…", self.bold)
        return line, size

    def draw(self, pdf: Canvas, x: float, baseline: float, size: float, room: float) -> None:
        """The line from `x`, or ending at `x + room` when it reads from the right."""
        from printing import fonts

        if self.right_to_left:
            x += room - self.width(size)
        if self.shaped:
            self._picture(pdf, x, baseline, size)
        pdf.saveState()  # the text render mode and line width outlive the text object
        pdf.setLineWidth(size / 30)
        text = pdf.beginText(x, baseline)
        for path, part in self.runs():
            # The CJK font has no bold: its letters are outlined too, as on a label.
            mode = _INVISIBLE if self.shaped else _FILL_AND_OUTLINE if self.bold and path == fonts.CJK else 0
            text.setTextRenderMode(mode)
            text.setFont(_font(path), size)
            text.textOut(part)
        pdf.drawText(text)
        pdf.restoreState()

    def _picture(self, pdf: Canvas, x: float, baseline: float, size: float) -> None:
        from reportlab.lib.utils import ImageReader

        from printing import fonts

        ink = fonts.raster(self.text, round(size * _DPI / 72), self.bold).convert("RGB")
        picture = io.BytesIO()
        ink.save(picture, format="PNG")
        k = 72 / _DPI
        top = baseline + fonts.BASELINE * size  # the raster's baseline is 0.95 em from its top
        w, h = ink.width * k, ink.height * k
        pdf.drawImage(ImageReader(picture), x, top - h, w, h, mask=_WHITE_IS_CLEAR)


def badge_sheet_pdf(operators: list[dict[str, Any]], center_name: str) -> bytes:
    """The sheet for `operators` ({"code", "name", "badge"}) of the prep center `center_name`."""
    from reportlab.graphics.barcode import code128
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, pageCompression=1)
    pdf.setTitle(tr("Badges of {center}", center=center_name))
    pdf.setCreator("Prepdesk")
    width, height = A4
    card_w, card_h = 85 * mm, 54 * mm
    margin_x = (width - 2 * card_w) / 3
    margin_y = (height - 5 * card_h) / 6
    room = card_w - 10 * mm
    for index, operator in enumerate(operators):
        if index and index % 10 == 0:
            pdf.showPage()
        slot = index % 10
        x = margin_x + (slot % 2) * (card_w + margin_x)
        y = height - (slot // 2 + 1) * (card_h + margin_y)
        pdf.setDash(2, 2)
        pdf.rect(x, y, card_w, card_h)
        pdf.setDash()
        name, size = _Line(operator["name"], bold=True).fitted(16, 8, room)
        name.draw(pdf, x + 5 * mm, y + card_h - 12 * mm, size, room)
        where, size = _Line(f"{center_name} · {operator['code']}", bold=False).fitted(9, 6, room)
        where.draw(pdf, x + 5 * mm, y + card_h - 18 * mm, size, room)
        value = "PDB-" + operator["badge"]
        barcode = code128.Code128(value, barHeight=16 * mm, barWidth=0.33 * mm, humanReadable=True)
        barcode.drawOn(pdf, x + (card_w - barcode.width) / 2, y + 6 * mm)
    if not operators:
        _Line(tr("No operators."), bold=False).draw(pdf, 40, height - 60, 12, width - 80)
    pdf.showPage()
    pdf.save()
    return out.getvalue()
