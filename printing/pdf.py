"""PDF from resolved pages (reportlab): text as real text in the bundled fonts, barcodes as
vector bars from the same resolved geometry the label printers get."""

from __future__ import annotations

import functools
import io
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from printing import fonts, shaping
from printing.resolve import Bars, Bitmap, Matrix, Rect, ResolvedLabel, TextLine

PDF_DPI = 600  # resolution the PDF geometry is resolved at (whole dots at 600 dpi)
_NAMES = {fonts.LATIN: "PrepdeskSans", fonts.LATIN_BOLD: "PrepdeskSans-Bold", fonts.CJK: "PrepdeskCJK"}
_WHITE_IS_CLEAR = [255, 255, 255, 255, 255, 255]


@functools.cache
def _font(path: Path) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = _NAMES.get(path) or f"Prepdesk-{path.stem}"
    pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


def _draw(canvas: Canvas, label: ResolvedLabel) -> None:
    k = 72 / label.dpi
    page_h = label.height * k

    def box(x: float, y: float, w: float, h: float) -> None:
        canvas.rect(x * k, page_h - (y + h) * k, w * k, h * k, stroke=0, fill=1)

    canvas.setFillColorRGB(0, 0, 0)
    for item in label.items:
        if isinstance(item, TextLine):
            em = item.size * fonts.RESIDENT_CAP_HEIGHT / 0.73
            x = item.x * k
            if shaping.needs_shaping(item.text):
                # joined, reordered or combined letters: the shaped line as a picture at the
                # PDF's resolution (reportlab sets glyphs one by one, unshaped)
                ink = fonts.raster(item.text, round(em), item.bold).convert("RGB")
                picture = io.BytesIO()
                ink.save(picture, format="PNG")
                w, h = ink.width * k, ink.height * k
                canvas.drawImage(ImageReader(picture), x, page_h - item.y * k - h, w, h, mask=_WHITE_IS_CLEAR)
                continue
            baseline = page_h - (item.y + fonts.BASELINE * em) * k
            for path, part in fonts.runs(item.text, item.bold):
                name = _font(path)
                canvas.setFont(name, em * k)
                canvas.drawString(x, baseline, part)
                x += canvas.stringWidth(part, name, em * k)
        elif isinstance(item, Bars):
            start = None
            for i, m in enumerate(item.modules + "0"):
                if m == "1" and start is None:
                    start = i
                elif m == "0" and start is not None:
                    box(item.x + start * item.module, item.y, (i - start) * item.module, item.height)
                    start = None
        elif isinstance(item, Matrix):  # QR and Data Matrix: the cells resolved once
            cell = item.module
            for r, row in enumerate(item.cells):
                start = None  # a run of dark cells is one rectangle: no hairline seams between them
                for c, dark in enumerate((*row, False)):
                    if dark and start is None:
                        start = c
                    elif not dark and start is not None:
                        box(item.x + start * cell, item.y + r * cell, (c - start) * cell, cell)
                        start = None
        elif isinstance(item, Rect):
            if item.filled:
                box(item.x, item.y, item.w, item.h)
            else:
                t = item.thickness
                box(item.x, item.y, item.w, t)
                box(item.x, item.y + item.h - t, item.w, t)
                box(item.x, item.y, t, item.h)
                box(item.x + item.w - t, item.y, t, item.h)
        elif isinstance(item, Bitmap):
            # the photo itself, in grey, at the size its 1-bit version takes on a label
            w, h = item.image.width * k, item.image.height * k
            try:
                canvas.drawImage(
                    ImageReader(io.BytesIO(item.content)), item.x * k, page_h - item.y * k - h, w, h
                )
            except Exception:  # a photo reportlab cannot read: the thresholded one
                buffer = io.BytesIO()
                item.image.save(buffer, format="PNG")
                canvas.drawImage(ImageReader(buffer), item.x * k, page_h - item.y * k - h, w, h)


def render_pdf(pages: list[ResolvedLabel]) -> bytes:
    """One PDF, a page per resolved label (each page its own size)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=1)
    canvas.setCreator("Prepdesk")
    for page in pages:
        k = 72 / page.dpi
        canvas.setPageSize((page.width * k, page.height * k))
        _draw(canvas, page)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
